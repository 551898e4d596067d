"""The ASGI middleware in front of the API: correlation ids, bearer auth, rate limits, fault injection.

Order per request: ``ms-correlation-x`` (every response) -> ``/_sandbox/*`` passes (loopback only, no
auth) -> bearer token (401) -> rate limit (429; X-RateLimit-* on every response) -> injected faults ->
the Starlette app. Dropped connections are made by returning a non-None value from the ASGI callable,
which makes uvicorn close the transport at once (a 500 would otherwise be sent); :class:`QuietDrops`
keeps those intentional drops out of uvicorn's error log.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import msgspec

from dossier_sandbox.auth_guard import PRINCIPAL_KEY, authenticate
from dossier_sandbox.errors import ApiError
from dossier_sandbox.faults import Fault, FaultInjector
from dossier_sandbox.ratelimit import RateLimiter
from dossier_sandbox.tokens import TokenService
from dossier_sandbox.variants import Variant, get_variant

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[Any]]

DROP = "dossier-sandbox: connection dropped on purpose (fault injection)"
ADMIN_PREFIX = "/_sandbox/"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class QuietDrops(logging.Filter):
    """Filter for ``uvicorn.error``: hides the log line of an intentional connection drop."""

    def filter(self, record: logging.LogRecord) -> bool:
        return DROP not in (record.args or ())


class RequestStats:
    """Request counters for ``/_sandbox/stats``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.by_status: Counter[int] = Counter()
        self.by_method: Counter[str] = Counter()
        self.total = 0

    def count(self, method: str, status: int) -> None:
        with self._lock:
            self.total += 1
            self.by_status[status] += 1
            self.by_method[method] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "total": self.total,
                "byStatus": {str(k): v for k, v in sorted(self.by_status.items())},
                "byMethod": dict(self.by_method),
            }

    def reset(self) -> None:
        with self._lock:
            self.total = 0
            self.by_status.clear()
            self.by_method.clear()


class ApiGate:
    """Wraps the API app; see the module docstring."""

    def __init__(
        self,
        app: ASGIApp,
        tokens: TokenService,
        limiter: RateLimiter,
        faults: FaultInjector,
        stats: RequestStats,
        variant: Callable[[], Variant] = lambda: get_variant("bc"),
    ) -> None:
        self.variant = variant
        self.app = app
        self.tokens = tokens
        self.limiter = limiter
        self.faults = faults
        self.stats = stats

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> Any:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        method, path = scope["method"], scope["path"]
        extra: list[tuple[bytes, bytes]] = [(b"ms-correlation-x", str(uuid.uuid4()).encode())]
        status_seen = [0]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
                status_seen[0] = message["status"]
            await send(message)

        if path.startswith(ADMIN_PREFIX):
            client = (scope.get("client") or ("", 0))[0]
            if client not in _LOOPBACK:
                return await _send_error(
                    send_with_headers, ApiError(403, "Sandbox administration is loopback-only.")
                )
            return await self.app(scope, receive, send_with_headers)

        variant = self.variant()
        if variant.plus_is_literal and b"+" in scope.get("query_string", b""):
            # A generic OData service reads '+' as a plus sign (only HTML forms mean a space by it).
            scope = {**scope, "query_string": scope["query_string"].replace(b"+", b"%2B")}
        headers = dict(scope.get("headers") or [])
        try:
            principal = authenticate(
                headers.get(b"authorization", b"").decode("latin-1") or None, self.tokens
            )
        except ApiError as error:
            key = "ip:" + (scope.get("client") or ("?", 0))[0]
            limited = self.limiter.check(key)
            if variant.rate_headers:
                extra.extend(_encode(limited.headers()))
            self.stats.count(method, 401)
            return await _send_error(send_with_headers, error, variant)
        decision = self.limiter.check("user:" + principal.user.username)
        if variant.rate_headers:
            extra.extend(_encode(decision.headers()))
        if not decision.allowed:
            self.stats.count(method, 429)
            error = ApiError(
                429,
                "Too many requests: the rate limit for this user has been reached.",
                headers={"Retry-After": str(decision.retry_after_s)},
            )
            return await _send_error(send_with_headers, error, variant)
        scope[PRINCIPAL_KEY] = principal

        delay = self.faults.latency_s(method, path)
        if delay:
            await asyncio.sleep(delay)
        fault = self.faults.decide(method, path)
        try:
            if fault is None:
                return await self.app(scope, receive, send_with_headers)
            return await self._inject(fault, scope, receive, send_with_headers, variant)
        finally:
            self.stats.count(method, status_seen[0])

    async def _inject(
        self, fault: Fault, scope: Scope, receive: Receive, send: Send, variant: Variant
    ) -> Any:
        if fault.kind == "throttle":
            retry = str(self.faults.config.retry_after_s)
            error = ApiError(429, "Too many requests (injected fault).", headers={"Retry-After": retry})
            return await _send_error(send, error, variant)
        if fault.kind == "error":
            error = ApiError(fault.status, f"Injected fault: HTTP {fault.status}.")
            return await _send_error(send, error, variant)
        start, body = await _capture(self.app, scope, receive)
        if fault.kind == "commit_then_drop":
            return DROP  # the write is committed; the client never sees a byte of the response
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        if fault.kind == "truncate":
            cut = body[: len(body) // 2]
            await send({**start, "headers": [*headers, (b"content-length", str(len(cut)).encode())]})
            await send({"type": "http.response.body", "body": cut})
            return None
        # drop: promise the whole body, deliver half, hang up
        await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
        return DROP


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[Message, bytes]:
    start: Message = {}
    chunks: list[bytes] = []

    async def capture(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, capture)
    return start, b"".join(chunks)


async def _send_error(send: Send, error: ApiError, variant: Variant | None = None) -> None:
    body = msgspec.json.encode(error.body(variant))
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers.extend(_encode(error.headers))
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _encode(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
