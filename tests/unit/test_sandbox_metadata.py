"""$metadata (CSDL v4) built from the sandbox's own schema, and the filter columns of the same schema."""

from __future__ import annotations

import sqlite3
from xml.etree import ElementTree as ET

import pytest

from dossier_sandbox.entities import DOSSIERS
from dossier_sandbox.metadata import build_metadata
from dossier_sandbox.odata import compile_filter
from dossier_sandbox.schema import CATEGORY_VALUES, DOCUMENT_TYPE_VALUES, ENUM_TYPES, STATUS_VALUES
from dossier_sandbox.variants import get_variant

EDMX = "{http://docs.oasis-open.org/odata/ns/edmx}"
EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
BC = get_variant("bc")


def _schema(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{EDMX}Edmx"
    assert root.get("Version") == "4.0"
    found = root.find(f"{EDMX}DataServices/{EDM}Schema")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def schema() -> ET.Element:
    return _schema(build_metadata(BC, upload_rules=True))


def props(schema: ET.Element, type_name: str) -> dict[str, str]:
    entity = schema.find(f"{EDM}EntityType[@Name='{type_name}']")
    assert entity is not None, type_name
    return {p.get("Name", ""): p.get("Type", "") for p in entity.findall(f"{EDM}Property")}


def test_document_is_well_formed_csdl(schema: ET.Element) -> None:
    assert schema.get("Namespace") == "Microsoft.NAV"
    text = build_metadata(BC)
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<edmx:Edmx")
    assert text == build_metadata(BC)  # deterministic


def test_dossier_entity_type(schema: ET.Element) -> None:
    dossier = schema.find(f"{EDM}EntityType[@Name='dossier']")
    assert dossier is not None
    assert [r.get("Name") for r in dossier.findall(f"{EDM}Key/{EDM}PropertyRef")] == ["id"]
    types = props(schema, "dossier")
    assert list(types) == DOSSIERS.wire_names
    assert types["id"] == "Edm.Guid"
    assert types["description"] == "Edm.String"
    assert types["confidentialityLevel"] == "Edm.Int32"
    assert types["documentDate"] == types["dateClosed"] == "Edm.Date"
    assert types["lastModifiedDateTime"] == "Edm.DateTimeOffset"
    assert types["status"] == "Microsoft.NAV.dossierStatus"
    assert types["priority"] == "Microsoft.NAV.dossierPriority"
    assert types["category"] == "Microsoft.NAV.dossierCategory"
    id_prop = dossier.find(f"{EDM}Property[@Name='id']")
    assert id_prop is not None
    assert id_prop.get("Nullable") == "false"


def test_other_types(schema: ET.Element) -> None:
    assert props(schema, "dossierType")["sickness"] == "Edm.Boolean"
    document = props(schema, "document")
    assert document["dossierId"] == "Edm.Guid"
    assert document["documentType"] == "Microsoft.NAV.documentType"
    assert document["createdDateTime"] == "Edm.DateTimeOffset"
    assert document["confidential"] == "Edm.Boolean"
    assert props(schema, "workflowEntry")["state"] == "Microsoft.NAV.workflowState"
    assert props(schema, "workflowEntry")["dueDate"] == "Edm.Date"
    assert props(schema, "uploadRules")["allowedExtensions"] == "Collection(Edm.String)"


def test_enum_types_from_the_value_tuples(schema: ET.Element) -> None:
    enums = {
        e.get("Name"): [(m.get("Name"), m.get("Value")) for m in e.findall(f"{EDM}Member")]
        for e in schema.findall(f"{EDM}EnumType")
    }
    assert enums["dossierStatus"] == [
        ("New", "0"),
        ("Open", "1"),
        ("In_x0020_Process", "2"),
        ("Closed", "3"),
        ("Archived", "4"),
    ]
    assert [n for n, _ in enums["dossierCategory"]] == list(CATEGORY_VALUES)
    assert [n for n, _ in enums["documentType"]] == list(DOCUMENT_TYPE_VALUES)
    assert len(enums) == len({name for name, _ in ENUM_TYPES.values()})  # dossierCategory once
    referenced = {
        t for e in schema.findall(f"{EDM}EntityType") for t in props(schema, e.get("Name", "")).values()
    }
    for type_name in referenced:
        if type_name.startswith("Microsoft.NAV."):
            assert type_name.removeprefix("Microsoft.NAV.") in enums


def test_container(schema: ET.Element) -> None:
    container = schema.find(f"{EDM}EntityContainer")
    assert container is not None
    sets = {s.get("Name"): s.get("EntityType") for s in container.findall(f"{EDM}EntitySet")}
    assert sets == {
        "dossiers": "Microsoft.NAV.dossier",
        "dossierTypes": "Microsoft.NAV.dossierType",
        "contacts": "Microsoft.NAV.contact",
        "documents": "Microsoft.NAV.document",
        "workflowLog": "Microsoft.NAV.workflowEntry",
        "companies": "Microsoft.NAV.company",
    }
    singletons = {s.get("Name"): s.get("Type") for s in container.findall(f"{EDM}Singleton")}
    assert singletons == {"uploadRules": "Microsoft.NAV.uploadRules"}


def test_vendor_dossier_type_is_keyed_by_code_and_writes_compact_members() -> None:
    schema = _schema(build_metadata(get_variant("vendor")))
    entity = schema.find(f"{EDM}EntityType[@Name='dossierType']")
    assert entity is not None
    assert [r.get("Name") for r in entity.findall(f"{EDM}Key/{EDM}PropertyRef")] == ["code"]
    assert "id" not in props(schema, "dossierType")
    members = [m.get("Name") for m in schema.findall(f"{EDM}EnumType[@Name='dossierStatus']/{EDM}Member")]
    assert members == ["New", "Open", "InProcess", "Closed", "Archived"]
    assert schema.find(f"{EDM}EntityContainer/{EDM}Singleton") is None  # no uploadRules unless asked


def test_columns_agree_with_metadata(schema: ET.Element) -> None:
    columns = DOSSIERS.columns()
    assert columns["status"].values == STATUS_VALUES
    edm = {"string": "Edm.String", "guid": "Edm.Guid", "date": "Edm.Date", "int": "Edm.Int32"}
    edm |= {"datetime": "Edm.DateTimeOffset"}
    for name, edm_type in props(schema, "dossier").items():
        kind = columns[name].kind
        assert edm_type == (f"Microsoft.NAV.{ENUM_TYPES[name][0]}" if kind == "enum" else edm[kind])


def test_entity_columns_drive_a_real_query() -> None:
    columns = DOSSIERS.columns()
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE dossiers ({', '.join(c.sql for c in columns.values())})")
    row = {c.sql: "" for c in columns.values()}
    row.update(
        id="0f8fad5b-d9cb-469f-a165-70867728950e", no="D0001", status="In Process", confidentiality_level=1
    )
    conn.execute(
        f"INSERT INTO dossiers ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )
    sql, params = compile_filter(
        "status eq Microsoft.NAV.dossierStatus'In_x0020_Process' and confidentialityLevel le 2"
        " and id eq 0F8FAD5B-D9CB-469F-A165-70867728950E and documentDate eq null",
        columns,
    )
    assert conn.execute(f"SELECT no FROM dossiers WHERE {sql}", params).fetchall() == [("D0001",)]
    conn.close()
