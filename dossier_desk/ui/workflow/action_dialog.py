"""Complete / reject / reopen one workflow line, with comments.

Comments are required where the line says ``commentsRequired`` and always for a rejection (the server
enforces the same; checking here saves a round trip that, offline, would only fail hours later in the
outbox). The dialog only collects the decision; the owner queues it through the outbox.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.domain.schedule import DECIDED
from dossier_desk.ui.plain_text import plain_labels
from dossier_desk.ui.workflow.model import LogLine

# The sandbox (like BC's field) stores at most 250 characters of comments.
MAX_COMMENTS = 250
_LABELS = {
    "complete": QT_TRANSLATE_NOOP("WorkflowActionDialog", "Complete"),
    "reject": QT_TRANSLATE_NOOP("WorkflowActionDialog", "Reject"),
    "reopen": QT_TRANSLATE_NOOP("WorkflowActionDialog", "Reopen"),
}


def action_label(action: str) -> str:
    """The button / radio caption of a workflow action in the UI language."""
    return QCoreApplication.translate("WorkflowActionDialog", _LABELS[action])


def allowed_actions(line: LogLine, is_current: bool, is_last_decided: bool) -> list[str]:
    """Actions that make sense for ``line``: only the current line can be completed or rejected,
    only the most recently decided one reopened (the server refuses anything else)."""
    if line.entry.state in DECIDED:
        return ["reopen"] if is_last_decided else []
    return ["complete", "reject"] if is_current else []


def comments_required(line: LogLine, action: str) -> bool:
    return action == "reject" or (action == "complete" and line.entry.comments_required)


class WorkflowActionDialog(QDialog):
    """Pick an action among ``actions`` (``initial`` preselected) and enter comments."""

    def __init__(
        self, line: LogLine, actions: list[str], initial: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if not actions:
            raise ValueError("no workflow action is possible for this line")
        self.setObjectName("workflowActionDialog")
        self.setWindowTitle(self.tr("Workflow step"))
        self._line = line
        layout = QVBoxLayout(self)

        # Two plain labels (the step name is server text): bold by font, never by markup.
        heading = QLabel(line.entry.description, self)
        heading.setObjectName("workflowStepName")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        state = QLabel(line.status_text, self)
        state.setWordWrap(True)
        layout.addWidget(state)

        self._group = QButtonGroup(self)
        row = QHBoxLayout()
        self.radios: dict[str, QRadioButton] = {}
        for action in actions:
            radio = QRadioButton(action_label(action), self)
            radio.setObjectName(f"action_{action}")
            self._group.addButton(radio)
            self.radios[action] = radio
            row.addWidget(radio)
            radio.toggled.connect(self._update)
        row.addStretch(1)
        layout.addLayout(row)
        plain_labels(self)

        self.comments_label = QLabel(self)
        layout.addWidget(self.comments_label)
        self.comments = QPlainTextEdit(self)
        self.comments.setObjectName("workflowComments")
        self.comments.setAccessibleName(self.tr("Comments"))
        self.comments.textChanged.connect(self._update)
        self.comments_label.setBuddy(self.comments)
        layout.addWidget(self.comments)
        self.hint = QLabel(self)
        self.hint.setObjectName("workflowHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.radios[initial if initial in self.radios else actions[0]].setChecked(True)
        self._update()

    def action(self) -> str:
        return next(a for a, radio in self.radios.items() if radio.isChecked())

    def comment_text(self) -> str:
        return self.comments.toPlainText().strip()

    def _update(self) -> None:
        if not any(r.isChecked() for r in self.radios.values()):
            return
        action = self.action()
        required = comments_required(self._line, action)
        self.comments_label.setText(self.tr("Comments (required):") if required else self.tr("Comments:"))
        text = self.comment_text()
        problem = ""
        if required and not text:
            problem = (
                self.tr("A rejection needs a comment explaining why.")
                if action == "reject"
                else self.tr("This step requires a comment.")
            )
        elif len(text) > MAX_COMMENTS:
            problem = self.tr("Comments can be at most {0} characters ({1} now).").format(
                MAX_COMMENTS, len(text)
            )
        self.hint.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(action_label(action))
        ok.setEnabled(not problem)
