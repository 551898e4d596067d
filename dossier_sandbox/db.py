"""The sandbox's SQLite database: schema, transactions, row versions and the change feed.

One connection (WAL, autocommit mode with explicit savepoints) guarded by a re-entrant lock. The API
runs on uvicorn's single event-loop thread and does its SQL synchronously (a 1,000-row page costs a few
milliseconds), so a write is atomic with respect to other requests without an async lock; the lock
only protects against other threads (tests calling ``SandboxServer`` methods).

Every write goes through :meth:`Database.stamp`, which hands out a strictly increasing row version
(the etag) and a strictly increasing millisecond ``lastModifiedDateTime``, and through
:meth:`Database.record_change`, whose changes reach the listeners (webhooks) only once the outermost
transaction commits.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS companies (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, display_name TEXT NOT NULL,
    version INTEGER NOT NULL, last_modified TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contacts (
    id TEXT PRIMARY KEY, no TEXT NOT NULL UNIQUE, name TEXT NOT NULL, email TEXT NOT NULL,
    phone_no TEXT NOT NULL, department TEXT NOT NULL,
    version INTEGER NOT NULL, last_modified TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dossier_types (
    id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, description TEXT NOT NULL, category TEXT NOT NULL,
    sickness INTEGER NOT NULL, duration_of_dossier TEXT NOT NULL, workflow_code TEXT NOT NULL,
    version INTEGER NOT NULL, last_modified TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workflow_lines (
    workflow_code TEXT NOT NULL, line_no INTEGER NOT NULL, description TEXT NOT NULL, term TEXT NOT NULL,
    comments_required INTEGER NOT NULL, PRIMARY KEY (workflow_code, line_no)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dossiers (
    id TEXT PRIMARY KEY, no TEXT NOT NULL UNIQUE, description TEXT NOT NULL,
    primary_contact_no TEXT NOT NULL, primary_contact_name TEXT NOT NULL, dossier_type_code TEXT NOT NULL,
    status TEXT NOT NULL, document_date TEXT NOT NULL, starting_date TEXT NOT NULL, ending_date TEXT NOT NULL,
    date_closed TEXT NOT NULL, external_document_no TEXT NOT NULL, your_reference TEXT NOT NULL,
    our_reference TEXT NOT NULL, department TEXT NOT NULL, case_manager_code TEXT NOT NULL,
    priority TEXT NOT NULL, confidentiality_level INTEGER NOT NULL, category TEXT NOT NULL,
    version INTEGER NOT NULL, last_modified TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workflow_steps (
    dossier_id TEXT NOT NULL, line_no INTEGER NOT NULL, state TEXT NOT NULL, completed_by TEXT NOT NULL,
    completed_date_time TEXT NOT NULL, comments TEXT NOT NULL,
    version INTEGER NOT NULL, last_modified TEXT NOT NULL, PRIMARY KEY (dossier_id, line_no)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, description TEXT NOT NULL, document_type TEXT NOT NULL,
    document_date TEXT NOT NULL, file_name TEXT NOT NULL, file_size INTEGER NOT NULL, mime_type TEXT NOT NULL,
    created_by TEXT NOT NULL, created_date_time TEXT NOT NULL, confidential INTEGER NOT NULL,
    blob TEXT NOT NULL, version INTEGER NOT NULL, last_modified TEXT NOT NULL);
"""

# Created after the bulk load (much faster than maintaining them row by row). Each ends in ``id`` so
# that keyset paging with id as the tie-breaker can walk the index.
INDEXES = """
CREATE INDEX IF NOT EXISTS dossiers_last_modified ON dossiers (last_modified, id);
CREATE INDEX IF NOT EXISTS dossiers_status ON dossiers (status, id);
CREATE INDEX IF NOT EXISTS dossiers_document_date ON dossiers (document_date, id);
CREATE INDEX IF NOT EXISTS dossiers_starting_date ON dossiers (starting_date, id);
CREATE INDEX IF NOT EXISTS dossiers_contact ON dossiers (primary_contact_no, id);
CREATE INDEX IF NOT EXISTS dossiers_type ON dossiers (dossier_type_code, id);
CREATE INDEX IF NOT EXISTS dossiers_category ON dossiers (category, id);
CREATE INDEX IF NOT EXISTS dossiers_external_no ON dossiers (external_document_no);
CREATE INDEX IF NOT EXISTS documents_dossier ON documents (dossier_id, id);
CREATE INDEX IF NOT EXISTS documents_last_modified ON documents (last_modified, id);
CREATE INDEX IF NOT EXISTS contacts_last_modified ON contacts (last_modified, id);
"""

# BC row versions are 19-digit numbers; starting here makes etags look like BC's (W/"JzE5OzE...").
FIRST_VERSION = 1_000_000_000_000_000_000


