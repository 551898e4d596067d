"""Upload queue: a view over the outbox's upload items, with live progress, speed, cancel and retry.

There is one upload path. Each confirmed :class:`UploadJob` becomes a row; its file is copied into the
outbox in a worker thread (a private copy, encrypted when the cache is), and the sync engine sends it
at once when online, later when not (or after its dossier's create). The row then follows the outbox
item: bytes sent from the store's ``upload_progress`` events (``SyncBridge.uploadProgress``), the end
from ``outboxChanged`` (the item is gone: uploaded; parked: failed or outcome unknown, with the
server's message). A send that may have reached the server is never repeated blindly: the outbox
checks the document list first and parks the item when it cannot tell. Cancelling aborts the request
on the wire (the server stores no partial document) or drops the item before it is sent. Upload items
already in the outbox (queued in an earlier session) get rows of their own.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from dossier_desk.store.outbox_model import OutboxItem
from dossier_desk.store.uploads import UploadState, state_in_outbox
from dossier_desk.ui.api_messages import outbox_error_message
from dossier_desk.ui.documents.ports import UploadJob, UploadOutbox
from dossier_desk.ui.documents.upload_queue_model import ProgressDelegate, QueueEntry, UploadQueueModel
from dossier_desk.ui.errors import user_message

log = logging.getLogger(__name__)

__all__ = ["QueueEntry", "UploadQueueModel", "UploadQueueWidget", "UploadState"]


class UploadQueueWidget(QWidget):
    """The queue view plus Cancel / Retry / Clear finished buttons.

    ``uploaded(dossier_id)`` fires after each upload the server stored; ``uploadedHidden`` when it is
    not listed for this account; ``queuedOffline(dossier_id)`` when a copy waits in the outbox for the
    connection (or its dossier's create); ``outcomeUnknown(dossier_id)`` when the outbox cannot tell
    whether a send landed (the sync issues window lets the user decide).
    """

    uploaded = Signal(str)
    uploadedHidden = Signal(str)  # dossier id: stored, but the server does not list it for this account
    queuedOffline = Signal(str)
    outcomeUnknown = Signal(str)

    def __init__(
        self,
        outbox: UploadOutbox,
        *,
        is_online: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uploadQueue")
        self._outbox = outbox
        self._is_online = is_online
        self._clock = clock
        self._discarding = 0
        self._seen: set[str] = set()  # outbox items that have (or had: cleared) a row

        self.model = UploadQueueModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(UploadQueueModel.PROGRESS, ProgressDelegate(self.view))
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
        """Queue uploads (each copied into the outbox); returns their entries (``entry.task`` is the
        copy)."""
        entries = []
        for job in jobs:
            entry = QueueEntry(job, total=job.size)
            self.model.append(entry)
            self._queue(entry)
            entries.append(entry)
        return entries

    def cancel(self, entry: QueueEntry) -> None:
        if not entry.state.cancellable:
            return
        before = entry.state
        self._set(entry, UploadState.CANCELLED)  # first: the outbox announces the item gone at once
        if not self._outbox.cancel(entry.outbox_id):
            self._set(entry, before)

    def retry(self, entry: QueueEntry) -> None:
        if entry.state is UploadState.FAILED and entry.outbox_id:
            self._outbox.retry(entry.outbox_id)  # parked in the outbox: the store sends it again
        elif entry.state.retryable:
            self._queue(entry)  # the copy failed, or the upload was cancelled / discarded: copy again

    def cancel_selected(self) -> None:
        for entry in self._selected():
            self.cancel(entry)

    def retry_selected(self) -> None:
        for entry in self._selected():
            self.retry(entry)

    def on_upload_progress(self, item_id: int, sent: int, total: int) -> None:
        """Slot for ``SyncBridge.uploadProgress``: bytes of an outbox upload sent so far."""
        entry = self._entry_of(str(item_id))
        if entry is not None and entry.state.in_outbox:
            entry.progress(sent, total, self._clock())
            self.model.entry_changed(entry)

    def on_outbox_changed(self, *_counts: int) -> None:
        """Slot for ``SyncBridge.outboxChanged``: rows follow their outbox items.

        While the user discards items (:meth:`discarding`) vanished items are not taken for sent.
        """
        if self._discarding:
            return
        items = self._outbox.upload_items()
        for entry in [e for e in self.model.entries if e.outbox_id and self._follows(e)]:
            self._follow(entry, items.get(entry.outbox_id))
        # Uploads queued earlier (a previous session) get rows too. Not while a copy is being made:
        # its item may be committed before its row knows the id.
        if not any(e.state is UploadState.COPYING for e in self.model.entries):
            for item_id, item in items.items():
                if item_id not in self._seen:
                    self._adopt(item_id, item)

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
            if entry.outbox_id in gone and self._follows(entry):
                self._set(entry, UploadState.DISCARDED)
        self.on_outbox_changed()
        return removed

    def running_count(self) -> int:
        """Uploads that closing the window would lose: copies still being made. (What is in the
        outbox stays there and goes out at the next sign-in: the close guard counts it as pending.)"""
        return sum(e.state is UploadState.COPYING for e in self.model.entries)

    def shutdown(self) -> None:
        """Window closing: copies still being made finish in their thread; what is in the outbox goes
        out at the next sign-in (an interrupted send is checked before it is repeated)."""
        for entry in self.model.entries:
            if entry.task is not None and not entry.task.done():
                entry.task.cancel()

    # -- internals -------------------------------------------------------------------------------
    def _selected(self) -> list[QueueEntry]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.entries[r] for r in rows]

    def _entry_of(self, item_id: str) -> QueueEntry | None:
        return next((e for e in self.model.entries if e.outbox_id == item_id), None)

    @staticmethod
    def _follows(entry: QueueEntry) -> bool:
        """Whether the row still follows its outbox item (a parked item may be retried elsewhere)."""
        return entry.state.in_outbox or entry.state in (UploadState.FAILED, UploadState.UNKNOWN)

    def _set(self, entry: QueueEntry, state: UploadState, message: str = "") -> None:
        entry.state, entry.message = state, message
        self.model.entry_changed(entry)

    def _queue(self, entry: QueueEntry) -> None:
        entry.restart()
        self.model.entry_changed(entry)
        entry.task = asyncio.ensure_future(self._copy(entry))

    async def _copy(self, entry: QueueEntry) -> None:
        """The outbox's private copy (and fsync) of a possibly large file runs in a worker thread so
        the window stays responsive; a failure shows on the row and can be retried."""
        loop = asyncio.get_running_loop()
        try:
            item_id = await loop.run_in_executor(None, self._outbox.queue_upload, entry.job)
        except asyncio.CancelledError:
            return  # the window is closing
        except Exception as exc:
            log.info("could not queue the upload in the outbox: %s", type(exc).__name__)
            self._set(entry, UploadState.FAILED, user_message(exc))
            return
        entry.outbox_id = item_id
        self._seen.add(item_id)
        self._set(entry, UploadState.QUEUED)
        # The engine may have started on it already: take the item's own state.
        self._follow(entry, self._outbox.upload_items().get(item_id))

    def _follow(self, entry: QueueEntry, item: OutboxItem | None) -> None:
        if item is None:
            self._finish(entry)
            return
        state = state_in_outbox(item, self._is_online())
        if state is UploadState.SENDING and entry.state is UploadState.SENDING:
            return  # progress events tell the rest
        if state is UploadState.OFFLINE and not entry.waited_offline:
            entry.waited_offline = True
            self._set(entry, state)
            self.queuedOffline.emit(entry.job.dossier_id)
            return
        message = (
            outbox_error_message(item.error) if state in (UploadState.FAILED, UploadState.QUEUED) else ""
        )
        changed = (state, message) != (entry.state, entry.message)
        self._set(entry, state, message)
        if changed and state is UploadState.UNKNOWN:
            self.outcomeUnknown.emit(entry.job.dossier_id)

    def _adopt(self, item_id: str, item: OutboxItem) -> None:
        p = item.payload
        job = UploadJob(
            item.dossier_id,
            Path(str(p.get("fileName", ""))),
            str(p.get("description", "")),
            str(p.get("documentType", "")),
            bool(p.get("confidential", False)),
            str(p.get("documentDate", "")),
            int(p.get("size", 0)),
        )
        self._seen.add(item_id)
        entry = QueueEntry(job, total=job.size, outbox_id=item_id, waited_offline=True)
        entry.state = state_in_outbox(item, self._is_online())
        entry.message = outbox_error_message(item.error) if entry.state is UploadState.FAILED else ""
        self.model.append(entry)

    def _finish(self, entry: QueueEntry) -> None:
        """The item left the outbox: the server stored the file."""
        entry.finished_sending(self._clock())
        message = self.tr("sent from the outbox") if entry.waited_offline else ""
        if self._outbox.was_listed(entry.outbox_id):
            self._set(entry, UploadState.DONE, message)
        else:
            # Never "Uploaded 100%" and then nowhere: say where it went.
            sensitive = entry.job.document_type == "Medical" or entry.job.confidential
            state = UploadState.DONE_HIDDEN if sensitive else UploadState.DONE_UNLISTED
            self._set(entry, state, message)
            self.uploadedHidden.emit(entry.job.dossier_id)
        self.uploaded.emit(entry.job.dossier_id)
