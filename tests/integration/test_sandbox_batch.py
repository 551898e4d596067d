"""``$batch`` in BC's JSON form and the vendor doc's multipart/mixed form."""

from __future__ import annotations

import httpx
import msgspec

from dossier_sandbox.batch_codec import parse_multipart_batch_responses
from tests.sandbox_fixtures import client_of, new_dossier


def _batch_url(sandbox) -> str:
    # BC also serves $batch under the company; relative operation URLs are resolved against it.
    return sandbox.company_url + "/$batch"


def test_json_batch_mixed_operations(sandbox, api_client: httpx.Client) -> None:
    target = new_dossier(api_client)
    body = {
        "requests": [
            {"id": "1", "method": "GET", "url": "dossiers?$top=2&$select=no"},
            {
                "id": "2",
                "method": "POST",
                "url": "dossiers",
                "headers": {"Content-Type": "application/json"},
                "body": {"description": "Batch Created Dossier", "primaryContactNo": "C00002"},
            },
            {
                "id": "3",
                "method": "PATCH",
                "url": f"dossiers({target['id']})",
                "headers": {"Content-Type": "application/json", "If-Match": target["@odata.etag"]},
                "body": {"description": "patched in batch"},
            },
            {"id": "4", "method": "GET", "url": f"{sandbox.company_url}/dossierTypes('ABSENCE')"},
            {"id": "5", "method": "GET", "url": "dossiers(00000000-0000-4000-8000-000000000000)"},
        ]
    }
    response = api_client.post(_batch_url(sandbox), json=body)
    assert response.status_code == 200, response.text
    answers = {r["id"]: r for r in response.json()["responses"]}
    assert answers["1"]["status"] == 200
    assert len(answers["1"]["body"]["value"]) == 2
    assert answers["2"]["status"] == 201
    assert answers["2"]["body"]["description"] == "Batch Created Dossier"
    assert "Location" in answers["2"]["headers"] or "location" in answers["2"]["headers"]
    assert answers["3"]["status"] == 200
    assert answers["3"]["body"]["description"] == "patched in batch"
    assert answers["4"]["status"] == 200
    assert answers["4"]["body"]["code"] == "ABSENCE"
    assert answers["5"]["status"] == 404
    assert answers["5"]["body"]["error"]["code"]


def test_atomicity_group_rolls_back_everything(sandbox, api_client: httpx.Client) -> None:
    marker = "atomic-batch-marker-1"
    body = {
        "requests": [
            {
                "id": "a",
                "method": "POST",
                "url": "dossiers",
                "atomicityGroup": "g1",
                "body": {"description": marker, "externalDocumentNo": marker},
            },
            {
                "id": "b",
                "method": "POST",
                "url": "dossiers",
                "atomicityGroup": "g1",
                "body": {"description": marker, "dossierTypeCode": "INVALID"},
            },
            {"id": "c", "method": "GET", "url": "dossierTypes", "dependsOn": ["g1"]},
        ]
    }
    answers = {r["id"]: r for r in api_client.post(_batch_url(sandbox), json=body).json()["responses"]}
    assert answers["b"]["status"] == 400
    assert answers["a"]["status"] == 424
    assert answers["c"]["status"] == 424
    found = api_client.get("dossiers", params={"$filter": f"externalDocumentNo eq '{marker}'"}).json()[
        "value"
    ]
    assert found == []


def test_isolation_snapshot_makes_the_batch_atomic(sandbox, api_client: httpx.Client) -> None:
    marker = "snapshot-batch-marker"
    body = {
        "requests": [
            {
                "id": "1",
                "method": "POST",
                "url": "dossiers",
                "body": {"description": "x", "externalDocumentNo": marker},
            },
            {
                "id": "2",
                "method": "DELETE",
                "url": "dossiers(00000000-0000-4000-8000-000000000000)",
                "headers": {"If-Match": "*"},
            },
        ]
    }
    response = api_client.post(_batch_url(sandbox), json=body, headers={"Isolation": "snapshot"})
    statuses = {r["id"]: r["status"] for r in response.json()["responses"]}
    assert statuses == {"1": 424, "2": 404}
    assert (
        api_client.get("dossiers", params={"$filter": f"externalDocumentNo eq '{marker}'"}).json()["value"]
        == []
    )
    # the same batch without snapshot isolation keeps the successful create
    response = api_client.post(_batch_url(sandbox), json=body)
    assert {r["id"]: r["status"] for r in response.json()["responses"]} == {"1": 201, "2": 404}


def test_batch_limits_and_format_errors(sandbox, api_client: httpx.Client) -> None:
    too_many = {"requests": [{"id": str(i), "method": "GET", "url": "dossierTypes"} for i in range(101)]}
    response = api_client.post(_batch_url(sandbox), json=too_many)
    assert response.status_code == 400
    assert "100" in response.json()["error"]["message"]
    hundred = {
        "requests": [{"id": str(i), "method": "GET", "url": "dossierTypes?$top=1"} for i in range(100)]
    }
    assert api_client.post(_batch_url(sandbox), json=hundred).status_code == 200
    assert api_client.post(_batch_url(sandbox), json={"nope": []}).status_code == 400
    nested = {"requests": [{"id": "1", "method": "POST", "url": "$batch", "body": {"requests": []}}]}
    assert api_client.post(_batch_url(sandbox), json=nested).json()["responses"][0]["status"] == 400


def test_batch_applies_the_callers_role(sandbox, client_for) -> None:
    manager = client_for("linemanager@demo")
    body = {"requests": [{"id": "1", "method": "POST", "url": "dossiers", "body": {"description": "no"}}]}
    assert manager.post(_batch_url(sandbox), json=body).json()["responses"][0]["status"] == 403
    with httpx.Client(trust_env=False) as anonymous:
        assert anonymous.post(_batch_url(sandbox), json=body).status_code == 401


def test_multipart_batch_like_the_vendor_doc(sandbox, api_client: httpx.Client) -> None:
    api = sandbox.api_root.split("://", 1)[1].split("/", 1)[1]
    company = f"/{api}/companies({sandbox.company_id})"
    body = (
        "--batch_123\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        f"GET {company}/dossiers?$top=1 HTTP/1.1\r\n\r\n"
        "--batch_123\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        f"POST {company}/dossiers HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
        '{"primaryContactNo": "C00002", "description": "Batch Created Dossier"}\r\n'
        "--batch_123--\r\n"
    )
    response = api_client.post(
        _batch_url(sandbox),
        content=body.encode(),
        headers={"Content-Type": "multipart/mixed; boundary=batch_123"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("multipart/mixed; boundary=")
    parts = parse_multipart_batch_responses(response.content, response.headers["content-type"])
    assert [p.status for p in parts] == [200, 201]
    created = msgspec.json.decode(parts[1].body)
    assert created["primaryContactNo"] == "C00002"
    assert created["no"].startswith("D")


def test_multipart_changeset_is_atomic(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=50)
    with client_of(server) as client:
        before = client.get("dossiers/$count").text
        body = (
            "--b\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n"
            "--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            'POST dossiers HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{"description": "ok"}\r\n'
            "--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            'POST dossiers HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{"priority": "Urgent"}\r\n'
            "--cs--\r\n--b--\r\n"
        )
        response = client.post(
            server.company_url + "/$batch",
            content=body.encode(),
            headers={"Content-Type": "multipart/mixed; boundary=b"},
        )
        assert response.status_code == 200, response.text
        parts = parse_multipart_batch_responses(response.content, response.headers["content-type"])
        assert sorted(p.status for p in parts) == [400, 424]
        assert client.get("dossiers/$count").text == before
