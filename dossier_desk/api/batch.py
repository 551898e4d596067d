"""JSON ``$batch``: many operations in few HTTP requests.

Business Central takes at most 100 operations per ``$batch``; :func:`run_batch` splits longer lists
into chunks, sends them one after another and returns one :class:`BatchResult` per operation in the
order given. Operation URLs are relative to the company (``dossiers(…)``, built with
:func:`~dossier_desk.api.odata.key_segment`); the batch itself is posted at the service root (where
OData and BC serve ``$batch``) and each URL is sent relative to it (``companies(…)/dossiers(…)``,
``url_prefix``). JSON request header names are lower case, as BC writes them.

A multipart answer with fewer parts than requests is normal (a server without
``odata.continue-on-error`` stops at the first failure): the answers that came back are kept and the
rest are marked with :class:`~dossier_desk.api.errors.NotExecutedError` (status 0, retryable).

If a chunk fails as a whole (network, 5xx...), the exception is raised with ``partial_results`` set
to the results of the chunks that completed before it; operations after that are unknown.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import msgspec

from dossier_desk.api import batch_multipart
from dossier_desk.api.decoding import convert_record, normalise_rows
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import (
    ApiError,
    ConflictError,
    MalformedResponseError,
    NotExecutedError,
    correlation_of,
    error_for_status,
)
from dossier_desk.api.models import Dossier
from dossier_desk.api.wire import conflict_current

if TYPE_CHECKING:  # the HTTP stack is imported by the client that sends batches, not by their types
    import httpx

    from dossier_desk.api.transport import Transport

T = TypeVar("T")

MAX_BATCH_OPERATIONS = 100
_default_forms = EnumForms()

BatchForm = Literal["json", "multipart"]


@dataclass(frozen=True, slots=True)
class BatchOp:
    """One operation: ``method``, ``url`` relative to the company, optional JSON ``body`` and headers.

    ``id`` is generated when empty. Writes to existing entities need ``{"If-Match": etag}``.
    """

    method: str
    url: str
    body: Mapping[str, Any] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    id: str = ""

    def __post_init__(self) -> None:
        method = self.method.upper()
        if method not in {"GET", "POST", "PATCH", "DELETE", "PUT"}:
            raise ValueError(f"unsupported batch method {self.method!r}")
        object.__setattr__(self, "method", method)
        if (
            not self.url
            or "://" in self.url
            or self.url.startswith(("/", "\\"))
            or ".." in self.url.split("?")[0]
        ):
            raise ValueError("batch operation urls must be relative to the company (e.g. 'dossiers(…)')")


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcome of one operation: ``status``, lower-cased ``headers``, decoded JSON ``body``.

    ``error`` is the :class:`ApiError` for a failed operation (``status`` >= 400), else ``None``.
    """

    id: str
    status: int
    headers: Mapping[str, str]
    body: Any
    error: ApiError | None = None

    @property
    def ok(self) -> bool:
        """True for a 2xx status."""
        return 200 <= self.status < 300

    def decode(self, item_type: type[T]) -> T:
        """Convert the body to ``item_type`` (e.g. :class:`~dossier_desk.api.models.Dossier`)."""
        if self.error is not None:
            raise self.error
        try:
            return normalise_rows([convert_record(self.body, item_type)], _default_forms)[0]
        except msgspec.ValidationError as exc:
            raise MalformedResponseError(f"unexpected batch body for {item_type.__name__}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class DossierUpdate:
    """One queued edit for :meth:`DossierApi.update_dossiers`: PATCH ``changes`` if ``etag`` still holds."""

    dossier_id: str
    etag: str
    changes: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class UpdateOutcome:
    """The result of one :class:`DossierUpdate`: the stored ``dossier``, or the ``error``.

    ``error`` is e.g. :class:`ConflictError` (stale etag, ``current`` set), a validation error, or
    :class:`NotExecutedError` (the server did not get to it: retry).
    """

    dossier_id: str
    dossier: Dossier | None
    error: ApiError | None

    @property
    def ok(self) -> bool:
        return self.error is None


class _WireResponse(msgspec.Struct):
    id: str
    status: int
    headers: dict[str, str] = msgspec.field(default_factory=dict)
    body: Any = None


class _WireBatch(msgspec.Struct):
    responses: list[_WireResponse]


_batch_decoder = msgspec.json.Decoder(_WireBatch)


def _wire_request(op: BatchOp) -> dict[str, Any]:
    request: dict[str, Any] = {"id": op.id, "method": op.method, "url": op.url}
    headers = {name.lower(): value for name, value in op.headers.items()}
    if op.body is not None:
        headers.setdefault("content-type", "application/json")
        request["body"] = dict(op.body)
    if headers:
        request["headers"] = headers
    return request


def _result(op_id: str, status: int, raw_headers: Mapping[str, str], body: Any) -> BatchResult:
    headers = {k.lower(): v for k, v in raw_headers.items()}
    error = None
    if status >= 400:
        error = error_for_status(status, body if isinstance(body, Mapping) else None, headers)
        if isinstance(error, ConflictError):
            error.current = conflict_current(body if isinstance(body, Mapping) else None)
    return BatchResult(op_id, status, headers, body, error)


def not_executed(op_id: str) -> BatchResult:
    """The result of an operation the server did not run."""
    error = NotExecutedError("the server stopped before this operation", code="NotExecuted")
    return BatchResult(op_id, 0, {}, None, error)


def _prefixed(ops: Sequence[BatchOp], prefix: str) -> list[BatchOp]:
    if not prefix:
        return list(ops)
    return [BatchOp(op.method, prefix + op.url, op.body, op.headers, op.id) for op in ops]


def _with_ids(ops: Sequence[BatchOp]) -> list[BatchOp]:
    counter = itertools.count(1)
    out: list[BatchOp] = []
    used = {op.id for op in ops if op.id}
    for op in ops:
        if op.id:
            out.append(op)
            continue
        new_id = str(next(counter))
        while new_id in used:
            new_id = str(next(counter))
        used.add(new_id)
        out.append(BatchOp(op.method, op.url, op.body, op.headers, new_id))
    if len({op.id for op in out}) != len(out):
        raise ValueError("batch operation ids must be unique")
    return out


async def run_batch(
    transport: Transport,
    batch_url: str,
    ops: Sequence[BatchOp],
    *,
    chunk_size: int = MAX_BATCH_OPERATIONS,
    atomic: bool = False,
    form: BatchForm = "json",
    url_prefix: str = "",
) -> list[BatchResult]:
    """Send ``ops`` in chunks of at most ``chunk_size`` and return their results in order.

    ``url_prefix`` is put before every operation URL (``companies(…)/`` for a service-root batch).
    ``atomic`` sends ``Isolation: snapshot`` (all-or-nothing per request), which needs the whole
    list to fit in one chunk. ``form`` picks BC's JSON body or the vendor doc's ``multipart/mixed``.
    """
    if not 1 <= chunk_size <= MAX_BATCH_OPERATIONS:
        raise ValueError(f"chunk_size must be between 1 and {MAX_BATCH_OPERATIONS}")
    if atomic and len(ops) > chunk_size:
        raise ValueError("an atomic batch cannot be split; send at most 100 operations")
    numbered = _prefixed(_with_ids(ops), url_prefix)
    results: list[BatchResult] = []
    for start in range(0, len(numbered), chunk_size):
        chunk = numbered[start : start + chunk_size]
        try:
            results.extend(await _send_chunk(transport, batch_url, chunk, atomic=atomic, form=form))
        except ApiError as exc:
            exc.partial_results = list(results)  # type: ignore[attr-defined]
            raise
    return results


async def _send_chunk(
    transport: Transport, batch_url: str, chunk: Sequence[BatchOp], *, atomic: bool, form: BatchForm
) -> list[BatchResult]:
    headers = {"Isolation": "snapshot"} if atomic else {}
    idempotent = all(op.method == "GET" for op in chunk)

    def decode(response: httpx.Response) -> list[BatchResult]:
        by_id = _decode_json(response) if form == "json" else _decode_multipart(response, chunk)
        missing = [op.id for op in chunk if op.id not in by_id]
        if missing:
            raise MalformedResponseError(
                f"the batch response lacks {len(missing)} of {len(chunk)} operations",
                status=response.status_code,
                correlation_id=correlation_of(response),
            )
        return [by_id[op.id] for op in chunk]

    if form == "json":
        body = {"requests": [_wire_request(op) for op in chunk]}
        return await transport.fetch(
            "POST", batch_url, decode, json=body, headers=headers, idempotent=idempotent
        )
    boundary = batch_multipart.new_boundary()
    content = batch_multipart.encode_requests(chunk, boundary)
    headers["Content-Type"] = f"multipart/mixed; boundary={boundary}"
    headers["Accept"] = "multipart/mixed"
    return await transport.fetch(
        "POST", batch_url, decode, content=lambda: content, headers=headers, idempotent=idempotent
    )


def _malformed(response: httpx.Response, message: str) -> MalformedResponseError:
    return MalformedResponseError(
        message, status=response.status_code, correlation_id=correlation_of(response)
    )


def _decode_json(response: httpx.Response) -> dict[str, BatchResult]:
    try:
        wire = _batch_decoder.decode(response.content)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise _malformed(response, f"unexpected batch response: {exc}") from exc
    return {item.id: _result(item.id, item.status, item.headers, item.body) for item in wire.responses}


def _decode_multipart(response: httpx.Response, chunk: Sequence[BatchOp]) -> dict[str, BatchResult]:
    try:
        parts = batch_multipart.parse_responses(response.content, response.headers.get("content-type", ""))
    except MalformedResponseError as exc:
        raise _malformed(response, exc.message) from exc
    if len(parts) > len(chunk):
        raise _malformed(response, f"the batch response has {len(parts)} parts for {len(chunk)} operations")
    results: dict[str, BatchResult] = {}
    for op, (content_id, status, headers, body) in zip(chunk, parts, strict=False):
        op_id = content_id if content_id is not None else op.id
        results[op_id] = _result(op_id, status, headers, body)
    for op in chunk:
        results.setdefault(op.id, not_executed(op.id))
    return results
