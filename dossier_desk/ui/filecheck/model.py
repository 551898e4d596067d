"""The file check of one dossier as a table: milestone, due date, state, evidence.

State is carried by a mark and words ("⚠ Overdue by 12 days"), not by colour alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from dossier_desk.domain.filecheck import FileCheck, MilestoneCheck
from dossier_desk.ui.filecheck.texts import (
    STATE_MARKS,
    evidence_text,
    milestone_name,
    requirement_text,
    state_text,
)
from dossier_desk.ui.models.list_table import ListTableModel
from dossier_desk.ui.workflow.model import OVERDUE_COLOR

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


class FileCheckModel(ListTableModel):
    """One row per milestone, in the rules' order."""

    MILESTONE, DUE, STATE, EVIDENCE = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("FileCheckModel", "Milestone"),
        QT_TRANSLATE_NOOP("FileCheckModel", "Due"),
        QT_TRANSLATE_NOOP("FileCheckModel", "State"),
        QT_TRANSLATE_NOOP("FileCheckModel", "What satisfies it / what was found"),
    )
    StateRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._check: FileCheck | None = None

    def set_check(self, check: FileCheck | None) -> None:
        self.beginResetModel()
        self._check = check
        self._rows = list(check.checks) if check is not None else []
        self.endResetModel()

    def check(self, row: int) -> MilestoneCheck:
        return self._rows[row]

    def states(self) -> dict[str, str]:
        return {c.key: c.state for c in self._rows}

    def _today(self) -> date:
        return self._check.today if self._check is not None else date.today()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        check = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.MILESTONE:
                return milestone_name(check.key)
            if column == self.DUE:
                return check.due.isoformat() if check.due else ""
            if column == self.STATE:
                return f"{STATE_MARKS.get(check.state, '')} {state_text(check, self._today())}".strip()
            text = evidence_text(check)
            if role == Qt.ItemDataRole.ToolTipRole:
                needs = translate("FileCheckModel", "Satisfied by {0}.").format(requirement_text(check.rule))
                return f"{needs}\n{text}"
            return text
        if role == Qt.ItemDataRole.ForegroundRole and check.state in ("overdue", "missing"):
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole and check.state != "done" and check.state != "upcoming":
            font = QFont()
            font.setBold(True)
            return font
        if role == self.StateRole:
            return check.state
        return None
