"""Workflow log as a table model, with states re-evaluated against today's date.

The server computes each line's state when the log is fetched; the cache may be days old (offline),
so "overdue" is recomputed here from the due date and an injected clock. Overdue rows are red *and*
say "3 days overdue": colour is never the only carrier of meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from dossier_desk.api.models import WorkflowEntry
from dossier_desk.domain.deadlines import parse_iso_date
from dossier_desk.domain.schedule import Step, evaluate_steps
from dossier_desk.ui.dates import format_date
from dossier_desk.ui.models.list_table import ListTableModel
from dossier_desk.ui.plain_text import tooltip

_Index = QModelIndex | QPersistentModelIndex
# Dark red that keeps a 4.5:1 contrast on white (WCAG AA) — plain "red" does not.
OVERDUE_COLOR = QColor(0xB0, 0x00, 0x20)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def describe_days(due: date, today: date) -> str:
    """``deadlines.describe_days`` in the UI language: "due today", "due in 3 days", "3 days overdue"."""
    days = (due - today).days
    if days == 0:
        return translate("Deadlines", "due today")
    if days > 0:
        if days == 1:
            return translate("Deadlines", "due tomorrow")
        return translate("Deadlines", "due in {0} days").format(days)
    late = -days
    return (
        translate("Deadlines", "1 day overdue")
        if late == 1
        else translate("Deadlines", "{0} days overdue").format(late)
    )


# Effective states as words (the state strings themselves stay English: they are compared).
_STATE_WORDS = {
    "Current": QT_TRANSLATE_NOOP("WorkflowLogModel", "Current"),
    "Upcoming": QT_TRANSLATE_NOOP("WorkflowLogModel", "Upcoming"),
}


def _decided_text(entry: WorkflowEntry) -> str:
    """ "Completed by X on 2026-01-09" / "Rejected by X" in the UI language."""
    who = entry.completed_by or translate("WorkflowLogModel", "unknown")
    stamp = parse_iso_date((entry.completed_date_time or "")[:10])  # blank: "", None or BC's 0001-01-01
    when = format_date(stamp) if stamp else ""
    if entry.state == "Rejected":
        if when:
            return translate("WorkflowLogModel", "Rejected by {0} on {1}").format(who, when)
        return translate("WorkflowLogModel", "Rejected by {0}").format(who)
    if when:
        return translate("WorkflowLogModel", "Completed by {0} on {1}").format(who, when)
    return translate("WorkflowLogModel", "Completed by {0}").format(who)


@dataclass(frozen=True, slots=True)
class LogLine:
    """A workflow entry with what the view needs: effective state, due date, status text."""

    entry: WorkflowEntry
    state: str  # Completed / Rejected / Current / Upcoming / Overdue
    due: date | None
    status_text: str
    days_overdue: int


def log_line(step: Step, today: date) -> LogLine:
    """A computed step with its status text in the UI language."""
    entry, due = step.entry, step.due
    if step.decided:
        return LogLine(entry, step.state, due, _decided_text(entry), 0)
    if step.state == "Overdue" and due is not None:
        return LogLine(entry, "Overdue", due, describe_days(due, today), step.days_overdue)
    word = translate("WorkflowLogModel", _STATE_WORDS[step.state])
    text = word if due is None else f"{word} · {describe_days(due, today)}"
    return LogLine(entry, step.state, due, text, 0)


def evaluate(entries: Sequence[WorkflowEntry], anchor: date | None, today: date) -> list[LogLine]:
    """Effective state and text per line (the states come from :mod:`dossier_desk.domain.schedule`)."""
    return [log_line(step, today) for step in evaluate_steps(entries, anchor, today)]


class WorkflowLogModel(ListTableModel):
    """One row per workflow line, in line order (a timeline; not sortable on purpose)."""

    STEP, DUE, STATUS, COMMENTS = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("WorkflowLogModel", "Step"),
        QT_TRANSLATE_NOOP("WorkflowLogModel", "Due"),
        QT_TRANSLATE_NOOP("WorkflowLogModel", "Status"),
        QT_TRANSLATE_NOOP("WorkflowLogModel", "Comments"),
    )
    LineRole = Qt.ItemDataRole.UserRole + 1  # the LogLine
    StateRole = Qt.ItemDataRole.UserRole + 2  # effective state string

    _MARKS: ClassVar[dict[str, str]] = {
        "Completed": "✓",
        "Rejected": "✗",
        "Current": "▶",
        "Upcoming": "○",
        "Overdue": "⚠",
    }

    def __init__(self, today: Callable[[], date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def set_log(self, entries: Sequence[WorkflowEntry], anchor: date | None) -> None:
        """Replace the rows; ``anchor`` is the dossier's starting (first sick) day for term dates."""
        self.set_steps(evaluate_steps(entries, anchor, self._today()), self._today())

    def set_steps(self, steps: Sequence[Step], today: date) -> None:
        """Replace the rows with steps already computed (the tab's one deadline computation)."""
        self.beginResetModel()
        self._rows = [log_line(step, today) for step in steps]
        self.endResetModel()

    def line(self, row: int) -> LogLine:
        return self._rows[row]

    def lines(self) -> list[LogLine]:
        return list(self._rows)

    @staticmethod
    def _tooltip(line: LogLine, column: int) -> str:
        """The full text of a cell (a narrow pane wraps or elides it), with the step's term."""
        if column == WorkflowLogModel.STEP:
            if not line.entry.term:
                return line.entry.description
            term = translate("WorkflowLogModel", "Term: {0}").format(line.entry.term)
            return f"{line.entry.description}\n{term}"
        if column == WorkflowLogModel.STATUS:
            return line.status_text
        if column == WorkflowLogModel.COMMENTS:
            return line.entry.comments
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STEP:
                return f"{self._MARKS.get(line.state, '')} {line.entry.description}".strip()
            if column == self.DUE:
                return format_date(line.due)
            if column == self.STATUS:
                return line.status_text
            return line.entry.comments
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(line, column)) or None
        if role == Qt.ItemDataRole.ForegroundRole and line.state == "Overdue":
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole and line.state in ("Current", "Overdue"):
            font = QFont()
            font.setBold(True)
            return font
        if role == self.LineRole:
            return line
        if role == self.StateRole:
            return line.state
        return None
