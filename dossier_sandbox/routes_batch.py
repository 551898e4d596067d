"""``$batch``: BC's JSON form and the vendor doc's ``multipart/mixed`` form, executed in-process.

Each operation is run through the same Starlette app (same routes, validation and role rules) with the
batch's principal; rate limits and fault injection apply to the ``$batch`` request as a whole.
Operations sharing an ``atomicityGroup`` (or a multipart changeset), or every operation when the batch
is sent with ``Isolation: snapshot``, run in one transaction: if one fails, the group is rolled back,
the failing operation keeps its error and the others of the group answer 424 (Failed Dependency).
An operation whose ``dependsOn`` names a failed operation or group is not run (424).
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any
from urllib.parse import unquote, urlsplit

import msgspec
from starlette.requests import Request
from starlette.responses import Response

from dossier_sandbox.auth_guard import PRINCIPAL_KEY, principal
from dossier_sandbox.batch_codec import (
    BatchFormatError,
    BatchRequest,
    BatchResponse,
    boundary_from_content_type,
    encode_json_batch,
    encode_multipart_batch,
    parse_json_batch,
    parse_multipart_batch,
)
from dossier_sandbox.common import SandboxState, state
from dossier_sandbox.errors import ApiError

_SKIPPED_HEADERS = {"content-length", "authorization", "host", "connection", "transfer-encoding"}


class _Rollback(Exception):
    """Raised inside a group's transaction to undo it."""


def _error(status: int, message: str, st: SandboxState | None = None) -> bytes:
    return msgspec.json.encode(ApiError(status, message).body(None if st is None else st.variant))


