"""A notice strip of fixed height: the message in two lines at most, and a Details button for the rest.

Its height is kept while hidden (showing it never moves the field being typed in) and its width comes
from the window, never from the message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QSizePolicy, QToolButton, QWidget

from dossier_desk.ui.plain_text import plain_message_box
from dossier_desk.ui.views.elided_label import ElidedLabel


class MessageBanner(QWidget):
    """``setText``/``text``/``clear`` like a label; ``detailsShown(box)`` when Details opens the full text."""

    detailsShown = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, lines: int = 2) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the #banner style's background
        self.label = ElidedLabel(self, max_lines=lines)
        self.label.setObjectName("bannerText")
        self.details = QToolButton(self)
        self.details.setText(self.tr("Details…"))
        self.details.setAccessibleName(self.tr("Show the whole message"))
        self.details.clicked.connect(self.show_details)
        self.details.hide()
        self.label.elisionChanged.connect(self.details.setVisible)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.details, 0, Qt.AlignmentFlag.AlignBottom)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + 14)

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.details.setVisible(self.label.is_elided())

    def text(self) -> str:
        """The whole message."""
        return self.label.text()

    def clear(self) -> None:
        self.setText("")

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.label.setToolTip(text)

    def show_details(self) -> QMessageBox:
        """The whole message in a box the user can read, select and copy (non-blocking)."""
        box = plain_message_box(QMessageBox(self.window()))
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Message"))
        box.setText(self.text())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.detailsShown.emit(box)
        return box
