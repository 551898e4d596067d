"""Reads for a fast start: the first screenful of dossiers in the table's sort order, and the rest in pages.

At start-up the table shows the top rows of the saved sort order read with ``LIMIT`` straight from the
cache (the No. index answers the default order at once), while every row is read in the background.
Both apply the outbox overlay as :meth:`DossierStore.load_dossiers` does, so a queued edit, create or
deletion shows the same from the first paint on. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from dossier_desk.api.models import PRIORITY_VALUES, STATUS_VALUES, Dossier
from dossier_desk.store.cache import Cache
from dossier_desk.store.outbox import Outbox
from dossier_desk.store.overlay import overlay_all, overlay_page

_decode = msgspec.json.Decoder(list[Dossier]).decode


def _rank_sql(column: str, values: tuple[str, ...]) -> str:
    cases = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {cases} ELSE {len(values)} END"


# Table sort keys (see ui.models.rows) that the cache's own columns can order by. Only No. is indexed;
# the others scan the table once, still far less than decoding every row.
_ORDER_SQL = {
    "no": "no",
    "type": "dossier_type_code",
    "category": "category",
    "status": _rank_sql("status", STATUS_VALUES),
    "priority": _rank_sql("priority", PRIORITY_VALUES),
    "starting_date": "starting_date",
    "ending_date": "ending_date",
}


def can_order_by(sort_key: str) -> bool:
    """Whether :func:`first_rows` reads the true top rows for ``sort_key`` (else the top by No.)."""
    return sort_key in _ORDER_SQL


def first_rows(cache: Cache, outbox: Outbox, sort_key: str, descending: bool, limit: int) -> list[Dossier]:
    """Up to ``limit`` dossiers first in the order of ``sort_key`` (No. when SQL cannot order by it), as the
    user should see them: queued edits applied, queued deletions left out, queued creates added."""
    order = _ORDER_SQL.get(sort_key, "no")
    direction = "DESC" if descending else "ASC"
    rows = cache.db.query(f"SELECT data FROM dossiers ORDER BY {order} {direction} LIMIT ?", (limit,))  # noqa: S608
    return overlay_all(_decode(_join(r[0] for r in rows)), outbox.items())


def dossier_pages(cache: Cache, page_size: int = 5000) -> Iterator[list[Dossier]]:
    """Every cached dossier (server versions), a page at a time in storage order: each page is one short
    query and one decode, so a reader thread never holds the interpreter for long."""
    last = -1
    while True:
        rows = cache.db.query(
            "SELECT rowid, data FROM dossiers WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, page_size)
        )
        if not rows:
            break
        last = rows[-1][0]
        yield _decode(_join(r[1] for r in rows))
        if len(rows) < page_size:
            break
    # The pages went through this thread's connection: its page cache need not stay full of them.
    cache.db.query("PRAGMA shrink_memory")


def overlaid_pages(cache: Cache, outbox: Outbox, page_size: int = 5000) -> Iterator[list[Dossier]]:
    """Every dossier as :meth:`DossierStore.load_dossiers` shows it, a page at a time (queued creates in
    the last page), so a reader can shrink each page before the next is decoded."""
    items = outbox.items()
    for page in dossier_pages(cache, page_size):
        yield overlay_page(page, items)
    yield overlay_all([], items)  # queued creates: no server row yet


def all_rows(cache: Cache, outbox: Outbox, page_size: int = 5000) -> list[Dossier]:
    """What :meth:`DossierStore.load_dossiers` returns, read in pages (see :func:`dossier_pages`)."""
    return [d for page in overlaid_pages(cache, outbox, page_size) for d in page]


def _join(blobs: Any) -> bytes:
    return b"[" + b",".join(blobs) + b"]"
