"""Sync issues window: the outbox items that wait for the user (conflicts, failures, unknown outcomes),
the items waiting for a later try (with "Retry now"), and records the server sent that could not be read.

Left: the items. Right: for a conflict, the three-way field view with Keep mine / Keep server /
Merge; for a failure, the server's message (and per-field messages) with Retry / Discard; for an
unknown outcome, what is known, with Send again / Discard. Discarding throws the user's work away, so
it asks twice. Decisions go straight to the store, which records them durably and lets the outbox push
again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import PurePath
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.decoding import SkippedRecord
from dossier_desk.api.errors import server_sentence
from dossier_desk.store.outbox_model import OutboxItem, OutboxKind, OutboxState
from dossier_desk.ui.api_messages import outbox_error_message
from dossier_desk.ui.awaited_write import start_write
from dossier_desk.ui.plain_text import plain_labels, plain_message_box
from dossier_desk.ui.sync_issues.conflict_view import MINE, ConflictView, field_label
from dossier_desk.ui.sync_issues.ports import ErrorReporter, ParkedItemsStore
from dossier_desk.ui.window_placement import add_close_row

_ItemRole = Qt.ItemDataRole.UserRole + 1
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls
# Workflow actions as the list names them; an unknown action is shown as sent.
_ACTIONS = {
    "complete": QT_TRANSLATE_NOOP("SyncIssuesWindow", "complete"),
    "reject": QT_TRANSLATE_NOOP("SyncIssuesWindow", "reject"),
    "reopen": QT_TRANSLATE_NOOP("SyncIssuesWindow", "reopen"),
}


def dossier_label(item: OutboxItem) -> str:
    """The dossier's No. when the item knows it, else a neutral word (ids mean nothing to users)."""
    for source in (item.payload.get("base") or {}, item.payload.get("fields") or {}):
        if source.get("no"):
            return str(source["no"])
    if item.conflict is not None:
        for source in (item.conflict.theirs or {}, item.conflict.mine):
            if source.get("no"):
                return str(source["no"])
    if item.kind is OutboxKind.CREATE:
        return translate("SyncIssuesWindow", "a new dossier")
    return translate("SyncIssuesWindow", "a dossier")


def describe(item: OutboxItem) -> str:
    """One line for the list: what the queued write was."""
    target = dossier_label(item)
    p = item.payload
    if item.kind is OutboxKind.UPDATE:
        text = translate("SyncIssuesWindow", "Edit of {0}").format(target)
    elif item.kind is OutboxKind.CREATE:
        description = str(p.get("fields", {}).get("description", ""))
        text = translate("SyncIssuesWindow", "New dossier {0}").format(description).rstrip()
    elif item.kind is OutboxKind.DELETE:
        text = translate("SyncIssuesWindow", "Deletion of {0}").format(target)
    elif item.kind is OutboxKind.UPLOAD:
        name = PurePath(str(p.get("fileName", ""))).name
        text = translate("SyncIssuesWindow", "Upload of “{0}” to {1}").format(name, target)
    else:
        action = str(p.get("action", ""))
        action = translate("SyncIssuesWindow", _ACTIONS[action]) if action in _ACTIONS else action
        text = translate("SyncIssuesWindow", "Workflow: {0} line {1} of {2}").format(
            action, p.get("lineNo", ""), target
        )
    if item.state is OutboxState.CONFLICT:
        return translate("SyncIssuesWindow", "Conflict: {0}").format(text)
    if item.state is OutboxState.UNKNOWN:
        return translate("SyncIssuesWindow", "Outcome unknown: {0}").format(text)
    if not item.parked:
        return translate("SyncIssuesWindow", "Waiting: {0}").format(text)
    return translate("SyncIssuesWindow", "Failed: {0}").format(text)


def describe_skipped(record: SkippedRecord) -> str:
    """One line for a record the server sent that could not be read (its key; no content)."""
    return translate("SyncIssuesWindow", "Unreadable record skipped: {0} {1}").format(
        record.entity_set, record.key or "?"
    )


