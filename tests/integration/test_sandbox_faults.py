"""Rate limiting and every fault-injection mode, switched per run and at run time."""

from __future__ import annotations

import time

import httpx
import pytest

from dossier_sandbox import FaultConfig
from tests.sandbox_fixtures import client_of


def test_rate_limit_headers_and_429_with_retry_after(sandbox_factory) -> None:
    server = sandbox_factory(rate_limit=5, rate_window_s=3.0, variant="vendor")
    with client_of(server) as client:
        remaining = []
        for _ in range(5):
            response = client.get("dossierTypes")
            assert response.status_code == 200
            assert response.headers["x-ratelimit-limit"] == "5"
            assert int(response.headers["x-ratelimit-reset"]) >= int(time.time())
            remaining.append(int(response.headers["x-ratelimit-remaining"]))
        assert remaining == [4, 3, 2, 1, 0]
        throttled = client.get("dossierTypes")
        assert throttled.status_code == 429
        assert throttled.json()["errorCode"] == "RATE_LIMIT_EXCEEDED"
        retry_after = int(throttled.headers["retry-after"])
        assert 1 <= retry_after <= 3
        # another user has their own window
        with client_of(server, "auditor@demo") as other:
            assert other.get("dossierTypes").status_code == 200
        time.sleep(retry_after + 0.1)
        assert client.get("dossierTypes").status_code == 200


def test_bc_throttles_without_rate_limit_headers(sandbox_factory) -> None:
    """Business Central sends 429 with Retry-After but no X-RateLimit-* headers."""
    server = sandbox_factory(rate_limit=2, rate_window_s=3.0)
    with client_of(server) as client:
        responses = [client.get("dossierTypes") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert not any(k.startswith("x-ratelimit") for r in responses for k in r.headers)
    assert responses[-1].json()["error"]["code"] == "TooManyRequests"
    assert 1 <= int(responses[-1].headers["retry-after"]) <= 3


def test_rate_limit_headers_on_errors_too(sandbox_factory) -> None:
    server = sandbox_factory(variant="vendor")
    with httpx.Client(trust_env=False) as client:
        response = client.get(server.company_url + "/dossiers")
    assert response.status_code == 401
    assert "x-ratelimit-remaining" in response.headers
    assert response.json()["errorCode"] == "UNAUTHORIZED"


@pytest.fixture
def faulty(sandbox_factory):
    return sandbox_factory(dossiers=50)


def test_latency(faulty) -> None:
    faulty.faults = FaultConfig(latency_ms=300)
    with client_of(faulty) as client:
        started = time.perf_counter()
        assert client.get("dossierTypes").status_code == 200
        assert time.perf_counter() - started >= 0.3
    assert faulty.stats()["faults"]["latency"] == 1


def test_429_storm_then_recovery(faulty) -> None:
    faulty.faults = FaultConfig(throttle_rate=1.0, retry_after_s=7, max_faults=3)
    with client_of(faulty) as client:
        storm = [client.get("dossierTypes") for _ in range(4)]
    assert [r.status_code for r in storm] == [429, 429, 429, 200]
    assert storm[0].headers["retry-after"] == "7"
    assert storm[0].json()["error"]["code"] == "TooManyRequests"
    assert faulty.stats()["faults"]["throttle"] == 3


@pytest.mark.parametrize("status", [500, 503, 504])
def test_server_errors(faulty, status: int) -> None:
    faulty.faults = FaultConfig(error_rate=1.0, error_statuses=(status,), max_faults=1)
    with client_of(faulty) as client:
        failed = client.get("dossiers")
        assert failed.status_code == status
        assert failed.json()["error"]["message"]
        assert failed.headers["ms-correlation-x"]
        assert client.get("dossiers").status_code == 200
    assert faulty.stats()["faults"][f"status_{status}"] == 1


def test_connection_dropped_mid_body(faulty) -> None:
    faulty.faults = FaultConfig(drop_rate=1.0, max_faults=1)
    with client_of(faulty) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.get("dossiers")
        assert client.get("dossiers").status_code == 200
    assert faulty.stats()["faults"]["drop"] == 1


def test_truncated_json(faulty) -> None:
    faulty.faults = FaultConfig(truncate_rate=1.0, max_faults=1)
    with client_of(faulty) as client:
        response = client.get("dossiers")
        assert response.status_code == 200
        with pytest.raises(ValueError):
            response.json()
        assert response.content.startswith(b'{"@odata.context"')
    assert faulty.stats()["faults"]["truncate"] == 1


def test_commit_then_drop_leaves_an_unknown_outcome(faulty) -> None:
    faulty.faults = FaultConfig(commit_then_drop_rate=1.0, methods=("POST",), max_faults=1)
    with client_of(faulty) as client:
        assert client.get("dossierTypes").status_code == 200  # reads are untouched
        with pytest.raises(httpx.RemoteProtocolError):
            client.post("dossiers", json={"description": "did it land?", "externalDocumentNo": "IDEMP-1"})
        found = client.get("dossiers", params={"$filter": "externalDocumentNo eq 'IDEMP-1'"}).json()["value"]
        assert len(found) == 1  # committed although the client never saw the answer
    assert faulty.stats()["faults"]["commit_then_drop"] == 1


def test_faults_switch_at_run_time_over_http_and_by_path(faulty) -> None:
    admin = httpx.Client(base_url=faulty.base_url, trust_env=False)
    with admin, client_of(faulty) as client:
        set_response = admin.post(
            "/_sandbox/faults",
            json={"error_rate": 1.0, "error_statuses": [503], "path_contains": "/dossierTypes"},
        )
        assert set_response.status_code == 200
        assert admin.get("/_sandbox/faults").json()["error_rate"] == 1.0
        assert client.get("dossierTypes").status_code == 503
        assert client.get("contacts").status_code == 200
        assert admin.post("/_sandbox/faults", json={}).status_code == 200  # all off
        assert client.get("dossierTypes").status_code == 200
        assert admin.post("/_sandbox/faults", json={"error_rate": "lots"}).status_code == 400
        stats = admin.get("/_sandbox/stats").json()
        assert stats["faults"]["status_503"] == 1
        assert stats["requests"]["byStatus"]["503"] == 1
        assert admin.post("/_sandbox/reset").json()["reset"] is True
        assert admin.get("/_sandbox/stats").json()["faults"] == {}


def test_uvicorn_does_not_log_intentional_drops(faulty, caplog: pytest.LogCaptureFixture) -> None:
    faulty.faults = FaultConfig(drop_rate=1.0, max_faults=1)
    with client_of(faulty) as client, pytest.raises(httpx.RemoteProtocolError):
        client.get("dossiers")
    assert not [r for r in caplog.records if r.name.startswith("uvicorn") and r.levelname == "ERROR"]


def test_faults_configured_per_run(sandbox_factory) -> None:
    server = sandbox_factory(
        dossiers=50, faults=FaultConfig(error_rate=1.0, error_statuses=(503,), max_faults=1)
    )
    with client_of(server) as client:
        assert client.get("contacts").status_code == 503
        assert client.get("contacts").status_code == 200
    admin_view = httpx.get(server.base_url + "/_sandbox/faults", trust_env=False).json()
    assert admin_view["error_statuses"] == [503]
