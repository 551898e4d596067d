"""What the dossier table holds in a cell for each item-data role, found by one dict lookup.

The view asks about seven roles for every cell it paints (over 2,000 calls per repaint of a 1366x768
window), so this is the hot path of painting, and of the sync's repaints. A table from the role's number
to a function of (slot, column), built once per model, replaces a chain of comparisons against Qt's enum
members (each one two attribute lookups through PySide6).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from dossier_desk.ui.models.dossier_columns import (
    COL_ENDING_DATE,
    COL_NEXT_DEADLINE,
    COL_PRIORITY,
    COL_STATUS,
    COLUMNS,
    OVERDUE_BACKGROUND,
    OVERDUE_TEXT,
    PRIORITY_COLORS,
    STATUS_COLORS,
    DossierIdRole,
    OverdueRole,
    PendingRole,
    display_text,
    tooltip_text,
)
from dossier_desk.ui.models.row_store import RowStore
from dossier_desk.ui.models.rows import ENDING_PASSED, OVERDUE, PENDING

Cell = Callable[[int, int], Any]  # (slot, column) -> the role's value
_ALIGNMENTS = tuple(column.alignment for column in COLUMNS)


def cell_roles(store: RowStore, today: Callable[[], date], italic: QFont) -> dict[int, Cell]:
    """The functions answering each role the table knows for a row slot of ``store``."""

    def display(slot: int, col: int) -> str:
        return display_text(store, slot, col)

    def decoration(slot: int, col: int) -> Any:
        if col == COL_STATUS:
            return STATUS_COLORS.get(store.value(slot, "status"))
        if col == COL_PRIORITY:
            return PRIORITY_COLORS.get(store.value(slot, "priority"))
        return None

    def foreground(slot: int, col: int) -> Any:
        # Red marks the date that is actually past, not every date of an overdue row.
        if col == COL_ENDING_DATE:
            return OVERDUE_TEXT if store.flags[slot] & ENDING_PASSED else None
        if col == COL_NEXT_DEADLINE and store.flags[slot] & OVERDUE:
            deadline = store.date(slot, "deadline")
            return OVERDUE_TEXT if deadline and deadline < today() else None
        return None

    def background(slot: int, _col: int) -> Any:
        return OVERDUE_BACKGROUND if store.flags[slot] & OVERDUE else None

    def font(slot: int, _col: int) -> QFont | None:
        return italic if store.flags[slot] & PENDING else None

    def tooltip(slot: int, col: int) -> str | None:
        return tooltip_text(store, slot, col)

    def alignment(_slot: int, col: int) -> Any:
        return _ALIGNMENTS[col]

    def dossier_id(slot: int, _col: int) -> str:
        return store.ids[slot]

    def overdue(slot: int, _col: int) -> bool:
        return bool(store.flags[slot] & OVERDUE)

    def pending(slot: int, _col: int) -> bool:
        return bool(store.flags[slot] & PENDING)

    role = Qt.ItemDataRole
    return {
        int(role.DisplayRole): display,
        int(role.AccessibleTextRole): display,
        int(role.DecorationRole): decoration,
        int(role.ForegroundRole): foreground,
        int(role.BackgroundRole): background,
        int(role.FontRole): font,
        int(role.ToolTipRole): tooltip,
        int(role.TextAlignmentRole): alignment,
        int(DossierIdRole): dossier_id,
        int(OverdueRole): overdue,
        int(PendingRole): pending,
    }
