"""The golden ``$metadata`` (written from the reference documents) against the sandbox and the client.

``tests/fixtures/metadata/bc.xml`` is what Business Central 24+ and a generic OData service describe;
``bc23.xml`` is BC up to 23 (enum fields typed ``Edm.String``, captions on the wire); ``vendor.xml``
is the vendor documents' variant (DossierType keyed by ``code``, no ``id``; status member
``InProcess``). The sandbox must serve exactly these bytes. The client's models must agree with what
the documents guarantee, checked by decoding through the client's own entity decoder:

* names: every property decodes into the client field of the same wire name; a client field the
  server may not send has a default;
* required: a client field without a default is a key or ``Nullable="false"`` property;
* types: a value of each property's EDM type decodes to the same value;
* nullability: ``null`` for a nullable property decodes (a generic OData service sends it);
* enum members: every member the server may send decodes to a value the client knows.

A check that today's client fails is marked ``xfail(strict=True)`` naming the defect, so the mark
must be removed when the client is fixed (the test then passes instead of xfailing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import httpx
import msgspec
import pytest

from dossier_desk.api import models
from dossier_desk.api.paging import decode_entity
from dossier_sandbox.metadata import build_metadata
from dossier_sandbox.variants import VARIANTS, get_variant

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "metadata"
EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
GOLDEN_OF = {"bc": "bc.xml", "bc23": "bc23.xml", "odata": "bc.xml", "vendor": "vendor.xml"}
GOLDEN_FILES = ("bc.xml", "bc23.xml", "vendor.xml")
CLIENT_TYPES: dict[str, type[msgspec.Struct]] = {
    "dossier": models.Dossier,
    "dossierType": models.DossierType,
    "contact": models.Contact,
    "document": models.Document,
    "workflowEntry": models.WorkflowEntry,
    "company": models.Company,
}
CLIENT_ENUMS = {
    "dossierStatus": models.STATUS_VALUES,
    "dossierPriority": models.PRIORITY_VALUES,
    "dossierCategory": models.CATEGORY_VALUES,
    "documentType": models.DOCUMENT_TYPE_VALUES,
    "workflowState": models.WORKFLOW_STATE_VALUES,
}
SAMPLES: dict[str, Any] = {
    "Edm.Guid": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "Edm.String": "Müller & O'Brien #1 + 100% 🙂",
    "Edm.Date": "2026-03-01",
    "Edm.DateTimeOffset": "2026-03-01T10:00:00Z",
    "Edm.Int32": 3,
    "Edm.Boolean": True,
}

# Defects of the client models the golden files exposed (remove an entry when the client is fixed).
KNOWN_DEFECTS: dict[tuple[str, str, str], str] = {}


def _schema(name: str) -> ET.Element:
    schema = ET.parse(GOLDEN / name).getroot().find(f"./*/{EDM}Schema")
    assert schema is not None
    return schema


def _properties(schema: ET.Element, type_name: str) -> dict[str, tuple[str, bool]]:
    """wire name -> (EDM type, nullable) of an entity type."""
    entity = schema.find(f"{EDM}EntityType[@Name='{type_name}']")
    assert entity is not None, type_name
    return {
        p.get("Name", ""): (p.get("Type", ""), p.get("Nullable", "true") != "false")
        for p in entity.findall(f"{EDM}Property")
    }


def _enum_members(schema: ET.Element) -> dict[str, list[str]]:
    return {
        e.get("Name", ""): [m.get("Name", "") for m in e.findall(f"{EDM}Member")]
        for e in schema.findall(f"{EDM}EnumType")
    }


def _decode(struct: type[msgspec.Struct], body: dict[str, Any]) -> Any:
    response = httpx.Response(200, json=body, request=httpx.Request("GET", "http://sandbox.test/x"))
    return decode_entity(response, struct)


def _attr(struct: type[msgspec.Struct], wire: str) -> str:
    return next(f.name for f in msgspec.structs.fields(struct) if f.encode_name == wire)


def _sample(schema: ET.Element, edm: str) -> Any:
    if edm.startswith("Microsoft.NAV."):
        return _enum_members(schema)[edm.removeprefix("Microsoft.NAV.")][0]
    return SAMPLES[edm]


def _full(schema: ET.Element, type_name: str) -> dict[str, Any]:
    return {name: _sample(schema, edm) for name, (edm, _) in _properties(schema, type_name).items()}


def _cases(check: str) -> list[Any]:
    cases = []
    for golden in GOLDEN_FILES:
        for type_name in CLIENT_TYPES:
            reason = KNOWN_DEFECTS.get((check, golden, type_name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(golden, type_name, marks=marks, id=f"{golden[:-4]}-{type_name}"))
    return cases


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_sandbox_generates_the_golden_metadata(variant: str) -> None:
    assert build_metadata(get_variant(variant)) == (GOLDEN / GOLDEN_OF[variant]).read_text(encoding="utf-8")


def test_golden_files_follow_the_reference() -> None:
    bc, vendor, bc23 = _schema("bc.xml"), _schema("vendor.xml"), _schema("bc23.xml")
    assert _enum_members(bc23) == {}
    assert _properties(bc23, "dossier")["status"] == ("Edm.String", True)
    assert _enum_members(bc)["dossierStatus"] == ["New", "Open", "In_x0020_Process", "Closed", "Archived"]
    assert _enum_members(vendor)["dossierStatus"] == ["New", "Open", "InProcess", "Closed", "Archived"]
    assert "id" not in _properties(vendor, "dossierType")
    key = vendor.find(f"{EDM}EntityType[@Name='dossierType']/{EDM}Key/{EDM}PropertyRef")
    assert key is not None
    assert key.get("Name") == "code"
    overview = {  # the vendor overview's Dossier data model, field by field
        "id": "Edm.Guid",
        "no": "Edm.String",
        "description": "Edm.String",
        "primaryContactNo": "Edm.String",
        "dossierTypeCode": "Edm.String",
        "status": "Microsoft.NAV.dossierStatus",
        "documentDate": "Edm.Date",
        "startingDate": "Edm.Date",
        "endingDate": "Edm.Date",
        "dateClosed": "Edm.Date",
        "externalDocumentNo": "Edm.String",
        "yourReference": "Edm.String",
        "ourReference": "Edm.String",
        "priority": "Microsoft.NAV.dossierPriority",
        "confidentialityLevel": "Edm.Int32",
        "category": "Microsoft.NAV.dossierCategory",
    }
    dossier = _properties(bc, "dossier")
    assert {k: dossier[k][0] for k in overview} == overview


def test_client_knows_every_entity_and_enum() -> None:
    schema = _schema("bc.xml")
    types = {e.get("Name") for e in schema.findall(f"{EDM}EntityType")}
    assert types == set(CLIENT_TYPES)
    members = _enum_members(schema)
    assert set(members) == set(CLIENT_ENUMS)
    for name, captions in CLIENT_ENUMS.items():
        assert len(members[name]) == len(captions), name


@pytest.mark.parametrize(("golden", "type_name"), _cases("names"))
def test_names_and_types(golden: str, type_name: str) -> None:
    schema, struct = _schema(golden), CLIENT_TYPES[type_name]
    properties = _properties(schema, type_name)
    wire_fields = {f.encode_name for f in msgspec.structs.fields(struct)} - {"@odata.etag"}
    assert set(properties) <= wire_fields, "properties the client drops"
    decoded = _decode(struct, _full(schema, type_name))
    for name, (edm, _) in properties.items():
        if not edm.startswith("Microsoft.NAV."):
            assert getattr(decoded, _attr(struct, name)) == SAMPLES[edm], name


@pytest.mark.parametrize(("golden", "type_name"), _cases("required"))
def test_required_fields_are_guaranteed(golden: str, type_name: str) -> None:
    schema, struct = _schema(golden), CLIENT_TYPES[type_name]
    properties = _properties(schema, type_name)
    guaranteed = {name for name, (_, nullable) in properties.items() if not nullable}
    required = {f.encode_name for f in msgspec.structs.fields(struct) if f.required}
    assert required <= guaranteed
    minimal = {name: _sample(schema, properties[name][0]) for name in guaranteed}
    _decode(struct, minimal)  # only what the documents guarantee: must decode


@pytest.mark.parametrize(("golden", "type_name"), _cases("nullable"))
def test_nulls_decode_as_blanks(golden: str, type_name: str) -> None:
    schema, struct = _schema(golden), CLIENT_TYPES[type_name]
    properties = _properties(schema, type_name)
    body = _full(schema, type_name) | {name: None for name, (_, nullable) in properties.items() if nullable}
    decoded = _decode(struct, body)
    for name, (edm, nullable) in properties.items():
        if nullable and edm in ("Edm.String", "Edm.Date", "Edm.DateTimeOffset"):
            assert getattr(decoded, _attr(struct, name)) in ("", None), name


@pytest.mark.parametrize(("golden", "type_name"), _cases("enums"))
def test_every_enum_member_decodes_to_a_known_value(golden: str, type_name: str) -> None:
    schema, struct = _schema(golden), CLIENT_TYPES[type_name]
    members = _enum_members(schema)
    for name, (edm, _) in _properties(schema, type_name).items():
        if not edm.startswith("Microsoft.NAV."):
            continue
        enum = edm.removeprefix("Microsoft.NAV.")
        for member in members[enum]:
            decoded = _decode(struct, _full(schema, type_name) | {name: member})
            assert getattr(decoded, _attr(struct, name)) in CLIENT_ENUMS[enum], (name, member)
