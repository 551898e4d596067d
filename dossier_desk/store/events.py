"""How the store tells its user (the UI's bridge object) what changed.

Threads: every call arrives on the thread running the store's coroutines (the Qt thread under qasync),
with one exception: :meth:`SyncListener.dossiers_changed` for a page of a sync is called on a worker
thread (the sync engine's page pipeline, after the page is on disk), so the listener can do per-page
work there (the UI builds its table rows) instead of on the GUI thread. Those calls come one at a time,
in page order, and the engine waits for each before it raises its next event, so the order of all
events is the order they were raised in. A listener that declares ``handles_threads = True`` (the UI's
bridge) gets that call on the worker thread and hands whatever touches the GUI over to its own thread;
for any other listener the store session posts events raised off the loop thread to the loop thread.

Batches are coarse: one :meth:`SyncListener.dossiers_changed` per page of a sync, not per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from dossier_desk.api.models import Dossier
from dossier_desk.store.sync_report import SyncReport


class SyncListener(Protocol):
    """Receiver of store events. Every method must return quickly and must not raise."""

    def dossiers_changed(self, upserted: Sequence[Dossier], deleted_ids: Sequence[str]) -> None:
        """Rows to insert/replace (as the user should see them, pending edits applied) and rows gone.

        May be called on a worker thread (sync pages): see the module docstring."""
        ...

    def sync_progress(self, stage: str, done: int, total: int | None) -> None:
        """Progress of a stage ("full", "delta", "reconcile", "push", "reference")."""
        ...

    def sync_report(self, report: SyncReport) -> None:
        """What the pass that is ending reports: failed steps (step + error code) and skipped records.
        Sent just before :meth:`sync_finished`."""
        ...

    def sync_finished(self, finished_at: datetime, error: Exception | None) -> None:
        """A sync pass ended, successfully (``error`` is ``None``) or not (its first failure)."""
        ...

    def connectivity_changed(self, online: bool, working_offline: bool) -> None:
        """The server became reachable / unreachable, or the user switched "work offline"."""
        ...

    def outbox_changed(self, pending: int, conflicts: int, failed: int) -> None:
        """New counts of queued (incl. in flight), conflicting and failed writes."""
        ...

    def documents_changed(self, dossier_id: str) -> None:
        """The cached document list of one dossier changed."""
        ...

    def workflow_changed(self, dossier_id: str) -> None:
        """The cached workflow log of one dossier changed."""
        ...

    # -- uploads (every upload is an outbox item) ---------------------------------------------------
    def upload_progress(self, item_id: int, sent: int, total: int) -> None:
        """Bytes of an upload's file sent so far, while the outbox sends it (throttled to about ten
        calls a second; the first, at 0, and the last always come). Its end shows in the outbox."""
        ...


class NullListener:
    """A listener that ignores everything (headless use, tests)."""

    def dossiers_changed(self, upserted: Sequence[Dossier], deleted_ids: Sequence[str]) -> None:
        """Ignored."""

    def sync_progress(self, stage: str, done: int, total: int | None) -> None:
        """Ignored."""

    def sync_report(self, report: SyncReport) -> None:
        """Ignored."""

    def sync_finished(self, finished_at: datetime, error: Exception | None) -> None:
        """Ignored."""

    def connectivity_changed(self, online: bool, working_offline: bool) -> None:
        """Ignored."""

    def outbox_changed(self, pending: int, conflicts: int, failed: int) -> None:
        """Ignored."""

    def documents_changed(self, dossier_id: str) -> None:
        """Ignored."""

    def workflow_changed(self, dossier_id: str) -> None:
        """Ignored."""

    def upload_progress(self, item_id: int, sent: int, total: int) -> None:
        """Ignored."""
