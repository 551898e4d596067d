"""The HTTP layer under :class:`~dossier_desk.api.client.DossierApi`: one long-lived ``httpx.AsyncClient``.

Per request it adds the bearer token from the injected :class:`TokenProvider` (refreshed once with
``force_refresh=True`` after a 401, then :class:`AuthenticationError`), paces requests
(:mod:`dossier_desk.api.pacing`), maps failures to :mod:`dossier_desk.api.errors` and retries with
tenacity:

* 429 for every method (the request was not executed), honouring ``Retry-After``;
* 408 / 5xx, timeouts and dropped connections for idempotent requests only (GET/HEAD/OPTIONS, or
  ``idempotent=True``), with exponential backoff, jitter and a cap;
* connection failures before anything was sent (refused, connect timeout) for every method.

Writes therefore never run twice because of a retry. All waits are asyncio sleeps, so a retrying call
can be cancelled at any time.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import httpx
import msgspec
import tenacity

from dossier_desk.api.bounded_read import DEFAULT_MAX_RESPONSE_BYTES, read_bounded
from dossier_desk.api.errors import (
    ApiError,
    AuthenticationError,
    MalformedResponseError,
    NetworkError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
    correlation_of,
    error_for_status,
)
from dossier_desk.api.odata import with_query
from dossier_desk.api.pacing import RateLimitInfo, RatePacer

log = logging.getLogger(__name__)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Client-side codes.
RESPONSE_TOO_DEEP = "ResponseTooDeep"
USER_AGENT = "DossierDesk/0.1"


class TokenProvider(Protocol):
    """What the API needs from ``auth``: a current access token for the API's scope."""

    async def get_token(self, *, force_refresh: bool = False) -> str:
        """Return a bearer token; with ``force_refresh`` bypass any cached one."""
        ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Backoff parameters. ``max_retry_after`` is the longest ``Retry-After`` waited for in-call;
    a server asking for longer gets an immediate :class:`RateLimitedError` (the outbox retries later).
    """

    max_retries: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 20.0
    max_retry_after: float = 60.0


T = TypeVar("T")

RequestBody = Callable[[], Any]
"""A zero-argument factory for request content, called once per attempt (streams are not replayable)."""


@dataclass(slots=True)
class _Call:
    """One logical request (all attempts of it)."""

    method: str
    url: str | httpx.URL
    params: Mapping[str, str] | None
    body_bytes: bytes | None
    content: RequestBody | None
    headers: dict[str, str]
    idempotent: bool
    refreshed: bool = False
    on_sent: Callable[[], None] | None = None


def _identity(response: httpx.Response) -> httpx.Response:
    return response


class Transport:
    """Authenticated, retrying, paced HTTP for one API profile (see the module docstring)."""

    def __init__(
        self,
        tokens: TokenProvider,
        *,
        verify: bool | ssl.SSLContext = True,
        timeout: float = 30.0,
        policy: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        pacer: RatePacer | None = None,
        on_rate_limit: Callable[[RateLimitInfo], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        trust_env: bool = True,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        """``trust_env`` lets proxy and CA environment variables apply (off for loopback servers).

        ``max_response_bytes`` bounds a read response body after decompression (downloads stream
        to disk and are not bounded by it).
        """
        if max_response_bytes < 1:
            raise ValueError("max_response_bytes must be positive")
        self.max_response_bytes = max_response_bytes
        self._tokens = tokens
        self._sleep = sleep
        self._policy = policy or RetryPolicy()
        self._pacer = pacer or RatePacer(sleep=sleep)
        self._on_rate_limit = on_rate_limit
        self.last_rate_limit: RateLimitInfo | None = None
        # The client (its TLS context loads the CA bundle: tens of ms) is made at the first request, so
        # building the API at start-up costs nothing before the window has painted.
        self._client_options: dict[str, Any] = {
            "verify": verify,
            "timeout": httpx.Timeout(timeout),
            "transport": transport,
            "follow_redirects": False,
            "trust_env": trust_env and transport is None,
            "headers": {"User-Agent": USER_AGENT, "Accept": "application/json"},
            "limits": httpx.Limits(max_connections=20, max_keepalive_connections=10),
        }
        self._http: httpx.AsyncClient | None = None
        self._closed = False

    @property
    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            if self._closed:  # as httpx says of a closed client
                raise RuntimeError("Cannot send a request, as the client has been closed.")
            self._http = httpx.AsyncClient(**self._client_options)
        return self._http

    async def aclose(self) -> None:
        """Close the connection pool."""
        self._closed = True
        if self._http is not None:
            await self._http.aclose()

    async def request(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        content: RequestBody | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> httpx.Response:
        """Send a request and read the whole response; error statuses raise :class:`ApiError`.

        ``json`` is encoded with msgspec; ``content`` is a factory returning the body for each
        attempt (bytes or an async iterator of bytes).
        """
        return await self.fetch(
            method,
            url,
            _identity,
            params=params,
            json=json,
            content=content,
            headers=headers,
            idempotent=idempotent,
        )

    async def fetch(
        self,
        method: str,
        url: str | httpx.URL,
        decode: Callable[[httpx.Response], T],
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        content: RequestBody | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> T:
        """Like :meth:`request`, then ``decode(response)`` inside the retry loop.

        A body that does not decode (:class:`MalformedResponseError`, e.g. a truncated page) is
        retried like a dropped connection: for idempotent requests only. ``on_sent()`` runs on the
        loop once the request has been written to the connection (on every attempt), before the
        answer is read.
        """
        call = self._call(method, url, params, json, content, headers, idempotent)
        call.on_sent = on_sent

        async def attempt() -> T:
            response = await self._attempt(call, read_body=True)
            try:
                return decode(response)
            except RecursionError as exc:
                raise MalformedResponseError(
                    "the response is nested too deeply to read",
                    status=response.status_code,
                    code=RESPONSE_TOO_DEEP,
                    correlation_id=correlation_of(response),
                ) from exc
            finally:
                await response.aclose()

        return await self._retrying(call.idempotent)(attempt)

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> AsyncIterator[httpx.Response]:
        """Yield the response before its body is read (downloads); error statuses still raise.

        Reading the body is the caller's job; a connection dropped then is not retried here.
        """
        call = self._call(method, url, params, None, None, headers, idempotent)

        async def attempt() -> httpx.Response:
            return await self._attempt(call, read_body=False)

        response = await self._retrying(call.idempotent)(attempt)
        try:
            yield response
        finally:
            await response.aclose()

    @staticmethod
    def _call(
        method: str,
        url: str | httpx.URL,
        params: Mapping[str, str] | None,
        json: Any,
        content: RequestBody | None,
        headers: Mapping[str, str] | None,
        idempotent: bool | None,
    ) -> _Call:
        method = method.upper()
        if params:
            # Our own encoding: httpx's params= writes a space as "+", which OData reads as a plus.
            url = with_query(str(url), params)
        body_bytes = msgspec.json.encode(json) if json is not None else None
        base_headers = dict(headers or {})
        base_headers.setdefault("client-request-id", str(uuid.uuid4()))
        if body_bytes is not None:
            base_headers.setdefault("Content-Type", "application/json")
        return _Call(
            method,
            url,
            None,
            body_bytes,
            content,
            base_headers,
            method in IDEMPOTENT_METHODS if idempotent is None else idempotent,
        )

    def _retrying(self, idempotent: bool) -> tenacity.AsyncRetrying:
        return tenacity.AsyncRetrying(
            stop=tenacity.stop_after_attempt(self._policy.max_retries + 1),
            wait=self._wait,
            retry=tenacity.retry_if_exception(lambda exc: self._should_retry(exc, idempotent)),
            before_sleep=self._log_retry,
            sleep=self._sleep,
            reraise=True,
        )

    async def _attempt(self, call: _Call, *, read_body: bool) -> httpx.Response:
        while True:
            token = await self._token(force_refresh=call.refreshed)
            slot = await self._pacer.acquire()
            request = self._client.build_request(
                call.method,
                call.url,
                content=call.body_bytes if call.content is None else call.content(),
                headers={**call.headers, "Authorization": f"Bearer {token}"},
                extensions=None if call.on_sent is None else {"trace": _tracing_sent(call.on_sent)},
            )
            seq = getattr(slot, "seq", None)
            try:
                response = await self._send(request)
            finally:
                self._pacer.done(seq)
            self._observe(response, seq)
            if response.status_code == 401 and not call.refreshed:
                await response.aclose()
                call.refreshed = True
                log.info("401 from %s %s; refreshing the token once", call.method, request.url.path)
                continue
            if response.status_code >= 400 or read_body:
                try:
                    await read_bounded(response, self.max_response_bytes)
                except httpx.DecodingError as exc:
                    raise MalformedResponseError(
                        "the response's compression could not be read",
                        status=response.status_code,
                        correlation_id=correlation_of(response),
                    ) from exc
                except httpx.TimeoutException as exc:
                    raise RequestTimeoutError("timed out reading the response") from exc
                except httpx.TransportError as exc:
                    raise NetworkError("the connection dropped while reading the response") from exc
                finally:
                    if response.status_code >= 400:
                        await response.aclose()
            if response.status_code >= 400:
                raise self._error(response)
            return response

    async def _token(self, *, force_refresh: bool) -> str:
        try:
            return await self._tokens.get_token(force_refresh=force_refresh)
        except ApiError:
            raise
        except Exception as exc:
            if getattr(exc, "is_network_error", False):  # the sign-in service is unreachable: offline
                raise _unsent(NetworkError("could not reach the sign-in service")) from exc
            raise AuthenticationError("could not obtain an access token") from exc

    async def _send(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._client.send(request, stream=True)
        except (httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise _unsent(RequestTimeoutError("timed out connecting to the server")) from exc
        except httpx.TimeoutException as exc:
            raise RequestTimeoutError("the server did not answer in time") from exc
        except httpx.ConnectError as exc:
            err = NetworkError("could not connect to the server")
            if _is_certificate_error(exc):
                err = NetworkError("the server's certificate was not trusted")
                err.certificate_error = True  # type: ignore[attr-defined]
            raise _unsent(err) from exc
        except httpx.TransportError as exc:
            raise NetworkError("the connection to the server failed") from exc

    @property
    def pacer(self) -> RatePacer:
        """The client's pacer (``waiting_until`` / ``retry_now`` for the UI)."""
        return self._pacer

    def _observe(self, response: httpx.Response, seq: int | None) -> None:
        info = RateLimitInfo.from_headers(response.headers, response.status_code)
        if info is None:
            return
        info = self._pacer.observe(info, seq)
        self.last_rate_limit = info
        if self._on_rate_limit is not None:
            try:
                self._on_rate_limit(info)
            except Exception:
                # A status-line callback must never fail the request it reports on.
                log.exception("the on_rate_limit callback failed")

    @staticmethod
    def _error(response: httpx.Response) -> ApiError:
        info = RateLimitInfo.from_headers(response.headers, response.status_code)
        retry_after = info.retry_after if info else None
        error = error_for_status(
            response.status_code, response.content, response.headers, retry_after=retry_after
        )
        error.retry_after = retry_after
        if isinstance(error, AuthenticationError):
            log.info("authentication failed after a token refresh (correlation %s)", error.correlation_id)
        return error

    def _should_retry(self, exc: BaseException, idempotent: bool) -> bool:
        if isinstance(exc, RateLimitedError):
            return exc.retry_after is None or exc.retry_after <= self._policy.max_retry_after
        if getattr(exc, "certificate_error", False) or getattr(exc, "code", "") == RESPONSE_TOO_DEEP:
            return False
        if getattr(exc, "unsent", False):
            return True
        if isinstance(exc, ServerError | RequestTimeoutError | NetworkError | MalformedResponseError):
            return idempotent
        return False

    def _wait(self, retry_state: tenacity.RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            return float(retry_after)
        backoff = tenacity.wait_exponential_jitter(
            multiplier=self._policy.backoff_base,
            max=self._policy.backoff_cap,
            jitter=self._policy.backoff_base,
        )
        return backoff(retry_state)

    @staticmethod
    def _log_retry(retry_state: tenacity.RetryCallState) -> None:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        correlation = getattr(exc, "correlation_id", "")
        log.info(
            "retrying after %s (attempt %d, correlation %s)",
            type(exc).__name__,
            retry_state.attempt_number,
            correlation or "-",
        )


def _tracing_sent(on_sent: Callable[[], None]) -> Callable[[str, Any], Awaitable[None]]:
    """An httpcore ``trace`` extension that calls ``on_sent`` once the request body is written."""

    async def trace(event: str, _info: Any) -> None:
        if event.endswith(".send_request_body.complete"):  # http11. or http2.
            on_sent()

    return trace


def _unsent(error: ApiError) -> ApiError:
    error.unsent = True  # type: ignore[attr-defined]
    return error


def _is_certificate_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)
