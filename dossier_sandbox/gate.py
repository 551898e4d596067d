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

from dossier_sandbox import reply_faults
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


# Room for an upload form's fields and boundaries around a file of the full body limit.
_FORM_ENVELOPE = 1024 * 1024
_WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})


class RequestStats:
    """Request counters for ``/_sandbox/stats``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.by_status: Counter[int] = Counter()
        self.by_method: Counter[str] = Counter()
        self.writes_by_user: Counter[str] = Counter()  # successful POST/PATCH/PUT/DELETE per user
        self.total = 0

    def count(self, method: str, status: int, user: str = "") -> None:
        with self._lock:
            self.total += 1
            self.by_status[status] += 1
            self.by_method[method] += 1
            if user and method in _WRITE_METHODS and status < 400:
                self.writes_by_user[user] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "total": self.total,
                "byStatus": {str(k): v for k, v in sorted(self.by_status.items())},
                "byMethod": dict(self.by_method),
                "writesByUser": dict(self.writes_by_user),
            }

    def reset(self) -> None:
        with self._lock:
            self.total = 0
            self.by_status.clear()
            self.by_method.clear()
            self.writes_by_user.clear()


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
        body_limit: Callable[[], int | None] = lambda: None,
    ) -> None:
        self.variant = variant
        self.body_limit = body_limit
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
        counted = [False]
        user = [""]

        def count(status: int) -> None:
            if not counted[0]:
                counted[0] = True
                self.stats.count(method, status, user[0])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
                status_seen[0] = message["status"]
                # Counted before the client can read the answer, so a test that asks for the
                # stats right after a response never races the count.
                if user[0]:
                    count(status_seen[0])
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
        user[0] = principal.user.username
        limit = self.body_limit()
        if limit is not None:
            if headers.get(b"content-type", b"").lower().startswith(b"multipart/form-data"):
                limit += _FORM_ENVELOPE  # a file of the full limit still fits, with its form fields
            declared = headers.get(b"content-length", b"")
            if declared.isdigit() and int(declared) > limit:
                # Read and discard the body first, so the client gets to read the answer.
                await _drain(receive)
                return await _send_error(send_with_headers, _too_large(limit), variant)
            receive = _bounded(receive, limit)  # a chunked body has no length to check up front

        delay = self.faults.latency_s(method, path)
        if delay:
            await asyncio.sleep(delay)
        fault = self.faults.decide(method, path)
        try:
            if fault is None:
                shapes = reply_faults.shapes_for(
                    self.faults.config, variant, method, path, self.faults.applies(method, path)
                )
                if shapes:
                    return await _shaped(self.app, shapes, scope, receive, send_with_headers, variant)
                return await self.app(scope, receive, send_with_headers)
            return await self._inject(fault, scope, receive, send_with_headers, variant)
        finally:
            count(status_seen[0])  # a dropped connection sent no response start

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


async def _shaped(
    app: ASGIApp,
    shapes: reply_faults.Shapes,
    scope: Scope,
    receive: Receive,
    send: Send,
    variant: Variant,
) -> None:
    query, markers = reply_faults.split_markers(scope.get("query_string", b""))
    scope = {**scope, "query_string": query}
    start, body = await _capture(app, scope, receive)
    host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
    self_url = f"{scope.get('scheme', 'http')}://{host}{scope['path']}"
    if query:
        self_url += "?" + query.decode("latin-1")
    status, headers, body = reply_faults.reshape(
        shapes,
        scope["method"],
        start.get("status", 500),
        list(start.get("headers", [])),
        body,
        self_url=self_url,
        markers=markers,
        relative_links=not variant.absolute_next_link,
    )
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    if status != 204:
        headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"The request body is larger than the server accepts ({limit} bytes).")


async def _drain(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


def _bounded(receive: Receive, limit: int) -> Receive:
    """``receive`` that counts the body and raises 413 (after draining the rest) past ``limit``."""
    seen = [0]

    async def bounded() -> Message:
        message = await receive()
        if message["type"] == "http.request":
            seen[0] += len(message.get("body", b""))
            if seen[0] > limit:
                if message.get("more_body", False):
                    await _drain(receive)
                raise _too_large(limit)
        return message

    return bounded


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
