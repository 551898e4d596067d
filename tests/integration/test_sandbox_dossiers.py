"""Dossier CRUD over real HTTP: validation, etags and If-Match, status rules, number series."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox_fixtures import new_dossier


def test_get_by_unquoted_and_quoted_guid(api_client: httpx.Client) -> None:
    first = api_client.get("dossiers", params={"$top": 1}).json()["value"][0]
    for key in (first["id"], f"'{first['id']}'", first["id"].upper()):
        response = api_client.get(f"dossiers({key})")
        assert response.status_code == 200
        assert response.json()["no"] == first["no"]
        assert response.json()["@odata.etag"].startswith('W/"JzE5O')


def test_post_returns_201_location_number_and_derived_fields(api_client: httpx.Client) -> None:
    response = api_client.post(
        "dossiers",
        json={
            "description": "Nieuwe ziekmelding",
            "dossierTypeCode": "ABSENCE",
            "primaryContactNo": "C00002",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"].endswith(f"/dossiers({body['id']})")
    assert body["no"].startswith("D")
    assert len(body["no"]) == 6
    assert body["status"] == "New"
    assert body["category"] == "Absence"
    assert body["primaryContactName"]
    assert body["documentDate"]  # defaulted like BC's work date
    assert body["lastModifiedDateTime"].endswith("Z")
    assert len(body["lastModifiedDateTime"]) == 24
    fetched = api_client.get(response.headers["location"]).json()
    assert fetched == body


def test_explicit_number_must_be_unique(api_client: httpx.Client) -> None:
    new_dossier(api_client, no="XT-UNIQUE-1")
    response = api_client.post("dossiers", json={"no": "XT-UNIQUE-1", "description": "again"})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["target"] == "no"


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ({"dossierTypeCode": "INVALID"}, "dossierTypeCode"),
        ({"primaryContactNo": "C99999"}, "primaryContactNo"),
        ({"startingDate": "2026-05-01", "endingDate": "2026-04-01"}, "endingDate"),
        ({"status": "Archived"}, "status"),
        ({"priority": "Urgent"}, "priority"),
        ({"confidentialityLevel": 7}, "confidentialityLevel"),
        ({"documentDate": "01-02-2026"}, "documentDate"),
        ({"description": "x" * 101}, "description"),
        ({"category": "Medical"}, "category"),  # read-only: derived from the dossier type
        ({"dateClosed": "2026-01-01"}, "dateClosed"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_validation_errors_name_the_field(api_client: httpx.Client, body: dict, target: str) -> None:
    response = api_client.post("dossiers", json={"description": "invalid", **body})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"]
    assert error["message"]
    assert target in [d["target"] for d in error["details"]]


def test_confidentiality_above_clearance_rejected(api_client: httpx.Client) -> None:
    response = api_client.post("dossiers", json={"description": "secret", "confidentialityLevel": 3})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["target"] == "confidentialityLevel"


def test_patch_requires_if_match_and_detects_stale_etag(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client)
    url = f"dossiers({dossier['id']})"
    missing = api_client.patch(url, json={"description": "no etag"})
    assert missing.status_code == 412  # BC answers 412 for a missing If-Match too
    updated = api_client.patch(
        url, json={"description": "first edit"}, headers={"If-Match": dossier["@odata.etag"]}
    )
    assert updated.status_code == 200, updated.text
    new = updated.json()
    assert new["description"] == "first edit"
    assert new["@odata.etag"] != dossier["@odata.etag"]
    assert new["lastModifiedDateTime"] > dossier["lastModifiedDateTime"]
    stale = api_client.patch(url, json={"description": "lost"}, headers={"If-Match": dossier["@odata.etag"]})
    assert stale.status_code == 412
    current = stale.json()["error"]["details"][0]["entity"]
    assert current["description"] == "first edit"
    assert current["@odata.etag"] == new["@odata.etag"]
    star = api_client.patch(url, json={"yourReference": "tool"}, headers={"If-Match": "*"})
    assert star.status_code == 200


def test_delete_requires_if_match(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client)
    url = f"dossiers({dossier['id']})"
    assert api_client.delete(url).status_code == 412
    assert api_client.delete(url, headers={"If-Match": 'W/"JzE5OzE7Jw=="'}).status_code == 412
    assert api_client.delete(url, headers={"If-Match": dossier["@odata.etag"]}).status_code == 204
    assert api_client.get(url).status_code == 404


def test_status_rules_close_reopen_archive(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client, status="Open")
    url = f"dossiers({dossier['id']})"

    def patch(body: dict) -> httpx.Response:
        current = api_client.get(url).json()
        return api_client.patch(url, json=body, headers={"If-Match": current["@odata.etag"]})

    assert patch({"status": "Archived"}).status_code == 400  # only closed dossiers are archived
    closed = patch({"status": "Closed"})
    assert closed.status_code == 200
    assert closed.json()["dateClosed"]
    assert patch({"status": "New"}).status_code == 400
    reopened = patch({"status": "In_x0020_Process"})  # BC 24+: encoded names in payloads
    assert reopened.status_code == 200
    assert reopened.json()["dateClosed"] == "0001-01-01"  # BC's blank date
    assert patch({"status": "Closed"}).status_code == 200
    assert patch({"status": "Archived"}).status_code == 200
    frozen = patch({"description": "edit archived"})
    assert frozen.status_code == 409
    current = api_client.get(url).json()
    assert api_client.delete(url, headers={"If-Match": current["@odata.etag"]}).status_code == 409


def test_last_modified_strictly_increases_per_write(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client)
    url = f"dossiers({dossier['id']})"
    stamps = [dossier["lastModifiedDateTime"]]
    etag = dossier["@odata.etag"]
    for n in range(5):
        response = api_client.patch(url, json={"ourReference": f"R{n}"}, headers={"If-Match": etag})
        etag = response.json()["@odata.etag"]
        stamps.append(response.json()["lastModifiedDateTime"])
    assert stamps == sorted(set(stamps))


def test_contact_dossiers_get_and_post(api_client: httpx.Client) -> None:
    response = api_client.get("contacts('C00003')/dossiers")
    assert response.status_code == 200
    assert all(d["primaryContactNo"] == "C00003" for d in response.json()["value"])
    created = api_client.post(
        "contacts('C00003')/dossiers", json={"description": "Via contact", "dossierTypeCode": "SAFETY"}
    )
    assert created.status_code == 201
    assert created.json()["primaryContactNo"] == "C00003"
    assert created.json()["category"] == "Safety"
    assert api_client.get("contacts('NOPE')/dossiers").status_code == 404


def test_unknown_dossier_and_company_are_404(api_client: httpx.Client, sandbox) -> None:
    assert api_client.get("dossiers(00000000-0000-4000-8000-000000000000)").status_code == 404
    other = sandbox.company_url.replace(sandbox.company_id, "11111111-1111-4111-8111-111111111111")
    response = api_client.get(f"{other}/dossiers")
    assert response.status_code == 404
    assert response.json()["error"]["code"]


def test_invalid_json_body(api_client: httpx.Client) -> None:
    response = api_client.post("dossiers", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "error" in response.json()
