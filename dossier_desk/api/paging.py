"""Server-driven paging: follow ``@odata.nextLink`` and decode each page tolerantly.

A page is decoded straight into ``Page[T]`` in one msgspec call when it fits the model; otherwise
record by record (:mod:`dossier_desk.api.decoding`), skipping and reporting what does not fit.
``nextLink`` may be absolute (BC) or relative to the request URL (OData JSON 4.01); it is resolved,
then must stay on the API's own origin (the bearer token is never sent to a host the server names).
Its query (``$skiptoken`` ...) is opaque and sent back unchanged. A link seen before in the same
listing (A->B->A) or a page count far beyond ``@odata.count`` ends the listing with an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Generic, TypeVar
from urllib.parse import urljoin, urlsplit

import httpx
import msgspec

from dossier_desk.api.decoding import (
    PageEnvelope,
    Rows,
    blanks_possible,
    convert_record,
    convert_records,
    decode_envelope,
    decode_raw_page,
    normalise_rows,
    strip_blank_literals,
)
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import MalformedResponseError, correlation_of
from dossier_desk.api.odata import with_query
from dossier_desk.api.transport import Transport

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_PAGE_SIZE = 20_000
# Client-side codes on MalformedResponseError for a listing that does not end.
PAGING_LOOP = "PagingLoop"
PAGING_RUNAWAY = "PagingRunaway"
_MAX_EMPTY_PAGES = 50
# Servers refuse longer request lines (8 KiB is the common limit); a relative link that grows the path
# on every page ("x/" -> "x/x/" ...) never repeats, so without this it would page forever.
MAX_NEXT_LINK_LENGTH = 8192
# Real skip tokens keep their length; links that grow on this many pages in a row are such a loop.
_MAX_GROWING_LINKS = 32
# Reading ahead, a page's decode waits until the next request is on the wire (the decode holds the
# GIL, and the server should not wait for it), but no longer than this (a paced request may wait).
_SEND_FIRST_S = 0.05


class Page(msgspec.Struct, Generic[T]):
    """One collection response. ``value`` is a :class:`Rows` when decoded by :func:`decode_page`."""

    value: list[T]
    next_link: str | None = msgspec.field(default=None, name="@odata.nextLink")
    count: int | None = msgspec.field(default=None, name="@odata.count")


_decoders: dict[type, msgspec.json.Decoder] = {}
_default_forms = EnumForms()


def page_decoder(item_type: type[T]) -> msgspec.json.Decoder[Page[T]]:
    """A cached decoder for ``Page[item_type]``."""
    decoder = _decoders.get(item_type)
    if decoder is None:
        decoder = msgspec.json.Decoder(Page[item_type])  # type: ignore[valid-type]
        _decoders[item_type] = decoder
    return decoder


def _malformed(response: httpx.Response, message: str, code: str = "") -> MalformedResponseError:
    return MalformedResponseError(
        message, status=response.status_code, code=code, correlation_id=correlation_of(response)
    )


def decode_page(
    response: httpx.Response,
    item_type: type[T],
    *,
    forms: EnumForms | None = None,
    entity_set: str = "",
) -> Page[T]:
    """Decode a collection response; ``value`` is :class:`Rows` (records plus ``skipped``).

    A body that is not a collection raises :class:`MalformedResponseError`; single records that do
    not fit the model are skipped and listed in ``value.skipped``.
    """
    forms = forms or _default_forms
    content = response.content
    bc_blanks = blanks_possible(content)
    if bc_blanks:
        forms.note_bc_blanks()
        content = strip_blank_literals(content)
    try:
        page = page_decoder(item_type).decode(content)
        rows: Rows[T] = Rows(page.value)
    except msgspec.ValidationError:
        try:
            raw = decode_raw_page(content)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            raise _malformed(response, f"unexpected collection response: {_short(exc)}") from exc
        for record in raw.value[:20]:
            if isinstance(record, Mapping):
                forms.note_record(record)
        good, skipped = convert_records(raw.value, item_type, entity_set or item_type.__name__)
        for record in skipped:
            log.info(
                "skipped a %s record (key %s): %s %s",
                record.entity_set,
                record.key or "-",
                record.problem_code,
                record.field,
            )
        rows = Rows(good, skipped)
        page = Page(rows, raw.next_link, raw.count)
    except msgspec.DecodeError as exc:
        raise _malformed(response, f"unexpected collection response: {_short(exc)}") from exc
    normalise_rows(rows, forms, blanks_possible=False)
    page.value = rows
    return page


def _envelope(response: httpx.Response) -> tuple[httpx.Response, PageEnvelope]:
    """The response with its collection envelope (records not built), or :class:`MalformedResponseError`."""
    try:
        return response, decode_envelope(response.content)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise _malformed(response, f"unexpected collection response: {_short(exc)}") from exc


def decode_entity(response: httpx.Response, item_type: type[T], *, forms: EnumForms | None = None) -> T:
    """Decode a single-entity response; wrong shapes raise :class:`MalformedResponseError`."""
    try:
        try:
            entity = msgspec.json.decode(response.content, type=item_type)
        except msgspec.ValidationError:
            raw = msgspec.json.decode(response.content)
            if isinstance(raw, Mapping) and forms is not None:
                forms.note_record(raw)
            entity = convert_record(raw, item_type)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise _malformed(response, f"unexpected {item_type.__name__} response: {_short(exc)}") from exc
    return normalise_rows([entity], forms or _default_forms)[0]


def _short(exc: Exception) -> str:
    # msgspec messages name the path ("at `$.value[3].id`"), never the value: safe to keep.
    return str(exc)[:200]


def check_same_origin(link: str, origin: tuple[str, str]) -> str:
    """Return ``link`` if it is an absolute URL on ``origin`` (scheme, netloc); else raise."""
    split = urlsplit(link)
    if (split.scheme, split.netloc.lower()) != origin:
        raise MalformedResponseError("the server's next-page link points to another server")
    return link


def resolve_next_link(request_url: str, link: str, origin: tuple[str, str]) -> str:
    """``link`` resolved against the URL that returned it, checked to stay on ``origin``."""
    resolved = check_same_origin(urljoin(request_url, link), origin)
    if len(resolved) > MAX_NEXT_LINK_LENGTH:
        raise MalformedResponseError("the server's next-page link is too long", code=PAGING_RUNAWAY)
    try:
        httpx.URL(resolved)
    except (httpx.InvalidURL, ValueError) as exc:
        raise MalformedResponseError("the server's next-page link is not a valid URL") from exc
    return resolved


def _expected_pages(total: int, first_page_rows: int) -> int:
    return math.ceil(total / first_page_rows) if first_page_rows else total + 1


async def iter_pages(
    transport: Transport,
    url: str,
    item_type: type[T],
    *,
    origin: tuple[str, str],
    params: Mapping[str, str] | None = None,
    page_size: int | None = None,
    on_progress: Callable[[int, int | None], None] | None = None,
    forms: EnumForms | None = None,
    entity_set: str = "",
    decode_off_loop: bool = False,
    read_ahead: bool = False,
) -> AsyncIterator[Rows[T]]:
    """Yield the pages of a collection in order, each a :class:`Rows` (records plus ``skipped``).

    ``page_size`` is sent as ``Prefer: odata.maxpagesize`` (the server may return fewer or ignore
    it). ``on_progress(rows_so_far, total)`` runs after each page; ``total`` is ``@odata.count`` when
    the query asked for it (else ``None``). Stop early by breaking out or cancelling the task; the
    generator then sends nothing more. A listing that loops raises :class:`MalformedResponseError`
    with code :data:`PAGING_LOOP` or :data:`PAGING_RUNAWAY`. With ``decode_off_loop`` each page is
    decoded on a worker thread (keep pages small enough that one decode call stays short: it holds
    the GIL throughout); with ``read_ahead`` as well, the next page is requested while this one is
    decoded and used (leaving early then cancels that one request). The next link is then read on
    the loop from the page's envelope alone, with no thread hop before the next request goes out:
    the server waits for nothing but the client's reading of the body.
    """
    headers: dict[str, str] = {}
    if page_size is not None:
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        headers["Prefer"] = f"odata.maxpagesize={page_size}"

    def decode(response: httpx.Response) -> Page[T]:
        return decode_page(response, item_type, forms=forms, entity_set=entity_set)

    def fetch(
        request_url: str, sent: asyncio.Future[None] | None = None
    ) -> asyncio.Future[tuple[httpx.Response, PageEnvelope]]:
        # The envelope (next link, count, records checked but not built) is read inside the retry
        # loop, so a truncated page is retried; the typed decode follows while the next page is on
        # its way. ``sent`` resolves once the request is written (or has ended).
        def mark(*_: object) -> None:
            if sent is not None and not sent.done():
                sent.set_result(None)

        task = asyncio.ensure_future(
            transport.fetch("GET", request_url, _envelope, headers=headers, on_sent=mark)
        )
        task.add_done_callback(mark)
        return task

    next_url: str | None = with_query(url, params)
    visited: set[str] = set()
    seen = 0
    total: int | None = None
    first_rows: int | None = None
    pages = empty_run = growing = 0
    ahead: asyncio.Future[tuple[httpx.Response, PageEnvelope]] | None = None
    try:
        while next_url is not None:
            request_url = next_url
            visited.add(request_url)
            if decode_off_loop:
                response, envelope = await (ahead or fetch(request_url))
                ahead = None
                empty, count, link = envelope.is_empty, envelope.count, envelope.next_link
            else:
                page: Page[T] = await transport.fetch("GET", request_url, decode, headers=headers)
                empty = not page.value and not getattr(page.value, "skipped", ())
                count, link = page.count, page.next_link
            pages += 1
            empty_run = empty_run + 1 if empty else 0
            if count is not None:
                total = count
            next_url = None
            stop: MalformedResponseError | None = None
            if link is not None:
                next_url = resolve_next_link(request_url, link, origin)
                growing = growing + 1 if len(next_url) > len(request_url) else 0
                # (known from the second page on; on the first, ``pages`` is below any limit anyway)
                limit = (
                    None
                    if total is None or first_rows is None
                    else 2 * _expected_pages(total, first_rows) + 2
                )
                if next_url in visited:
                    stop = MalformedResponseError(
                        "the server's next-page link points to a page already read", code=PAGING_LOOP
                    )
                elif (
                    (limit is not None and pages >= limit)
                    or empty_run >= _MAX_EMPTY_PAGES
                    or growing >= _MAX_GROWING_LINKS
                ):
                    stop = MalformedResponseError(
                        f"the server keeps sending pages ({pages} so far, {total} rows announced)",
                        code=PAGING_RUNAWAY,
                    )
            if decode_off_loop:
                if read_ahead and next_url is not None and stop is None:
                    sent = asyncio.get_running_loop().create_future()
                    ahead = fetch(next_url, sent)  # the next page travels while this one is decoded
                    await asyncio.wait({sent}, timeout=_SEND_FIRST_S)
                page = await asyncio.to_thread(decode, response)
            if first_rows is None:
                first_rows = len(page.value) + len(getattr(page.value, "skipped", ()))
            seen += len(page.value)
            if on_progress is not None:
                on_progress(seen, total)
            yield page.value  # type: ignore[misc]
            if stop is not None:
                # After the page: its rows are good, only the listing as a whole is incomplete.
                raise stop
    finally:
        if ahead is not None:  # left early (or failed): the page asked for ahead is not wanted
            ahead.cancel()
            with contextlib.suppress(BaseException):
                await ahead
    log.debug("paged %d rows in %d pages", seen, pages)
