"""Columns of the dossier table, defined once: :data:`COLUMNS` (header, sort key, width, visibility,
alignment), the default visual order, roles, colours and the text of a cell.

The model, the view and the filter bar read this table rather than repeating constants.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor

from dossier_desk.ui.dates import format_date
from dossier_desk.ui.models.row_store import RowStore
from dossier_desk.ui.models.rows import DEADLINE_PASSED, ENDING_PASSED, PENDING, RESTRICTED
from dossier_desk.ui.models.vocab import display_category, display_priority, display_status
from dossier_desk.ui.plain_text import tooltip

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Column(NamedTuple):
    """One column: its (untranslated) header, the sort key it sorts by (see :mod:`.rows`), its default
    width at 96 dpi, whether it starts hidden, and its cell alignment (None: the style's default)."""

    header: str
    sort_key: str
    width: int
    hidden: bool = False
    alignment: int | None = None


# Logical order (saved header states and saved views refer to these positions: append, never reorder).
# Widths fit typical content in both languages ("In behandeling", "Dagen open").
# Headers are marked for lupdate and translated at call time, so a language switch needs no restart.
COLUMNS: tuple[Column, ...] = (
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "No."), "no", 80),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Description"), "description", 260),
    # Surname first, collated in the UI locale.
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Contact"), "contact", 150),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Type"), "type", 100),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Category"), "category", 110),
    # Workflow order, not alphabetical.
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Status"), "status", 140),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Priority"), "priority", 95),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Document date"), "document_date", 115, hidden=True),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Starting date"), "starting_date", 115),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Ending date"), "ending_date", 115),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Days open"), "days_open", 110, alignment=_RIGHT),
    # "Volgende termijn" in bold.
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Next deadline"), "deadline", 150),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Department"), "department", 120, hidden=True),
    Column(QT_TRANSLATE_NOOP("DossierTableModel", "Case manager"), "case_manager", 120, hidden=True),
)
(
    COL_NO,
    COL_DESCRIPTION,
    COL_CONTACT,
    COL_TYPE,
    COL_CATEGORY,
    COL_STATUS,
    COL_PRIORITY,
    COL_DOCUMENT_DATE,
    COL_STARTING_DATE,
    COL_ENDING_DATE,
    COL_DAYS_OPEN,
    COL_NEXT_DEADLINE,
    COL_DEPARTMENT,
    COL_CASE_MANAGER,
) = range(len(COLUMNS))
COLUMN_COUNT = len(COLUMNS)
DEFAULT_HIDDEN_COLUMNS = frozenset(c for c, column in enumerate(COLUMNS) if column.hidden)
DEFAULT_COLUMN_WIDTHS = {c: column.width for c, column in enumerate(COLUMNS)}
SORT_KEY_NAMES = tuple(column.sort_key for column in COLUMNS)

# Default visual order: what a caseworker scans first stays visible beside the detail pane at 1366 px.
DEFAULT_COLUMN_ORDER = (
    COL_NO,
    COL_DESCRIPTION,
    COL_CONTACT,
    COL_STATUS,
    COL_NEXT_DEADLINE,
    COL_TYPE,
    COL_CATEGORY,
    COL_PRIORITY,
    COL_DAYS_OPEN,
    COL_STARTING_DATE,
    COL_ENDING_DATE,
    COL_DOCUMENT_DATE,
    COL_DEPARTMENT,
    COL_CASE_MANAGER,
)

DossierIdRole = Qt.ItemDataRole.UserRole + 2  # its id
OverdueRole = Qt.ItemDataRole.UserRole + 3  # bool
PendingRole = Qt.ItemDataRole.UserRole + 4  # bool: local changes not yet synced

# Colours chosen to read on both light and dark palettes; they always accompany text (WCAG 1.4.1).
STATUS_COLORS = {
    "New": QColor("#3b82f6"),
    "Open": QColor("#0d9488"),
    "In Process": QColor("#d97706"),
    "Closed": QColor("#16a34a"),
    "Archived": QColor("#6b7280"),
}
PRIORITY_COLORS = {"Low": QColor("#94a3b8"), "Normal": QColor("#3b82f6"), "High": QColor("#dc2626")}
OVERDUE_TEXT = QColor("#dc2626")
OVERDUE_BACKGROUND = QColor(220, 38, 38, 22)  # translucent: a tint on light and dark alike

_DATE_KEYS = {
    COL_DOCUMENT_DATE: "document_date",
    COL_STARTING_DATE: "starting_date",
    COL_ENDING_DATE: "ending_date",
    COL_NEXT_DEADLINE: "deadline",
}
_WITHHELD = frozenset({COL_DESCRIPTION, COL_DEPARTMENT, COL_CASE_MANAGER})
_SHOWN = {COL_NO: "no", COL_DESCRIPTION: "description"}  # one text per row
_CODED = {  # few distinct values (see row_store); enum captions translated
    COL_CONTACT: ("contact", None),
    COL_TYPE: ("type", None),
    COL_DEPARTMENT: ("department", None),
    COL_CASE_MANAGER: ("case_manager", None),
    COL_STATUS: ("status", display_status),
    COL_PRIORITY: ("priority", display_priority),
    COL_CATEGORY: ("category", display_category),
}


def header_text(section: int) -> str:
    """The translated title of a column."""
    return QCoreApplication.translate("DossierTableModel", COLUMNS[section].header)


def display_text(store: RowStore, slot: int, col: int) -> str:
    """DisplayRole text of a cell (enum captions translated, dates in the user's format)."""
    text = ""
    name = _SHOWN.get(col)
    if name is not None:
        text = store.text(slot, name)
    else:
        coded = _CODED.get(col)
        if coded is not None:
            text = store.value(slot, coded[0])
            if coded[1] is not None:
                return coded[1](text)
        else:
            date_key = _DATE_KEYS.get(col)
            if date_key is not None:
                return format_date(store.date(slot, date_key))
            if col == COL_DAYS_OPEN:
                days = store.days_open(slot)
                return "" if days < 0 else QLocale().toString(days)
            return ""
    if not text and col in _WITHHELD and store.flags[slot] & RESTRICTED:
        return QCoreApplication.translate("DossierTableModel", "Restricted")  # blanked by the server
    return text


def tooltip_text(store: RowStore, slot: int, col: int) -> str | None:
    """Why a row looks the way it does (pending, overdue) plus the full description."""
    flags = store.flags[slot]
    notes = []
    if flags & PENDING:
        notes.append(QCoreApplication.translate("DossierTableModel", "Pending: local changes not yet synced"))
    if flags & DEADLINE_PASSED:
        notes.append(
            QCoreApplication.translate("DossierTableModel", "Overdue: a workflow deadline has passed")
        )
    if flags & ENDING_PASSED:
        notes.append(QCoreApplication.translate("DossierTableModel", "Past its ending date"))
    description = store.shown["description"][slot]
    if col == COL_DESCRIPTION and description:
        notes.insert(0, description)  # long descriptions are elided in the cell
    return tooltip("\n".join(notes)) or None
