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

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from dossier_desk.api.models import WorkflowEntry
from dossier_desk.deadlines import apply_date_formula, describe_days, parse_iso_date

_Index = QModelIndex | QPersistentModelIndex
DECIDED = frozenset({"Completed", "Rejected"})
# Dark red that keeps a 4.5:1 contrast on white (WCAG AA) — plain "red" does not.
OVERDUE_COLOR = QColor(0xB0, 0x00, 0x20)


@dataclass(frozen=True, slots=True)
class LogLine:
    """A workflow entry with what the view needs: effective state, due date, status text."""

    entry: WorkflowEntry
    state: str  # Completed / Rejected / Current / Upcoming / Overdue
    due: date | None
    status_text: str
    days_overdue: int


def due_date(entry: WorkflowEntry, anchor: date | None) -> date | None:
    """The server's due date, else the line's term applied to the dossier's start (cached logs of
    older servers lack ``dueDate``); None when neither is known or the term cannot be read."""
    parsed = parse_iso_date(entry.due_date)
    if parsed is not None or anchor is None or not entry.term:
        return parsed
    try:
        return apply_date_formula(anchor, entry.term)
    except ValueError:
        return None


def evaluate(entries: Sequence[WorkflowEntry], anchor: date | None, today: date) -> list[LogLine]:
    """Effective state per line. The first undecided line is current; any undecided line whose due
    date has passed is overdue (a later step can be late while an earlier one is still open)."""
    lines: list[LogLine] = []
    found_current = False
    for entry in sorted(entries, key=lambda e: e.line_no):
        due = due_date(entry, anchor)
        if entry.state in DECIDED:
            who = entry.completed_by or "unknown"
            when = entry.completed_date_time[:10]
            text = f"{entry.state} by {who}" + (f" on {when}" if when else "")
            lines.append(LogLine(entry, entry.state, due, text, 0))
            continue
        state = "Upcoming" if found_current else "Current"
        found_current = True
        late = (today - due).days if due is not None else 0
        if late > 0:
            lines.append(LogLine(entry, "Overdue", due, describe_days(due, today), late))  # type: ignore[arg-type]
            continue
        text = state if due is None else f"{state} · {describe_days(due, today)}"
        lines.append(LogLine(entry, state, due, text, 0))
    return lines


class WorkflowLogModel(QAbstractTableModel):
    """One row per workflow line, in line order (a timeline; not sortable on purpose)."""

    STEP, DUE, STATUS, COMMENTS = range(4)
    HEADERS = ("Step", "Due", "Status", "Comments")
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
        self._lines: list[LogLine] = []

    def set_log(self, entries: Sequence[WorkflowEntry], anchor: date | None) -> None:
        """Replace the rows; ``anchor`` is the dossier's starting (first sick) day for term dates."""
        self.beginResetModel()
        self._lines = evaluate(entries, anchor, self._today())
        self.endResetModel()

    def line(self, row: int) -> LogLine:
        return self._lines[row]

    def lines(self) -> list[LogLine]:
        return list(self._lines)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        return self.HEADERS[section] if horizontal and 0 <= section < len(self.HEADERS) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STEP:
                return f"{self._MARKS.get(line.state, '')} {line.entry.description}".strip()
            if column == self.DUE:
                return line.due.isoformat() if line.due else ""
            if column == self.STATUS:
                return line.status_text
            return line.entry.comments
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STEP and line.entry.term:
            return f"Term {line.entry.term} (line {line.entry.line_no})"
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
