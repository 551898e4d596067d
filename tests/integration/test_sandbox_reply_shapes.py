"""The sandbox's reply-shape switches over raw HTTP: looping next links, gzip bombs, deep JSON, write
replies without the entity, 204 for a missing record, and the bc variant's limit on every request body."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.sandbox_fixtures import client_of, new_dossier

MB = 1024 * 1024


def _faults(client: httpx.Client, server, **switches: object) -> httpx.Response:
    return client.post(server.base_url + "/_sandbox/faults", json=switches)


@pytest.mark.parametrize("variant", ["bc", "odata"])
def test_paging_cycle_goes_a_b_a_and_runaway_pages_past_the_count(sandbox_factory, variant: str) -> None:
    server = sandbox_factory(dossiers=5, variant=variant)
    with client_of(server) as client:
        assert _faults(client, server, paging="cycle", path_contains="/dossiers").status_code == 200
        first = client.get("dossiers")
        a = first.json()["@odata.nextLink"]
        b = client.get(a).json()["@odata.nextLink"]
        again = client.get(b)
        assert a != b
        assert a.startswith("http://") == (variant == "bc")  # the variant's own link style
        assert again.json()["@odata.nextLink"] == a
        assert again.json()["value"] == first.json()["value"] != []

        assert _faults(client, server, paging="runaway").status_code == 200
        url, links = "dossiers?$count=true", set()
        for _ in range(6):
            page = client.get(url).json()
            assert page["@odata.count"] == len(page["value"])  # one page announced
            url = page["@odata.nextLink"]
            links.add(url)
        assert len(links) == 6  # every link new: only the count shows the listing never ends


def test_unknown_shape_values_are_refused(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=1)
    with client_of(server) as client:
        assert _faults(client, server, paging="sideways").status_code == 400
        assert _faults(client, server, write_reply="maybe").status_code == 400


def test_gzip_bomb_and_deep_json_on_reads(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=1)
    with client_of(server) as client:
        _faults(client, server, inflate_bytes=5 * MB, methods=["GET"])
        with client.stream("GET", "dossiers") as response:
            compressed = int(response.headers["content-length"])
            assert response.headers["content-encoding"] == "gzip"
            inflated = sum(len(chunk) for chunk in response.iter_bytes())
        assert compressed < 100_000
        assert inflated == 5 * MB

        _faults(client, server, nest_depth=50_000, methods=["GET"])
        body = client.get("dossiers").content
        assert body == b'{"value":' + b"[" * 50_000 + b"]" * 50_000 + b"}"


def test_write_replies_without_the_entity_and_204_for_missing_reads(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=1)
    with client_of(server) as client:
        made = new_dossier(client)
        etag = {"If-Match": made["@odata.etag"]}

        _faults(client, server, write_reply="empty")
        created = client.post("dossiers", json=_body())
        assert (created.status_code, created.json()) == (200, {})
        assert "dossiers(" in created.headers["location"]  # the only hint which record was made

        _faults(client, server, write_reply="id")
        created = client.post("dossiers", json=_body())
        new_id = created.json()["id"]
        assert created.json() == {"id": new_id}
        patched = client.patch(f"dossiers({made['id']})", json={"description": "x"}, headers=etag)
        assert (patched.status_code, patched.json()) == (200, {"id": made["id"]})
        assert "etag" not in patched.headers

        _faults(client, server, write_reply="no_content")
        current = client.get(f"dossiers({made['id']})").json()["@odata.etag"]
        patched = client.patch(
            f"dossiers({made['id']})", json={"description": "y"}, headers={"If-Match": current}
        )
        assert (patched.status_code, patched.content) == (204, b"")
        assert patched.headers["location"].endswith(f"dossiers({made['id']})")

        _faults(client, server, read_204=True)
        assert client.get(f"dossiers({made['id']})").status_code == 200
        missing = client.get(f"dossiers({uuid.uuid4()})")
        assert (missing.status_code, missing.content) == (204, b"")


def test_vendor_answers_writes_and_missing_reads_the_flowon_way(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=1, variant="vendor")
    with client_of(server) as client:
        created = client.post("dossiers", json=_body())
        assert created.status_code == 200
        new_id = created.json()["id"]
        assert created.json() == {"id": new_id}
        read = client.get(f"dossiers({new_id})")
        assert read.status_code == 200
        assert read.json()["description"] == "Shapes"
        patched = client.patch(
            f"dossiers({new_id})", json={"description": "z"}, headers={"If-Match": read.json()["@odata.etag"]}
        )
        assert (patched.status_code, patched.json()) == (200, {})
        assert client.get(f"dossiers({new_id})").json()["description"] == "z"
        missing = client.get(f"dossiers({uuid.uuid4()})")
        assert (missing.status_code, missing.content) == (204, b"")


def _stream(size: int, chunk: int = MB) -> Iterator[bytes]:
    block = b" " * chunk
    sent = 0
    while sent < size:
        part = block[: min(chunk, size - sent)]
        sent += len(part)
        yield part


def test_bc_refuses_any_request_body_over_100_mb(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=1)
    size = 101 * MB
    with client_of(server) as client:
        response = client.post(
            "dossiers",
            content=_stream(size),
            headers={"Content-Type": "application/json", "Content-Length": str(size)},
        )
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "RequestEntityTooLarge"
        assert client.get("dossierTypes").status_code == 200  # the server is fine afterwards


@pytest.mark.parametrize(("variant", "status"), [("bc", 413), ("odata", 400)])
def test_chunked_body_over_the_limit(sandbox_factory, variant: str, status: int) -> None:
    # Without a Content-Length the body is counted as it arrives; odata has no body limit of its own
    # (its 400 is for the invalid JSON), unless configured.
    server = sandbox_factory(dossiers=1, variant=variant, max_body_bytes=10_000 if variant == "bc" else None)
    with client_of(server) as client:
        response = client.post(
            "dossiers", content=_stream(50_000, 4096), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == status


def _body() -> dict[str, str]:
    return {
        "description": "Shapes",
        "dossierTypeCode": "ABSENCE",
        "primaryContactNo": "C00001",
        "startingDate": "2026-01-05",
    }
