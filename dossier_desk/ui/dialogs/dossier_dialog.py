"""New / edit dossier dialog: the same form as the detail pane, saved through the repository."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from dossier_desk.domain.dossier_rules import DossierField, editable_fields, read_only_reason
from dossier_desk.domain.rights import DEFAULT_RIGHTS, Rights
from dossier_desk.store.storage_errors import STORAGE_ERRORS
from dossier_desk.store.validation import LocalValidationError
from dossier_desk.ui.awaited_write import start_write
from dossier_desk.ui.plain_text import plain_labels
from dossier_desk.ui.ports import DossierRepository
from dossier_desk.ui.storage_texts import not_saved_text
from dossier_desk.ui.views.dossier_form import DossierForm
from dossier_desk.ui.views.rule_texts import problem_messages, read_only_text


class DossierDialog(QDialog):
    """Create a dossier (``dossier_id`` None, optional ``defaults`` such as the contact) or edit one.

    On OK the input is validated locally, then queued; errors keep the dialog open with the message
    under the field. ``dossierSaved`` carries the id (a temporary ``local-…`` id for a new dossier).
    """

    dossierSaved = Signal(str)

    def __init__(
        self,
        repository: DossierRepository,
        parent: QWidget | None = None,
        *,
        dossier_id: str | None = None,
        defaults: Mapping[DossierField, Any] | None = None,
        rights: Rights = DEFAULT_RIGHTS,
    ) -> None:
        super().__init__(parent)
        self._repo = repository
        self._dossier = repository.dossier(dossier_id) if dossier_id else None
        self._write: object = None  # the write on its way to the disk, kept alive while it runs
        if dossier_id and self._dossier is None:
            raise KeyError(dossier_id)
        self.setObjectName("dossierDialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.notice = QLabel(self)
        self.notice.setObjectName("banner")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.form = DossierForm(self)
        self.form.set_choices(repository.dossier_types(), repository.contacts())
        self.form.load(self._dossier, defaults)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        plain_labels(self)
        d = self._dossier
        if d is None:
            self.setWindowTitle(self.tr("New dossier"))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        else:
            self.setWindowTitle(self.tr("Edit dossier %1").replace("%1", d.no))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        status = d.status if d is not None else None
        editable = editable_fields(status, rights)
        self.form.set_editable(editable)
        reason = read_only_reason(status, rights)
        if reason is not None:
            self._notify(read_only_text(reason))
        if not editable:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def submit(self) -> None:
        """Validate and queue; says "Saving…" and closes the dialog only once the write is on disk."""
        if self._write is not None:
            return  # already saving
        errors = self.form.validate()
        if errors:
            unplaced = self.form.show_errors(errors)
            if unplaced:
                self._notify("\n".join(errors[k] for k in unplaced))
            return
        changes = self.form.changes()
        if self._dossier is None:
            write = self._repo.create_dossier(changes)
        elif changes:
            write = self._repo.save_dossier_changes(self._dossier.id, changes, self._dossier)
        else:
            self._saved(self._dossier.id)
            return
        self._notify(self.tr("Saving…"))
        self.buttons.setEnabled(False)
        saved_id = self._dossier.id if self._dossier is not None else ""
        self._write = start_write(
            self, write, lambda item: self._saved(saved_id or item.dossier_id), self._failed
        )

    def _saved(self, saved_id: str) -> None:
        self._write = None
        self.dossierSaved.emit(saved_id)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._write = None
        self.buttons.setEnabled(True)
        self.notice.hide()
        if isinstance(exc, LocalValidationError):  # the store's rules are the form's: rarely reached
            messages = problem_messages(exc.problems)
            unplaced = self.form.show_errors(messages)
            if unplaced:
                self._notify("\n".join(messages[k] for k in unplaced))
        elif isinstance(exc, STORAGE_ERRORS):  # full or read-only disk: stay open with the typed values
            self._notify(not_saved_text(exc))
        else:
            raise exc

    def _notify(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
