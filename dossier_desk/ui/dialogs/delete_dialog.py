"""Delete confirmation that respects the status rules (archived dossiers cannot be deleted)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import CLOSED_STATUSES, is_archived
from dossier_desk.ui.awaited_write import start_write
from dossier_desk.ui.plain_text import plain_message_box
from dossier_desk.ui.ports import DossierRepository


class DeleteDossierDialog(QMessageBox):
    """Asks before queuing a delete; for an archived dossier it only explains why it cannot.

    Open with ``open()``; ``dossierDeleted`` fires once the queued delete is on disk.
    """

    dossierDeleted = Signal(str)

    def __init__(
        self, repository: DossierRepository, dossier: Dossier, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._repo = repository
        self._dossier = dossier
        self._write: object = None  # the delete on its way to the disk
        self.setObjectName("deleteDialog")
        self.setWindowTitle(self.tr("Delete dossier"))
        plain_message_box(self)  # the description is server text
        name = f"{dossier.no} – {dossier.description}"
        if is_archived(dossier.status):
            self.setIcon(QMessageBox.Icon.Information)
            self.setText(
                self.tr("%1 is archived. Archived dossiers are read-only and cannot be deleted.").replace(
                    "%1", name
                )
            )
            self.setStandardButtons(QMessageBox.StandardButton.Ok)
            return
        self.setIcon(QMessageBox.Icon.Warning)
        self.setText(self.tr("Delete %1?").replace("%1", name))
        info = self.tr("The dossier, its documents and its workflow log are removed for everyone.")
        if dossier.status in CLOSED_STATUSES:
            info += " " + self.tr("Closed dossiers can also be reopened instead.")
        self.setInformativeText(info)
        self.setStandardButtons(QMessageBox.StandardButton.Cancel)
        self.delete_button = self.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter must not destroy a case file
        self.buttonClicked.connect(self._on_clicked)

    def can_delete(self) -> bool:
        """False for archived dossiers."""
        return not is_archived(self._dossier.status)

    def _on_clicked(self, button) -> None:
        if button is self.delete_button:
            dossier_id = self._dossier.id
            self._write = start_write(
                self,
                self._repo.delete_dossier(dossier_id),
                lambda _item: self.dossierDeleted.emit(dossier_id),
                _raise,
            )


def _raise(exc: Exception) -> None:
    raise exc  # unexpected (the disk refused): reported as any other error
