"""Upload queue: per-file progress, speed, cancel and retry; offline uploads go to the outbox.

Each confirmed :class:`UploadJob` becomes a row and an asyncio task on the qasync loop. A failure that
says nothing reached the server (connection refused, connect timeout: the transport's ``unsent`` flag;
or 429, refused before storing) hands the job to the durable outbox, which sends it when the connection
is back. A failure after the body may have been stored (read timeout, dropped connection, 5xx) is *not*
re-sent: the row says the outcome is unknown and the dossier's document list is refreshed, because a
second upload would duplicate the document. Other failures stay in the queue with the server's message
and a Retry button. Uploads to a dossier whose create is still in the outbox go to the outbox too (it
sends them after the create). Cancelling cancels the task, which aborts the HTTP request, so the server
never stores a partial document. The outbox's private copy of the file is made in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.errors import RateLimitedError, is_transient
from dossier_desk.api.models import Document
from dossier_desk.store.outbox_model import is_local_id
from dossier_desk.ui.documents.ports import DocumentUploader, UploadJob, UploadOutbox
from dossier_desk.ui.documents.validation import human_size
from dossier_desk.ui.errors import user_message
from dossier_desk.ui.models.list_table import ListTableModel
from dossier_desk.ui.plain_text import tooltip

log = logging.getLogger(__name__)
_Index = QModelIndex | QPersistentModelIndex

# States are compared as these English strings; the model shows them in the UI language.
WAITING, UPLOADING, DONE, FAILED, CANCELLED, OUTBOX = (
    QT_TRANSLATE_NOOP("UploadQueueModel", "Waiting"),
    QT_TRANSLATE_NOOP("UploadQueueModel", "Uploading"),
    QT_TRANSLATE_NOOP("UploadQueueModel", "Uploaded"),
    QT_TRANSLATE_NOOP("UploadQueueModel", "Failed"),
    QT_TRANSLATE_NOOP("UploadQueueModel", "Cancelled"),
    QT_TRANSLATE_NOOP("UploadQueueModel", "Waiting in outbox (offline)"),
)
SAVING, UNKNOWN, DISCARDED = (
    QT_TRANSLATE_NOOP("UploadQueueModel", "Saving a copy for the outbox"),
    QT_TRANSLATE_NOOP("UploadQueueModel", "Outcome unknown — check the documents list"),
    QT_TRANSLATE_NOOP("UploadQueueModel", "Discarded from the outbox (not uploaded)"),
)
HIDDEN, UNLISTED = (
    QT_TRANSLATE_NOOP("UploadQueueModel", "Uploaded, visible to occupational health only"),
    QT_TRANSLATE_NOOP("UploadQueueModel", "Uploaded, but not listed for your account"),
)
_RETRYABLE = frozenset({FAILED, CANCELLED, DISCARDED})
_CANCELLABLE = frozenset({WAITING, UPLOADING})  # not SAVING: the copy finishes (or fails) on its own
_FINISHED = frozenset({DONE, OUTBOX, UNKNOWN, DISCARDED, HIDDEN, UNLISTED})
_SPEED_SHOWN = frozenset({UPLOADING, DONE, HIDDEN, UNLISTED})  # while sending, then the average


def nothing_was_sent(exc: BaseException) -> bool:
    """True when the failure proves the server did not store the upload, so sending it again later
    cannot duplicate it: the request never left (``unsent``, set by the transport), or 429."""
    return bool(getattr(exc, "unsent", False)) or isinstance(exc, RateLimitedError)


@dataclass
class QueueEntry:
    """Live state of one upload (mutated by its task, shown by the model)."""

    job: UploadJob
    state: str = WAITING
    sent: int = 0
    total: int = 0
    speed: float = 0.0  # bytes per second, smoothed
    message: str = ""
    task: asyncio.Task[None] | None = field(default=None, repr=False)
    outbox_id: str = ""  # set when the job was handed to the outbox
    _last_time: float = 0.0
    _last_sent: int = 0
    _started: float = 0.0


class UploadQueueModel(ListTableModel):
    """Rows are :class:`QueueEntry`; the owner mutates entries and calls :meth:`entry_changed`."""

    FILE, PROGRESS, SPEED, STATUS = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("UploadQueueModel", "File"),
        QT_TRANSLATE_NOOP("UploadQueueModel", "Progress"),
        QT_TRANSLATE_NOOP("UploadQueueModel", "Speed"),
        QT_TRANSLATE_NOOP("UploadQueueModel", "Status"),
    )
    ProgressRole = Qt.ItemDataRole.UserRole + 1  # int 0..100

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[QueueEntry] = []

    def append(self, entry: QueueEntry) -> None:
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(entry)
        self.endInsertRows()

    def remove_finished(self) -> None:
        """Drop rows that are settled: uploaded, handed to the outbox (which shows them), of unknown
        outcome (the documents list tells) or discarded."""
        for row in reversed(range(len(self.entries))):
            if self.entries[row].state in _FINISHED:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.entries[row]
                self.endRemoveRows()

    def entry_changed(self, entry: QueueEntry) -> None:
        row = self.entries.index(entry)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.entries)

    @staticmethod
    def percent(entry: QueueEntry) -> int:
        if entry.state == DONE:
            return 100
        return int(100 * entry.sent / entry.total) if entry.total else 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == self.ProgressRole and column == self.PROGRESS:
            return self.percent(entry)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS and entry.message:
            return tooltip(entry.message)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.FILE:
            return entry.job.path.name
        if column == self.PROGRESS:
            return f"{self.percent(entry)}%"
        if column == self.SPEED:
            return f"{human_size(int(entry.speed))}/s" if entry.speed and entry.state in _SPEED_SHOWN else ""
        state = QCoreApplication.translate("UploadQueueModel", entry.state)
        return f"{state}: {entry.message}" if entry.message else state


class _ProgressDelegate(QStyledItemDelegate):
    """Paints the progress column as a native progress bar (the text stays for screen readers)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        value = index.data(UploadQueueModel.ProgressRole)
        if value is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 2, -2, -2)  # type: ignore[attr-defined]
        bar.minimum, bar.maximum, bar.progress = 0, 100, int(value)
        bar.text = f"{int(value)}%"
        bar.textVisible = True
        style = option.widget.style() if option.widget else QApplication.style()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class UploadQueueWidget(QWidget):
    """The queue view plus Cancel / Retry / Clear finished buttons.

    ``uploaded(dossier_id)`` fires after each successful upload so the documents tab can refresh;
    ``queuedOffline(dossier_id)`` when a job went to the outbox instead; ``outcomeUnknown(dossier_id)``
    when the connection failed after the file may have been stored (refresh the list, do not resend).
    """

    uploaded = Signal(str)
    uploadedHidden = Signal(str)  # dossier id: stored, but the server does not list it for this account
    queuedOffline = Signal(str)
    outcomeUnknown = Signal(str)

    def __init__(
        self,
        uploader: DocumentUploader,
        outbox: UploadOutbox,
        *,
        is_online: Callable[[], bool] = lambda: True,
        is_listed: Callable[[Document], bool] = lambda _document: True,
        is_sent_listed: Callable[[str], bool] = lambda _outbox_id: True,
        clock: Callable[[], float] = time.monotonic,
        max_parallel: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uploadQueue")
        self._uploader = uploader
        self._outbox = outbox
        self._is_online = is_online
        self._is_listed = is_listed
        self._is_sent_listed = is_sent_listed  # the same question for an upload the outbox sent
        self._clock = clock
        # Two at a time: enough to hide per-request latency without starving the sync engine.
        self._slots = asyncio.Semaphore(max_parallel)
        self._discarding = 0

        self.model = UploadQueueModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(UploadQueueModel.PROGRESS, _ProgressDelegate(self.view))
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)

        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.clear_button = QPushButton(self.tr("Clear finished"), self)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.retry_button.clicked.connect(self.retry_selected)
        self.clear_button.clicked.connect(self.model.remove_finished)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cancel_button, self.retry_button, self.clear_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    # -- public API ------------------------------------------------------------------------------
    def add_jobs(self, jobs: list[UploadJob]) -> list[QueueEntry]:
        """Queue uploads and start them; returns their entries (tests await ``entry.task``)."""
        entries = []
        for job in jobs:
            entry = QueueEntry(job, total=job.size)
            self.model.append(entry)
            self._start(entry)
            entries.append(entry)
        return entries

    def cancel(self, entry: QueueEntry) -> None:
        if entry.state in _CANCELLABLE and entry.task is not None:
            entry.task.cancel()

    def retry(self, entry: QueueEntry) -> None:
        if entry.state in _RETRYABLE:
            self._start(entry)

    def cancel_selected(self) -> None:
        for entry in self._selected():
            self.cancel(entry)

    def retry_selected(self) -> None:
        for entry in self._selected():
            self.retry(entry)

    def on_outbox_changed(self, *_counts: int) -> None:
        """Slot for ``SyncBridge.outboxChanged``: rows whose outbox item has gone out are uploaded.

        A row whose item is still queued (or parked: see the sync issues window) keeps waiting. While
        the user discards items (:meth:`discarding`) vanished items are not taken for sent.
        """
        if self._discarding:
            return
        for entry in self.model.entries:
            if entry.state == OUTBOX and entry.outbox_id and not self._outbox.is_queued(entry.outbox_id):
                entry.sent = entry.total
                self._finish(entry, self._is_sent_listed(entry.outbox_id), self.tr("sent from the outbox"))
                self.uploaded.emit(entry.job.dossier_id)

    async def discarding(self, discard: Awaitable[list[int]]) -> list[int]:
        """Await ``discard`` (the store's, giving the removed outbox item ids) and mark the rows of
        those items as discarded, so a discarded upload is never shown as uploaded."""
        self._discarding += 1
        try:
            removed = await discard
        finally:
            self._discarding -= 1
        gone = {str(i) for i in removed}
        for entry in self.model.entries:
            if entry.state == OUTBOX and entry.outbox_id in gone:
                self._set(entry, DISCARDED)
        self.on_outbox_changed()
        return removed

    def running_count(self) -> int:
        """Uploads that closing the window would stop (waiting or sending)."""
        return sum(entry.state in _CANCELLABLE for entry in self.model.entries)

    def shutdown(self) -> None:
        """Cancel running uploads (window closing); the user re-drops them, nothing half-stored."""
        for entry in self.model.entries:
            self.cancel(entry)

    # -- internals -------------------------------------------------------------------------------
    def _selected(self) -> list[QueueEntry]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.entries[r] for r in rows]

    def _start(self, entry: QueueEntry) -> None:
        entry.state, entry.sent, entry.speed, entry.message = WAITING, 0, 0.0, ""
        self.model.entry_changed(entry)
        entry.task = asyncio.ensure_future(self._run(entry))

    def _set(self, entry: QueueEntry, state: str, message: str = "") -> None:
        entry.state, entry.message = state, message
        self.model.entry_changed(entry)

    async def _to_outbox(self, entry: QueueEntry) -> None:
        """Hand the job to the outbox. Its private copy (and fsync) of a possibly large file runs in a
        worker thread so the window stays responsive; a failure shows on the row."""
        self._set(entry, SAVING)
        loop = asyncio.get_running_loop()
        try:
            entry.outbox_id = await loop.run_in_executor(None, self._outbox.queue_upload, entry.job)
        except Exception as exc:
            log.info("could not queue the upload in the outbox: %s", type(exc).__name__)
            self._set(entry, FAILED, user_message(exc))
            return
        self._set(entry, OUTBOX)
        self.queuedOffline.emit(entry.job.dossier_id)

    async def _run(self, entry: QueueEntry) -> None:
        try:
            async with self._slots:
                # A dossier still waiting for its create has no server id yet: the outbox sends the
                # upload after the create.
                if is_local_id(entry.job.dossier_id) or not self._is_online():
                    await self._to_outbox(entry)
                    return
                self._set(entry, UPLOADING)
                entry._last_time, entry._last_sent = self._clock(), 0
                entry._started = entry._last_time
                document = await self._uploader.upload_document(
                    entry.job, lambda s, t: self._progress(entry, s, t)
                )
        except asyncio.CancelledError:
            if entry.state != SAVING:
                self._set(entry, CANCELLED)
            return  # swallowed on purpose: the user asked for it, nothing to report
        except Exception as exc:
            if nothing_was_sent(exc):
                log.info("upload deferred to outbox: %s", type(exc).__name__)
                await self._to_outbox(entry)
            elif is_transient(exc):
                # The server may hold the file already: resending would duplicate it. Let the user look.
                log.info("upload outcome unknown: %s", type(exc).__name__)
                self._set(entry, UNKNOWN)
                self.outcomeUnknown.emit(entry.job.dossier_id)
            else:
                # Type only in the log: the message may echo the file name of a medical document.
                log.info("upload failed: %s", type(exc).__name__)
                self._set(entry, FAILED, user_message(exc))
            return
        entry.sent = entry.total
        # The average over the whole upload stays in the Speed column (a small file never showed one).
        took = self._clock() - entry._started
        entry.speed = entry.total / took if took > 0 and entry.total else entry.speed
        self._finish(entry, self._is_listed(document))
        self.uploaded.emit(entry.job.dossier_id)

    def _finish(self, entry: QueueEntry, listed: bool, message: str = "") -> None:
        if listed:
            self._set(entry, DONE, message)
            return
        # Never "Uploaded 100%" and then nowhere: say where it went.
        sensitive = entry.job.document_type == "Medical" or entry.job.confidential
        self._set(entry, HIDDEN if sensitive else UNLISTED, message)
        self.uploadedHidden.emit(entry.job.dossier_id)

    def _progress(self, entry: QueueEntry, sent: int, total: int) -> None:
        now = self._clock()
        elapsed = now - entry._last_time
        if elapsed > 0:
            instant = (sent - entry._last_sent) / elapsed
            # Exponential smoothing so the figure does not flicker with chunk timing.
            entry.speed = instant if entry.speed == 0 else 0.7 * entry.speed + 0.3 * instant
            entry._last_time, entry._last_sent = now, sent
        entry.sent, entry.total = sent, total or entry.total
        self.model.entry_changed(entry)
