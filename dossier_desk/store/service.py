"""The store's face to the UI: read from the cache, write through the outbox.

Reads never touch the network and show queued writes (the optimistic overlay). Every write is
validated locally and committed to the outbox (on disk) as one write on the database's writer thread,
then announced to the listener (on the thread that waits for it); ``on_enqueued`` (normally
:meth:`SyncEngine.request_sync`) then starts a push. A write returns a :class:`PendingWrite`: the UI
awaits it, so the event loop keeps running while the disk syncs; tools and tests call ``.wait()``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from dossier_desk.api import errors
from dossier_desk.api.models import Contact, Document, Dossier, DossierType, WorkflowEntry
from dossier_desk.domain.dossier_rules import DossierEdits, Problem, ProblemCode
from dossier_desk.store.cache import Cache
from dossier_desk.store.events import NullListener, SyncListener
from dossier_desk.store.outbox import Outbox, OutboxError
from dossier_desk.store.outbox_model import OutboxItem, OutboxState, is_local_id
from dossier_desk.store.overlay import overlay_all, visible
from dossier_desk.store.pending_write import PendingWrite, in_thread
from dossier_desk.store.ports import StoreApi
from dossier_desk.store.validation import LocalValidationError, typed_edits, validate_dossier_edits

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

ORPHAN_MIN_AGE_S = 3600.0
"""Upload copies without an outbox item are removed at start-up once they are this old (a younger one
may belong to another instance between copying and committing)."""


class DossierStore:
    """Facade over :class:`Cache` and :class:`Outbox` (and the API for on-demand detail refresh).

    ``note_outcome`` receives each on-demand request's outcome (``None`` or the exception) so the
    sync engine's online/offline judgement stays current (pass ``SyncEngine.note_outcome``).
    """

    def __init__(
        self,
        cache: Cache,
        outbox: Outbox,
        api: StoreApi | None = None,
        listener: SyncListener | None = None,
        *,
        on_enqueued: Callable[[], None] | None = None,
        note_outcome: Callable[[BaseException | None], None] | None = None,
    ) -> None:
        self.cache = cache
        self.outbox = outbox
        self.api = api
        self.listener: SyncListener = listener or NullListener()
        self._on_enqueued = on_enqueued
        self._note_outcome = note_outcome
        self.remove_orphan_files()

    def remove_orphan_files(self, min_age_s: float = ORPHAN_MIN_AGE_S) -> int:
        """Delete upload copies left without an outbox item (a crash between copy and commit); runs when
        the store is created. Returns how many were removed; never raises for file-system trouble.
        """
        try:
            removed = self.outbox.remove_orphan_files(min_age_s=min_age_s)
        except OSError as exc:
            log.info("could not tidy the outbox files (%s)", type(exc).__name__)
            return 0
        if removed:
            log.info("removed %d orphaned upload copies", removed)
        return removed

    @property
    def encrypted(self) -> bool:
        """Whether the local cache is encrypted at rest (warn the user when not)."""
        return self.cache.encrypted

    # -- reads --------------------------------------------------------------------------------

    def load_dossiers(self) -> list[Dossier]:
        """Every dossier as the user should see it (queued creates, edits and deletions applied)."""
        return overlay_all(self.cache.load_dossiers(), self.outbox.items())

    def dossier(self, dossier_id: str) -> Dossier | None:
        """One dossier as the user should see it, or ``None``."""
        shown, _gone = visible(self.cache, self.outbox, [dossier_id])
        return shown[0] if shown else None

    def dossier_types(self) -> list[DossierType]:
        """Cached dossier types."""
        return self.cache.dossier_types()

    def contacts(self) -> list[Contact]:
        """Cached contacts."""
        return self.cache.contacts()

    def documents(self, dossier_id: str) -> list[Document]:
        """Cached document metadata of a dossier (see :meth:`refresh_documents`)."""
        return self.cache.documents(dossier_id)

    def workflow_log(self, dossier_id: str) -> list[WorkflowEntry]:
        """Cached workflow log of a dossier (see :meth:`refresh_workflow`)."""
        return self.cache.workflow_log(dossier_id)

    def workflow_logs(self) -> dict[str, list[WorkflowEntry]]:
        """Every cached workflow log by dossier id (dossiers never opened have none)."""
        return self.cache.workflow_logs()

    def all_documents(self) -> dict[str, list[Document]]:
        """Every cached document list by dossier id (dossiers never opened have none)."""
        return self.cache.all_documents()

    def pending_ids(self) -> set[str]:
        """Ids of dossiers with queued or parked writes (the table marks them)."""
        return self.outbox.pending_dossier_ids()

    def parked_items(self) -> list[OutboxItem]:
        """Conflicts and failures waiting for the user."""
        return self.outbox.parked_items()

    def waiting_items(self, now: float | None = None) -> list[OutboxItem]:
        """Queued items held back until a later time (the server asked to wait, or a backoff after a
        failure): Sync issues lists them with "Retry now" (:meth:`retry`)."""
        at = time.time() if now is None else now
        return [i for i in self.outbox.items((OutboxState.PENDING,)) if i.next_attempt_at > at]

    def outbox_items(self) -> list[OutboxItem]:
        """Everything queued, in order."""
        return self.outbox.items()

    def sent_upload_listed(self, item_id: int) -> bool:
        """False when an upload the outbox sent in this run is missing from the document list the
        server gave this account right after (e.g. a caseworker's Medical upload); True if unknown."""
        dossier_id, ids = self.outbox.sent_uploads.get(item_id, ("", []))
        listed = {d.id for d in self.cache.documents(dossier_id)} if ids else set()
        return all(i in listed for i in ids)

    def created_id(self, local: str) -> str | None:
        """The server id a locally created dossier (``local-...``) received, once its create landed."""
        return self.outbox.created_id(local)

    # -- writes -------------------------------------------------------------------------------

    # Each write below hands its work to the writer thread when called and returns a
    # :class:`PendingWrite`: the UI awaits it (the loop runs on while the disk syncs); tools, tests and
    # workers call ``.wait()``. Either returns once the write is committed and the listener has heard
    # about it. The ``_name`` bodies run on the writer thread.

    def _validate(self, edits: DossierEdits, current: Dossier | None) -> None:
        validate_dossier_edits(
            edits,
            current=current,
            type_codes={t.code for t in self.cache.dossier_types()},
            contact_nos={c.no for c in self.cache.contacts()},
        )

    def _announce(self, dossier_id: str) -> None:
        shown, gone = visible(self.cache, self.outbox, [dossier_id])
        self.listener.dossiers_changed(shown, gone)
        self.listener.outbox_changed(*self.outbox.counts())
        if self._on_enqueued is not None:
            self._on_enqueued()

    def _done(self, outcome: tuple[T, str]) -> T:
        """After the commit, on the waiting thread: tell the listener, return the result."""
        result, dossier_id = outcome
        if dossier_id:  # "" when nothing changed
            self._announce(dossier_id)
        return result

    def _pending(self, submitted: Future[R], then: Callable[[R], T]) -> PendingWrite[T]:
        return PendingWrite(submitted, then, lambda: self.cache.db.closed)

    def _commit(self, op: Callable[[], tuple[T, str]]) -> PendingWrite[T]:
        """Hand ``op`` to the writer thread as one write (closing the database still lands it)."""
        return self._pending(self.cache.db.write(lambda _conn: op()), self._done)

    def save_dossier_changes(
        self, dossier_id: str, changes: DossierEdits, base: Dossier | None = None
    ) -> PendingWrite[OutboxItem]:
        """Queue an edit (the changed fields' new values).

        ``base`` is the dossier as the user's form was loaded (what :meth:`dossier` returned then).
        When the server's copy has moved on since and now holds other values in a field this edit
        writes, the edit is sent with ``base``'s etag, so the server answers 412 and the change becomes
        a conflict the user resolves instead of silently overwriting a colleague's value. Otherwise
        (and without ``base``) it is based on the cached server version, as queued edits before it.

        Raises :class:`LocalValidationError` for problems found locally, ``KeyError`` for an unknown id.
        """
        return self._commit(lambda: self._save(dossier_id, changes, base))

    def _save(self, dossier_id: str, changes: DossierEdits, base: Dossier | None) -> tuple[OutboxItem, str]:
        current = self.dossier(dossier_id)
        if current is None:
            raise KeyError(dossier_id)
        changes = typed_edits(changes)
        self._validate(changes, current)
        server = None if is_local_id(dossier_id) else self.cache.dossier(dossier_id)
        if server is None and not is_local_id(dossier_id):
            raise KeyError(dossier_id)
        based_on = server
        moved = base is not None and server is not None and bool(base.etag) and base.etag != server.etag
        if moved and any(getattr(base, name.value) != getattr(current, name.value) for name in changes):
            based_on = base  # changed under the user's edit: let the server report the conflict
        return self.outbox.enqueue_update(dossier_id, changes, based_on).wait(), dossier_id

    def create_dossier(self, fields: DossierEdits) -> PendingWrite[OutboxItem]:
        """Queue a new dossier; it shows at once under its temporary ``local-...`` id. Every field,
        the external document no. included, is sent as the user entered it."""
        return self._commit(lambda: self._create(fields))

    def _create(self, fields: DossierEdits) -> tuple[OutboxItem, str]:
        fields = typed_edits(fields)
        self._validate(fields, None)
        item = self.outbox.enqueue_create(fields).wait()
        return item, item.dossier_id

    def delete_dossier(self, dossier_id: str) -> PendingWrite[OutboxItem]:
        """Queue the deletion of a dossier (hidden at once).

        Deleting a dossier whose create was never sent just drops the queued create (and the writes
        queued after it); the create item is returned.
        """
        return self._commit(lambda: self._delete(dossier_id))

    def _delete(self, dossier_id: str) -> tuple[OutboxItem, str]:
        if is_local_id(dossier_id):
            create = next((i for i in self.outbox.items() if i.dossier_id == dossier_id), None)
            if create is not None and create.attempts == 0 and create.state is OutboxState.PENDING:
                self.outbox.discard(create.id).wait()
                return create, dossier_id
        base = None if is_local_id(dossier_id) else self.cache.dossier(dossier_id)
        if base is None and not is_local_id(dossier_id):
            raise KeyError(dossier_id)
        return self.outbox.enqueue_delete(dossier_id, base).wait(), dossier_id

    def queue_upload(
        self,
        dossier_id: str,
        path: Path,
        *,
        description: str = "",
        document_type: str = "Administrative",
        document_date: str = "",
        confidential: bool = False,
    ) -> PendingWrite[OutboxItem]:
        """Queue a document upload: a private copy of the file is taken (on a thread of its own, not
        the writer's) and kept until it is sent."""
        args = (dossier_id, Path(path), description, document_type, document_date, confidential)
        return self._pending(in_thread(lambda: self._upload(*args), "outbox-copy"), self._done)

    def _upload(
        self, dossier_id: str, path: Path, description: str, document_type: str, document_date: str,
        confidential: bool,
    ) -> tuple[OutboxItem, str]:  # fmt: skip
        if self.dossier(dossier_id) is None:
            raise KeyError(dossier_id)
        item = self.outbox.enqueue_upload(
            dossier_id,
            path,
            description=description,
            document_type=document_type,
            document_date=document_date,
            confidential=confidential,
        )
        return item, dossier_id

    def queue_workflow_action(
        self, dossier_id: str, action: str, line_no: int, comments: str = ""
    ) -> PendingWrite[OutboxItem]:
        """Queue a workflow action; comments required by the line are checked when the log is cached."""
        return self._commit(lambda: self._workflow(dossier_id, action, line_no, comments))

    def _workflow(self, dossier_id: str, action: str, line_no: int, comments: str) -> tuple[OutboxItem, str]:
        entry = next((e for e in self.cache.workflow_log(dossier_id) if e.line_no == line_no), None)
        if entry is not None and entry.comments_required and not comments.strip():
            raise LocalValidationError([Problem(None, ProblemCode.COMMENTS_REQUIRED)])
        return self.outbox.enqueue_workflow_action(dossier_id, action, line_no, comments).wait(), dossier_id

    def resolve_conflict(
        self, item_id: int, resolution: DossierEdits, use_etag: str
    ) -> PendingWrite[OutboxItem | None]:
        """See :meth:`Outbox.resolve_conflict`; the listener hears about the change."""
        return self._commit(lambda: self._resolve(item_id, resolution, use_etag))

    def _resolve(
        self, item_id: int, resolution: DossierEdits, use_etag: str
    ) -> tuple[OutboxItem | None, str]:
        item = self.outbox.get(item_id)
        if item is None:
            raise OutboxError(f"outbox item {item_id} does not exist")
        return self.outbox.resolve_conflict(item_id, resolution, use_etag).wait(), item.dossier_id

    def retry(self, item_id: int) -> PendingWrite[OutboxItem]:
        """Queue a parked or waiting item again, now: a Retry-After hold the API client keeps for the
        server is dropped too (the server may of course answer 429 again)."""
        submitted = self.cache.db.write(lambda _conn: self.outbox.retry(item_id).wait())
        return self._pending(submitted, self._retried)

    def _retried(self, item: OutboxItem) -> OutboxItem:
        if self.api is not None:
            self.api.retry_now()
        return self._done((item, item.dossier_id))

    def discard(self, item_id: int) -> PendingWrite[list[int]]:
        """Drop a queued or parked item (the row returns to the server's version)."""
        return self._commit(lambda: self._discard(item_id))

    def _discard(self, item_id: int) -> tuple[list[int], str]:
        item = self.outbox.get(item_id)
        if item is None:
            return [], ""
        return self.outbox.discard(item_id).wait(), item.dossier_id

    # -- on-demand detail ---------------------------------------------------------------------

    async def _fetch(self, coro: Any) -> Any:
        try:
            result = await coro
        except errors.ApiError as exc:
            if self._note_outcome is not None:
                self._note_outcome(exc)
            raise
        if self._note_outcome is not None:
            self._note_outcome(None)
        return result

    async def refresh_documents(self, dossier_id: str) -> list[Document]:
        """Fetch a dossier's document list into the cache (raises ``ApiError``; cache kept on failure)."""
        if is_local_id(dossier_id) or self.api is None:
            return self.cache.documents(dossier_id)
        docs = await self._fetch(self.api.list_documents(dossier_id))
        await self.cache.replace_documents(dossier_id, docs)
        if self.cache.db.closed:  # closed meanwhile: nobody is listening any more
            raise asyncio.CancelledError
        self.listener.documents_changed(dossier_id)
        return docs

    async def refresh_workflow(self, dossier_id: str) -> list[WorkflowEntry]:
        """Fetch a dossier's workflow log into the cache (raises ``ApiError``; cache kept on failure)."""
        if is_local_id(dossier_id) or self.api is None:
            return self.cache.workflow_log(dossier_id)
        entries = await self._fetch(self.api.workflow_log(dossier_id))
        await self.cache.replace_workflow_log(dossier_id, entries)
        if self.cache.db.closed:
            raise asyncio.CancelledError
        self.listener.workflow_changed(dossier_id)
        return entries


__all__ = ["DossierStore", "LocalValidationError"]
