"""F5 and "Work offline" drive the sync control on the qasync loop without blocking the window."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from tests.gui.dossier_samples import make_store

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def loop(qapp: QApplication, qtbot) -> Iterator[asyncio.AbstractEventLoop]:
    """qasync loop on the test QApplication (teardown as in shared FACTS.md; never ``loop.stop()``)."""
    event_loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    pending = [t for t in asyncio.all_tasks(event_loop) if not t.done()]
    for task in pending:
        task.cancel()
    qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=2000)
    event_loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    event_loop.close()
    timer = event_loop._timer
    for timer_id in list(timer._SimpleTimer__callbacks):
        timer.killTimer(timer_id)
    gc.collect()


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
