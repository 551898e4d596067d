"""Columns of the dossier table: constants, roles, headers, colours, sort keys and cell text.

Kept apart from the model so the model is only about keeping rows sorted, filtered and signalled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QColor

from dossier_desk.domain.rights import is_restricted
from dossier_desk.store.outbox_model import is_local_id
from dossier_desk.ui.models.rows import DossierRow, parse_iso_date
from dossier_desk.ui.models.vocab import display_category, display_priority, display_status
from dossier_desk.ui.plain_text import tooltip

# Column constants: the order is the default visual order; the view may reorder and hide them.
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
) = range(14)
COLUMN_COUNT = 14
DEFAULT_HIDDEN_COLUMNS = frozenset({COL_DOCUMENT_DATE, COL_DEPARTMENT, COL_CASE_MANAGER})

# Marked for lupdate; translated at call time so a language switch applies without a restart.
_HEADER_SOURCES = (
    QT_TRANSLATE_NOOP("DossierTableModel", "No."),
    QT_TRANSLATE_NOOP("DossierTableModel", "Description"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Contact"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Type"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Category"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Status"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Priority"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Document date"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Starting date"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Ending date"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Days open"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Next deadline"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Department"),
    QT_TRANSLATE_NOOP("DossierTableModel", "Case manager"),
)

DossierRole = Qt.ItemDataRole.UserRole + 1  # the Dossier struct
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


# Sort keys per column. attrgetter with a dotted path is C code, so sorting stays near bare sorted().
SORT_KEYS: tuple[Callable[[DossierRow], Any], ...] = (
    attrgetter("d.no"),
    attrgetter("d.description"),
    attrgetter("d.primary_contact_name"),
    attrgetter("d.dossier_type_code"),
    attrgetter("d.category"),
    attrgetter("status_rank"),  # workflow order, not alphabetical
    attrgetter("priority_rank"),
    attrgetter("d.document_date"),
    attrgetter("d.starting_date"),
    attrgetter("d.ending_date"),
    attrgetter("days_open"),
    attrgetter("deadline_key"),
    attrgetter("d.department"),
    attrgetter("d.case_manager_code"),
)
_DATE_ATTRS = {
    COL_DOCUMENT_DATE: "document_date",
    COL_STARTING_DATE: "starting_date",
    COL_ENDING_DATE: "ending_date",
}
_WITHHELD = frozenset({COL_DESCRIPTION, COL_DEPARTMENT, COL_CASE_MANAGER})
_TEXT_ATTRS = {
    COL_NO: "no",
    COL_DESCRIPTION: "description",
    COL_CONTACT: "primary_contact_name",
    COL_TYPE: "dossier_type_code",
    COL_DEPARTMENT: "department",
    COL_CASE_MANAGER: "case_manager_code",
}


def header_text(section: int) -> str:
    """The translated title of a column."""
    return QCoreApplication.translate("DossierTableModel", _HEADER_SOURCES[section])


def display_text(row: DossierRow, col: int) -> str:
    """DisplayRole text of a cell (enum captions translated, dates in the user's format)."""
    attr = _TEXT_ATTRS.get(col)
    if attr is not None:
        text = getattr(row.d, attr)
        if col == COL_CONTACT and not text:
            text = row.d.primary_contact_no  # name not cached yet: the number beats a blank
        if not text and col in _WITHHELD and is_restricted(row.d.description, not is_local_id(row.d.id)):
            return QCoreApplication.translate("DossierTableModel", "Restricted")  # blanked by the server
        return text
    if col == COL_STATUS:
        return display_status(row.d.status)
    if col == COL_PRIORITY:
        return display_priority(row.d.priority)
    if col == COL_CATEGORY:
        return display_category(row.d.category)
    date_attr = _DATE_ATTRS.get(col)
    if date_attr is not None:
        return format_date(parse_iso_date(getattr(row.d, date_attr)))
    if col == COL_DAYS_OPEN:
        return "" if row.days_open < 0 else QLocale().toString(row.days_open)
    if col == COL_NEXT_DEADLINE:
        return format_date(row.deadline)
    return ""


def tooltip_text(row: DossierRow, col: int) -> str | None:
    """Why a row looks the way it does (pending, overdue) plus the full description."""
    notes = []
    if row.pending:
        notes.append(QCoreApplication.translate("DossierTableModel", "Pending: local changes not yet synced"))
    if row.deadline_passed:
        notes.append(
            QCoreApplication.translate("DossierTableModel", "Overdue: a workflow deadline has passed")
        )
    if row.ending_passed:
        notes.append(QCoreApplication.translate("DossierTableModel", "Past its ending date"))
    if col == COL_DESCRIPTION and row.d.description:
        notes.insert(0, row.d.description)  # long descriptions are elided in the cell
    return tooltip("\n".join(notes)) or None


def format_date(value: date | None) -> str:
    """A date in the UI locale's short format ("" for none)."""
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)
