"""Contacts: a searchable list of employees and, beside it, the dossiers of the chosen one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import Contact, Dossier
from dossier_desk.ui.models import contacts_model as cm
from dossier_desk.ui.models.dossier_columns import (
    COL_CATEGORY,
    COL_CONTACT,
    COL_DEPARTMENT,
    COL_DESCRIPTION,
    COL_DOCUMENT_DATE,
    COL_NEXT_DEADLINE,
    DossierIdRole,
)
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.models.rows import no_deadline
from dossier_desk.ui.plain_text import plain_labels
from dossier_desk.ui.views.dossier_table_view import DEFAULT_COLUMN_WIDTHS as DOSSIER_COLUMN_WIDTHS


class ContactsView(QWidget):
    """Emits ``dossierOpened`` for a double-clicked dossier and ``newDossierRequested`` for a contact."""

    dossierOpened = Signal(str)  # dossier id
    newDossierRequested = Signal(str)  # contact no.

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        next_deadline: Callable[[Dossier], date | None] = no_deadline,
    ) -> None:
        super().__init__(parent)
        self._source: DossierTableModel | None = None
        self._read: Callable[[str], Dossier | None] = lambda _id: None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search contacts by number, name or department…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search contacts"))
        layout.addWidget(self.search)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        layout.addWidget(splitter, 1)

        self.contacts_model = cm.ContactsModel(self)
        self.contacts = self._table(self.contacts_model, self.tr("Contacts"))
        splitter.addWidget(self.contacts)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        self.heading = QLabel(self.tr("Choose a contact to see their dossiers."), lower)
        self.heading.setObjectName("sectionTitle")
        lower_layout.addWidget(self.heading)
        self.dossier_model = DossierTableModel(self, next_deadline=next_deadline)
        self.dossiers = self._table(self.dossier_model, self.tr("Dossiers of the contact"))
        for column in (COL_CONTACT, COL_DOCUMENT_DATE, COL_DEPARTMENT, COL_CATEGORY, COL_NEXT_DEADLINE):
            self.dossiers.setColumnHidden(column, True)  # the contact is the same on every row
        self.dossiers.setSortingEnabled(True)
        self.dossiers.doubleClicked.connect(lambda index: self.dossierOpened.emit(index.data(DossierIdRole)))
        lower_layout.addWidget(self.dossiers, 1)
        self.new_button = QPushButton(self.tr("New dossier for this contact…"), lower)
        self.new_button.setEnabled(False)
        self.new_button.clicked.connect(self._request_new)
        lower_layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignRight)
        plain_labels(self)
        splitter.addWidget(lower)

        header = self.contacts.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in (
            (cm.COL_NO, 90),
            (cm.COL_NAME, 220),
            (cm.COL_DEPARTMENT, 130),
            (cm.COL_OPEN, 120),
            (cm.COL_TOTAL, 120),
        ):
            self.contacts.setColumnWidth(column, width)
        header.setSectionResizeMode(cm.COL_EMAIL, QHeaderView.ResizeMode.Stretch)
        lower_header = self.dossiers.horizontalHeader()
        lower_header.setStretchLastSection(False)
        for column, width in DOSSIER_COLUMN_WIDTHS.items():
            self.dossiers.setColumnWidth(column, width)
        lower_header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.search.textChanged.connect(self.contacts_model.set_text_filter)
        self.contacts.selectionModel().selectionChanged.connect(self._on_contact_selected)

    def set_data(
        self, contacts: list[Contact], table: DossierTableModel, read: Callable[[str], Dossier | None]
    ) -> None:
        """All contacts (from the repository), their dossiers counted in the dossier ``table``; the
        dossiers of the chosen contact are read by id with ``read`` (the table keeps none)."""
        self._source, self._read = table, read
        counts = (table.count_by("contact_no"), table.count_by("contact_no", DossierFilter(open_only=True)))
        self.contacts_model.set_contacts(contacts, counts=counts)
        self._on_contact_selected()

    def show_contact(self, contact_no: str) -> bool:
        """Select a contact (e.g. from the dossier form); False when unknown."""
        self.search.clear()
        row = self.contacts_model.row_of(contact_no)
        if row < 0:
            return False
        self.contacts.selectRow(row)
        self.contacts.scrollTo(
            self.contacts_model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter
        )
        return True

    def current_contact(self) -> Contact | None:
        """The selected contact."""
        rows = self.contacts.selectionModel().selectedRows()
        return self.contacts_model.contact_at(rows[0].row()) if rows else None

    def _table(self, model, name: str) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        return table

    def _on_contact_selected(self, *_args: QItemSelection) -> None:
        contact = self.current_contact()
        self.new_button.setEnabled(contact is not None)
        if contact is None:
            self.heading.setText(self.tr("Choose a contact to see their dossiers."))
            self.dossier_model.set_dossiers([])
            return
        ids = self._source.ids_with("contact_no", contact.no) if self._source is not None else []
        mine = [d for d in map(self._read, ids) if d is not None]
        self.heading.setText(
            self.tr("Dossiers of %1 (%2)").replace("%1", contact.name or contact.no).replace("%2", contact.no)
        )
        self.dossier_model.set_dossiers(mine)

    def _request_new(self) -> None:
        contact = self.current_contact()
        if contact is not None:
            self.newDossierRequested.emit(contact.no)
