"""The local copy of the server's data: dossiers, types, contacts, documents metadata, workflow log.

Rows hold the server's version only; pending local edits live in the outbox and are laid over these
rows by :mod:`.overlay`. Each entity's msgspec-encoded JSON is stored in ``data`` beside a few
indexed columns, so :meth:`Cache.load_dossiers` decodes every row with one decoder call.

Sync state (high-water marks, cursors) is kept in ``sync_state`` and can be written in the same
transaction as the rows it describes. Writes return a :class:`.PendingWrite` (awaited on the event
loop, ``.wait()`` off it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import msgspec

from dossier_desk.api.models import Contact, Document, Dossier, DossierType, WorkflowEntry
from dossier_desk.store.db import Database
from dossier_desk.store.pending_write import PendingWrite

_encode = msgspec.json.Encoder().encode
_dossier_list = msgspec.json.Decoder(list[Dossier])
_dossier_one = msgspec.json.Decoder(Dossier)
_types_list = msgspec.json.Decoder(list[DossierType])
_contacts_list = msgspec.json.Decoder(list[Contact])
_documents_list = msgspec.json.Decoder(list[Document])
_workflow_list = msgspec.json.Decoder(list[WorkflowEntry])

UPSERT_DOSSIER_SQL = """
INSERT INTO dossiers (id, no, status, dossier_type_code, primary_contact_no, category, priority,
                      starting_date, ending_date, external_document_no, last_modified, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    no = excluded.no, status = excluded.status, dossier_type_code = excluded.dossier_type_code,
    primary_contact_no = excluded.primary_contact_no, category = excluded.category,
    priority = excluded.priority, starting_date = excluded.starting_date,
    ending_date = excluded.ending_date, external_document_no = excluded.external_document_no,
    last_modified = excluded.last_modified, data = excluded.data
"""


_SET_STATE_SQL = "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"


def _upsert_dossiers(conn: Any, dossiers: Sequence[Dossier], state: Mapping[str, str] | None) -> None:
    conn.executemany(UPSERT_DOSSIER_SQL, [dossier_row(d) for d in dossiers])
    if state:
        conn.executemany(_SET_STATE_SQL, list(state.items()))


def _delete_dossiers(conn: Any, rows: list[tuple[str]]) -> None:
    conn.executemany("DELETE FROM dossiers WHERE id = ?", rows)
    conn.executemany("DELETE FROM documents WHERE dossier_id = ?", rows)
    conn.executemany("DELETE FROM workflow_log WHERE dossier_id = ?", rows)


def _replace_all(conn: Any, target: str, rows: list[tuple[Any, ...]]) -> None:
    """Replace every row of a reference table (``target`` is ``"table (columns)"``, ours)."""
    table = target.split(" ", 1)[0]
    marks = ",".join("?" * len(rows[0])) if rows else ""
    conn.execute(f"DELETE FROM {table}")  # noqa: S608
    if rows:
        conn.executemany(f"INSERT OR REPLACE INTO {target} VALUES ({marks})", rows)  # noqa: S608


def _replace_of(conn: Any, target: str, dossier_id: str, rows: list[tuple[Any, ...]]) -> None:
    """Replace one dossier's rows of a detail table (``target`` is ``"table (columns)"``, ours)."""
    table = target.split(" ", 1)[0]
    conn.execute(f"DELETE FROM {table} WHERE dossier_id = ?", (dossier_id,))  # noqa: S608
    if rows:
        marks = ",".join("?" * len(rows[0]))
        conn.executemany(f"INSERT OR REPLACE INTO {target} VALUES ({marks})", rows)  # noqa: S608


def _join(blobs: Iterable[bytes]) -> bytes:
    return b"[" + b",".join(blobs) + b"]"


def _grouped(rows: Sequence[Sequence[Any]], decoder: Any) -> dict[str, Any]:
    """(dossier_id, data) rows ordered by dossier -> {dossier_id: decoded list}."""
    out: dict[str, Any] = {}
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i][0] != rows[start][0]:
            out[str(rows[start][0])] = decoder.decode(_join(r[1] for r in rows[start:i]))
            start = i
    return out


