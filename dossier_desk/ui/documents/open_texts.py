"""What the user reads when a document is not opened: a type that does not match or is not allowed,
or no program on this computer for it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from dossier_desk.domain.safe_open import MISMATCH
from dossier_desk.ui.plain_text import plain_message_box


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentsTab", text)


def refused_open_box(parent: QWidget, file_name: str, verdict: str) -> tuple[QMessageBox, QPushButton]:
    """The file was not opened; save it instead? Returns the box and its Save as… button."""
    if verdict == MISMATCH:
        why = _tr("Its file type does not match the document's details, so it was not opened.")
    else:
        why = _tr("Files of this type are not opened directly, because they could run programs.")
    box = plain_message_box(QMessageBox(parent))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Document not opened"))
    box.setText(_tr("“{0}” was not opened.").format(file_name))
    box.setInformativeText(why + " " + _tr("You can save it and check it before opening it yourself."))
    save = box.addButton(_tr("Save as…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box, save


def no_viewer_text(suffix: str) -> str:
    """Shown in the tab when no application on this computer opens the file."""
    kind = suffix or _tr("this type of")
    return _tr("No program on this computer opens “{0}” files. Use Save as… to keep the file.").format(kind)
