"""Table model of a dossier's documents, with confidentiality filtering done here, not in the view.

The server already withholds medical / confidential documents from roles that may not see them; the
model filters again so that a cache filled under another role, or a document arriving through a
sync race, is never shown to the wrong person (defence in depth, Dutch privacy rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from dossier_desk.api.models import Document
from dossier_desk.ui.dates import format_iso
from dossier_desk.ui.documents.validation import human_size
from dossier_desk.ui.models.list_table import ListTableModel
from dossier_desk.ui.models.vocab import display_document_type

_Index = QModelIndex | QPersistentModelIndex


def visible_to(document: Document, can_see_medical: bool) -> bool:
    """Medical and confidential documents are for the occupational-health role only."""
    if can_see_medical:
        return True
    return not (document.confidential or document.document_type == "Medical")


class DocumentsModel(ListTableModel):
    """Rows are :class:`Document`; columns below. Sorts itself (lists are small, no proxy needed)."""

    DESCRIPTION, TYPE, DATE, FILE_NAME, SIZE, MIME, CREATED_BY, CONFIDENTIAL = range(8)
    HEADERS = (
        QT_TRANSLATE_NOOP("DocumentsModel", "Description"),
        QT_TRANSLATE_NOOP("DocumentsModel", "Type"),
        QT_TRANSLATE_NOOP("DocumentsModel", "Date"),
        QT_TRANSLATE_NOOP("DocumentsModel", "File name"),
        QT_TRANSLATE_NOOP("DocumentsModel", "Size"),
        QT_TRANSLATE_NOOP("DocumentsModel", "MIME type"),
        QT_TRANSLATE_NOOP("DocumentsModel", "Created by"),
        QT_TRANSLATE_NOOP("DocumentsModel", "Confidential"),
    )

    DocumentRole = Qt.ItemDataRole.UserRole + 1  # the Document itself
    SortRole = Qt.ItemDataRole.UserRole + 2  # a key that sorts correctly (bytes for size, ISO dates)

    def __init__(self, can_see_medical: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._can_see_medical = can_see_medical
        self._hidden = 0

    # -- data in -------------------------------------------------------------------------------
    def set_documents(self, documents: Sequence[Document]) -> None:
        """Replace the rows; documents the role may not see are dropped and only counted."""
        shown = [d for d in documents if visible_to(d, self._can_see_medical)]
        self.beginResetModel()
        self._rows = shown
        self._hidden = len(documents) - len(shown)
        self.endResetModel()

    def hidden_count(self) -> int:
        """How many documents were withheld for confidentiality (the tab says so, without details)."""
        return self._hidden

    def document(self, row: int) -> Document:
        return self._rows[row]

    def documents(self) -> list[Document]:
        return list(self._rows)

    # -- QAbstractTableModel -------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        doc = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(doc, column)
        if role == self.SortRole:
            return self._sort_key(doc, column)
        if role == self.DocumentRole:
            return doc
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SIZE:
            grouped = f"{doc.file_size:,}".replace(",", QLocale().groupSeparator())
            return QCoreApplication.translate("DocumentsModel", "{0} bytes").format(grouped)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, doc: Document, column: int) -> str:
        if column == self.DESCRIPTION:
            return doc.description
        if column == self.TYPE:
            return display_document_type(doc.document_type)
        if column == self.DATE:
            return format_iso(doc.document_date)
        if column == self.FILE_NAME:
            return doc.file_name
        if column == self.SIZE:
            return human_size(doc.file_size)
        if column == self.MIME:
            return doc.mime_type
        if column == self.CREATED_BY:
            return doc.created_by
        # Text, not just an icon or a checkbox: state must not rely on a visual cue alone.
        return QCoreApplication.translate("DocumentsModel", "Confidential") if doc.confidential else ""

    def _sort_key(self, doc: Document, column: int) -> Any:
        if column == self.SIZE:
            return doc.file_size
        if column == self.CONFIDENTIAL:
            return int(doc.confidential)
        return self._display(doc, column).casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [d.id for d in self._rows]
        self._rows.sort(
            key=lambda d: self._sort_key(d, column), reverse=order == Qt.SortOrder.DescendingOrder
        )
        new_row = {d.id: r for r, d in enumerate(self._rows)}
        self.changePersistentIndexList(old, [self.index(new_row[ids[i.row()]], i.column()) for i in old])
        self.layoutChanged.emit()
