"""Contacts (employees) with their dossier counts, searchable by number, name or department."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from dossier_desk.api.models import Contact, Dossier
from dossier_desk.domain.text_fold import fold
from dossier_desk.ui.models.rows import OPEN_STATUSES

_Index = QModelIndex | QPersistentModelIndex

COL_NO, COL_NAME, COL_DEPARTMENT, COL_EMAIL, COL_OPEN, COL_TOTAL = range(6)
COLUMN_COUNT = 6
_HEADERS = (
    QT_TRANSLATE_NOOP("ContactsModel", "No."),
    QT_TRANSLATE_NOOP("ContactsModel", "Name"),
    QT_TRANSLATE_NOOP("ContactsModel", "Department"),
    QT_TRANSLATE_NOOP("ContactsModel", "Email"),
    QT_TRANSLATE_NOOP("ContactsModel", "Open dossiers"),
    QT_TRANSLATE_NOOP("ContactsModel", "All dossiers"),
)
ContactRole = Qt.ItemDataRole.UserRole + 1  # the Contact struct
ContactNoRole = Qt.ItemDataRole.UserRole + 2


class ContactsModel(QAbstractTableModel):
    """A few thousand contacts at most, so a reset per change is cheap and keeps this simple."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Contact] = []
        self._search: list[str] = []
        self._rows: list[int] = []  # indexes into _all passing the text filter
        self._open: Counter[str] = Counter()
        self._total: Counter[str] = Counter()
        self._text = ""

    def set_contacts(
        self,
        contacts: Iterable[Contact],
        dossiers: Iterable[Dossier] = (),
        *,
        counts: tuple[Counter[str], Counter[str]] | None = None,
    ) -> None:
        """Replace contacts and recount their dossiers (or take ``counts``: all and open dossiers per
        contact number, counted elsewhere)."""
        self.beginResetModel()
        self._all = sorted(contacts, key=lambda c: (c.name.casefold(), c.no))
        self._search = [fold(f"{c.no}\x1f{c.name}\x1f{c.department}\x1f{c.email}") for c in self._all]
        if counts is None:
            self._count(dossiers)
        else:
            self._total, self._open = counts
        self._apply()
        self.endResetModel()

    def set_dossiers(self, dossiers: Iterable[Dossier]) -> None:
        """Recount dossiers per contact (after a sync) without touching the rows."""
        self._count(dossiers)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_OPEN), self.index(len(self._rows) - 1, COL_TOTAL))

    def set_text_filter(self, text: str) -> None:
        """Show contacts whose number, name, department or email contain every word of ``text``."""
        if text == self._text:
            return
        self.beginResetModel()
        self._text = text
        self._apply()
        self.endResetModel()

    def contact_at(self, row: int) -> Contact | None:
        """The contact shown in ``row``."""
        return self._all[self._rows[row]] if 0 <= row < len(self._rows) else None

    def row_of(self, contact_no: str) -> int:
        """Visible row of a contact number, -1 when filtered out or unknown."""
        for row, i in enumerate(self._rows):
            if self._all[i].no == contact_no:
                return row
        return -1

    def contact_by_no(self, contact_no: str) -> Contact | None:
        """A contact by number, visible or not."""
        return next((c for c in self._all if c.no == contact_no), None)

    # -- QAbstractItemModel -------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMN_COUNT
        ):
            return QCoreApplication.translate("ContactsModel", _HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        contact = self._all[self._rows[index.row()]]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                contact.no,
                contact.name,
                contact.department,
                contact.email,
                str(self._open[contact.no]),
                str(self._total[contact.no]),
            )[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_OPEN, COL_TOTAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ContactRole:
            return contact
        if role == ContactNoRole:
            return contact.no
        return None

    # -- internals ----------------------------------------------------------------------------------
    def _count(self, dossiers: Iterable[Dossier]) -> None:
        self._open = Counter()
        self._total = Counter()
        for d in dossiers:
            self._total[d.primary_contact_no] += 1
            if d.status in OPEN_STATUSES:
                self._open[d.primary_contact_no] += 1

    def _apply(self) -> None:
        words = fold(self._text).split()
        self._rows = [i for i, s in enumerate(self._search) if all(w in s for w in words)]