def dossier_row(d: Dossier) -> tuple[object, ...]:
    return (
        d.id,
        d.no,
        d.status,
        d.dossier_type_code,
        d.primary_contact_no,
        d.category,
        d.priority,
        d.starting_date,
        d.ending_date,
        d.external_document_no,
        d.last_modified_date_time,
        _encode(d),
    )


class Cache:
    """Typed access to the cached entities in a :class:`~dossier_desk.store.db.Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _write(self, fn: Callable[[Any], Any]) -> PendingWrite[None]:
        """``fn(conn)`` as one write on the writer thread: await it on the loop, ``.wait()`` off it."""
        return PendingWrite(self.db.write(fn), lambda _result: None)

    @property
    def encrypted(self) -> bool:
        """Whether the cache file is encrypted at rest."""
        return self.db.encrypted

    # -- dossiers -----------------------------------------------------------------------------

    def upsert_dossiers(
        self, dossiers: Sequence[Dossier], *, state: Mapping[str, str] | None = None
    ) -> PendingWrite[None]:
        """Insert or replace ``dossiers`` (server versions) and set ``state`` keys, in one transaction
        (the rows are encoded on the writer thread too)."""
        return self._write(lambda conn: _upsert_dossiers(conn, dossiers, state))

    def delete_dossiers(self, ids: Iterable[str]) -> PendingWrite[None]:
        """Remove dossiers (and their documents and workflow log) from the cache."""
        rows = [(i,) for i in ids]
        return self._write(lambda conn: _delete_dossiers(conn, rows))

    def load_dossiers(self) -> list[Dossier]:
        """All cached dossiers (server versions), decoded in one call."""
        rows = self.db.query("SELECT data FROM dossiers")
        return _dossier_list.decode(_join(r[0] for r in rows))

    def dossier(self, dossier_id: str) -> Dossier | None:
        """One cached dossier by id, or ``None``."""
        rows = self.db.query("SELECT data FROM dossiers WHERE id = ?", (dossier_id,))
        return _dossier_one.decode(rows[0][0]) if rows else None

    def dossiers_by_ids(self, ids: Iterable[str]) -> dict[str, Dossier]:
        """The cached dossiers among ``ids``, keyed by id."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Dossier] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.query(f"SELECT data FROM dossiers WHERE id IN ({marks})", chunk)  # noqa: S608
            for d in _dossier_list.decode(_join(r[0] for r in rows)):
                found[d.id] = d
        return found

    def dossier_ids(self) -> set[str]:
        """The ids of all cached dossiers."""
        return {r[0] for r in self.db.query("SELECT id FROM dossiers")}

    def dossier_count(self) -> int:
        """How many dossiers are cached."""
        return int(self.db.query("SELECT count(*) FROM dossiers")[0][0])

    def find_by_external_no(self, external_no: str) -> Dossier | None:
        """A cached dossier whose External Document No. is ``external_no``."""
        rows = self.db.query("SELECT data FROM dossiers WHERE external_document_no = ?", (external_no,))
        return _dossier_one.decode(rows[0][0]) if rows else None

    def max_last_modified(self, valid: Callable[[str], bool] | None = None) -> str:
        """The newest ``lastModifiedDateTime`` among cached dossiers ("" when empty); with ``valid``, the
        newest one that ``valid`` accepts (values the server sent garbled are passed over).
        """
        if valid is None:
            return str(self.db.query("SELECT coalesce(max(last_modified), '') FROM dossiers")[0][0])
        with self.db.read() as conn:
            cur = conn.execute(
                "SELECT DISTINCT last_modified FROM dossiers WHERE last_modified IS NOT NULL "
                "ORDER BY last_modified DESC"
            )
            try:
                while rows := cur.fetchmany(64):
                    for (value,) in rows:
                        if valid(str(value)):
                            return str(value)
            finally:
                cur.close()
        return ""

    # -- reference data -----------------------------------------------------------------------

    def replace_dossier_types(self, types: Sequence[DossierType]) -> PendingWrite[None]:
        """Replace the whole dossier type list."""
        rows = [(t.id or t.code, t.code, _encode(t)) for t in types]
        return self._write(lambda conn: _replace_all(conn, "dossier_types (id, code, data)", rows))

    def dossier_types(self) -> list[DossierType]:
        """All cached dossier types, by code."""
        rows = self.db.query("SELECT data FROM dossier_types ORDER BY code")
        return _types_list.decode(_join(r[0] for r in rows))

    def replace_contacts(self, contacts: Sequence[Contact]) -> PendingWrite[None]:
        """Replace the whole contact list."""
        rows = [(c.id or c.no, c.no, _encode(c)) for c in contacts]
        return self._write(lambda conn: _replace_all(conn, "contacts (id, no, data)", rows))

    def contacts(self) -> list[Contact]:
        """All cached contacts, by number."""
        rows = self.db.query("SELECT data FROM contacts ORDER BY no")
        return _contacts_list.decode(_join(r[0] for r in rows))

    # -- per-dossier detail -------------------------------------------------------------------

    def replace_documents(self, dossier_id: str, documents: Sequence[Document]) -> PendingWrite[None]:
        """Replace the document metadata of one dossier."""
        rows = [(d.id, dossier_id, _encode(d)) for d in documents]
        table = "documents (id, dossier_id, data)"
        return self._write(lambda conn: _replace_of(conn, table, dossier_id, rows))

    def documents(self, dossier_id: str) -> list[Document]:
        """Cached document metadata of one dossier."""
        rows = self.db.query("SELECT data FROM documents WHERE dossier_id = ? ORDER BY rowid", (dossier_id,))
        return _documents_list.decode(_join(r[0] for r in rows))

    def replace_workflow_log(self, dossier_id: str, entries: Sequence[WorkflowEntry]) -> PendingWrite[None]:
        """Replace the workflow log of one dossier."""
        rows = [(e.id, dossier_id, e.line_no, _encode(e)) for e in entries]
        table = "workflow_log (id, dossier_id, line_no, data)"
        return self._write(lambda conn: _replace_of(conn, table, dossier_id, rows))

    def workflow_log(self, dossier_id: str) -> list[WorkflowEntry]:
        """Cached workflow log of one dossier, by line number."""
        rows = self.db.query(
            "SELECT data FROM workflow_log WHERE dossier_id = ? ORDER BY line_no", (dossier_id,)
        )
        return _workflow_list.decode(_join(r[0] for r in rows))

    def workflow_logs(self) -> dict[str, list[WorkflowEntry]]:
        """Every cached workflow log by dossier id, each by line number (the deadline column and the
        file check read them all at once: one query instead of one per row)."""
        rows = self.db.query("SELECT dossier_id, data FROM workflow_log ORDER BY dossier_id, line_no")
        return _grouped(rows, _workflow_list)

    def all_documents(self) -> dict[str, list[Document]]:
        """Every cached document list by dossier id (the at-risk view checks all dossiers offline)."""
        rows = self.db.query("SELECT dossier_id, data FROM documents ORDER BY dossier_id, rowid")
        return _grouped(rows, _documents_list)

    # -- sync state ---------------------------------------------------------------------------

    def get_state(self, key: str, default: str = "") -> str:
        """A sync-state value."""
        rows = self.db.query("SELECT value FROM sync_state WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else default

    def set_state(self, values: Mapping[str, str]) -> PendingWrite[None]:
        """Set sync-state values in one transaction."""
        rows = list(values.items())
        return self._write(lambda conn: conn.executemany(_SET_STATE_SQL, rows))

    def delete_state(self, *keys: str) -> PendingWrite[None]:
        """Remove sync-state keys."""
        rows = [(k,) for k in keys]
        return self._write(lambda conn: conn.executemany("DELETE FROM sync_state WHERE key = ?", rows))