def _target(base: str, url: str) -> tuple[str, str]:
    """Resolve an operation URL to (path, query): absolute, absolute-path, or relative to ``base``
    (the folder of the ``$batch`` request: the service root, or a company for ``companies(..)/$batch``)."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("/"):
        return parts.path, parts.query
    return f"{base}/{parts.path}", parts.query


def _base(request: Request) -> str:
    return request.url.path.rsplit("/", 1)[0]


async def _run(request: Request, st: SandboxState, op: BatchRequest) -> BatchResponse:
    path, query = _target(_base(request), op.url)
    if path.rstrip("/").endswith("$batch"):
        return BatchResponse(
            op.id,
            400,
            {"content-type": "application/json"},
            _error(400, "A $batch cannot contain another $batch."),
            op.atomicity_group,
        )
    headers = [
        (k.encode("latin-1"), v.encode("latin-1")) for k, v in op.headers.items() if k not in _SKIPPED_HEADERS
    ]
    headers.append((b"host", request.headers.get("host", "localhost").encode("latin-1")))
    body = op.body or b""
    headers.append((b"content-length", str(len(body)).encode()))
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": op.method,
        "scheme": request.url.scheme,
        "server": request.scope.get("server"),
        "client": request.scope.get("client"),
        "root_path": "",
        "path": unquote(path),
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": headers,
        "state": request.scope.get("state", {}),
        PRINCIPAL_KEY: principal(request),
    }
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    status = 500
    out_headers: dict[str, str] = {}
    chunks: list[bytes] = []

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            for key, value in message.get("headers", []):
                name = key.decode("latin-1")
                if name.lower() != "content-length":
                    out_headers[name] = value.decode("latin-1")
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await request.app(scope, receive, send)
    return BatchResponse(op.id, status, out_headers, b"".join(chunks), op.atomicity_group)


def _failed_dependency(op: BatchRequest, reason: str) -> BatchResponse:
    return BatchResponse(
        op.id, 424, {"content-type": "application/json"}, _error(424, reason), op.atomicity_group
    )


async def _execute(
    request: Request, st: SandboxState, ops: list[BatchRequest], snapshot: bool, stop_at_failure: bool
) -> list[BatchResponse]:
    """Run the operations; with ``stop_at_failure`` (a multipart batch on a generic OData service
    without ``Prefer: odata.continue-on-error``) nothing after the first failed operation runs."""
    responses: list[BatchResponse] = []
    failed: set[str] = set()
    groups = itertools.groupby(ops, key=lambda op: "*snapshot*" if snapshot else op.atomicity_group)
    for group, members_iter in groups:
        members = list(members_iter)
        if group is None:
            for op in members:
                blocked = [d for d in op.depends_on if d in failed]
                result = (
                    _failed_dependency(op, f"It depends on '{blocked[0]}', which failed.")
                    if blocked
                    else await _run(request, st, op)
                )
                if result.status >= 400:
                    failed.add(op.id)
                responses.append(result)
                if failed and stop_at_failure:
                    return responses
            continue
        results = await _run_group(request, st, members, failed)
        if any(r.status >= 400 for r in results):
            failed.update(op.id for op in members)
            failed.add(str(group))
        responses.extend(results)
        if failed and stop_at_failure:
            return responses
    return responses


async def _run_group(
    request: Request, st: SandboxState, members: list[BatchRequest], failed: set[str]
) -> list[BatchResponse]:
    """All-or-nothing: one savepoint around the group. The operations never suspend on I/O (the
    handlers' SQL is synchronous), so no other request can interleave with the open transaction;
    webhook subscriptions (which call out to the network) are therefore refused inside groups."""
    results: list[BatchResponse] = []
    try:
        with st.db.tx():
            for op in members:
                blocked = [d for d in op.depends_on if d in failed]
                if blocked:
                    results.append(_failed_dependency(op, f"It depends on '{blocked[0]}', which failed."))
                elif "/subscriptions" in _target(_base(request), op.url)[0]:
                    results.append(
                        BatchResponse(
                            op.id,
                            400,
                            {"content-type": "application/json"},
                            _error(400, "Subscriptions cannot be part of an atomic group."),
                            op.atomicity_group,
                        )
                    )
                else:
                    results.append(await _run(request, st, op))
                if results[-1].status >= 400:
                    raise _Rollback
    except _Rollback:
        failing = results[-1].id
        results += [
            _failed_dependency(op, "Not run: the atomic group failed.") for op in members[len(results) :]
        ]
        results = [
            r
            if r.id == failing or r.status >= 400
            else _failed_dependency(
                next(op for op in members if op.id == r.id),
                f"Rolled back: '{failing}' in the same group failed.",
            )
            for r in results
        ]
    return results


async def batch(request: Request) -> Response:
    st = state(request)
    if request.url.path != f"{st.api_path}/$batch" and not st.variant.batch_at_company:
        raise ApiError(404, f"No resource was found at '{request.url.path}'.")
    content_type = request.headers.get("content-type", "")
    body = await request.body()
    snapshot = request.headers.get("isolation", "").strip().lower() == "snapshot"
    limit = st.config.max_batch_operations
    try:
        if content_type.lower().startswith("multipart/mixed"):
            boundary_from_content_type(content_type)
            ops = parse_multipart_batch(body, content_type, limit)
            multipart = True
        elif content_type.split(";")[0].strip().lower() in ("application/json", ""):
            ops = parse_json_batch(body, limit)
            multipart = False
        else:
            raise ApiError(
                415, "A $batch is sent as application/json or multipart/mixed.", target="Content-Type"
            )
    except BatchFormatError as exc:
        raise ApiError(400, str(exc), target="$batch") from exc
    continue_on_error = "odata.continue-on-error" in request.headers.get("prefer", "").lower()
    stop = multipart and st.variant.multipart_stops_at_failure and not continue_on_error
    responses = await _execute(request, st, ops, snapshot, stop)
    if multipart:
        boundary = f"batchresponse_{uuid.uuid4()}"
        return Response(
            encode_multipart_batch(responses, boundary), media_type=f"multipart/mixed; boundary={boundary}"
        )
    return Response(encode_json_batch(responses), media_type="application/json")
