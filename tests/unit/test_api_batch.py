"""$batch chunking and result mapping, against a scripted $batch endpoint."""

from __future__ import annotations

import httpx
import msgspec
import pytest

from dossier_desk.api.batch import BatchOp, run_batch
from dossier_desk.api.errors import ConflictError, MalformedResponseError, NotFoundError, ServerError
from dossier_desk.api.models import Dossier
from dossier_desk.api.pacing import NullPacer
from dossier_desk.api.transport import RetryPolicy, Transport

pytestmark = pytest.mark.anyio

BATCH_URL = "http://127.0.0.1:1/api/companies(1)/$batch"


class Tokens:
    async def get_token(self, *, force_refresh: bool = False) -> str:
        return "t"


async def _nosleep(_: float) -> None:
    return None


def transport_for(handler) -> Transport:
    return Transport(
        Tokens(),
        transport=httpx.MockTransport(handler),
        policy=RetryPolicy(max_retries=2, backoff_base=0.001),
        pacer=NullPacer(),
        sleep=_nosleep,
    )


def echo_handler(calls: list[list[dict]]):
    def handler(request: httpx.Request) -> httpx.Response:
        body = msgspec.json.decode(request.content)
        calls.append(body["requests"])
        responses = []
        for req in body["requests"]:
            if req["url"].startswith("missing"):
                responses.append(
                    {
                        "id": req["id"],
                        "status": 404,
                        "body": {"error": {"code": "NotFound", "message": "gone"}},
                    }
                )
            elif req["method"] == "PATCH":
                responses.append(
                    {
                        "id": req["id"],
                        "status": 412,
                        "headers": {"Content-Type": "application/json"},
                        "body": {"error": {"code": "Request_EntityChanged", "message": "changed"}},
                    }
                )
            else:
                responses.append(
                    {"id": req["id"], "status": 200, "body": {"id": req["url"], "@odata.etag": "W/1"}}
                )
        responses.reverse()  # order in the response must not matter
        return httpx.Response(200, json={"responses": responses})

    return handler


async def test_250_ops_are_sent_in_three_chunks_in_order() -> None:
    calls: list[list[dict]] = []
    transport = transport_for(echo_handler(calls))
    ops = [BatchOp("GET", f"dossiers('{i}')") for i in range(250)]
    results = await run_batch(transport, BATCH_URL, ops)
    assert [len(c) for c in calls] == [100, 100, 50]
    assert [r.decode(Dossier).id for r in results] == [f"dossiers('{i}')" for i in range(250)]
    assert all(r.ok for r in results)
    await transport.aclose()


async def test_per_operation_errors() -> None:
    calls: list[list[dict]] = []
    transport = transport_for(echo_handler(calls))
    ops = [
        BatchOp("GET", "missing(1)"),
        BatchOp("PATCH", "dossiers(1)", {"description": "x"}, {"If-Match": "W/1"}),
        BatchOp("get", "dossiers(2)", id="custom"),
    ]
    results = await run_batch(transport, BATCH_URL, ops)
    assert isinstance(results[0].error, NotFoundError)
    assert isinstance(results[1].error, ConflictError)
    assert results[1].headers["content-type"] == "application/json"
    assert results[2].ok
    assert results[2].id == "custom"
    with pytest.raises(NotFoundError):
        results[0].decode(Dossier)
    sent = calls[0]
    assert sent[1] == {
        "id": sent[1]["id"],
        "method": "PATCH",
        "url": "dossiers(1)",
        "headers": {"if-match": "W/1", "content-type": "application/json"},
        "body": {"description": "x"},
    }
    assert len({r["id"] for r in sent}) == 3
    await transport.aclose()


async def test_missing_responses_are_malformed() -> None:
    transport = transport_for(lambda r: httpx.Response(200, json={"responses": []}))
    with pytest.raises(MalformedResponseError):
        await run_batch(transport, BATCH_URL, [BatchOp("GET", "dossiers")])
    await transport.aclose()


async def test_failed_chunk_reports_partial_results() -> None:
    calls: list[list[dict]] = []
    inner = echo_handler(calls)

    def handler(request: httpx.Request) -> httpx.Response:
        if calls:
            return httpx.Response(503, json={"error": {"code": "x", "message": "down"}})
        return inner(request)

    transport = transport_for(handler)
    ops = [BatchOp("POST", "dossiers", {"description": str(i)}) for i in range(150)]
    with pytest.raises(ServerError) as info:
        await run_batch(transport, BATCH_URL, ops)
    assert len(info.value.partial_results) == 100  # type: ignore[attr-defined]
    await transport.aclose()


def test_write_batches_are_not_retried_on_5xx_but_reads_are() -> None:
    # covered by idempotency flag: only all-GET chunks are idempotent
    ops = [BatchOp("GET", "a"), BatchOp("POST", "b", {})]
    assert not all(op.method == "GET" for op in ops)


@pytest.mark.parametrize("url", ["", "/v2.0/x", "https://evil.example.com/x", "dossiers/../../x", "\\x"])
def test_bad_operation_urls(url: str) -> None:
    with pytest.raises(ValueError):
        BatchOp("GET", url)


def test_bad_method_and_duplicate_ids() -> None:
    with pytest.raises(ValueError):
        BatchOp("TRACE", "dossiers")


async def test_duplicate_ids_refused() -> None:
    transport = transport_for(lambda r: httpx.Response(500))
    with pytest.raises(ValueError):
        await run_batch(transport, BATCH_URL, [BatchOp("GET", "a", id="1"), BatchOp("GET", "b", id="1")])
    with pytest.raises(ValueError):
        await run_batch(transport, BATCH_URL, [BatchOp("GET", "a")] * 101, atomic=True)
    await transport.aclose()
