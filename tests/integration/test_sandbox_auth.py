"""Bearer tokens, roles and confidentiality, and the error envelope of unknown routes."""

from __future__ import annotations

import time

import httpx
import jwt
import pytest

from dossier_sandbox.tokens import TokenService
from tests.sandbox_fixtures import new_dossier


def _assert_401(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
    assert response.json()["error"]["code"] == "Unauthorized"
    assert response.headers["ms-correlation-x"]


def test_missing_malformed_foreign_and_expired_tokens(sandbox) -> None:
    url = sandbox.company_url + "/dossiers"
    with httpx.Client(trust_env=False) as client:
        _assert_401(client.get(url))
        _assert_401(client.get(url, headers={"Authorization": "Basic dXNlcjpwdw=="}))
        _assert_401(client.get(url, headers={"Authorization": "Bearer not-a-jwt"}))
        foreign = TokenService(issuer=sandbox.authority).issue_access_token("caseworker@demo")  # other key
        _assert_401(client.get(url, headers={"Authorization": f"Bearer {foreign}"}))
        expired = sandbox.issue_token("caseworker@demo", lifetime_s=-10)
        response = client.get(url, headers={"Authorization": f"Bearer {expired}"})
        _assert_401(response)
        assert "expired" in response.headers["www-authenticate"]
        # the metadata document and companies discovery need a token too
        _assert_401(client.get(sandbox.api_root + "/$metadata"))


def test_short_lived_token_expires(sandbox) -> None:
    token = sandbox.issue_token("auditor@demo", lifetime_s=3)
    expires_at = jwt.decode(token, options={"verify_signature": False})["exp"]
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(trust_env=False, headers=headers) as client:
        assert client.get(sandbox.company_url + "/dossierTypes").status_code == 200
        time.sleep(max(0.0, expires_at - time.time()) + 1.1)
        _assert_401(client.get(sandbox.company_url + "/dossierTypes"))


@pytest.mark.parametrize("username", ["linemanager@demo", "auditor@demo"])
def test_read_only_roles_get_403_on_writes(client_for, api_client: httpx.Client, username: str) -> None:
    client = client_for(username)
    target = api_client.get(
        "dossiers", params={"$filter": "confidentialityLevel le 1 and status eq 'Open'", "$top": "1"}
    ).json()["value"][0]
    url = f"dossiers({target['id']})"
    headers = {"If-Match": target["@odata.etag"]}
    for response in (
        client.post("dossiers", json={"description": "nope"}),
        client.patch(url, json={"description": "nope"}, headers=headers),
        client.delete(url, headers=headers),
        client.post(
            f"{url}/workflowActions", json={"action": "complete", "workflowLineNo": 10000, "comments": "x"}
        ),
        client.post(f"{url}/documents", files={"file": ("a.pdf", b"%PDF-1.4")}),
    ):
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "Forbidden"
    assert client.get(url).status_code == 200  # reading is fine


def test_clearance_hides_dossiers_entirely(client_for, api_client: httpx.Client) -> None:
    secret = (
        client_for("occhealth@demo")
        .get("dossiers", params={"$filter": "confidentialityLevel eq 3", "$top": "1"})
        .json()["value"][0]
    )
    assert api_client.get(f"dossiers({secret['id']})").status_code == 404
    assert api_client.get(f"dossiers({secret['id']})/workflowLog").status_code == 404
    assert api_client.get(f"dossiers({secret['id']})/documents").status_code == 404
    visible = api_client.get("dossiers", params={"$select": "confidentialityLevel"}).json()["value"]
    assert max(r["confidentialityLevel"] for r in visible) == 2
    manager = (
        client_for("linemanager@demo")
        .get("dossiers", params={"$select": "confidentialityLevel"})
        .json()["value"]
    )
    assert max(r["confidentialityLevel"] for r in manager) == 1


def test_line_manager_sees_medical_dossiers_blanked(client_for, api_client: httpx.Client) -> None:
    manager = client_for("linemanager@demo")
    medical = manager.get("dossiers", params={"$filter": "category eq 'Medical'"}).json()["value"]
    assert medical
    for dossier in medical:
        assert dossier["description"] == dossier["yourReference"] == dossier["ourReference"] == ""
        assert dossier["department"] == dossier["caseManagerCode"] == ""
        assert dossier["status"]
        assert dossier["no"]
    full = api_client.get(f"dossiers({medical[0]['id']})").json()
    assert full["description"] != ""
    single = manager.get(f"dossiers({medical[0]['id']})").json()
    assert single["description"] == ""
    # the blanked text cannot be probed through $filter either
    probe = manager.get(
        "dossiers",
        params={
            "$filter": f"description eq '{full['description'].replace(chr(39), chr(39) * 2)}'"
            " and category eq 'Medical'"
        },
    ).json()["value"]
    assert probe == []
    other = manager.get("dossiers", params={"$filter": "category eq 'Safety'", "$top": "1"}).json()["value"][
        0
    ]
    assert other["description"] != ""


def test_medical_and_confidential_documents_only_for_occupational_health(
    client_for, api_client: httpx.Client
) -> None:
    doctor = client_for("occhealth@demo")
    medical_docs = doctor.get(
        "documents", params={"$filter": "documentType eq 'Medical' or confidential eq true"}
    ).json()["value"]
    assert medical_docs
    for username in ("caseworker@demo", "linemanager@demo", "auditor@demo"):
        client = client_for(username)
        listed = client.get("documents").json()["value"]
        assert all(d["documentType"] != "Medical" and not d["confidential"] for d in listed)
        doc_id = medical_docs[0]["id"]
        assert client.get(f"documents({doc_id})").status_code == 404
        assert client.get(f"documents({doc_id})/content").status_code == 404
    assert doctor.get(f"documents({medical_docs[0]['id']})/content").status_code == 200


def test_unknown_route_and_wrong_method_use_odata_errors(api_client: httpx.Client, sandbox) -> None:
    response = api_client.get(sandbox.base_url + "/nothing/here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "BadRequest_NotFound"
    assert response.headers["ms-correlation-x"]
    wrong = api_client.put("dossiers", json={})
    assert wrong.status_code == 405
    assert wrong.json()["error"]["message"]
    no_post = api_client.post("dossierTypes", json={})
    assert no_post.status_code == 405


def test_writes_are_attributed_to_the_user(client_for) -> None:
    doctor = client_for("occhealth@demo")
    dossier = new_dossier(doctor, confidentialityLevel=3, dossierTypeCode="MEDICAL")
    response = doctor.post(
        f"dossiers({dossier['id']})/documents",
        files={"file": ("advies.pdf", b"%PDF-1.4 x")},
        data={"documentType": "Medical"},
    )
    assert response.status_code == 201
    assert response.json()["value"][0]["createdBy"].startswith("Dr. Anouk Bakker")
