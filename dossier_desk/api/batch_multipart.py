"""The ``multipart/mixed`` form of ``$batch`` (the vendor doc's), encoding requests and reading responses.

Each operation is one ``application/http`` part carrying a request line (``GET dossiers(…) HTTP/1.1``),
headers and body; the response repeats the framing with status lines. Responses are matched to
operations by ``Content-ID`` (which we set to the operation id), else by position. Nested changeset
parts in a response are flattened. Line ends may be CRLF or LF.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

import msgspec

from dossier_desk.api.errors import MalformedResponseError

_HEADER = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*?)[ \t]*$")
_STATUS = re.compile(rb"HTTP/\d\.\d (\d{3})(?: .*)?$")
_BOUNDARY = re.compile(r"""boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))""", re.IGNORECASE)


def new_boundary() -> str:
    """A boundary that cannot occur in our own JSON bodies."""
    return f"batch_{uuid.uuid4().hex}"


def encode_requests(ops: Sequence[Any], boundary: str) -> bytes:
    """The multipart body for ``ops`` (``BatchOp`` with ids assigned)."""
    out = bytearray()
    for op in ops:
        body = msgspec.json.encode(dict(op.body)) if op.body is not None else b""
        headers = dict(op.headers)
        if op.body is not None:
            headers.setdefault("Content-Type", "application/json")
        out += f"--{boundary}\r\n".encode()
        out += b"Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
        out += f"Content-ID: {op.id}\r\n\r\n".encode()
        out += f"{op.method} {op.url} HTTP/1.1\r\n".encode()
        for name, value in headers.items():
            if "\r" in name + value or "\n" in name + value:
                raise ValueError("batch header names and values must be single lines")
            out += f"{name}: {value}\r\n".encode()
        out += b"\r\n" + body + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out)


def boundary_of(content_type: str) -> str:
    """The boundary parameter of a multipart Content-Type; raises MalformedResponseError."""
    match = _BOUNDARY.search(content_type or "")
    if not match or not content_type.lower().startswith("multipart/"):
        raise MalformedResponseError("the batch response is not multipart")
    return match[1] or match[2]


def _split(body: bytes, boundary: str) -> list[bytes]:
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + re.escape(boundary.encode()) + rb"(--)?[ \t]*(?:\r?\n|\Z)")
    parts: list[bytes] = []
    last: int | None = None
    for match in delimiter.finditer(body):
        if last is not None:
            parts.append(body[last : match.start()])
        if match[1]:
            return parts
        last = match.end()
    raise MalformedResponseError("the batch response has no closing boundary")


def _headers(lines: list[bytes]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in lines:
        match = _HEADER.match(line)
        if match:
            headers[match[1].decode("latin-1").lower()] = match[2].decode("utf-8", "replace")
    return headers


def _head_and_rest(data: bytes) -> tuple[list[bytes], bytes]:
    """Lines up to the first blank line, and everything after it."""
    match = re.search(rb"\r?\n\r?\n", data)
    if match is None:
        return data.splitlines(), b""
    return data[: match.start()].splitlines(), data[match.end() :]


def parse_responses(body: bytes, content_type: str) -> list[tuple[str | None, int, dict[str, str], Any]]:
    """(content id, status, lower-cased headers, decoded body) per response part, in order."""
    out: list[tuple[str | None, int, dict[str, str], Any]] = []
    for part in _split(body, boundary_of(content_type)):
        part_lines, message = _head_and_rest(part)
        part_headers = _headers(part_lines)
        inner_type = part_headers.get("content-type", "")
        if inner_type.lower().startswith("multipart/"):
            out.extend(parse_responses(message, inner_type))
            continue
        head, payload = _head_and_rest(message)
        if not head or not (status := _STATUS.match(head[0].strip())):
            raise MalformedResponseError("a batch response part has no status line")
        headers = _headers(head[1:])
        out.append((part_headers.get("content-id"), int(status[1]), headers, _decode_body(payload, headers)))
    return out


def _decode_body(payload: bytes, headers: dict[str, str]) -> Any:
    payload = payload.strip(b"\r\n")
    if not payload:
        return None
    if "json" in headers.get("content-type", "json").lower():
        try:
            return msgspec.json.decode(payload)
        except msgspec.DecodeError as exc:
            raise MalformedResponseError("a batch response part has invalid JSON") from exc
    return payload.decode("utf-8", "replace")
