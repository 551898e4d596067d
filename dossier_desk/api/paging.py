"""Server-driven paging: follow ``@odata.nextLink`` and decode each page in one msgspec call.

A page is decoded straight into ``Page[T]`` (``value`` list, ``@odata.nextLink``, ``@odata.count``), so
no intermediate dicts are built. ``nextLink`` is treated as opaque, but it must stay on the API's own
origin: the bearer token is never sent to a host the server names.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Generic, TypeVar
from urllib.parse import urlsplit

import httpx
import msgspec

from dossier_desk.api.errors import MalformedResponseError
from dossier_desk.api.transport import Transport, correlation_of

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_PAGE_SIZE = 20_000


class Page(msgspec.Struct, Generic[T]):
    """One collection response."""

    value: list[T]
    next_link: str | None = msgspec.field(default=None, name="@odata.nextLink")
    count: int | None = msgspec.field(default=None, name="@odata.count")


_decoders: dict[type, msgspec.json.Decoder] = {}


def page_decoder(item_type: type[T]) -> msgspec.json.Decoder[Page[T]]:
    """A cached decoder for ``Page[item_type]``."""
    decoder = _decoders.get(item_type)
    if decoder is None:
        decoder = msgspec.json.Decoder(Page[item_type])  # type: ignore[valid-type]
        _decoders[item_type] = decoder
    return decoder


def decode_page(response: httpx.Response, item_type: type[T]) -> Page[T]:
    """Decode a collection response; wrong shapes raise :class:`MalformedResponseError`."""
    try:
        return page_decoder(item_type).decode(response.content)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise MalformedResponseError(
            f"unexpected collection response: {_short(exc)}",
            status=response.status_code,
            correlation_id=correlation_of(response),
        ) from exc


def decode_entity(response: httpx.Response, item_type: type[T]) -> T:
    """Decode a single-entity response; wrong shapes raise :class:`MalformedResponseError`."""
    try:
        return msgspec.json.decode(response.content, type=item_type)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise MalformedResponseError(
            f"unexpected {item_type.__name__} response: {_short(exc)}",
            status=response.status_code,
            correlation_id=correlation_of(response),
        ) from exc


def _short(exc: Exception) -> str:
    # msgspec messages name the path ("at `$.value[3].id`"), never the value: safe to keep.
    return str(exc)[:200]


def check_same_origin(link: str, origin: tuple[str, str]) -> str:
    """Return ``link`` if it is an absolute URL on ``origin`` (scheme, netloc); else raise."""
    split = urlsplit(link)
    if (split.scheme, split.netloc.lower()) != origin:
        raise MalformedResponseError("the server's next-page link points to another server")
    return link


async def iter_pages(
    transport: Transport,
    url: str,
    item_type: type[T],
    *,
    origin: tuple[str, str],
    params: Mapping[str, str] | None = None,
    page_size: int | None = None,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> AsyncIterator[list[T]]:
    """Yield the pages of a collection in order.

    ``page_size`` is sent as ``Prefer: odata.maxpagesize`` (the server may return fewer).
    ``on_progress(rows_so_far, total)`` runs after each page; ``total`` is ``@odata.count`` when the
    query asked for it (else ``None``). Stop early by breaking out or cancelling the task; the
    generator then sends nothing more.
    """
    headers: dict[str, str] = {}
    if page_size is not None:
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        headers["Prefer"] = f"odata.maxpagesize={page_size}"
    next_url: str | None = url
    next_params = params
    seen = 0
    total: int | None = None
    pages = 0
    while next_url is not None:
        page: Page[T] = await transport.fetch(
            "GET", next_url, lambda r: decode_page(r, item_type), params=next_params, headers=headers
        )
        pages += 1
        if page.count is not None:
            total = page.count
        seen += len(page.value)
        if page.next_link is not None:
            if page.next_link == next_url:
                raise MalformedResponseError("the server's next-page link points to the same page")
            next_url = check_same_origin(page.next_link, origin)
            next_params = None
        else:
            next_url = None
        if on_progress is not None:
            on_progress(seen, total)
        yield page.value
    log.debug("paged %d rows in %d pages", seen, pages)
