"""Small things that add up: the Sync issues window closes like a dialog and opens on screen; the
uploads dock; read-only fields look read-only; the device-code dialog."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from dossier_desk.ui.sync_issues.window import SyncIssuesWindow
from dossier_desk.ui.window_placement import fit_rect
from tests.gui.test_sync_issues_window import FAILED, FakeStore


def test_sync_issues_close_button_and_escape_close_the_window(qtbot) -> None:
    store = FakeStore([FAILED])
    window = SyncIssuesWindow(store, store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.close_button.click()
    assert not window.isVisible()
    window.show()
    window.activateWindow()
    qtbot.keyClick(window.list, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_secondary_windows_are_placed_fully_on_screen() -> None:
    screen = QRect(0, 0, 1024, 640)
    # A 900x480 window over a main window pushed to the right edge: moved back fully on screen.
    rect = fit_rect(900, 480, QRect(700, 300, 600, 400), screen)
    assert screen.contains(rect)
    assert rect.width() == 900
    # Larger than the screen: shrunk to it.
    assert fit_rect(1400, 900, QRect(0, 0, 1024, 640), screen) == screen
