"""OData ``$batch`` bodies, in BC's JSON form and the ``multipart/mixed`` form the vendor doc shows.

Both forms decode to the same ``BatchRequest`` list and encode from the same ``BatchResponse`` list, so
the service executes a batch once, whatever its wire form. Request header names are lower-cased.
Requests that share an ``atomicity_group`` (a JSON ``atomicityGroup`` or a multipart changeset) are
adjacent and succeed or fail together; the executor decides what that means.

The multipart parser is lenient where the vendor doc is loose: LF line ends are accepted, and the blank
lines between part headers and request line, and between request headers and body, may be missing (the
doc's example has neither). Anything it cannot read raises ``BatchFormatError`` naming the part.
"""

from __future__ import annotations

import base64
import binascii
import http
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import msgspec

__all__ = [
    "MAX_BATCH_OPERATIONS",
    "BatchFormatError",
    "BatchRequest",
    "BatchResponse",
    "boundary_from_content_type",
    "encode_json_batch",
    "encode_multipart_batch",
    "encode_multipart_batch_requests",
    "parse_json_batch",
    "parse_multipart_batch",
    "parse_multipart_batch_responses",
]

MAX_BATCH_OPERATIONS = 100
METHODS = frozenset({"GET", "POST", "PATCH", "PUT", "DELETE"})
_HEADER_LINE = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*)")
_REQUEST_LINE = re.compile(rb"([A-Za-z]+) (\S+) HTTP/\d\.\d")
_STATUS_LINE = re.compile(rb"HTTP/\d\.\d (\d{3})(?: .*)?")
_BOUNDARY = re.compile(r"""boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))""", re.IGNORECASE)


class BatchFormatError(ValueError):
    """A ``$batch`` body that cannot be read; the message says what and where."""


@dataclass
class BatchRequest:
    """One operation of a batch. ``headers`` keys are lower-case; ``body`` is ``None`` when empty."""

    id: str
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None
    atomicity_group: str | None = None
    depends_on: tuple[str, ...] = ()


@dataclass
class BatchResponse:
    """The outcome of one operation; ``atomicity_group`` echoes the request's for changeset framing."""

    id: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    atomicity_group: str | None = None


def _check_ids(requests: Sequence[BatchRequest], max_operations: int) -> list[BatchRequest]:
    """Shared rules: operation count, unique ids, adjacent groups, dependsOn pointing backwards."""
    if len(requests) > max_operations:
        raise BatchFormatError(f"A batch may hold at most {max_operations} operations, got {len(requests)}")
    seen: set[str] = set()
    groups: set[str] = set()
    previous_group: str | None = None
    for request in requests:
        if request.id in seen:
            raise BatchFormatError(f"Duplicate request id '{request.id}' in batch")
        group = request.atomicity_group
        if group is not None and group != previous_group and group in groups:
            raise BatchFormatError(f"Requests of atomicity group '{group}' must be adjacent")
        for dependency in request.depends_on:
            if dependency not in seen and dependency not in groups:
                message = f"Request '{request.id}' depends on '{dependency}': not an earlier request or group"
                raise BatchFormatError(message)
        seen.add(request.id)
        if group is not None:
            groups.add(group)
        previous_group = group
    return list(requests)


