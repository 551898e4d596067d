"""Server variants: how strictly, and in which dialect, the sandbox answers.

Each variant is a real server the client meets:

* ``bc`` (default): Business Central 24 and later. Absolute nextLink, 20,000-row pages and
  ``Prefer: odata.maxpagesize``; blank literals ``""``, ``0001-01-01``, ``0001-01-01T00:00:00Z``; enum
  values as encoded names (``In_x0020_Process``) in payloads and required in ``$filter``; 412 for a
  missing If-Match; 6,000 requests per 5 minutes; 100 MB bodies.
* ``bc23``: as ``bc`` with enum captions (``In Process``), as BC answered up to version 23.
* ``odata``: a generic OData v4 service. Relative nextLink, 100-row pages, no ``Prefer``; ``null`` for
  unset fields; a ``+`` in the query is a plus sign; 428 for a missing If-Match; ``target`` on the error
  itself; ``$batch`` only at the service root; a multipart batch stops at the first failure.
* ``vendor``: the vendor documents as written. 100 requests/min, 20/s burst, 10,000/day with
  X-RateLimit headers; uploads answered 200 with an empty body; ``{"errorCode","errorMessage"}`` errors
  (400 FILE_TOO_LARGE / INVALID_FILE_TYPE), 10 MB files; DossierType without ``id``; status
  ``InProcess``; the vendor's webhook payload and event types.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

EnumStyle = Literal["encoded", "caption", "compact"]
MB = 1024 * 1024
BC_BLANK_DATE = "0001-01-01"
BC_BLANK_DATETIME = "0001-01-01T00:00:00Z"


@dataclass(frozen=True)
class Variant:
    name: str
    enum_style: EnumStyle
    absolute_next_link: bool
    page_size: int
    honours_prefer: bool
    null_blanks: bool  # unset optional fields are JSON null (else BC's blank literals)
    plus_is_literal: bool  # a raw '+' in the query string is a plus sign, not a space
    missing_if_match_status: int
    target_on_error: bool  # the error object itself carries ``target``
    batch_at_company: bool  # ``companies(..)/$batch`` exists besides the root ``$batch``
    multipart_stops_at_failure: bool
    vendor_errors: bool
    vendor_upload: bool
    max_upload_bytes: int
    rate_windows: tuple[tuple[int, float], ...]  # (requests, seconds) per user
    rate_headers: bool  # X-RateLimit-* on every response
    type_has_id: bool
    vendor_webhooks: bool
    # BC up to 23 describes enum fields as Edm.String in $metadata (the reference's type table); BC 24+,
    # OData services and the vendor variant declare EnumTypes.
    enum_types_in_metadata: bool = True
    # Largest request body of any kind (BC: 100 MB); None: only the upload limit applies.
    max_body_bytes: int | None = None
    # FlowOn actions: create answers ``{"id": ...}``, update ``{}``, a read of a missing record 204.
    flowon_replies: bool = False

    # -- enums -------------------------------------------------------------------------------------
    def enum_out(self, caption: str) -> str:
        """The wire form of a stored caption."""
        if self.enum_style == "caption" or " " not in caption:
            return caption
        if self.enum_style == "compact":
            return caption.replace(" ", "")
        return encode_name(caption)

    def enum_in(self, text: str, captions: tuple[str, ...]) -> str | None:
        """The stored caption for a value the client sent, or None when this server refuses it.

        ``bc`` accepts only encoded names, ``bc23`` only captions, ``odata`` encoded names (its CSDL
        member names), ``vendor`` its compact names and the captions its own examples use.
        """
        for caption in captions:
            accepted = {self.enum_out(caption)}
            if self.enum_style == "compact":
                accepted.add(caption)
            if text in accepted:
                return caption
        return None

    def enum_forms(self, caption: str) -> str:
        """How to name the accepted form in an error message."""
        return self.enum_out(caption)

    # -- blanks ------------------------------------------------------------------------------------
    def blank(self, kind: str) -> Any:
        """The wire value of an unset optional field of ``kind``."""
        if self.null_blanks:
            return None if kind in ("date", "datetime") or self.name == "odata" else ""
        return {"date": BC_BLANK_DATE, "datetime": BC_BLANK_DATETIME}.get(kind, "")

    def presenter(
        self, kinds: Mapping[str, str], keep: tuple[str, ...] = (), drop: tuple[str, ...] = ()
    ) -> Callable[[dict], dict]:
        """A function rewriting a canonical wire dict (captions, ``""`` blanks) into this dialect, in place.

        ``kinds`` maps field names to column kinds (``enum``, ``date``, ``datetime``, ``string``...);
        fields in ``keep`` (keys) are never blanked, fields in ``drop`` are removed.
        """
        return _presenter(self, tuple(kinds.items()), keep, drop)


@functools.lru_cache(maxsize=256)
def _presenter(
    variant: Variant, kinds_items: tuple[tuple[str, str], ...], keep: tuple[str, ...], drop: tuple[str, ...]
) -> Callable[[dict], dict]:
    """Built once per (variant, entity shape): a page of 20,000 rows runs it per row."""
    kinds = dict(kinds_items)
    enum_fields = [n for n, k in kinds.items() if k == "enum"]
    blankable = [
        (n, variant.blank(k))
        for n, k in kinds.items()
        if n not in keep and k not in ("int", "bool", "decimal")
    ]
    blankable = [(n, b) for n, b in blankable if b != ""]
    enum_map = {}

    def present(entity: dict) -> dict:
        for name in enum_fields:
            value = entity.get(name)
            if value:
                out = enum_map.get(value)
                if out is None:
                    out = enum_map[value] = variant.enum_out(value)
                entity[name] = out
        for name, blank in blankable:
            if entity.get(name) == "":
                entity[name] = blank
        for name in drop:
            entity.pop(name, None)
        return entity

    return present


def encode_name(caption: str) -> str:
    """BC's member name for a caption: characters outside identifiers become ``_xHHHH_``."""
    return "".join(c if c.isalnum() or c == "_" else f"_x{ord(c):04x}_" for c in caption)


