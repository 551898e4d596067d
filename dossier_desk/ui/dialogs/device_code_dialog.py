"""Shows a device code sign-in: the code (with a copy button), where to enter it, time left, Cancel.

The dialog does not sign in itself: whoever runs ``AuthSession.sign_in_device_code`` passes
:meth:`DeviceCodeDialog.show_code` as ``on_code`` and connects :attr:`cancelRequested` to the
cancel event. Open with ``open()``.
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.auth import DeviceCodeInfo
from dossier_desk.ui.plain_text import RICH_TEXT_ALLOWED, plain_labels


class DeviceCodeDialog(QDialog):
    """The code and the verification page of a running device code sign-in."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceCodeDialog")
        self.setWindowTitle(self.tr("Sign in on another device"))
        self._info: DeviceCodeInfo | None = None
        layout = QVBoxLayout(self)

        self.instructions = QLabel(self.tr("Requesting a sign-in code…"), self)
        self.instructions.setWordWrap(True)
        self.instructions.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.instructions.setOpenExternalLinks(False)
        self.instructions.setProperty(RICH_TEXT_ALLOWED, True)  # our own link markup; the URL is escaped
        self.instructions.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        layout.addWidget(self.instructions)

        row = QHBoxLayout()
        self.code_label = QLabel("", self)
        self.code_label.setObjectName("deviceCode")
        font = QFont(self.code_label.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName(self.tr("Sign-in code"))
        row.addWidget(self.code_label, 1)
        self.copy_button = QPushButton(self.tr("Copy code"), self)
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_code)
        row.addWidget(self.copy_button)
        layout.addLayout(row)

        self.expiry_label = QLabel("", self)
        layout.addWidget(self.expiry_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        plain_labels(self)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._update_expiry)

    @property
    def info(self) -> DeviceCodeInfo | None:
        """The code being shown, if one arrived."""
        return self._info

    def show_code(self, info: DeviceCodeInfo) -> None:
        """Show the code (usable directly as ``on_code``)."""
        self._info = info
        self.code_label.setText(info.user_code)
        url = info.verification_uri.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        link = f'<a href="{url}">{url}</a>'
        if _is_loopback(info.verification_uri):  # only reachable here: "any device" would mislead
            text = self.tr("On this computer, open {0} and enter this code:").format(link)
        else:
            text = self.tr("On any device, open {0} and enter this code:").format(link)
        self.instructions.setText(text)
        self.copy_button.setEnabled(True)
        self._update_expiry()
        self._countdown.start()
        self.centre()

    def centre(self) -> None:
        """Fit the text that arrived, centred over the parent window (or the screen without one):
        the dialog opened small while it waited for the code, and growing moved its centre."""
        self.adjustSize()
        parent = self.parentWidget()
        area = parent.window().frameGeometry() if parent is not None else self.screen().availableGeometry()
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        self.move(frame.topLeft())

    def copy_code(self) -> None:
        """Put the user code on the clipboard."""
        if self._info is not None:
            QGuiApplication.clipboard().setText(self._info.user_code)
            self.copy_button.setText(self.tr("Copied"))

    def _update_expiry(self) -> None:
        if self._info is None:
            return
        left = int((self._info.expires_at - datetime.now(UTC)).total_seconds())
        if left <= 0:
            self._countdown.stop()
            self.expiry_label.setText(self.tr("The code has expired."))
            return
        self.expiry_label.setText(self.tr("The code expires in {0}:{1:02d}.").format(left // 60, left % 60))

    def reject(self) -> None:
        """Cancel (button, Esc, window close): ask the running sign-in to stop, then close."""
        self._countdown.stop()
        self.cancelRequested.emit()
        super().reject()

    def finish(self) -> None:
        """Close without cancelling (the sign-in ended)."""
        self._countdown.stop()
        super().accept()


def _is_loopback(url: str) -> bool:
    """True for a verification address on this computer (localhost, 127.0.0.0/8, ::1)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