# -- JSON form ------------------------------------------------------------------------------------------
def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _is_text(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower().startswith("text/")


def _json_body(value: object, headers: dict[str, str], where: str) -> bytes | None:
    """A JSON batch body -> bytes: JSON values re-encoded, text as UTF-8, other strings base64url."""
    if value is None:
        return None
    content_type = headers.setdefault("content-type", "application/json")
    if _is_json(content_type) or not isinstance(value, str):
        return msgspec.json.encode(value)
    if _is_text(content_type):
        return value.encode()
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BatchFormatError(f"{where}: body is not valid base64url for {content_type}") from exc


def _str_field(item: dict[str, object], name: str, where: str, *, required: bool = True) -> str | None:
    value = item.get(name)
    if value is None and not required:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and name == "id":
        return str(value)
    if not isinstance(value, str) or not value:
        raise BatchFormatError(f"{where}: '{name}' must be a non-empty string")
    return value


def parse_json_batch(body: bytes | str, max_operations: int = MAX_BATCH_OPERATIONS) -> list[BatchRequest]:
    """Decode ``{"requests":[{"id","method","url","headers","body","dependsOn","atomicityGroup"}]}``."""
    try:
        document = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise BatchFormatError(f"The $batch body is not valid JSON: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("requests"), list):
        raise BatchFormatError('A JSON $batch body must be an object with a "requests" array')
    items: list[object] = document["requests"]
    if len(items) > max_operations:
        raise BatchFormatError(f"A batch may hold at most {max_operations} operations, got {len(items)}")
    requests = []
    for index, item in enumerate(items):
        where = f"requests[{index}]"
        if not isinstance(item, dict):
            raise BatchFormatError(f"{where} must be an object")
        request_id = _str_field(item, "id", where)
        where = f"{where} (id '{request_id}')"
        method = str(_str_field(item, "method", where)).upper()
        if method not in METHODS:
            raise BatchFormatError(f"{where}: unsupported method '{method}'")
        raw_headers = item.get("headers") or {}
        if not isinstance(raw_headers, dict) or not all(isinstance(v, str) for v in raw_headers.values()):
            raise BatchFormatError(f"{where}: 'headers' must be an object of strings")
        headers = {str(k).lower(): v for k, v in raw_headers.items()}
        depends = item.get("dependsOn") or []
        if not isinstance(depends, list) or not all(isinstance(d, str) for d in depends):
            raise BatchFormatError(f"{where}: 'dependsOn' must be an array of ids")
        requests.append(
            BatchRequest(
                id=str(request_id),
                method=method,
                url=str(_str_field(item, "url", where)),
                headers=headers,
                body=_json_body(item.get("body"), headers, where),
                atomicity_group=_str_field(item, "atomicityGroup", where, required=False),
                depends_on=tuple(depends),
            )
        )
    return _check_ids(requests, max_operations)


def _valid_json(data: bytes) -> bool:
    try:
        msgspec.json.decode(data)
    except msgspec.DecodeError:
        return False
    return True


def encode_json_batch(responses: Sequence[BatchResponse]) -> bytes:
    """Encode ``{"responses":[{"id","status","headers","body"?,"atomicityGroup"?}]}``."""
    out = []
    for response in responses:
        item: dict[str, object] = {"id": response.id, "status": response.status, "headers": response.headers}
        if response.body:
            content_type = next((v for k, v in response.headers.items() if k.lower() == "content-type"), "")
            if _is_json(content_type) and _valid_json(response.body):
                item["body"] = msgspec.Raw(response.body)
            elif _is_text(content_type):
                item["body"] = response.body.decode("utf-8", "replace")
            else:
                item["body"] = base64.urlsafe_b64encode(response.body).decode().rstrip("=")
        if response.atomicity_group is not None:
            item["atomicityGroup"] = response.atomicity_group
        out.append(item)
    return msgspec.json.encode({"responses": out})


# -- multipart/mixed form -------------------------------------------------------------------------------
def boundary_from_content_type(content_type: str) -> str:
    """The ``boundary`` parameter of a ``multipart/mixed`` content type."""
    if not content_type.lower().lstrip().startswith("multipart/mixed"):
        raise BatchFormatError(f"Expected Content-Type multipart/mixed, got '{content_type}'")
    match = _BOUNDARY.search(content_type)
    if not match:
        raise BatchFormatError("The multipart/mixed Content-Type has no boundary parameter")
    return match[1] or match[2]


def _split_parts(body: bytes, boundary: str, where: str) -> list[bytes]:
    """The parts between ``--boundary`` lines; the CRLF before a delimiter belongs to the delimiter."""
    delimiter = re.compile(rb"(?:\r?\n|\A)--" + re.escape(boundary.encode()) + rb"(--)?[ \t]*(?:\r?\n|\Z)")
    matches = list(delimiter.finditer(body))
    if not matches:
        raise BatchFormatError(f"{where}: no '--{boundary}' delimiter found")
    parts = []
    for current, following in itertools.pairwise(matches):
        if current[1]:
            break
        parts.append(body[current.end() : following.start()])
    else:
        if not matches[-1][1]:
            raise BatchFormatError(f"{where}: missing the closing delimiter '--{boundary}--'")
    return parts


def _read_headers(data: bytes, pos: int) -> tuple[dict[str, str], int]:
    """Header lines from ``pos`` up to a blank line, or up to the first line that is not a header."""
    headers: dict[str, str] = {}
    last = ""
    while pos < len(data):
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end
        line = data[pos:end].rstrip(b"\r")
        if not line:
            return headers, end + 1
        if line[:1] in (b" ", b"\t") and last:  # folded continuation line
            headers[last] += " " + line.strip().decode("latin-1")
        else:
            match = _HEADER_LINE.fullmatch(line)
            if not match:
                return headers, pos
            last = match[1].decode().lower()
            headers[last] = match[2].strip().decode("latin-1")
        pos = end + 1
    return headers, len(data)


@dataclass
class _Message:
    """One HTTP message of a batch: its part's MIME headers, start line, headers, body, changeset."""

    mime: dict[str, str]
    start: re.Match[bytes]
    headers: dict[str, str]
    body: bytes
    changeset: str | None


def _read_http(part: bytes, start_line: re.Pattern[bytes], where: str, changeset: str | None) -> _Message:
    mime, pos = _read_headers(part, 0)
    media = mime.get("content-type", "application/http").split(";", 1)[0].strip().lower()
    if media.startswith("multipart/") and changeset is not None:
        raise BatchFormatError(f"{where}: changesets cannot be nested")
    if media != "application/http":
        raise BatchFormatError(f"{where}: Content-Type '{media}' is not application/http")
    encoding = mime.get("content-transfer-encoding", "binary").lower()
    if encoding not in ("binary", "7bit", "8bit"):
        raise BatchFormatError(f"{where}: Content-Transfer-Encoding '{encoding}' is not supported")
    end = part.find(b"\n", pos)
    end = len(part) if end < 0 else end
    line = part[pos:end].rstrip(b"\r")
    match = start_line.fullmatch(line)
    if not match:
        kind = "request" if start_line is _REQUEST_LINE else "status"
        raise BatchFormatError(f"{where}: expected an HTTP {kind} line, got '{line[:80].decode('latin-1')}'")
    headers, pos = _read_headers(part, end + 1)
    body = part[pos:]
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) <= len(body):
        body = body[: int(length)]
    return _Message(mime, match, headers, body, changeset)


def _walk(body: bytes, content_type: str, start_line: re.Pattern[bytes]) -> list[_Message]:
    """Every HTTP message of a batch, changesets flattened (their boundary names the group)."""
    out = []
    for index, part in enumerate(_split_parts(body, boundary_from_content_type(content_type), "batch"), 1):
        where = f"part {index}"
        mime, pos = _read_headers(part, 0)
        if not mime.get("content-type", "").lower().startswith("multipart/"):
            out.append(_read_http(part, start_line, where, None))
            continue
        changeset = boundary_from_content_type(mime["content-type"])
        for inner_index, inner in enumerate(_split_parts(part[pos:], changeset, where), 1):
            inner_where = f"part {index}.{inner_index} (changeset '{changeset}')"
            out.append(_read_http(inner, start_line, inner_where, changeset))
    return out


def parse_multipart_batch(
    body: bytes, content_type: str, max_operations: int = MAX_BATCH_OPERATIONS
) -> list[BatchRequest]:
    """Decode a ``multipart/mixed`` batch; changesets become atomicity groups named by their boundary.

    A part's ``Content-ID`` becomes the request id, else its 1-based position in the batch.
    """
    requests = []
    for position, message in enumerate(_walk(body, content_type, _REQUEST_LINE), 1):
        method = message.start[1].decode().upper()
        request_id = message.mime.get("content-id", str(position))
        if method not in METHODS:
            raise BatchFormatError(f"Request '{request_id}': unsupported method '{method}'")
        if message.changeset is not None and method == "GET":
            raise BatchFormatError(f"Request '{request_id}': a changeset may not contain GET requests")
        payload = message.body
        url = message.start[2].decode("utf-8", "replace")
        body_or_none = payload if payload.strip() else None
        requests.append(
            BatchRequest(request_id, method, url, message.headers, body_or_none, message.changeset)
        )
    return _check_ids(requests, max_operations)


def parse_multipart_batch_responses(body: bytes, content_type: str) -> list[BatchResponse]:
    """Decode a ``multipart/mixed`` batch response (the client side of ``encode_multipart_batch``)."""
    return [
        BatchResponse(m.mime.get("content-id", str(i)), int(m.start[1]), m.headers, m.body, m.changeset)
        for i, m in enumerate(_walk(body, content_type, _STATUS_LINE), 1)
    ]


def _encode_parts(items: Sequence[object], boundary: str, render: Callable[[object], bytes]) -> bytes:
    """Frame rendered HTTP messages as parts; runs of one atomicity group become a nested changeset."""
    out = bytearray()
    index = 0
    changesets = 0
    while index < len(items):
        group = getattr(items[index], "atomicity_group", None)
        run = [items[index]]
        while group is not None and index + len(run) < len(items):
            if getattr(items[index + len(run)], "atomicity_group", None) != group:
                break
            run.append(items[index + len(run)])
        index += len(run)
        out += f"--{boundary}\r\n".encode()
        if group is None:
            out += render(run[0]) + b"\r\n"
            continue
        changesets += 1
        inner = f"{boundary}_changeset{changesets}"
        out += f"Content-Type: multipart/mixed; boundary={inner}\r\n\r\n".encode()
        for item in run:
            out += f"--{inner}\r\n".encode() + render(item) + b"\r\n"
        out += f"--{inner}--\r\n".encode()
    out += f"--{boundary}--\r\n".encode()
    return bytes(out)


def _http_part(content_id: str, start_line: str, headers: dict[str, str], body: bytes | None) -> bytes:
    head = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
    head += f"Content-ID: {content_id}\r\n\r\n{start_line}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return head.encode("utf-8") + b"\r\n" + (body or b"")


def encode_multipart_batch(responses: Sequence[BatchResponse], boundary: str) -> bytes:
    """Encode responses as ``multipart/mixed`` parts (``HTTP/1.1 200 OK`` ...), changesets nested."""

    def render(response: object) -> bytes:
        assert isinstance(response, BatchResponse)
        try:
            phrase = http.HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
        status_line = f"HTTP/1.1 {response.status} {phrase}".rstrip()
        return _http_part(response.id, status_line, response.headers, response.body)

    return _encode_parts(responses, boundary, render)


def encode_multipart_batch_requests(requests: Sequence[BatchRequest], boundary: str) -> bytes:
    """Encode requests as a ``multipart/mixed`` batch body (client side, and tests)."""

    def render(request: object) -> bytes:
        assert isinstance(request, BatchRequest)
        return _http_part(
            request.id, f"{request.method} {request.url} HTTP/1.1", request.headers, request.body
        )

    return _encode_parts(requests, boundary, render)
