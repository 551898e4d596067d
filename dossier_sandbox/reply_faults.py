"""Reply shapes other servers answer: looping next links, gzip bombs, deep JSON, FlowOn write replies.

These are not drawn at random like the faults in ``faults.py``: while switched on (``FaultConfig.paging``,
``inflate_bytes``, ``nest_depth``, ``write_reply``, ``read_204``) every matching request gets the shape.
The ``vendor`` variant answers dossier writes and reads the FlowOn way (``Variant.flowon_replies``).
:func:`reshape` is pure; ``gate.py`` captures the app's response and sends what it returns.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

import msgspec

from dossier_sandbox.config import FaultConfig
from dossier_sandbox.variants import Variant

Headers = list[tuple[bytes, bytes]]

# Query parameters the sandbox adds to its own next links (stripped before the app sees the query).
CYCLE_PARAM = "sandboxcycle"
PAGE_PARAM = "sandboxpage"
_MARKERS = (CYCLE_PARAM, PAGE_PARAM)
RUNAWAY_CAP = 10_000  # a client that never stops still gets an end
PAGING_MODES = ("", "cycle", "runaway")
WRITE_REPLIES = ("", "empty", "id", "no_content")
_DOSSIER_ROUTE = re.compile(r"/companies\([^/]*\)/dossiers(\([^/]*\))?$")
_DROPPED = {b"content-length", b"content-type", b"content-encoding", b"etag"}


@dataclass(frozen=True)
class Shapes:
    paging: str = ""
    inflate_bytes: int = 0
    nest_depth: int = 0
    write_reply: str = ""
    read_204: bool = False

    def __bool__(self) -> bool:
        return bool(self.paging or self.inflate_bytes or self.nest_depth or self.write_reply or self.read_204)


def check(config: FaultConfig) -> None:
    """Raise ``ValueError`` for a shape switch with an unknown value."""
    if config.paging not in PAGING_MODES:
        raise ValueError(f"paging must be one of {PAGING_MODES}")
    if config.write_reply not in WRITE_REPLIES:
        raise ValueError(f"write_reply must be one of {WRITE_REPLIES}")
    if config.inflate_bytes < 0 or config.nest_depth < 0:
        raise ValueError("inflate_bytes and nest_depth must not be negative")


def shapes_for(config: FaultConfig, variant: Variant, method: str, path: str, applies: bool) -> Shapes:
    """The shapes for this request: the switched-on ones (if ``applies``), else the variant's own."""
    shapes = (
        Shapes(config.paging, config.inflate_bytes, config.nest_depth, config.write_reply, config.read_204)
        if applies
        else Shapes()
    )
    if variant.flowon_replies and _DOSSIER_ROUTE.search(path):
        # FlowOn: create answers {"id": ...}, update {} (both 200), a missing record 204.
        own = "id" if method == "POST" else "empty" if method == "PATCH" else ""
        shapes = Shapes(
            shapes.paging,
            shapes.inflate_bytes,
            shapes.nest_depth,
            shapes.write_reply or own,
            shapes.read_204 or method == "GET",
        )
    return shapes


def split_markers(query: bytes) -> tuple[bytes, dict[str, str]]:
    """The query without the sandbox's own paging markers, and the markers."""
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    markers = {k: v for k, v in pairs if k in _MARKERS}
    if not markers:
        return query, {}
    kept = [(k, v) for k, v in pairs if k not in _MARKERS]
    return urlencode(kept, safe="$(),'*:/@").encode("latin-1"), markers


def reshape(
    shapes: Shapes,
    method: str,
    status: int,
    headers: Headers,
    body: bytes,
    *,
    self_url: str,
    markers: dict[str, str],
    relative_links: bool = False,
) -> tuple[int, Headers, bytes]:
    """The reply to send instead of ``(status, headers, body)``; ``self_url`` has no markers.

    ``read_204`` turns only a 404 for one record (a keyed URL) into 204: a missing route stays 404.
    """
    kept = [(k, v) for k, v in headers if k.lower() not in _DROPPED]
    if method == "GET" and status == 404 and shapes.read_204 and self_url.split("?")[0].endswith(")"):
        return 204, kept, b""
    if status >= 300:
        return status, headers, body
    if method == "GET":
        if shapes.nest_depth:
            depth = shapes.nest_depth
            return status, [*kept, _JSON], b'{"value":' + b"[" * depth + b"]" * depth + b"}"
        if shapes.inflate_bytes:
            bomb = _bomb(shapes.inflate_bytes)
            return status, [*kept, _JSON, (b"content-encoding", b"gzip")], bomb
        if shapes.paging:
            path, sep, query = self_url.partition("?")
            # As the variant writes its own links: absolute, or relative (last segment and query).
            link_base = path.rsplit("/", 1)[-1] + sep + query if relative_links else self_url
            return status, headers, _page(shapes.paging, body, link_base, markers)
        return status, headers, body
    if method in ("POST", "PATCH") and shapes.write_reply:
        entity = _json(body)
        ident = entity.get("id") if isinstance(entity, dict) else None
        if shapes.write_reply == "no_content":
            location = [v for k, v in headers if k.lower() == b"location"]
            rest = [(k, v) for k, v in kept if k.lower() != b"location"]
            return 204, [*rest, (b"location", location[0] if location else self_url.encode())], b""
        reply = {"id": ident} if shapes.write_reply == "id" and ident else {}
        return 200, [*kept, _JSON], msgspec.json.encode(reply)
    return status, headers, body


_JSON = (b"content-type", b"application/json; charset=utf-8")


def _json(body: bytes) -> Any:
    try:
        return msgspec.json.decode(body)
    except msgspec.DecodeError:
        return None


def _page(mode: str, body: bytes, self_url: str, markers: dict[str, str]) -> bytes:
    data = _json(body)
    if not isinstance(data, dict) or not isinstance(data.get("value"), list):
        return body
    sep = "&" if "?" in self_url else "?"
    if mode == "cycle":
        # first page -> A; A -> B; B -> A: the client reads A and B once each, then sees A again.
        step = "2" if markers.get(CYCLE_PARAM) == "1" else "1"
        data["@odata.nextLink"] = f"{self_url}{sep}{CYCLE_PARAM}={step}"
    else:
        page = int(markers.get(PAGE_PARAM, "0") or 0)
        data.setdefault("@odata.count", len(data["value"]))
        data.pop("@odata.nextLink", None)
        if page < RUNAWAY_CAP:
            data["@odata.nextLink"] = f"{self_url}{sep}{PAGE_PARAM}={page + 1}"
    return msgspec.json.encode(data)


@lru_cache(maxsize=4)
def _bomb(size: int) -> bytes:
    """A JSON collection of ``size`` bytes (one long string), gzip-compressed to a small fraction."""
    head, tail = b'{"value":[],"padding":"', b'"}'
    return gzip.compress(head + b"0" * max(0, size - len(head) - len(tail)) + tail, 9)