_BC_RATE = ((6000, 300.0),)

_VARIANTS = {
    "bc": Variant(
        name="bc",
        enum_style="encoded",
        absolute_next_link=True,
        page_size=20_000,
        honours_prefer=True,
        null_blanks=False,
        plus_is_literal=False,
        missing_if_match_status=412,
        target_on_error=False,
        batch_at_company=True,
        multipart_stops_at_failure=False,
        vendor_errors=False,
        vendor_upload=False,
        max_upload_bytes=100 * MB,
        rate_windows=_BC_RATE,
        rate_headers=False,
        type_has_id=True,
        vendor_webhooks=False,
        max_body_bytes=100 * MB,
    ),
}
_VARIANTS["bc23"] = Variant(
    **{**_VARIANTS["bc"].__dict__, "name": "bc23", "enum_style": "caption", "enum_types_in_metadata": False}
)
_VARIANTS["odata"] = Variant(
    **{
        **_VARIANTS["bc"].__dict__,
        "name": "odata",
        "absolute_next_link": False,
        "page_size": 100,
        "honours_prefer": False,
        "null_blanks": True,
        "plus_is_literal": True,
        "missing_if_match_status": 428,
        "target_on_error": True,
        "batch_at_company": False,
        "multipart_stops_at_failure": True,
        "max_body_bytes": None,
    }
)
_VARIANTS["vendor"] = Variant(
    **{
        **_VARIANTS["bc"].__dict__,
        "name": "vendor",
        "enum_style": "compact",
        "page_size": 1000,
        "honours_prefer": False,
        "null_blanks": True,
        "vendor_errors": True,
        "vendor_upload": True,
        "max_upload_bytes": 10 * MB,
        "rate_windows": ((20, 1.0), (100, 60.0), (10_000, 86_400.0)),
        "rate_headers": True,
        "type_has_id": False,
        "vendor_webhooks": True,
        "max_body_bytes": None,
        "flowon_replies": True,
    }
)

VARIANTS: tuple[str, ...] = ("bc", "bc23", "odata", "vendor")


def get_variant(name: str) -> Variant:
    """The variant called ``name``; ``ValueError`` for an unknown name."""
    try:
        return _VARIANTS[name]
    except KeyError:
        raise ValueError(f"unknown sandbox variant {name!r} (known: {', '.join(VARIANTS)})") from None