class SyncIssuesWindow(QWidget):
    """Top-level window; ``refresh`` re-reads the parked items (connect ``outboxChanged`` to it).

    ``confirmationShown(QMessageBox)`` lets tests answer the discard questions; ``resolved(int)`` fires
    with the item id after each decision.
    """

    confirmationShown = Signal(object)
    resolved = Signal(int)

    def __init__(self, store: ParkedItemsStore, errors: ErrorReporter, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("syncIssuesWindow")
        self.setWindowTitle(self.tr("Sync issues"))
        self._store = store
        self._errors = errors
        self._box: QMessageBox | None = None
        self._write: object = None  # the decision on its way to the disk
        self._skipped: list[SkippedRecord] = []

        self.list = QListWidget(self)
        self.list.setObjectName("syncIssuesList")
        self.list.currentItemChanged.connect(self._show_current)
        self.empty = QLabel(self.tr("Nothing waits for you: every change has been sent."), self)

        self.conflict_view = ConflictView(self)
        self.keep_mine = QPushButton(self.tr("Keep mine"), self)
        self.keep_server = QPushButton(self.tr("Keep server"), self)
        self.merge = QPushButton(self.tr("Merge (use choices)"), self)
        self.keep_mine.clicked.connect(lambda: self._resolve_conflict(keep=MINE))
        self.keep_server.clicked.connect(lambda: self._resolve_conflict(keep="server"))
        self.merge.clicked.connect(lambda: self._resolve_conflict(keep=None))
        conflict_page = QWidget(self)
        conflict_layout = QVBoxLayout(conflict_page)
        conflict_layout.addWidget(self.conflict_view)
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addStretch(1)
        for button in (self.keep_mine, self.keep_server, self.merge):
            conflict_buttons.addWidget(button)
        conflict_layout.addLayout(conflict_buttons)

        self.failure_text = QLabel(self)
        self.failure_text.setObjectName("failureText")
        self.failure_text.setWordWrap(True)
        self.failure_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.discard_button = QPushButton(self.tr("Discard…"), self)
        self.retry_button.clicked.connect(self._retry)
        self.discard_button.clicked.connect(self._discard)
        failure_page = QWidget(self)
        failure_layout = QVBoxLayout(failure_page)
        failure_layout.addWidget(self.failure_text, 1)
        plain_labels(self)
        failure_buttons = QHBoxLayout()
        failure_buttons.addStretch(1)
        failure_buttons.addWidget(self.retry_button)
        failure_buttons.addWidget(self.discard_button)
        failure_layout.addLayout(failure_buttons)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(conflict_page)
        self.pages.addWidget(failure_page)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.close_button = add_close_row(self, layout)  # and Escape closes
        self.resize(900, 480)
        self.refresh()

    # -- list ------------------------------------------------------------------------------------
    def refresh(self, *_counts: int) -> None:
        """Reload the parked items, keeping the selection where possible (slot for outboxChanged)."""
        current = self.current_item()
        self.list.blockSignals(True)
        self.list.clear()
        rows: list[tuple[str, Any]] = [(describe(i), i) for i in self._store.parked_items()]
        rows += [(describe(i), i) for i in self._store.waiting_items()]
        rows += [(describe_skipped(r), r) for r in self._skipped]
        for text, data in rows:
            row = QListWidgetItem(text)
            row.setData(_ItemRole, data)
            self.list.addItem(row)
        self.list.blockSignals(False)
        target = 0
        for i in range(self.list.count()):
            data = self.list.item(i).data(_ItemRole)
            if current is not None and isinstance(data, OutboxItem) and data.id == current.id:
                target = i
        if self.list.count():
            self.list.setCurrentRow(target)
        self._show_current()

    def on_sync_report(self, report: Any) -> None:
        """Slot for the bridge's ``syncReport``: list the records the last pass had to skip."""
        self._skipped = list(report.skipped)
        self.refresh()

    def current_item(self) -> OutboxItem | None:
        row = self.list.currentItem()
        data = row.data(_ItemRole) if row is not None else None
        return data if isinstance(data, OutboxItem) else None

    def select_item(self, item_id: int) -> None:
        for i in range(self.list.count()):
            data = self.list.item(i).data(_ItemRole)
            if isinstance(data, OutboxItem) and data.id == item_id:
                self.list.setCurrentRow(i)

    def _show_current(self, *_args: object) -> None:
        item = self.current_item()
        row = self.list.currentItem()
        if item is None and row is not None:
            self._show_text([row.text(), "", self._skipped_text()], buttons=False)
            return
        if item is None:
            self.pages.setCurrentIndex(0)
            return
        if item.state is OutboxState.CONFLICT and item.conflict is not None:
            self.conflict_view.set_conflict(item.conflict)
            gone = item.conflict.theirs is None or item.kind is OutboxKind.DELETE
            self.merge.setEnabled(not gone)
            # A deleted record cannot take my edit; a deletion conflict keeps "delete anyway" as mine.
            self.keep_mine.setEnabled(item.kind is OutboxKind.DELETE or item.conflict.theirs is not None)
            self.keep_mine.setText(
                self.tr("Delete anyway") if item.kind is OutboxKind.DELETE else self.tr("Keep mine")
            )
            self.pages.setCurrentIndex(1)
            return
        if item.state is OutboxState.UNKNOWN:
            self.retry_button.setText(self.tr("Send again"))
            self._show_text([describe(item), "", self._unknown_text(item)], buttons=True)
            return
        if not item.parked:
            self.retry_button.setText(self.tr("Retry now"))
            self._show_text([describe(item), "", self._waiting_text(item)], buttons=True)
            return
        self.retry_button.setText(self.tr("Retry"))
        said = outbox_error_message(item.error) or self.tr("(no message)")
        lines = [describe(item), "", self.tr("The server said:"), said]
        for name, message in item.field_errors.items():
            lines.append(f"• {field_label(name)}: {server_sentence(message)}")
        self._show_text(lines, buttons=True)

    def _show_text(self, lines: list[str], *, buttons: bool) -> None:
        self.failure_text.setText("\n".join(lines))
        self.retry_button.setVisible(buttons)
        self.discard_button.setVisible(buttons)
        self.pages.setCurrentIndex(2)

    def _unknown_text(self, item: OutboxItem) -> str:
        found = len(item.found_ids)
        text = self.tr(
            "This change was sent, but no answer came back, and Dossier Desk cannot tell whether it "
            "arrived. It is not sent again on its own, so nothing is duplicated. Check the dossier: if "
            "the change is there, discard it here; if not, send it again."
        )
        if found:
            text += "\n\n" + self.tr("%n record(s) on the server may be this change.", "", found)
        return text

    def _waiting_text(self, item: OutboxItem) -> str:
        when = QDateTime.fromSecsSinceEpoch(int(item.next_attempt_at))
        text = self.tr("This change waits until %1 before it is sent again.").replace(
            "%1", QLocale().toString(when, QLocale.FormatType.ShortFormat)
        )
        if item.error is not None:
            text += "\n\n" + self.tr("The server said:") + "\n" + outbox_error_message(item.error)
        return text

    def _skipped_text(self) -> str:
        return self.tr(
            "The server sent this record in a form Dossier Desk cannot read, so it was left out; the "
            "other records were kept. Ask your administrator to check it."
        )

    # -- decisions -------------------------------------------------------------------------------
    def _act(self, item: OutboxItem, action: Callable[[], Awaitable[object]], context: str) -> None:
        def done(_result: object) -> None:
            self.resolved.emit(item.id)
            self.refresh()

        def failed(exc: Exception) -> None:  # OutboxError / sqlite: tell the user, stay consistent
            self._errors.show_error(exc, context=context)
            self.refresh()

        self._write = start_write(self, action(), done, failed)

    def _resolve_conflict(self, keep: str | None) -> None:
        item = self.current_item()
        if item is None or item.conflict is None:
            return
        if keep == MINE:
            self.conflict_view.set_all(MINE)
        elif keep == "server":
            self.conflict_view.set_all("Server")
        resolution = self.conflict_view.resolution()
        if item.kind is OutboxKind.DELETE:
            if keep == "server":
                self._act(item, lambda: self._store.discard(item.id), "keeping the server's version")
                return
            resolution = {}
        etag = item.conflict.theirs_etag
        # An empty resolution of an edit means "keep server": the store drops the edit.
        self._act(
            item, lambda: self._store.resolve_conflict(item.id, resolution, etag), "resolving a conflict"
        )

    def _retry(self) -> None:
        item = self.current_item()
        if item is not None:
            self._act(item, lambda: self._store.retry(item.id), "retrying a change")

    def _discard(self) -> None:
        item = self.current_item()
        if item is None:
            return
        first = self.tr("Discard this change? “{0}” will not be sent to the server.").format(describe(item))
        second = self.tr("Are you sure? The change is deleted for good and cannot be recovered.")

        def confirmed() -> None:
            self._ask(
                second, lambda: self._act(item, lambda: self._store.discard(item.id), "discarding a change")
            )

        self._ask(first, confirmed)

    def _ask(self, text: str, on_yes: Callable[[], None]) -> None:
        """Non-blocking yes/no question; "No" is the default so Enter never destroys work."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard change"), text, parent=self)
        plain_message_box(box)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def done(_result: int) -> None:
            yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
            self._box = None
            box.deleteLater()
            if yes:
                on_yes()

        box.finished.connect(done)
        self._box = box
        box.open()
        self.confirmationShown.emit(box)
