"""The Contacts tab's page: it builds its :class:`~dossier_desk.ui.views.contacts_view.ContactsView` the
first time the page is shown or the view is used, not with the main window (the table's first paint needs
neither the view nor its modules), and refreshes the view's data only while the page is the current tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from dossier_desk.api.models import Dossier

if TYPE_CHECKING:
    from dossier_desk.ui.views.contacts_view import ContactsView


class ContactsPage(QWidget):
    """Holds the contacts view once it is needed; looks the same as the view on its own.

    ``refresh`` fills the view (contacts count over every dossier): called when the page is current
    and the data changed since (:meth:`mark_stale`), at most once per burst of changes.
    """

    def __init__(
        self,
        refresh: Callable[[ContactsView], None],
        *,
        next_deadline: Callable[[Dossier], date | None],
        opened: Callable[[str], None],
        new_for_contact: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._refresh = refresh
        self._next_deadline = next_deadline
        self._opened, self._new_for_contact = opened, new_for_contact
        self._view: ContactsView | None = None
        self._can_write = True
        self._stale = True
        self._timer = QTimer(self, singleShot=True, interval=300, timeout=self.refresh_if_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._view is not None

    @property
    def view(self) -> ContactsView:
        """The contacts view, built now if it was not yet."""
        if self._view is None:
            from dossier_desk.ui.views.contacts_view import ContactsView

            view = ContactsView(next_deadline=self._next_deadline)
            view.dossierOpened.connect(self._opened)
            view.newDossierRequested.connect(self._new_for_contact)
            view.new_button.setVisible(self._can_write)
            self.layout().addWidget(view)
            self._view = view
        return self._view

    def set_can_write(self, can_write: bool) -> None:
        """Offer "New dossier" for a contact only to accounts that may write."""
        self._can_write = can_write
        if self._view is not None:
            self._view.new_button.setVisible(can_write)

    def mark_stale(self) -> None:
        """The dossiers or contacts changed: refresh once a burst of changes settles (if current)."""
        self._stale = True
        self._timer.start()

    def refresh_if_current(self, _index: int = 0) -> None:
        """Refresh the view when this page is its tab widget's current page and the data changed."""
        if self._stale and not self.isHidden():  # a tab widget hides every page but its current one
            self._stale = False
            self._refresh(self.view)

    def showEvent(self, event: QShowEvent) -> None:
        _ = self.view
        super().showEvent(event)
