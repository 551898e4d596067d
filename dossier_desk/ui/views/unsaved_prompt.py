"""The Save / Discard / Cancel question before the detail pane leaves a dossier with unsaved edits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier_desk.ui.plain_text import plain_message_box


def _tr(text: str) -> str:
    return QCoreApplication.translate("DetailPane", text)


def unsaved_prompt(parent: QWidget, name: str, *, deleted: bool) -> QMessageBox:
    """A window-modal question (open it with ``open()``); a deleted dossier's edits can only be discarded."""
    buttons = QMessageBox.StandardButton
    if deleted:
        text = _tr("“{0}” was deleted. Discard your unsaved changes?").format(name)
        shown, default = buttons.Discard | buttons.Cancel, buttons.Cancel
    else:
        text = _tr("Save your changes to “{0}” before opening another dossier?").format(name)
        shown, default = buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save
    box = QMessageBox(QMessageBox.Icon.Question, _tr("Unsaved changes"), text, parent=parent)
    plain_message_box(box)
    box.setStandardButtons(shown)
    box.setDefaultButton(default)
    box.setEscapeButton(buttons.Cancel)
    return box
