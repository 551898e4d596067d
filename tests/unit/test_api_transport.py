"""Transport behaviour against scripted responses (httpx.MockTransport): auth, retries, error mapping."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import msgspec
import pytest

from dossier_desk.api.errors import (
    AuthenticationError,
    ConflictError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionRequiredError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
    ValidationError,
)
from dossier_desk.api.models import Dossier
from dossier_desk.api.pacing import NullPacer
from dossier_desk.api.paging import decode_entity
from dossier_desk.api.transport import RetryPolicy, Transport

pytestmark = pytest.mark.anyio

URL = "http://127.0.0.1:1/api/companies(1)/dossiers"


class Tokens:
    def __init__(self) -> None:
        self.calls: list[bool] = []

    async def get_token(self, *, force_refresh: bool = False) -> str:
        self.calls.append(force_refresh)
        return f"token-{len(self.calls)}"


def _error(
    status: int, code: str = "X", message: str = "m", details: list | None = None, headers: dict | None = None
) -> httpx.Response:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return httpx.Response(status, json=body, headers={"ms-correlation-x": "corr-1", **(headers or {})})


def make(
    handler: Callable[[httpx.Request], httpx.Response], *, max_retries: int = 3
) -> tuple[Transport, Tokens, list[float], list[httpx.Request]]:
    seen: list[httpx.Request] = []
    sleeps: list[float] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    tokens = Tokens()
    transport = Transport(
        tokens,
        policy=RetryPolicy(max_retries=max_retries, backoff_base=0.5, backoff_cap=4.0, max_retry_after=30),
        transport=httpx.MockTransport(record),
        pacer=NullPacer(),
        sleep=fake_sleep,
    )
    return transport, tokens, sleeps, seen


async def test_bearer_token_and_correlation_header() -> None:
    transport, tokens, _, seen = make(lambda r: httpx.Response(200, json={"id": "1"}))
    response = await transport.request("GET", URL)
    assert response.json() == {"id": "1"}
    assert seen[0].headers["authorization"] == "Bearer token-1"
    assert seen[0].headers["client-request-id"]
    assert tokens.calls == [False]
    await transport.aclose()


async def test_401_refreshes_once_then_succeeds() -> None:
    responses = iter([httpx.Response(401), httpx.Response(200, json={})])
    transport, tokens, _, seen = make(lambda r: next(responses))
    await transport.request("POST", URL, json={"a": 1})
    assert tokens.calls == [False, True]
    assert [r.headers["authorization"] for r in seen] == ["Bearer token-1", "Bearer token-2"]
    assert seen[1].content == b'{"a":1}'
    await transport.aclose()


async def test_401_twice_raises_authentication_error() -> None:
    transport, tokens, _, seen = make(lambda r: _error(401, "Unauthorized", "token expired"))
    with pytest.raises(AuthenticationError) as info:
        await transport.request("GET", URL)
    assert len(seen) == 2
    assert tokens.calls == [False, True]
    assert "sign in again" in info.value.user_message()
    assert "token-" not in info.value.user_message()
    await transport.aclose()


async def test_token_provider_failure_becomes_authentication_error() -> None:
    class Broken:
        async def get_token(self, *, force_refresh: bool = False) -> str:
            raise RuntimeError("no account")

    transport = Transport(Broken(), transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    with pytest.raises(AuthenticationError) as info:
        await transport.request("GET", URL)
    assert isinstance(info.value.__cause__, RuntimeError)
    await transport.aclose()


async def test_429_is_retried_for_writes_honouring_retry_after() -> None:
    responses = iter([_error(429, headers={"Retry-After": "7"}), httpx.Response(201, json={"id": "n"})])
    transport, _, sleeps, seen = make(lambda r: next(responses))
    response = await transport.request("POST", URL, json={"description": "x"})
    assert response.status_code == 201
    assert len(seen) == 2
    assert 7.0 in sleeps
    await transport.aclose()


async def test_429_retry_after_http_date() -> None:
    responses = iter(
        [_error(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}), httpx.Response(200, json={})]
    )
    transport, _, sleeps, _ = make(lambda r: next(responses))
    await transport.request("GET", URL)
    assert sleeps[0] == 0.0  # a date in the past: retry at once
    await transport.aclose()


async def test_429_exhausted_raises_rate_limited() -> None:
    transport, _, sleeps, seen = make(lambda r: _error(429, headers={"Retry-After": "2"}), max_retries=2)
    assert sleeps == []
    with pytest.raises(RateLimitedError) as info:
        await transport.request("GET", URL)
    assert len(seen) == 3
    assert sleeps.count(2.0) == 2
    assert info.value.retry_after == 2.0
    assert "2 seconds" in info.value.user_message()
    await transport.aclose()


async def test_429_with_a_long_retry_after_is_not_waited_for() -> None:
    transport, _, _, seen = make(lambda r: _error(429, headers={"Retry-After": "3600"}))
    with pytest.raises(RateLimitedError):
        await transport.request("GET", URL)
    assert len(seen) == 1
    await transport.aclose()


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
async def test_5xx_retried_for_get_with_backoff(status: int) -> None:
    responses = iter([_error(status), _error(status), httpx.Response(200, json={})])
    transport, _, sleeps, seen = make(lambda r: next(responses))
    await transport.request("GET", URL)
    assert len(seen) == 3
    assert len(sleeps) == 2
    assert all(0 < s <= 4.5 for s in sleeps)
    await transport.aclose()


@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE"])
async def test_5xx_not_retried_for_writes(method: str) -> None:
    transport, _, _, seen = make(lambda r: _error(503))
    with pytest.raises(ServerError) as info:
        await transport.request(method, URL, json={} if method != "DELETE" else None)
    assert len(seen) == 1
    assert info.value.correlation_id == "corr-1"
    assert "corr-1" in info.value.user_message()
    await transport.aclose()


async def test_5xx_exhausted_backoff_grows_and_is_capped() -> None:
    transport, _, sleeps, seen = make(lambda r: _error(500), max_retries=6)
    with pytest.raises(ServerError):
        await transport.request("GET", URL)
    assert len(seen) == 7
    assert sleeps[-1] <= 4.0 + 1e-9
    assert sleeps[1] > sleeps[0] * 1.2 or sleeps[1] >= 1.0
    await transport.aclose()


async def test_connection_refused_is_retried_even_for_posts() -> None:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(201, json={})

    transport, _, _, _ = make(handler)
    assert (await transport.request("POST", URL, json={})).status_code == 201
    await transport.aclose()


async def test_dropped_connection_after_sending_is_not_retried_for_posts() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed", request=request)

    transport, _, _, seen = make(handler)
    with pytest.raises(NetworkError) as info:
        await transport.request("POST", URL, json={})
    assert len(seen) == 1
    assert "network" in info.value.user_message().lower()
    with pytest.raises(NetworkError):
        await transport.request("GET", URL)
    assert len(seen) == 1 + 4
    await transport.aclose()


async def test_read_timeout_maps_to_request_timeout() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    transport, _, _, seen = make(handler, max_retries=1)
    with pytest.raises(RequestTimeoutError):
        await transport.request("GET", URL)
    assert len(seen) == 2
    await transport.aclose()


async def test_truncated_body_is_a_network_error() -> None:
    class Truncating(httpx.AsyncByteStream):
        async def __aiter__(self):
            yield b'{"value": ['
            raise httpx.RemoteProtocolError("incomplete chunked read")

    transport, _, _, seen = make(lambda r: httpx.Response(200, stream=Truncating()), max_retries=1)
    with pytest.raises(NetworkError):
        await transport.request("GET", URL)
    assert len(seen) == 2
    await transport.aclose()


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (412, ConflictError),
        (428, PreconditionRequiredError),
    ],
)
async def test_client_errors_map_without_retry(status: int, cls: type) -> None:
    transport, _, _, seen = make(lambda r: _error(status, "Code", "Server said no"))
    with pytest.raises(cls) as info:
        await transport.request("GET", URL)
    assert len(seen) == 1
    assert info.value.status == status
    assert info.value.code == "Code"
    assert info.value.correlation_id == "corr-1"
    await transport.aclose()


async def test_validation_error_field_targets() -> None:
    details = [
        {"code": "ValidationError", "message": "Unknown dossier type", "target": "dossierTypeCode"},
        {"code": "ValidationError", "message": "General problem", "target": None},
    ]
    transport, _, _, _ = make(
        lambda r: _error(400, "BadRequest", "The dossier type 'X' does not exist", details)
    )
    with pytest.raises(ValidationError) as info:
        await transport.request("POST", URL, json={})
    assert info.value.field_errors == {"dossierTypeCode": "Unknown dossier type"}
    assert "dossierTypeCode: Unknown dossier type." in info.value.user_message()
    await transport.aclose()


async def test_non_json_error_body_still_maps() -> None:
    transport, _, _, _ = make(lambda r: httpx.Response(403, text="<html>nope</html>"))
    with pytest.raises(PermissionDeniedError) as info:
        await transport.request("GET", URL)
    assert info.value.code == ""
    assert "<html>" not in info.value.user_message()
    await transport.aclose()


async def test_wrong_shapes_are_malformed_response_errors() -> None:
    transport, _, _, _ = make(lambda r: httpx.Response(200, json={"id": 5}))
    response = await transport.request("GET", URL)
    with pytest.raises(MalformedResponseError) as info:
        decode_entity(response, Dossier)
    assert not isinstance(info.value.__cause__, MalformedResponseError)
    assert isinstance(info.value.__cause__, msgspec.ValidationError)
    await transport.aclose()


async def test_cancellation_during_backoff() -> None:
    transport = Transport(
        Tokens(),
        policy=RetryPolicy(max_retries=5, backoff_base=10, backoff_cap=10),
        transport=httpx.MockTransport(lambda r: _error(503)),
    )
    task = asyncio.create_task(transport.request("GET", URL))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await transport.aclose()


async def test_rate_limit_headers_are_reported() -> None:
    reports = []
    headers = {"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "97", "X-RateLimit-Reset": "1700000000"}
    transport = Transport(
        Tokens(),
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={}, headers=headers)),
        on_rate_limit=reports.append,
    )
    await transport.request("GET", URL)
    assert transport.last_rate_limit is not None
    assert (transport.last_rate_limit.limit, transport.last_rate_limit.remaining) == (100, 97)
    assert reports == [transport.last_rate_limit]
    await transport.aclose()


async def test_failing_rate_limit_callback_does_not_fail_the_request(logging_expected: None) -> None:
    def broken(info: object) -> None:
        raise RuntimeError("ui bug")

    headers = {"X-RateLimit-Remaining": "5"}
    transport = Transport(
        Tokens(),
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={}, headers=headers)),
        on_rate_limit=broken,
    )
    assert (await transport.request("GET", URL)).status_code == 200
    await transport.aclose()
