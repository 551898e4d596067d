"""The one way service events reach the GUI thread.

:class:`SyncBridge` implements the store's ``SyncListener`` protocol with Qt signals. The sync engine
runs on the qasync loop, i.e. on the GUI thread, so emitting is direct; should a listener method ever be
called from a worker thread, Qt's queued connections (the default across threads) deliver the signal on
the receiver's thread. Widgets connect to these signals; services never see Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from dossier_desk.api.models import Dossier


class SyncBridge(QObject):
    """Qt-signal adapter for ``dossier_desk.store.events.SyncListener``."""

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

    # -- SyncListener ---------------------------------------------------------------------------
    def dossiers_changed(self, upserted: Sequence[Dossier], deleted_ids: Sequence[str]) -> None:
        self.dossiersChanged.emit(list(upserted), list(deleted_ids))

    def sync_progress(self, stage: str, done: int, total: int | None) -> None:
        self.syncProgress.emit(stage, done, total)

    def sync_report(self, report: object) -> None:
        self.syncReport.emit(report)

    def sync_finished(self, finished_at: datetime, error: Exception | None) -> None:
        self.syncFinished.emit(finished_at, error)

    def connectivity_changed(self, online: bool, working_offline: bool) -> None:
        self.connectivityChanged.emit(online, working_offline)

    def outbox_changed(self, pending: int, conflicts: int, failed: int) -> None:
        self.outboxChanged.emit(pending, conflicts, failed)

    def documents_changed(self, dossier_id: str) -> None:
        self.documentsChanged.emit(dossier_id)

    def workflow_changed(self, dossier_id: str) -> None:
        self.workflowChanged.emit(dossier_id)

    def rate_limit_changed(self, remaining: int | None) -> None:
        self.rateLimitChanged.emit(remaining)

    # -- uploads --------------------------------------------------------------------------------
    def upload_progress(self, item_id: int, sent: int, total: int) -> None:
        self.uploadProgress.emit(item_id, sent, total)
