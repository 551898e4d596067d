"""Preferences: the user interface language (English, Nederlands or the system's), used from the next
start. ``--language`` on the command line still wins. The stored choice is read at start-up through
:func:`dossier_desk.ui.i18n.stored_language`. The main window imports this module before its first
paint, so the dialog's widget classes are imported when it is first opened (their Python enums cost
~2 ms of a start)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QWidget

from dossier_desk.ui.i18n import LANGUAGE_KEY, stored_language

__all__ = ["LANGUAGES", "LANGUAGE_KEY", "PreferencesDialog", "show_preferences", "stored_language"]
# Language names in their own language, so anyone can find theirs whatever the UI shows now.
LANGUAGES = (("", None), ("en", "English"), ("nl", "Nederlands"))


class PreferencesDialog(QDialog):
    """Edit > Preferences…: choose the language; saved when OK is pressed."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel

        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings or QSettings()
        self.language = QComboBox(self)
        for code, name in LANGUAGES:
            self.language.addItem(name or self.tr("System default"), code)
        current = stored_language(self._settings) or ""
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        note = QLabel(self.tr("The language changes the next time you start Dossier Desk."), self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Language:"), self.language)
        layout.addRow(note)
        layout.addRow(buttons)

    def accept(self) -> None:
        self._settings.setValue(LANGUAGE_KEY, self.language.currentData() or "")
        self._settings.sync()
        super().accept()


def show_preferences(parent: QWidget) -> PreferencesDialog:
    """Open the dialog (non-blocking) over ``parent``."""
    dialog = PreferencesDialog(parent=parent)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog
