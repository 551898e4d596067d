"""F5 and "Work offline" drive the sync control on the qasync loop without blocking the window."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from tests.gui.dossier_samples import make_store

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class GatedSync:
    """A sync control whose pass lasts until the test opens the gate."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.started = 0
        self.finished = 0
        self.offline: list[bool] = []

    async def sync_now(self) -> Exception | None:
        self.started += 1
        await self.gate.wait()
        self.finished += 1
        return None

    def set_work_offline(self, enabled: bool) -> None:
        self.offline.append(enabled)


def test_f5_runs_one_sync_at_a_time_and_offline_toggles(qtbot, loop, tmp_path: Path) -> None:
    bridge = SyncBridge()
    sync = GatedSync()
    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    window = MainWindow(make_store(bridge, 20), sync, bridge, settings, account="a", profile="p")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: sync.started == 1)
    qtbot.keyClick(window.table, Qt.Key.Key_F5)  # still running: ignored
    sync.gate.set()
    qtbot.waitUntil(lambda: sync.finished == 1)
    assert sync.started == 1
    qtbot.keyClick(window.table, Qt.Key.Key_F5)  # finished: a new pass may start
    qtbot.waitUntil(lambda: sync.finished == 2)
    window.offline_action.trigger()
    window.offline_action.trigger()
    assert sync.offline == [True, False]