def iso_ms(ms: int) -> str:
    """Epoch milliseconds -> stored form ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.

    Six fraction digits because that is the fixed-width form ``odata.canonical_datetime`` gives
    ``$filter`` literals: text order then equals time order. The wire shows milliseconds (:func:`wire_dt`).
    """
    return datetime.fromtimestamp(ms // 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}000Z"


def iso_ms_series(first_ms: int, count: int) -> list[str]:
    """``iso_ms`` of ``count`` consecutive milliseconds; formats each second once (bulk loads)."""
    out: list[str] = []
    second, prefix = -1, ""
    for ms in range(first_ms, first_ms + count):
        if ms // 1000 != second:
            second = ms // 1000
            prefix = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S.")
        out.append(f"{prefix}{ms % 1000:03d}000Z")
    return out


def wire_dt(stored: str) -> str:
    """Stored datetime -> wire form with milliseconds (``...SS.fffZ``); blank stays blank."""
    return stored[:23] + "Z" if stored else ""


@dataclass(frozen=True)
class Change:
    """One committed change of an entity, as webhooks report it."""

    entity_set: str  # "dossiers", "documents", ...
    entity_id: str
    change_type: str  # "created" | "updated" | "deleted"
    last_modified: str
    # The vendor's event type (dossier.created, dossier.updated, dossier.status.changed,
    # workflow.step.completed, document.added) and its resourceData; "" / None when it has none.
    event: str = ""
    data: dict | None = None


class Database:
    """The connection, its lock, the row-version clock and the change feed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # check_same_thread=False: the server thread and test threads share it under ``lock``.
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA temp_store=MEMORY")
        self.conn.execute("PRAGMA cache_size=-65536")
        self.conn.executescript(SCHEMA)
        self.lock = threading.RLock()
        self._version = FIRST_VERSION
        self._last_ms = 0
        self._backdated = False
        self._savepoints = itertools.count()
        self._depth = 0
        self._pending: list[Change] = []
        self._listeners: list[Callable[[list[Change]], None]] = []

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # -- clock ------------------------------------------------------------------------------------
    def stamp(self) -> tuple[int, str]:
        """A new row version and ``lastModifiedDateTime``, both strictly greater than any before."""
        with self.lock:
            self._version += 1
            self._last_ms = max(int(time.time() * 1000), self._last_ms + 1)
            return self._version, iso_ms(self._last_ms)

    def backdate_clock(self, expected_stamps: int) -> None:
        """Before a bulk load of about ``expected_stamps`` rows: start the millisecond clock that far in
        the past, so the loaded rows end near "now" instead of running ahead of the wall clock (a
        change stamped in the future would sit outside every client's delta-sync overlap window)."""
        with self.lock:
            self._last_ms = max(self._last_ms, int(time.time() * 1000) - expected_stamps)
            self._backdated = True

    def reserve_stamps(self, count: int) -> tuple[int, int]:
        """Reserve ``count`` consecutive stamps for a bulk load: returns (first version, first epoch ms).

        The milliseconds end at "now", so rows loaded later still get strictly later times.
        """
        with self.lock:
            first_version = self._version + 1
            self._version += count
            now_ms = int(time.time() * 1000)
            # After backdate_clock, reservations continue from the clock; otherwise they end at "now".
            first_ms = self._last_ms + 1 if self._backdated else max(now_ms - count, self._last_ms + 1)
            self._last_ms = first_ms + count - 1
            return first_version, first_ms

    # -- transactions -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A (nestable) transaction: a savepoint, rolled back if the block raises.

        Changes recorded inside reach the listeners when the outermost transaction commits.
        """
        with self.lock:
            name = f"sp{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            mark = len(self._pending)
            try:
                yield self.conn
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                del self._pending[mark:]
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            if self._depth == 0 and self._pending:
                changes, self._pending = self._pending, []
                for listener in self._listeners:
                    listener(changes)

    def record_change(self, change: Change) -> None:
        with self.lock:
            self._pending.append(change)
            if self._depth == 0:  # outside a transaction: already committed
                changes, self._pending = self._pending, []
                for listener in self._listeners:
                    listener(changes)

    def add_listener(self, listener: Callable[[list[Change]], None]) -> None:
        """``listener(changes)`` runs (on the committing thread) after each outermost commit."""
        self._listeners.append(listener)

    # -- queries ----------------------------------------------------------------------------------
    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        with self.lock:
            return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def meta(self, key: str, default: str = "") -> str:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        with self.tx() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def create_indexes(self) -> None:
        with self.lock:
            self.conn.executescript(INDEXES)
            self.conn.execute("ANALYZE")

    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """No journal and no fsync while seeding (a crash mid-seed just means seeding again: the data
        directory is rebuilt at every start); WAL with normal durability afterwards."""
        with self.lock:
            self.conn.execute("PRAGMA journal_mode=OFF")
            self.conn.execute("PRAGMA synchronous=OFF")
            try:
                yield
            finally:
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.conn.execute("PRAGMA journal_mode=WAL")

    def clear(self) -> None:
        """Drop every row (used by a data reset before re-seeding)."""
        with self.tx() as conn:
            for table in (
                "dossiers",
                "contacts",
                "dossier_types",
                "workflow_lines",
                "workflow_steps",
                "documents",
                "companies",
                "meta",
            ):
                conn.execute(f"DELETE FROM {table}")
