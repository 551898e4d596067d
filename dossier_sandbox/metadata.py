"""``$metadata``: the CSDL v4 document of the sandbox's own schema (``entities.py``, ``schema.py``).

One set of definitions decides each field's type for ``$metadata``, ``$filter`` and the payloads:
``guid`` -> ``Edm.Guid``, ``date`` -> ``Edm.Date``, ``datetime`` -> ``Edm.DateTimeOffset``, ``int`` ->
``Edm.Int32``, ``bool`` -> ``Edm.Boolean``, ``string`` -> ``Edm.String`` (with BC's ``MaxLength``),
enums -> ``EnumType`` whose members are BC's encoded names (``In_x0020_Process``; the vendor variant
writes ``InProcess``) with ordinal values; ``bc23`` types them ``Edm.String`` as BC did up to 23.
Keys and fields that always carry a value are ``Nullable="false"``. The vendor's DossierType has no
``id``: it is keyed by ``code``.

The output is deterministic; golden copies live in ``tests/fixtures/metadata/``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from xml.etree import ElementTree as ET

from dossier_sandbox.entities import (
    COMPANIES,
    CONTACTS,
    DOCUMENTS,
    DOSSIER_TYPES,
    DOSSIERS,
    WORKFLOW_LOG,
    EntitySet,
)
from dossier_sandbox.schema import ENUM_TYPES, MAX_LENGTH
from dossier_sandbox.variants import Variant, encode_name

__all__ = ["METADATA_SETS", "build_metadata", "metadata_bytes"]

METADATA_SETS: tuple[EntitySet, ...] = (DOSSIERS, DOSSIER_TYPES, CONTACTS, DOCUMENTS, WORKFLOW_LOG, COMPANIES)
NAMESPACE = "Microsoft.NAV"
_EDM_BY_KIND: Mapping[str, str] = {
    "string": "Edm.String",
    "guid": "Edm.Guid",
    "date": "Edm.Date",
    "datetime": "Edm.DateTimeOffset",
    "int": "Edm.Int32",
    "decimal": "Edm.Decimal",
    "bool": "Edm.Boolean",
}
_EDMX_NS = "http://docs.oasis-open.org/odata/ns/edmx"
_EDM_NS = "http://docs.oasis-open.org/odata/ns/edm"
_UPLOAD_RULES = (
    ("allowedExtensions", "Collection(Edm.String)"),
    ("maxFileSize", "Edm.Int64"),
    ("maxFilesPerRequest", "Edm.Int32"),
)


def _member(variant: Variant, caption: str) -> str:
    return variant.enum_out(caption) if variant.enum_style == "compact" else encode_name(caption)


def _key(variant: Variant, entity_set: EntitySet) -> str:
    return "code" if entity_set is DOSSIER_TYPES and not variant.type_has_id else "id"


def build_metadata(variant: Variant, upload_rules: bool = False) -> str:
    """CSDL v4 XML: enum types, one entity type per set, the container (``uploadRules`` if served)."""
    # Tags are written with literal prefixes (no global ET.register_namespace) so the output has
    # the usual CSDL shape: edmx:-prefixed envelope, default namespace on Schema.
    root = ET.Element("edmx:Edmx", {"xmlns:edmx": _EDMX_NS, "Version": "4.0"})
    services = ET.SubElement(root, "edmx:DataServices")
    schema = ET.SubElement(services, "Schema", {"xmlns": _EDM_NS, "Namespace": NAMESPACE})

    emitted: set[str] = set()
    for enum_name, captions in ENUM_TYPES.values():
        if enum_name in emitted or not variant.enum_types_in_metadata:
            continue
        emitted.add(enum_name)
        enum = ET.SubElement(schema, "EnumType", Name=enum_name)
        for ordinal, caption in enumerate(captions):
            ET.SubElement(enum, "Member", Name=_member(variant, caption), Value=str(ordinal))

    for entity_set in METADATA_SETS:
        key = _key(variant, entity_set)
        entity = ET.SubElement(schema, "EntityType", Name=entity_set.type_name)
        ET.SubElement(ET.SubElement(entity, "Key"), "PropertyRef", Name=key)
        lengths = MAX_LENGTH.get(entity_set.type_name, {})
        for field in entity_set.fields:
            if field.wire == "id" and key != "id":
                continue
            if field.kind == "enum" and variant.enum_types_in_metadata:
                edm = f"{NAMESPACE}.{ENUM_TYPES[field.wire][0]}"
            else:
                edm = _EDM_BY_KIND["string" if field.kind == "enum" else field.kind]
            attrs = {"Name": field.wire, "Type": edm}
            if not field.nullable or field.wire == key:
                attrs["Nullable"] = "false"
            if field.wire in lengths:
                attrs["MaxLength"] = str(lengths[field.wire])
            ET.SubElement(entity, "Property", attrs)
    if upload_rules:
        entity = ET.SubElement(schema, "EntityType", Name="uploadRules")
        for name, edm in _UPLOAD_RULES:
            ET.SubElement(entity, "Property", {"Name": name, "Type": edm, "Nullable": "false"})

    container = ET.SubElement(schema, "EntityContainer", Name="default")
    for entity_set in METADATA_SETS:
        attrs = {"Name": entity_set.name, "EntityType": f"{NAMESPACE}.{entity_set.type_name}"}
        ET.SubElement(container, "EntitySet", attrs)
    if upload_rules:
        ET.SubElement(container, "Singleton", {"Name": "uploadRules", "Type": f"{NAMESPACE}.uploadRules"})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


@functools.cache
def metadata_bytes(variant: Variant, upload_rules: bool = False) -> bytes:
    return build_metadata(variant, upload_rules).encode()
