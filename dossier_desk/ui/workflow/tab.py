"""The workflow log tab: a timeline of the dossier's workflow lines and the actions on them.

Reads the cached log; refreshes when the bridge says the workflow of this dossier changed (after a
sync or after a queued action was pushed). Actions are queued through the outbox, so they work
offline and survive a crash; the log shows the server's answer once it arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import Dossier
from dossier_desk.domain.schedule import DECIDED, DossierDeadlines, compute
from dossier_desk.ui.awaited_write import start_write
from dossier_desk.ui.following import REFRESH_DELAY_S, refresh_later, track_dossier
from dossier_desk.ui.plain_text import plain_labels
from dossier_desk.ui.task_scope import TaskScope
from dossier_desk.ui.workflow.action_dialog import WorkflowActionDialog, allowed_actions
from dossier_desk.ui.workflow.model import LogLine, WorkflowLogModel
from dossier_desk.ui.workflow.ports import (
    DossierLookup,
    DossierTypeSource,
    ErrorReporter,
    WorkflowActions,
    WorkflowSource,
)

log = logging.getLogger(__name__)


class WorkflowTab(QWidget):
    """Workflow log of the current dossier with Complete / Reject / Reopen buttons.

    ``actionDialogOpened(WorkflowActionDialog)`` for tests and focus handling; ``actionQueued(str)``
    with the dossier id once an action is safely in the outbox; ``deadlinesChanged(DossierDeadlines or
    None)`` with the computation the step table shows, so the deadline summary above it shows the same.
    The debounced refresh runs in ``tasks``, the workspace's scope.
    """

    REFRESH_KEY = "workflow.refresh"

    actionDialogOpened = Signal(object)
    actionQueued = Signal(str)
    deadlinesChanged = Signal(object)

    def __init__(
        self,
        source: WorkflowSource,
        actions: WorkflowActions,
        errors: ErrorReporter,
        *,
        can_act: bool,
        today: Callable[[], date] = date.today,
        dossiers: DossierLookup | None = None,
        refresh: Callable[[str], Awaitable[object]] | None = None,
        types: DossierTypeSource | None = None,
        tasks: TaskScope | None = None,
        refresh_delay_s: float = REFRESH_DELAY_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workflowTab")
        self._today = today
        self._types = types  # which dossier types are sickness types (statutory calendar)
        self.deadlines: DossierDeadlines | None = None
        self._source = source
        self._actions = actions
        self._errors = errors
        self._can_act = can_act
        self._dossiers = dossiers
        self._refresh = refresh  # e.g. DossierStore.refresh_workflow: fetch when a dossier is shown
        self._tasks = tasks if tasks is not None else TaskScope("workflow")  # own one: standalone use
        self._refresh_delay_s = refresh_delay_s
        self._dossier: Dossier | None = None
        self._dialog: WorkflowActionDialog | None = None
        self._write: object = None  # the queued action on its way to the disk

        self.model = WorkflowLogModel(today, self)
        self.view = QTableView(self)
        self.view.setObjectName("workflowView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        # Step names and states wrap onto more lines instead of being cut to "Ziekmelding …" in a
        # narrow detail pane; the tooltip has the full text as well.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(WorkflowLogModel.STEP, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WorkflowLogModel.DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WorkflowLogModel.STATUS, QHeaderView.ResizeMode.Stretch)
        # Comments are long free text: they go under the table for the selected step (and in tooltips),
        # so step names and states get the pane's width.
        self.view.setColumnHidden(WorkflowLogModel.COMMENTS, True)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.comments = QLabel(self)
        self.comments.setObjectName("workflowComments")
        self.comments.setWordWrap(True)
        self.comments.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("workflowSummary")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        for action, label in (
            ("complete", QT_TRANSLATE_NOOP("WorkflowTab", "Complete…")),
            ("reject", QT_TRANSLATE_NOOP("WorkflowTab", "Reject…")),
            ("reopen", QT_TRANSLATE_NOOP("WorkflowTab", "Reopen…")),
        ):
            button = QPushButton(QCoreApplication.translate("WorkflowTab", label), self)
            button.setObjectName(f"workflow_{action}")
            button.clicked.connect(lambda _checked=False, a=action: self.start_action(a))
            self.buttons[action] = button
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.comments)
        layout.addLayout(row)
        plain_labels(self)

        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # -- dossier and refresh ---------------------------------------------------------------------
    def set_dossier(self, dossier: Dossier | None) -> None:
        """Show ``dossier``'s log (None clears). Its starting date anchors line terms."""
        self._dossier = dossier
        self.refresh()

    def dossier(self) -> Dossier | None:
        """The dossier whose log is shown."""
        return self._dossier

    def refresh(self) -> None:
        dossier = self._dossier
        if dossier is None:
            self.deadlines = None
            self.model.set_steps([], self._today())
            self.summary.setText("")
            self.deadlinesChanged.emit(None)
            return
        selected = self._selected_line()
        sickness = self._types is not None and any(
            t.sickness and t.code == dossier.dossier_type_code for t in self._types.dossier_types()
        )
        today = self._today()
        self.deadlines = compute(
            dossier, self._source.workflow_log(dossier.id), sickness=sickness, today=today
        )
        self.model.set_steps(self.deadlines.steps, today)
        self._reselect(selected.entry.line_no if selected else None)
        self.summary.setText(self._summary())
        self.deadlinesChanged.emit(self.deadlines)

    def show_dossier(self, dossier_id: str) -> None:
        """Slot for ``MainWindow.dossierSelected``: cached log at once, a fresh one once the selection
        rests (failing offline is normal and not reported; the bridge's workflowChanged brings the
        result). Moving on cancels the fetch for the dossier left behind."""
        self.set_dossier(self._dossiers.dossier(dossier_id) if self._dossiers and dossier_id else None)
        if dossier_id and self._refresh is not None:
            fetch = partial(self._refresh, dossier_id)
            refresh_later(self._tasks, self.REFRESH_KEY, self._refresh_delay_s, fetch, "workflow log")
        else:
            self._tasks.cancel(self.REFRESH_KEY)

    def on_dossiers_changed(self, upserted: list[Dossier], deleted_ids: list[str]) -> None:
        """Slot for ``SyncBridge.dossiersChanged``: a new starting date moves the due dates."""
        changed, dossier = track_dossier(self._dossier, upserted, deleted_ids)
        if changed:
            self.set_dossier(dossier)

    def on_workflow_changed(self, dossier_id: str) -> None:
        """Slot for ``SyncBridge.workflowChanged``."""
        if self._dossier is not None and dossier_id == self._dossier.id:
            self.refresh()

    def _summary(self) -> str:
        lines = self.model.lines()
        if not lines:
            return self.tr("No workflow for this dossier.")
        done = sum(1 for line in lines if line.state in DECIDED)
        overdue = sum(1 for line in lines if line.state == "Overdue")
        text = self.tr("{0} of {1} steps decided").format(done, len(lines))
        if overdue:
            text += self.tr(", {0} overdue").format(overdue)
        return text

    # -- selection and actions -------------------------------------------------------------------
    def _selected_line(self) -> LogLine | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def _reselect(self, line_no: int | None) -> None:
        for row, line in enumerate(self.model.lines()):
            if line.entry.line_no == line_no:
                self.view.selectRow(row)
                return

    def select_line(self, line_no: int) -> None:
        self._reselect(line_no)

    def _possible(self, line: LogLine) -> list[str]:
        lines = self.model.lines()
        current = next((item for item in lines if item.state not in DECIDED), None)
        last_decided = next((item for item in reversed(lines) if item.state in DECIDED), None)
        return allowed_actions(line, line is current, line is last_decided)

    def _update_buttons(self) -> None:
        line = self._selected_line()
        note = line.entry.comments if line is not None else ""
        self.comments.setText(self.tr("Comments: {0}").format(note) if note else "")
        self.comments.setVisible(bool(note))
        possible = self._possible(line) if line is not None and self._can_act else []
        for action, button in self.buttons.items():
            button.setEnabled(action in possible)
            button.setVisible(self._can_act)

    def set_can_act(self, can_act: bool) -> None:
        """Rights changed (a server refusal taught the client that this account is read-only)."""
        self._can_act = can_act
        self._update_buttons()

    def start_action(self, action: str) -> WorkflowActionDialog | None:
        """Open the action dialog for the selected line (non-blocking)."""
        line = self._selected_line()
        if line is None or self._dossier is None or not self._can_act:
            return None
        possible = self._possible(line)
        if action not in possible:
            return None
        dialog = WorkflowActionDialog(line, possible, action, self)
        dossier_id = self._dossier.id
        dialog.accepted.connect(lambda: self._queue(dossier_id, line, dialog))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self._dialog = dialog
        dialog.open()
        self.actionDialogOpened.emit(dialog)
        return dialog

    def _queue(self, dossier_id: str, line: LogLine, dialog: WorkflowActionDialog) -> None:
        write = self._actions.queue_workflow_action(
            dossier_id, dialog.action(), line.entry.line_no, dialog.comment_text()
        )
        # LocalValidationError, OutboxError, sqlite: the user must hear of it
        failed = lambda exc: self._errors.show_error(exc, context="queueing a workflow action")  # noqa: E731
        self._write = start_write(self, write, lambda _item: self.actionQueued.emit(dossier_id), failed)
