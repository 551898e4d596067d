"""A full sync of a few thousand dossiers into the real workspace never stalls the GUI thread: pages are
decoded, written and turned into table rows off it, and the rows reach the table in short slices."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from dossier_desk.ui import slice_scheduler
from dossier_desk.ui.slice_scheduler import DEFAULT_COALESCE_S as COALESCE_S
from tests.fault.qt_loop import run_on_loop
from tests.gui.poortwachter_support import close_workspace, open_workspace_as

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints"), pytest.mark.xdist_group("sandbox_gui")]

DOSSIERS = 8000
PROBE_MS = 10
# Measured as the GUI thread's own CPU time between two ticks of a 10 ms timer, so a loaded machine
# (other processes, the in-process sandbox competing for the GIL) does not make the test flaky. Decoding
# a 5000-row page and building its rows on the GUI thread, as before, took ~70 ms at a time here (wall
# gaps of 170-240 ms on a loaded machine); the pipeline's slices take ~4 ms plus the table's paint
# (~25 ms at most seen).
MAX_GUI_WORK_S = 0.045


def test_a_full_sync_never_does_much_gui_work_between_two_ticks_of_a_10ms_timer(
    qtbot, loop, sandbox_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slice_scheduler, "MAX_ROWS", 200)  # many small batches: are they shown together?
    server = sandbox_factory(dossiers=DOSSIERS)
    ws = open_workspace_as(qtbot, server, "occhealth@demo", sync=False)
    try:
        ws.window.show()
        ticks: list[tuple[float, float]] = []  # (wall clock, GUI thread CPU time)
        probe = QTimer()
        probe.setTimerType(Qt.TimerType.PreciseTimer)
        probe.setInterval(PROBE_MS)
        probe.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))
        resets: list[int] = []
        model = ws.window.model
        model.modelReset.connect(lambda: resets.append(model.rowCount()))
        placements: list[int] = []  # structural changes after the first fill: each repaints the table
        model.layoutChanged.connect(lambda *_: placements.append(model.rowCount()))
        model.rowsInserted.connect(lambda *_: placements.append(model.rowCount()))
        batches: list[int] = []
        scheduler = ws.bridge.scheduler
        post = scheduler.post
        scheduler.post = lambda run, rows=0: (batches.append(rows) if rows else None, post(run, rows))[1]
        ticks.append((time.perf_counter(), time.thread_time()))
        probe.start()
        began = time.perf_counter()
        run_on_loop(qtbot, ws.engine.full_sync(), timeout_ms=60_000)
        qtbot.waitUntil(ws.bridge.settled, timeout=20_000)
        seconds = time.perf_counter() - began
        probe.stop()
        work = [b[1] - a[1] for a, b in itertools.pairwise(ticks)]
        gaps = [round(b[0] - a[0], 3) for a, b in itertools.pairwise(ticks)]
        assert len(work) > 10  # the sync took long enough to measure
        assert max(work) < MAX_GUI_WORK_S, (sorted(work)[-5:], sorted(gaps)[-5:])
        assert ws.window.model.total_count() == DOSSIERS
        assert len(resets) == 1  # a first sync into the empty table: one reset, then merges
        # Many batches, few repaints: rows are shown at most every COALESCE_S (plus the last ones).
        assert len(batches) > 30  # 8000 rows in batches of at most 500
        assert len(placements) <= seconds / COALESCE_S + 2, (len(placements), len(batches), seconds)
        assert placements[-1] == DOSSIERS
    finally:
        close_workspace(qtbot, ws)


def test_the_workspace_moves_its_long_lived_heap_out_of_full_collections(
    qtbot, loop, sandbox_factory
) -> None:
    """Full garbage collections walked every module and widget and stalled the window during a sync:
    the workspace freezes what lives as long as it, once built and again once the table is filled."""
    import gc

    server = sandbox_factory(dossiers=50)
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    ws = open_workspace_as(qtbot, server, "occhealth@demo", sync=False)
    try:
        assert gc.get_freeze_count() > 0  # modules, classes and the window, at least
        assert ws.table_filled is not None
        if not ws.table_filled.done():  # the fill waits for the first paint: it may have run already
            gc.unfreeze()
            ws.window.show()
            qtbot.waitUntil(ws.table_filled.done)
            assert gc.get_freeze_count() > 0  # the filled table's rows too
    finally:
        close_workspace(qtbot, ws)
