"""The upload queue's rows: one :class:`QueueEntry` per upload, shown with progress, speed and state.

Every upload is an outbox item; an entry is the live view of one (its :class:`UploadState`, the bytes
sent from the store's progress events, a smoothed speed). The widget mutates entries and calls
:meth:`UploadQueueModel.entry_changed`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionProgressBar

from dossier_desk.store.uploads import UploadState
from dossier_desk.ui.documents.ports import UploadJob
from dossier_desk.ui.documents.validation import human_size
from dossier_desk.ui.models.list_table import Index, ListTableModel
from dossier_desk.ui.plain_text import tooltip

# What each state says, in the UI language (context "UploadQueueModel").
STATE_TEXT = {
    UploadState.COPYING: QT_TRANSLATE_NOOP("UploadQueueModel", "Saving a copy for the outbox"),
    UploadState.QUEUED: QT_TRANSLATE_NOOP("UploadQueueModel", "Waiting"),
    UploadState.OFFLINE: QT_TRANSLATE_NOOP("UploadQueueModel", "Waiting in outbox (offline)"),
    UploadState.SENDING: QT_TRANSLATE_NOOP("UploadQueueModel", "Uploading"),
    UploadState.DONE: QT_TRANSLATE_NOOP("UploadQueueModel", "Uploaded"),
    UploadState.DONE_HIDDEN: QT_TRANSLATE_NOOP(
        "UploadQueueModel", "Uploaded, visible to occupational health only"
    ),
    UploadState.DONE_UNLISTED: QT_TRANSLATE_NOOP(
        "UploadQueueModel", "Uploaded, but not listed for your account"
    ),
    UploadState.FAILED: QT_TRANSLATE_NOOP("UploadQueueModel", "Failed"),
    UploadState.UNKNOWN: QT_TRANSLATE_NOOP("UploadQueueModel", "Outcome unknown — check the documents list"),
    UploadState.CANCELLED: QT_TRANSLATE_NOOP("UploadQueueModel", "Cancelled"),
    UploadState.DISCARDED: QT_TRANSLATE_NOOP("UploadQueueModel", "Discarded from the outbox (not uploaded)"),
}
_DONE = frozenset({UploadState.DONE, UploadState.DONE_HIDDEN, UploadState.DONE_UNLISTED})
_SPEED_SHOWN = _DONE | {UploadState.SENDING}  # while sending, then the average


@dataclass
class QueueEntry:
    """Live state of one upload (mutated by the widget, shown by the model)."""

    job: UploadJob
    state: UploadState = UploadState.COPYING
    sent: int = 0
    total: int = 0
    speed: float = 0.0  # bytes per second, smoothed
    message: str = ""
    task: asyncio.Task[None] | None = field(default=None, repr=False)  # the copy into the outbox
    outbox_id: str = ""  # the outbox item, once the copy is queued
    waited_offline: bool = False  # queued while offline: "sent from the outbox" when it goes
    _last_time: float = 0.0
    _last_sent: int = 0
    _started: float = 0.0

    def progress(self, sent: int, total: int, now: float) -> None:
        """Bytes sent so far (from the store's progress events); updates the smoothed speed."""
        if self.state is not UploadState.SENDING or not self._started:
            self.state, self._started, self._last_time, self._last_sent = UploadState.SENDING, now, now, sent
        elapsed = now - self._last_time
        if elapsed > 0:
            instant = (sent - self._last_sent) / elapsed
            # Exponential smoothing so the figure does not flicker with chunk timing.
            self.speed = instant if self.speed == 0 else 0.7 * self.speed + 0.3 * instant
            self._last_time, self._last_sent = now, sent
        self.sent, self.total = sent, total or self.total

    def finished_sending(self, now: float) -> None:
        """All bytes are on the server: the average over the whole upload stays in the Speed column."""
        self.sent = self.total
        took = now - self._started if self._started else 0.0
        self.speed = self.total / took if took > 0 and self.total else self.speed

    def restart(self) -> None:
        self.state, self.sent, self.speed, self.message, self.outbox_id = UploadState.COPYING, 0, 0.0, "", ""
        self._started = self._last_time = 0.0
        self._last_sent = 0


class UploadQueueModel(ListTableModel):
    """Rows are :class:`QueueEntry`."""

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
        self.entries: list[QueueEntry] = self._rows

    def append(self, entry: QueueEntry) -> None:
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(entry)
        self.endInsertRows()

    def remove_finished(self) -> None:
        """Drop rows that are settled: uploaded, of unknown outcome (the sync issues window and the
        documents list tell) or discarded."""
        for row in reversed(range(len(self.entries))):
            if self.entries[row].state.finished:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.entries[row]
                self.endRemoveRows()

    def entry_changed(self, entry: QueueEntry) -> None:
        row = self.entries.index(entry)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    @staticmethod
    def percent(entry: QueueEntry) -> int:
        if entry.state in _DONE:
            return 100
        return int(100 * entry.sent / entry.total) if entry.total else 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
        state = QCoreApplication.translate("UploadQueueModel", STATE_TEXT[entry.state])
        return f"{state}: {entry.message}" if entry.message else state


class ProgressDelegate(QStyledItemDelegate):
    """Paints the progress column as a native progress bar (the text stays for screen readers)."""

    def paint(self, painter: QPainter, option: Any, index: Index) -> None:
        value = index.data(UploadQueueModel.ProgressRole)
        if value is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 2, -2, -2)  # type: ignore[attr-defined]
        bar.minimum, bar.maximum, bar.progress = 0, 100, int(value)
        bar.text = f"{int(value)}%"
        bar.textVisible = True
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
