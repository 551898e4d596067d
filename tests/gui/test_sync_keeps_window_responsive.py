"""A full sync of a few thousand dossiers into the real workspace never stalls the GUI thread: pages are
decoded, written and turned into table rows off it, and the rows reach the table in short slices."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from tests.fault.qt_loop import run_on_loop
from tests.gui.poortwachter_support import close_workspace, open_workspace_as

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints"), pytest.mark.xdist_group("sandbox_gui")]

DOSSIERS = 8000
PROBE_MS = 10
# Generous: the sandbox serves from this process (it competes for the GIL) and the machine may be
# loaded. Decoding and building rows on the GUI thread, as before, left gaps of 240-360 ms here; the
# pipeline leaves 60-100 ms on a loaded machine (the rest is the table's own apply and paint).
MAX_GAP_S = 0.150


def test_a_full_sync_leaves_no_gap_in_a_10ms_timer(qtbot, loop, sandbox_factory) -> None:
    server = sandbox_factory(dossiers=DOSSIERS)
    ws = open_workspace_as(qtbot, server, "occhealth@demo", sync=False)
    try:
        ws.window.show()
        ticks: list[float] = []
        probe = QTimer()
        probe.setTimerType(Qt.TimerType.PreciseTimer)
        probe.setInterval(PROBE_MS)
        probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
        ticks.append(time.perf_counter())
        probe.start()
        resets: list[int] = []
        ws.window.model.modelReset.connect(lambda: resets.append(ws.window.model.rowCount()))
        run_on_loop(qtbot, ws.engine.full_sync(), timeout_ms=60_000)
        qtbot.waitUntil(ws.bridge.settled, timeout=20_000)
        probe.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert len(gaps) > 10  # the sync took long enough to measure
        assert max(gaps) < MAX_GAP_S, sorted(gaps)[-5:]
        assert ws.window.model.total_count() == DOSSIERS
        assert len(resets) == 1  # a first sync into the empty table: one reset, then merges
    finally:
        close_workspace(qtbot, ws)
