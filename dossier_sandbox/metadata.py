"""The sandbox's schema, derived from the msgspec entity structs: CSDL ``$metadata`` and filter columns.

One set of rules decides each field's type, so ``$metadata`` and ``$filter`` always agree:

* ``id`` and ``*_id`` -> ``Edm.Guid``; ``*_date_time`` -> ``Edm.DateTimeOffset``; ``*_date`` and
  ``date_*`` -> ``Edm.Date``; ``str`` -> ``Edm.String``; ``int`` -> ``Edm.Int32``; ``float`` ->
  ``Edm.Decimal``; ``bool`` -> ``Edm.Boolean``; ``tuple[str, ...]`` -> ``Collection(Edm.String)``.
* Fields named in ``ENUM_FIELDS`` are enum types built from the ``*_VALUES`` tuples. BC writes member
  names with spaces encoded as ``_x0020_`` (``In_x0020_Process``); values are ordinals.

A struct without an ``id`` (``UploadRules``) is a single object in BC's API: it is described as an entity
type without a key and exposed as a ``Singleton`` rather than an ``EntitySet``.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from xml.etree import ElementTree as ET

import msgspec

from dossier_desk.api import models
from dossier_sandbox.odata import Column, ColumnKind

__all__ = ["ENUM_FIELDS", "build_metadata", "entity_columns", "field_kind"]

# Wire field name -> (enum type name, captions in ordinal order).
ENUM_FIELDS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "status": ("dossierStatus", models.STATUS_VALUES),
    "priority": ("dossierPriority", models.PRIORITY_VALUES),
    "category": ("dossierCategory", models.CATEGORY_VALUES),
    "documentType": ("documentType", models.DOCUMENT_TYPE_VALUES),
    "state": ("workflowState", models.WORKFLOW_STATE_VALUES),
}

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
_IDENTIFIER = re.compile(r"[A-Za-z_]\w{0,127}")


def field_kind(field: msgspec.structs.FieldInfo) -> ColumnKind | None:
    """The filter kind of a struct field; ``None`` for collections (not filterable)."""
    if field.encode_name in ENUM_FIELDS:
        return "enum"
    name, tp = field.name, field.type
    if typing.get_origin(tp) is tuple:
        return None
    if name == "id" or name.endswith("_id"):
        return "guid"
    if name.endswith("_date_time"):
        return "datetime"
    if name.endswith("_date") or name.startswith("date_"):
        return "date"
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if tp is float:
        return "decimal"
    if tp is str:
        return "string"
    raise TypeError(f"no OData type for field {field.name!r} of type {tp!r}")


def _fields(struct: type[msgspec.Struct]) -> list[msgspec.structs.FieldInfo]:
    """Entity properties: every field except the ``@odata.etag`` annotation."""
    return [f for f in msgspec.structs.fields(struct) if not f.encode_name.startswith("@")]


def entity_columns(
    struct: type[msgspec.Struct], sql_names: Mapping[str, str] | None = None
) -> dict[str, Column]:
    """Filterable columns of an entity, keyed by wire name, for ``odata.compile_filter``.

    The SQL column is the snake_case attribute name unless ``sql_names`` maps the wire name to another
    (trusted) SQL expression, e.g. ``{"lastModifiedDateTime": "last_modified"}``.
    """
    overrides = sql_names or {}
    columns: dict[str, Column] = {}
    for field in _fields(struct):
        kind = field_kind(field)
        if kind is None:
            continue
        values = ENUM_FIELDS[field.encode_name][1] if kind == "enum" else ()
        columns[field.encode_name] = Column(overrides.get(field.encode_name, field.name), kind, values)
    return columns


def _edm_type(field: msgspec.structs.FieldInfo, namespace: str) -> str:
    kind = field_kind(field)
    if kind is None:
        return "Collection(Edm.String)"
    if kind == "enum":
        return f"{namespace}.{ENUM_FIELDS[field.encode_name][0]}"
    return _EDM_BY_KIND[kind]


def _type_name(struct: type[msgspec.Struct]) -> str:
    return struct.__name__[0].lower() + struct.__name__[1:]


def _member_name(caption: str) -> str:
    """BC's member name for a caption: characters outside identifiers become ``_xHHHH_``."""
    return "".join(c if c.isalnum() or c == "_" else f"_x{ord(c):04x}_" for c in caption)


def build_metadata(entity_sets: Mapping[str, type[msgspec.Struct]], namespace: str = "Microsoft.NAV") -> str:
    """CSDL v4 XML for ``GET $metadata``: enum types, one entity type per struct, and the container.

    ``entity_sets`` maps set names (``"dossiers"``) to structs; a struct may back several sets.
    """
    for name in entity_sets:
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"not a valid entity set name: {name!r}")
    # Tags are written with literal prefixes (no global ET.register_namespace) so the output has
    # the usual CSDL shape: edmx:-prefixed envelope, default namespace on Schema.
    root = ET.Element("edmx:Edmx", {"xmlns:edmx": _EDMX_NS, "Version": "4.0"})
    services = ET.SubElement(root, "edmx:DataServices")
    schema = ET.SubElement(services, "Schema", {"xmlns": _EDM_NS, "Namespace": namespace})

    structs = list(dict.fromkeys(entity_sets.values()))
    used_enums = {f.encode_name for s in structs for f in _fields(s) if f.encode_name in ENUM_FIELDS}
    emitted: set[str] = set()
    for wire_name in ENUM_FIELDS:
        enum_name, captions = ENUM_FIELDS[wire_name]
        if wire_name not in used_enums or enum_name in emitted:
            continue
        emitted.add(enum_name)
        enum = ET.SubElement(schema, "EnumType", Name=enum_name)
        for ordinal, caption in enumerate(captions):
            ET.SubElement(enum, "Member", Name=_member_name(caption), Value=str(ordinal))

    for struct in structs:
        entity = ET.SubElement(schema, "EntityType", Name=_type_name(struct))
        fields = _fields(struct)
        if any(f.name == "id" for f in fields):
            key = ET.SubElement(entity, "Key")
            ET.SubElement(key, "PropertyRef", Name="id")
        for field in fields:
            attrs = {"Name": field.encode_name, "Type": _edm_type(field, namespace)}
            if field.name == "id":
                attrs["Nullable"] = "false"
            ET.SubElement(entity, "Property", attrs)

    container = ET.SubElement(schema, "EntityContainer", Name="default")
    for set_name, struct in entity_sets.items():
        keyed = any(f.name == "id" for f in _fields(struct))
        tag, type_attr = ("EntitySet", "EntityType") if keyed else ("Singleton", "Type")
        ET.SubElement(container, tag, {"Name": set_name, type_attr: f"{namespace}.{_type_name(struct)}"})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
