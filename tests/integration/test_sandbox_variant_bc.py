"""The ``bc`` (BC 24+) and ``bc23`` variants over raw HTTP: enum spellings, blanks, paging, If-Match."""

from __future__ import annotations

import httpx
import pytest

from dossier_sandbox import SandboxServer
from tests.sandbox_fixtures import client_of, new_dossier


@pytest.fixture
def bc(sandbox: SandboxServer) -> httpx.Client:
    with client_of(sandbox) as client:
        yield client


@pytest.fixture
def bc23(sandbox_factory) -> SandboxServer:
    return sandbox_factory(variant="bc23", dossiers=60)


def _statuses(client: httpx.Client) -> set[str]:
    rows = client.get("dossiers", params={"$select": "status"}).json()["value"]
    return {r["status"] for r in rows}


def test_bc_sends_encoded_enum_names(bc: httpx.Client) -> None:
    assert "In_x0020_Process" in _statuses(bc)
    assert "In Process" not in _statuses(bc)


def test_bc_requires_encoded_names_in_filter(bc: httpx.Client) -> None:
    encoded = bc.get("dossiers", params={"$filter": "status eq 'In_x0020_Process'", "$top": "5"})
    assert encoded.status_code == 200
    assert {r["status"] for r in encoded.json()["value"]} == {"In_x0020_Process"}
    caption = bc.get("dossiers", params={"$filter": "status eq 'In Process'"})
    assert caption.status_code == 400
    assert "In_x0020_Process" in caption.json()["error"]["message"]
    typed = bc.get("dossiers", params={"$filter": "status eq Microsoft.NAV.dossierStatus'In_x0020_Process'"})
    assert typed.status_code == 200


def test_bc_requires_encoded_names_in_payloads(bc: httpx.Client) -> None:
    assert bc.post("dossiers", json={"description": "x", "status": "In Process"}).status_code == 400
    created = new_dossier(bc, status="In_x0020_Process")
    assert created["status"] == "In_x0020_Process"


def test_bc_blank_literals(bc: httpx.Client) -> None:
    created = new_dossier(bc, startingDate="2026-01-05")
    assert created["endingDate"] == "0001-01-01"
    assert created["dateClosed"] == "0001-01-01"
    assert created["yourReference"] == ""
    blank = bc.get("dossiers", params={"$filter": "endingDate eq 0001-01-01", "$top": "3"}).json()["value"]
    assert blank
    assert all(r["endingDate"] == "0001-01-01" for r in blank)
    url = f"dossiers({created['id']})"
    etag = created["@odata.etag"]
    refused = bc.patch(url, json={"endingDate": None}, headers={"If-Match": etag})
    assert refused.status_code == 400  # BC has no null: a blank date is "" or 0001-01-01
    set_date = bc.patch(url, json={"endingDate": "2026-03-01"}, headers={"If-Match": etag})
    assert set_date.json()["endingDate"] == "2026-03-01"
    cleared = bc.patch(
        url, json={"endingDate": "0001-01-01"}, headers={"If-Match": set_date.json()["@odata.etag"]}
    )
    assert cleared.status_code == 200
    assert cleared.json()["endingDate"] == "0001-01-01"


def test_bc_paging_absolute_and_prefer(bc: httpx.Client, sandbox: SandboxServer) -> None:
    whole = bc.get("dossiers", params={"$select": "id"})
    assert "@odata.nextLink" not in whole.json()  # 20,000 rows a page by default
    paged = bc.get("dossiers", params={"$select": "id"}, headers={"Prefer": "odata.maxpagesize=50"})
    assert paged.headers["preference-applied"] == "odata.maxpagesize=50"
    assert len(paged.json()["value"]) == 50
    assert paged.json()["@odata.nextLink"].startswith(sandbox.company_url + "/dossiers?")


def test_bc_412_for_a_missing_if_match(bc: httpx.Client) -> None:
    created = new_dossier(bc)
    url = f"dossiers({created['id']})"
    missing = bc.patch(url, json={"description": "x"})
    assert missing.status_code == 412
    assert "target" not in missing.json()["error"]
    assert bc.delete(url).status_code == 412
    stale = bc.patch(url, json={"description": "x"}, headers={"If-Match": 'W/"JzE7MTsn"'})
    assert stale.status_code == 412
    assert stale.json()["error"]["details"][0]["entity"]["status"] == "New"


def test_bc23_speaks_captions(bc23: SandboxServer) -> None:
    with client_of(bc23) as client:
        assert "In Process" in _statuses(client)
        assert client.get("dossiers", params={"$filter": "status eq 'In Process'"}).status_code == 200
        assert client.get("dossiers", params={"$filter": "status eq 'In_x0020_Process'"}).status_code == 400
        assert new_dossier(client, status="In Process")["status"] == "In Process"
        assert client.post("dossiers", json={"status": "In_x0020_Process"}).status_code == 400
        assert new_dossier(client)["endingDate"] == "0001-01-01"


def test_bc_has_no_upload_rules_endpoint(bc: httpx.Client, sandbox_factory) -> None:
    assert bc.get("uploadRules").status_code == 404
    with client_of(sandbox_factory(upload_rules_endpoint=True)) as client:
        assert client.get("uploadRules").json()["maxFileSize"] == 100 * 1024 * 1024
