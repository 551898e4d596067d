"""The one way service events reach the GUI thread.

:class:`SyncBridge` implements the store's ``SyncListener`` protocol with Qt signals, always emitted on
the GUI thread, in the order the store produced the events. Widgets connect to these signals; services
never see Qt.

Sync pages arrive on the sync engine's page worker thread (``dossiers_changed`` is the one listener
method allowed off the loop's thread; docs/INTERFACES.md). There the bridge turns the page into ready
table batches (the table's row builder, cut to what the GUI applies in one slice), and queues them on a
:class:`~.slice_scheduler.SliceScheduler`, which applies them to the table a slice of about 8 ms at a
time. With ``stage``/``place`` attached, a page's batches are staged (stored, counted, looked up) and
placed on screen together at most every ~350 ms (one repaint for many batches, see
:meth:`~.slice_scheduler.SliceScheduler.set_coalesced`); ``syncFinished`` places them first.
``dossiersChanged`` for a page is emitted once its rows are in the table. Events raised on the
GUI thread (progress, local edits, the end of a pass) run at once when nothing is queued, else queue
behind the pages, so nobody hears "sync finished" before the table has the rows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from dossier_desk.api.models import Dossier
from dossier_desk.ui.slice_scheduler import SliceScheduler

GIL_SWITCH_S = 0.0005
# Turns dossiers into a batch ready for the table; must be safe to call from a worker thread.
Prepare = Callable[[Sequence[Dossier]], Any]


class SyncBridge(QObject):
    """Qt-signal adapter for ``dossier_desk.store.events.SyncListener``.

    Every method may be called from any thread: the bridge marshals its own calls to the GUI thread
    (``handles_threads``: a store session hands it events on the thread that raised them).
    """

    handles_threads = True

    dossiersChanged = Signal(list, list)  # upserted: list[Dossier], deleted ids: list[str]
    syncProgress = Signal(str, int, object)  # stage, done, total | None
    syncFinished = Signal(object, object)  # finished_at: datetime, error: Exception | None
    syncReport = Signal(object)  # store.sync_report.SyncReport: failed steps, skipped records
    connectivityChanged = Signal(bool, bool)  # online, working_offline
    outboxChanged = Signal(int, int, int)  # pending, conflicts, failed
    documentsChanged = Signal(str)  # dossier id
    workflowChanged = Signal(str)  # dossier id
    rateLimitChanged = Signal(object)  # remaining requests in the window | None
    uploadProgress = Signal(int, "qlonglong", "qlonglong")  # outbox item id, bytes sent, bytes total

    def __init__(self, parent: QObject | None = None, *, scheduler: SliceScheduler | None = None) -> None:
        super().__init__(parent)
        # The GUI thread shares the GIL with the page workers: have it change hands after 0.5 ms instead
        # of Python's 5 ms, or every Python call from Qt (a cell's data, a timer) may wait that long.
        sys.setswitchinterval(GIL_SWITCH_S)
        self.scheduler = scheduler or SliceScheduler(self)
        self._snapshot: Callable[[], Prepare] | None = None
        self._apply: Callable[[Any], None] | None = None
        self._stage: Callable[[Any], None] | None = None
        self._prepare: Prepare | None = None  # the latest snapshot, read by the page worker

    def attach_table(
        self,
        snapshot: Callable[[], Prepare],
        apply: Callable[[Any], None],
        *,
        stage: Callable[[Any], None] | None = None,
        place: Callable[[], None] | None = None,
    ) -> None:
        """Feed a table: ``snapshot()`` (GUI thread) returns a thread-safe ``Prepare`` for the rows as
        the table would build them now; ``apply(batch)`` (GUI thread) puts one prepared batch in.
        Optionally ``stage(batch)`` takes a sync page's batch without showing it yet and ``place()``
        shows everything staged (run at most every ~350 ms, and before ``syncFinished``)."""
        self._snapshot, self._apply = snapshot, apply
        self._stage = stage if stage is not None and place is not None else None
        if self._stage is not None:
            self.scheduler.set_coalesced(place)  # type: ignore[arg-type]
        self._prepare = snapshot()

    def close(self) -> None:
        """Stop delivering: queued pages are dropped and later events ignored (the session is ending)."""
        self.scheduler.close()

    def settled(self) -> bool:
        """True when every event received so far has been delivered (no page still queued)."""
        return self.scheduler.pending() == 0

    # -- delivery -------------------------------------------------------------------------------
    def _in_gui_thread(self) -> bool:
        return QThread.currentThread() is self.thread()

    def _deliver(self, emit: Callable[[], None]) -> None:
        """Emit now, or behind the queued pages when any are waiting."""
        if self._in_gui_thread():
            self.scheduler.run_now_or_post(emit)
        else:
            self.scheduler.post(emit)

    def _refresh_snapshot(self) -> None:
        if self._snapshot is not None:
            self._prepare = self._snapshot()

    def _page_applied(self, upserted: list[Dossier], deleted: list[str]) -> None:
        self._refresh_snapshot()
        self.dossiersChanged.emit(upserted, deleted)

    def _staged(self, stage: Callable[[Any], None], batch: Any) -> None:
        stage(batch)
        self.scheduler.mark_dirty()

    def _finished(self, finished_at: datetime, error: Exception | None) -> None:
        self.scheduler.coalesce_now()  # the last pages are on screen before anyone hears "finished"
        self.syncFinished.emit(finished_at, error)

    def _local_change(self, upserted: list[Dossier], deleted: list[str]) -> None:
        if upserted and self._apply is not None and self._snapshot is not None:
            self._apply(self._snapshot()(upserted))
        self._page_applied(upserted, deleted)

    # -- SyncListener ---------------------------------------------------------------------------
    def dossiers_changed(self, upserted: Sequence[Dossier], deleted_ids: Sequence[str]) -> None:
        rows, deleted = list(upserted), list(deleted_ids)
        prepare, apply, stage = self._prepare, self._apply, self._stage
        if self._in_gui_thread() or prepare is None or apply is None:
            self._deliver(lambda: self._local_change(rows, deleted))
            return
        # A sync page on the engine's worker thread: build the table rows here, in slice-sized batches.
        step = max(1, self.scheduler.rows_per_slice)
        for start in range(0, len(rows), step):
            batch = prepare(rows[start : start + step])
            if stage is not None:
                self.scheduler.post(lambda b=batch: self._staged(stage, b), rows=len(batch))
            else:
                self.scheduler.post(lambda b=batch: apply(b), rows=len(batch))
            self.scheduler.turn.wait()  # between batches: not while the GUI thread paints or applies
        self.scheduler.post(lambda: self._page_applied(rows, deleted))

    def sync_progress(self, stage: str, done: int, total: int | None) -> None:
        self._deliver(lambda: self.syncProgress.emit(stage, done, total))

    def sync_report(self, report: object) -> None:
        self._deliver(lambda: self.syncReport.emit(report))

    def sync_finished(self, finished_at: datetime, error: Exception | None) -> None:
        self._deliver(lambda: self._finished(finished_at, error))

    def connectivity_changed(self, online: bool, working_offline: bool) -> None:
        self._deliver(lambda: self.connectivityChanged.emit(online, working_offline))

    def outbox_changed(self, pending: int, conflicts: int, failed: int) -> None:
        self._deliver(lambda: self.outboxChanged.emit(pending, conflicts, failed))

    def documents_changed(self, dossier_id: str) -> None:
        self._deliver(lambda: self.documentsChanged.emit(dossier_id))

    def workflow_changed(self, dossier_id: str) -> None:
        self._deliver(lambda: self.workflowChanged.emit(dossier_id))

    def rate_limit_changed(self, remaining: int | None) -> None:
        self._deliver(lambda: self.rateLimitChanged.emit(remaining))

    # -- uploads --------------------------------------------------------------------------------
    def upload_progress(self, item_id: int, sent: int, total: int) -> None:
        self._deliver(lambda: self.uploadProgress.emit(item_id, sent, total))
