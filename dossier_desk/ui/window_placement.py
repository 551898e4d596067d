"""Secondary windows that behave like dialogs: a Close button, Escape closes, and they open over the
main window and fully on its screen (never half off-screen at 1024x640)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QDialogButtonBox, QPushButton, QWidget


def add_close_row(window: QWidget, layout: QBoxLayout) -> QPushButton:
    """Append a Close button to ``layout`` and make Escape close ``window``; returns the button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, window)
    buttons.rejected.connect(window.close)
    layout.addWidget(buttons)
    window.installEventFilter(_CloseOnEscape(window))
    return buttons.button(QDialogButtonBox.StandardButton.Close)


class _CloseOnEscape(QObject):
    """Escape that no child used (an open editor or popup takes it first) closes the window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and isinstance(watched, QWidget)
        ):
            watched.close()
            return True
        return False


def fit_rect(size_w: int, size_h: int, anchor: QRect, available: QRect) -> QRect:
    """A rectangle of the given size centred on ``anchor``, shrunk and moved to lie within ``available``."""
    w, h = min(size_w, available.width()), min(size_h, available.height())
    x = anchor.center().x() - w // 2
    y = anchor.center().y() - h // 2
    x = max(available.left(), min(x, available.right() - w + 1))
    y = max(available.top(), min(y, available.bottom() - h + 1))
    return QRect(x, y, w, h)


def place_over(window: QWidget, anchor: QWidget) -> None:
    """Centre ``window`` over ``anchor`` on ``anchor``'s screen, entirely within that screen."""
    screen = anchor.screen() or window.screen()
    rect = fit_rect(window.width(), window.height(), anchor.frameGeometry(), screen.availableGeometry())
    window.resize(rect.size())
    window.move(rect.topLeft())
