"""The ``vendor`` variant (the vendor documents as written) over raw HTTP."""

from __future__ import annotations

import time

import pytest

from dossier_sandbox import SandboxServer
from tests.integration.test_sandbox_webhooks import Receiver, receiver  # noqa: F401 (fixture)
from tests.sandbox_fixtures import client_of, new_dossier


@pytest.fixture
def vendor(sandbox_factory) -> SandboxServer:
    return sandbox_factory(variant="vendor", dossiers=40, webhook_delay_s=0.05)


def test_status_in_process_is_compact(vendor: SandboxServer) -> None:
    with client_of(vendor) as client:
        rows = client.get("dossiers?$filter=status%20eq%20'InProcess'&$top=3").json()["value"]
        assert rows
        assert {r["status"] for r in rows} == {"InProcess"}
        # the vendor's own PATCH example writes the caption: both spellings are accepted on input
        assert new_dossier(client, status="In Process")["status"] == "InProcess"
        assert new_dossier(client, status="InProcess")["status"] == "InProcess"
        assert client.post("dossiers", json={"status": "In_x0020_Process"}).status_code == 400


def test_error_shape(vendor: SandboxServer) -> None:
    with client_of(vendor) as client:
        # A read of a missing record is 204 without a body (FlowOn); other misses are 404.
        gone = "dossiers(00000000-0000-4000-8000-000000000000)"
        assert (client.get(gone).status_code, client.get(gone).content) == (204, b"")
        missing = client.delete(gone, headers={"If-Match": "*"})
        assert missing.status_code == 404
        assert set(missing.json()) == {"errorCode", "errorMessage"}
        assert missing.json()["errorCode"] == "NOT_FOUND"
        invalid = client.post("dossiers", json={"dossierTypeCode": "INVALID"})
        assert invalid.status_code == 400
        assert invalid.json()["errorCode"] == "VALIDATION_ERROR"


def test_dossier_type_has_no_id_and_is_keyed_by_code(vendor: SandboxServer) -> None:
    with client_of(vendor) as client:
        types = client.get("dossierTypes").json()["value"]
        assert types
        assert all("id" not in t for t in types)
        assert client.get("dossierTypes('MEDICAL')").json()["code"] == "MEDICAL"


def test_upload_is_answered_200_with_an_empty_body(vendor: SandboxServer) -> None:
    with client_of(vendor) as client:
        dossier = new_dossier(client)
        response = client.post(
            f"dossiers({dossier['id']})/documents", files={"files": ("a.pdf", b"%PDF-1.4")}
        )
        assert response.status_code == 200
        assert response.content == b""
        listed = client.get(f"dossiers({dossier['id']})/documents").json()["value"]
        assert [d["fileName"] for d in listed] == ["a.pdf"]


def test_upload_errors(sandbox_factory) -> None:
    server = sandbox_factory(variant="vendor", max_upload_bytes=1000)
    with client_of(server) as client:
        dossier = new_dossier(client)
        url = f"dossiers({dossier['id']})/documents"
        large = client.post(url, files={"file": ("big.pdf", b"x" * 2000)})
        assert large.status_code == 400
        assert large.json()["errorCode"] == "FILE_TOO_LARGE"
        exe = client.post(url, files={"file": ("run.exe", b"MZ")})
        assert exe.status_code == 400
        assert exe.json()["errorCode"] == "INVALID_FILE_TYPE"


def test_ten_megabyte_files(sandbox_factory) -> None:
    server = sandbox_factory(variant="vendor", dossiers=5, upload_rules_endpoint=True)
    with client_of(server) as client:
        assert client.get("uploadRules").json()["maxFileSize"] == 10 * 1024 * 1024


def test_rate_windows_with_headers(sandbox_factory) -> None:
    server = sandbox_factory(variant="vendor", dossiers=5, rate_limit=6000, rate_window_s=300.0)
    with client_of(server) as client:
        first = client.get("dossierTypes")
        assert first.headers["x-ratelimit-limit"] in ("20", "100")
        assert int(first.headers["x-ratelimit-reset"]) >= int(time.time())
        for _ in range(120):  # 20 a second, else 100 a minute
            response = client.get("dossierTypes")
            if response.status_code == 429:
                break
        assert response.status_code == 429
        assert response.headers["x-ratelimit-limit"] in ("20", "100")
        assert response.headers["x-ratelimit-remaining"] == "0"
        assert int(response.headers["retry-after"]) >= 1
        assert response.json()["errorCode"] == "RATE_LIMIT_EXCEEDED"


def test_no_rate_limit_disables_every_window(sandbox_factory) -> None:
    server = sandbox_factory(variant="vendor", dossiers=5)  # rate_limit=None from the factory
    with client_of(server) as client:
        assert all(client.get("dossierTypes").status_code == 200 for _ in range(40))


def test_webhook_payload_and_event_types(vendor: SandboxServer, receiver: Receiver) -> None:  # noqa: F811
    with client_of(vendor) as client:
        sub = client.post(
            "subscriptions",
            json={"resource": "dossiers", "changeType": "created,updated", "notificationUrl": receiver.url},
        )
        assert sub.status_code == 201, sub.text
        dossier = new_dossier(client, status="Open")
        url = f"dossiers({dossier['id']})"
        moved = client.patch(url, json={"status": "InProcess"}, headers={"If-Match": dossier["@odata.etag"]})
        assert (moved.status_code, moved.json()) == (200, {})  # FlowOn: an update answers {}
        etag = client.get(url).json()["@odata.etag"]
        edited = client.patch(url, json={"ourReference": "R&D #1"}, headers={"If-Match": etag})
        assert edited.status_code == 200
        log = client.get(f"{url}/workflowLog").json()["value"]
        line = log[0]["lineNo"]
        assert (
            client.post(
                f"{url}/workflowActions", json={"action": "complete", "workflowLineNo": line}
            ).status_code
            == 200
        )
        upload = client.post(f"{url}/documents", files={"file": ("n.txt", b"hi")})
        assert upload.status_code == 200
    wanted = {
        "dossier.created",
        "dossier.status.changed",
        "dossier.updated",
        "workflow.step.completed",
        "document.added",
    }
    events = receiver.wait_for(lambda got: wanted <= {n.get("eventType") for n in got})
    created = next(n for n in events if n["eventType"] == "dossier.created")
    assert set(created) == {
        "subscriptionId",
        "eventType",
        "changeType",
        "resource",
        "resourceData",
        "timestamp",
    }
    assert created["changeType"] == "created"
    assert created["resource"] == "dossiers"
    assert created["resourceData"] == {
        "id": dossier["id"],
        "no": dossier["no"],
        "primaryContactNo": "C00001",
        "status": "Open",
    }
    status = next(n for n in events if n["eventType"] == "dossier.status.changed")
    assert status["resourceData"]["status"] == "InProcess"
    assert status["timestamp"].endswith("Z")


def test_bc_error_body_stays_odata(sandbox: SandboxServer) -> None:
    with client_of(sandbox) as client:
        body = client.get("dossiers(00000000-0000-4000-8000-000000000000)").json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "BadRequest_NotFound"
