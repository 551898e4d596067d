"""The durable queue of writes waiting to reach the server.

Every write runs on the database's writer thread and returns a :class:`.PendingWrite` that resolves
once it is committed (``synchronous=FULL``: on disk), so the UI may say "saved (pending)" from then on;
the pusher awaits its writes, so the event loop runs on while the disk syncs. Items are pushed
in insertion order (:mod:`.replay`); items of one dossier never overtake each other. Finished items
are deleted; parked ones (conflict / failed) wait for :meth:`Outbox.resolve_conflict`,
:meth:`Outbox.retry` or :meth:`Outbox.discard`. Nothing leaves the outbox otherwise.

Payloads keep the API's camelCase field names (the stored format); edits come keyed by ``DossierField``:

* create ``{"clientKey", "fields"}`` - ``fields`` exactly as the user entered them (the client key only
  names the local row; it is never sent);
* update ``{"changes", "baseEtag", "base"}`` - ``base`` is the full server snapshot the edit started from;
* delete ``{"baseEtag", "base"}``;
* upload ``{"file", "fileName", "size", "sha256", "description", "documentType", "documentDate",
  "confidential"}`` - ``file`` (``<folder>/<name>``) is a private copy under the profile's ``outbox-files``,
  ``sha256`` the hex digest of its content (the upload's identity with name and size);
* workflow ``{"action", "lineNo", "comments"}``.

An item parked as outcome unknown also carries ``"found"``: ids of server records that may be its result.

``sent_at`` is when an item was first sent; ``unsure`` is set while a send's outcome is not known (from
the claim until an answer proves it applied or not). Table ``outbox_results`` remembers which server
records our own finished creates and uploads produced, so a later outcome check never adopts one of
them as its own result.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import msgspec

from dossier_desk.api.models import Dossier, dossier_edits_to_wire
from dossier_desk.domain.dossier_rules import DossierEdits
from dossier_desk.store.cache import UPSERT_DOSSIER_SQL, dossier_row
from dossier_desk.store.db import Database
from dossier_desk.store.outbox_errors import ItemError, error_columns
from dossier_desk.store.outbox_files import private_copy, remove_unreferenced
from dossier_desk.store.outbox_model import (
    Conflict,
    OutboxError,
    OutboxItem,
    OutboxKind,
    OutboxState,
    dossier_to_wire,
    is_local_id,
    local_id,
    new_client_key,
    outbox_time,
)
from dossier_desk.store.outbox_resolve import resolve_conflict
from dossier_desk.store.outbox_rows import COLUMNS, rebase_onto, record_results, row_to_item
from dossier_desk.store.pending_write import PendingWrite
from dossier_desk.store.sealed_files import open_copy

_encode = msgspec.json.encode
_decode = msgspec.json.decode
T = TypeVar("T")
_now = outbox_time


def _set_columns(conn: Any, item_id: int, columns: dict[str, Any]) -> None:
    """Set ``columns`` (names are ours) of one item, and its ``updated_at``."""
    columns = {**columns, "updated_at": _now()}
    assignments = ", ".join(f"{name} = ?" for name in columns)
    conn.execute(f"UPDATE outbox SET {assignments} WHERE id = ?", (*columns.values(), item_id))  # noqa: S608


class Outbox:
    """Queued writes in the cache database (table ``outbox``) plus private copies of upload files."""

    def __init__(self, db: Database, *, author: str = "") -> None:
        self.db = db
        self.author = author  # the signed-in account (home_account_id): stamped on every item, and
        # the only account whose items are pushed (see OutboxPusher)
        self.files_dir: Path = db.paths.outbox_files
        self._revision = 0
        self.sent_uploads: dict[int, tuple[str, list[str]]] = {}  # this run: item -> (dossier, documents)

    @property
    def revision(self) -> int:
        """A counter that changes whenever this process changes the outbox (cheap change detection); it
        moves after the change has committed, so items read once it moved include that change."""
        return self._revision

    def _write(self, fn: Callable[[Any], T]) -> PendingWrite[T]:
        """``fn(conn)`` as one write on the writer thread; bumps :attr:`revision` on commit."""

        def tx(conn: Any) -> T:
            self.db.after_commit(self._bump)
            return fn(conn)

        return PendingWrite(self.db.write(tx))

    def _bump(self) -> None:
        self._revision += 1

    # -- enqueue ------------------------------------------------------------------------------

    def _insert(self, kind: OutboxKind, dossier_id: str, payload: dict[str, Any]) -> PendingWrite[OutboxItem]:
        now = _now()
        params = (kind.value, dossier_id, _encode(payload), now, now, self.author)

        def tx(conn: Any) -> OutboxItem:
            cur = conn.execute(
                "INSERT INTO outbox (kind, dossier_id, state, payload, created_at, updated_at, author) "
                "VALUES (?, ?, 'pending', ?, ?, ?, ?)",
                params,
            )
            row = conn.execute(f"SELECT {COLUMNS} FROM outbox WHERE id = ?", (cur.lastrowid,)).fetchone()  # noqa: S608
            return row_to_item(row)

        return self._write(tx)

    def enqueue_create(self, fields: DossierEdits) -> PendingWrite[OutboxItem]:
        """Queue a new dossier; its temporary id is ``local-<client key>``."""
        key = new_client_key()
        payload = {"clientKey": key, "fields": dossier_edits_to_wire(fields)}
        return self._insert(OutboxKind.CREATE, local_id(key), payload)

    def enqueue_update(
        self, dossier_id: str, changes: DossierEdits, base: Dossier | None
    ) -> PendingWrite[OutboxItem]:
        """Queue an edit of ``dossier_id`` based on the server version ``base``.

        ``base`` is ``None`` only for a dossier whose create is still queued: the etag is filled in
        when the create is confirmed.
        """
        if base is None and not is_local_id(dossier_id):
            raise OutboxError("an update of a server dossier needs the version it is based on")
        payload = {
            "changes": dossier_edits_to_wire(changes),
            "baseEtag": base.etag if base else "",
            "base": dossier_to_wire(base) if base else {},
        }
        return self._insert(OutboxKind.UPDATE, dossier_id, payload)

    def enqueue_delete(self, dossier_id: str, base: Dossier | None) -> PendingWrite[OutboxItem]:
        """Queue the deletion of ``dossier_id`` (based on ``base``'s etag)."""
        if base is None and not is_local_id(dossier_id):
            raise OutboxError("a deletion of a server dossier needs the version it is based on")
        payload = {"baseEtag": base.etag if base else "", "base": dossier_to_wire(base) if base else {}}
        return self._insert(OutboxKind.DELETE, dossier_id, payload)

    def enqueue_upload(
        self,
        dossier_id: str,
        path: Path,
        *,
        description: str = "",
        document_type: str = "Administrative",
        document_date: str = "",
        confidential: bool = False,
    ) -> OutboxItem:
        """Queue an upload; a private copy of ``path`` is taken (and fsynced) first. Blocks until the
        item is committed (the copy is slow anyway): call it off the event loop."""
        copy, size, sha256 = private_copy(Path(path), self.files_dir, self.db.file_key)
        folder, name = copy.parent, copy.name
        payload = {
            "file": f"{folder.name}/{name}",
            "fileName": name,
            "size": size,
            "sha256": sha256,
            "description": description,
            "documentType": document_type,
            "documentDate": document_date,
            "confidential": confidential,
        }
        try:
            return self._insert(OutboxKind.UPLOAD, dossier_id, payload).wait()
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def enqueue_workflow_action(
        self, dossier_id: str, action: str, line_no: int, comments: str = ""
    ) -> PendingWrite[OutboxItem]:
        """Queue a workflow action (complete / reject / reopen) on one line."""
        payload = {"action": action, "lineNo": int(line_no), "comments": comments}
        return self._insert(OutboxKind.WORKFLOW, dossier_id, payload)

    # -- queries ------------------------------------------------------------------------------

    def get(self, item_id: int) -> OutboxItem | None:
        """One item by id, or ``None`` when finished or discarded."""
        rows = self.db.query(f"SELECT {COLUMNS} FROM outbox WHERE id = ?", (item_id,))  # noqa: S608
        return row_to_item(rows[0]) if rows else None

    def items(self, states: Iterable[OutboxState] | None = None) -> list[OutboxItem]:
        """Items in queue order, optionally only those in ``states``."""
        rows = self.db.query(f"SELECT {COLUMNS} FROM outbox ORDER BY id")  # noqa: S608
        wanted = set(states) if states is not None else None
        return [i for i in map(row_to_item, rows) if wanted is None or i.state in wanted]

    def parked_items(self) -> list[OutboxItem]:
        """Conflicts, failures and unknown outcomes waiting for the user."""
        return self.items((OutboxState.CONFLICT, OutboxState.FAILED, OutboxState.UNKNOWN))

    def written_by_others(self) -> bool:
        """True when the queue holds items of another account than :attr:`author` (they wait)."""
        return any(i.author and i.author != self.author for i in self.items())

    def counts(self) -> tuple[int, int, int]:
        """(pending incl. in flight, conflicts, failed incl. outcome unknown)."""
        counts = dict(self.db.query("SELECT state, count(*) FROM outbox GROUP BY state"))
        pending = counts.get("pending", 0) + counts.get("in_flight", 0)
        return pending, counts.get("conflict", 0), counts.get("failed", 0) + counts.get("unknown", 0)

    def result_ids(self) -> set[str]:
        """Server ids that finished creates and uploads of this profile produced (recent ones)."""
        return {r[0] for r in self.db.query("SELECT server_id FROM outbox_results")}

    def created_id(self, local: str) -> str | None:
        """The server id a local create (``local-...``) received once it was confirmed, if known."""
        rows = self.db.query("SELECT server_id FROM outbox_results WHERE local_id = ? AND kind = ?",
                             (local, OutboxKind.CREATE.value))  # fmt: skip
        return str(rows[0][0]) if rows else None

    def pending_dossier_ids(self) -> set[str]:
        """Ids (server or local) of dossiers with any queued or parked write."""
        return {r[0] for r in self.db.query("SELECT DISTINCT dossier_id FROM outbox")}

    def open_file(self, item: OutboxItem) -> BinaryIO:
        """The upload item's file content for reading (decrypted when the copy is encrypted)."""
        return open_copy(self.file_path(item), self.db.file_key)

    def file_path(self, item: OutboxItem) -> Path:
        """The private copy of an upload item's file."""
        return self.files_dir / str(item.payload["file"])

    # -- state changes used by the pusher (it awaits them: the loop runs on while the disk syncs) --

    def _set(self, item_id: int, **columns: Any) -> PendingWrite[None]:
        return self._write(lambda conn: _set_columns(conn, item_id, columns))

    def mark_in_flight(self, item_id: int) -> PendingWrite[bool]:
        """Claim a pending item (durably) before its send starts: a later restart treats the outcome as
        unknown. Compare-and-set: returns ``False`` (and changes nothing) when the item is no longer
        pending, e.g. another process on the same profile claimed or finished it first.
        """
        now = _now()
        sql = (
            "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, unsure = 1, updated_at = ?, "
            "sent_at = CASE WHEN sent_at = '' THEN ? ELSE sent_at END WHERE id = ? AND state = 'pending'"
        )
        return self._write(lambda conn: conn.execute(sql, (now, now, item_id)).rowcount == 1)

    def release_in_flight(
        self, item_id: int | None = None, *, claimed_before: str | None = None
    ) -> PendingWrite[int]:
        """Put items left ``in_flight`` back to pending: one whose send was cancelled (``item_id``), or
        all claimed before ``claimed_before`` (an :func:`outbox_time`; call once per process before its
        first push: such items were left by a process killed mid-send). Returns how many.

        Their ``attempts`` stay above zero, so the replay checks the server before sending again.
        """
        sql = "UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'in_flight'"
        params: tuple[Any, ...] = (_now(),)
        if item_id is not None:
            sql, params = sql + " AND id = ?", (*params, item_id)
        if claimed_before is not None:
            sql, params = sql + " AND updated_at < ?", (*params, claimed_before)
        return self._write(lambda conn: int(conn.execute(sql, params).rowcount))

    def defer(
        self, item_id: int, next_attempt_at: float, error: ItemError | None, *, unsent: bool = False
    ) -> PendingWrite[None]:
        """Back to pending after a transient failure (``error``); not tried again before ``next_attempt_at``.

        ``unsent``: the failure proves the write was not applied (never sent, or refused before any
        work, as a 429), so the next attempt need not check whether an earlier one landed.
        """
        columns = {**error_columns(error), **({"unsure": 0} if unsent else {})}
        return self._set(item_id, state=OutboxState.PENDING.value, next_attempt_at=next_attempt_at, **columns)

    def park_unknown(self, item_id: int, found: list[str]) -> PendingWrite[None]:
        """Park an item whose earlier send may or may not have landed and no check could tell: it is
        never sent again on its own. ``found`` lists server records that may be its result."""

        def tx(conn: Any) -> None:
            payload = {**self._require(item_id).payload, "found": list(found)}
            columns = {"state": OutboxState.UNKNOWN.value, "payload": _encode(payload), **error_columns(None)}
            _set_columns(conn, item_id, columns)

        return self._write(tx)

    def park_failed(self, item_id: int, error: ItemError) -> PendingWrite[None]:
        """Park as failed, keeping what went wrong (kind, status, server text, field messages)."""
        return self._set(item_id, state=OutboxState.FAILED.value, **error_columns(error))

    def park_conflict(self, item_id: int, conflict: Conflict, error: ItemError) -> PendingWrite[None]:
        """Park as a conflict keeping base / mine / theirs."""
        blob = _encode(
            {
                "base": conflict.base,
                "mine": conflict.mine,
                "theirs": conflict.theirs,
                "theirsEtag": conflict.theirs_etag,
            }
        )
        return self._set(item_id, state=OutboxState.CONFLICT.value, conflict=blob, **error_columns(error))

    def complete(
        self,
        item: OutboxItem,
        *,
        server_dossier: Dossier | None = None,
        old_etag: str = "",
        deleted: bool = False,
        result_ids: Iterable[str] = (),
    ) -> PendingWrite[None]:
        """Finish ``item`` in one transaction: remove it, store the server's result in the cache,
        point later items of a created dossier at its server id, and rebase later edits of the same
        dossier that were based on ``old_etag`` (or on nothing) onto the new version.
        """
        results = [*result_ids]
        if item.kind is OutboxKind.CREATE and server_dossier is not None:
            results.append(server_dossier.id)

        def tx(conn: Any) -> None:
            conn.execute("DELETE FROM outbox WHERE id = ?", (item.id,))
            if results:
                record_results(conn, item, results)
            target = item.dossier_id
            if server_dossier is not None:
                conn.execute(UPSERT_DOSSIER_SQL, dossier_row(server_dossier))
                if server_dossier.id != item.dossier_id:
                    conn.execute(
                        "UPDATE outbox SET dossier_id = ? WHERE dossier_id = ?",
                        (server_dossier.id, item.dossier_id),
                    )
                    target = server_dossier.id
                self._rebase(conn, target, old_etag, server_dossier)
            if deleted:
                for table, column in (
                    ("dossiers", "id"),
                    ("documents", "dossier_id"),
                    ("workflow_log", "dossier_id"),
                ):
                    conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (item.dossier_id,))  # noqa: S608
            if item.kind is OutboxKind.UPLOAD:
                self.db.after_commit(lambda: self._uploaded(item, results))

        return self._write(tx)

    def _uploaded(self, item: OutboxItem, results: list[str]) -> None:
        self.sent_uploads[item.id] = (item.dossier_id, results)
        self._remove_copy(item)

    def _remove_copy(self, item: OutboxItem) -> None:
        shutil.rmtree(self.file_path(item).parent, ignore_errors=True)

    def _rebase(self, conn: Any, dossier_id: str, old_etag: str, current: Dossier) -> None:
        rebase_onto(conn, dossier_id, old_etag, current.etag, dossier_to_wire(current))

    # -- user decisions -----------------------------------------------------------------------

    def _require(self, item_id: int) -> OutboxItem:
        item = self.get(item_id)
        if item is None:
            raise OutboxError(f"outbox item {item_id} does not exist")
        return item

    def resolve_conflict(
        self, item_id: int, resolution: DossierEdits, use_etag: str
    ) -> PendingWrite[OutboxItem | None]:
        """Answer a parked update or delete, in one write: see :func:`.outbox_resolve.resolve_conflict`."""
        return self._write(lambda conn: resolve_conflict(self, conn, item_id, resolution, use_etag))

    def retry(self, item_id: int) -> PendingWrite[OutboxItem]:
        """Put a parked or deferred item back in the queue for the next push.

        For an item parked as outcome unknown this is the user's "send it again": they have checked
        that the earlier send did not land, so no further check holds it back.
        """

        def tx(conn: Any) -> OutboxItem:
            before = self._require(item_id)
            columns: dict[str, Any] = {"state": OutboxState.PENDING.value, "next_attempt_at": 0.0}
            columns.update(error_columns(None))
            if before.state is OutboxState.UNKNOWN:
                columns["unsure"] = 0
                columns["payload"] = _encode({k: v for k, v in before.payload.items() if k != "found"})
            _set_columns(conn, item_id, columns)
            return self._require(item_id)

        return self._write(tx)

    def discard(self, item_id: int) -> PendingWrite[list[int]]:
        """Drop an item the user gave up on (and, for an unsent create, the writes queued after it on
        that new dossier). Resolves to the removed ids.
        """

        def tx(conn: Any) -> list[int]:
            item = self._require(item_id)
            removed = [item]
            if item.kind is OutboxKind.CREATE:
                removed = [i for i in self.items() if i.dossier_id == item.dossier_id]
            conn.executemany("DELETE FROM outbox WHERE id = ?", [(i.id,) for i in removed])
            for i in removed:  # the copies go once the items are gone for good (within a larger write too)
                if i.kind is OutboxKind.UPLOAD:
                    self.db.after_commit(lambda i=i: self._remove_copy(i))
            return [i.id for i in removed]

        return self._write(tx)

    def remove_orphan_files(self, *, min_age_s: float = 0.0) -> int:
        """Delete upload copies no item refers to (left by a crash between copy and commit).

        With ``min_age_s``, copies touched more recently are kept: another process on the same profile
        may be between copying a file and committing its item.
        """
        referenced = {
            str(i.payload.get("file", "")).split("/")[0] for i in self.items() if i.kind is OutboxKind.UPLOAD
        }
        return remove_unreferenced(self.files_dir, referenced, min_age_s)
