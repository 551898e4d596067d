"""While the dossier table paints, the sync's page workers hold back (they would otherwise take the
interpreter lock from the paint every switch interval and double its time): the window's table shares
its bridge's turn, and a worker asking for its turn during a paint waits until the paint is over."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QStyledItemDelegate

from dossier_desk.ui.bridge import SyncBridge
from tests.gui.dossier_samples import make_store
from tests.gui.window_setup import window_on_open_dossier


class _WorkerDuringPaint(QStyledItemDelegate):
    """Paints a cell; the first time, a worker asks for its turn and the answer is recorded."""

    def __init__(self, turn) -> None:
        super().__init__()
        self._turn = turn
        self.went_on_during_paint: list[bool] = []
        self.answered = threading.Event()

    def paint(self, painter, option, index) -> None:
        if not self.went_on_during_paint:
            asked = threading.Event()

            def worker() -> None:
                asked.set()
                self._turn.wait(10.0)
                self.answered.set()

            threading.Thread(target=worker).start()
            asked.wait(5)
            self.went_on_during_paint.append(self.answered.wait(0.2))
        super().paint(painter, option, index)


def test_page_workers_wait_while_the_table_paints(qtbot, tmp_path: Path) -> None:
    bridge = SyncBridge()
    window = window_on_open_dossier(qtbot, make_store(bridge, 40), bridge, tmp_path)
    assert window.table.paint_turn is bridge.scheduler.turn
    probe = _WorkerDuringPaint(bridge.scheduler.turn)
    window.table.setItemDelegate(probe)
    window.table.viewport().update()
    qtbot.waitUntil(lambda: bool(probe.went_on_during_paint), timeout=5_000)
    assert probe.went_on_during_paint == [False]
    assert probe.answered.wait(5), "the worker went on once the paint was over"
