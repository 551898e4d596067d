"""Applies ready work to the GUI in short slices, so a sync never freezes the window.

Work is posted (from any thread) as items in a first-in first-out queue; the GUI thread runs them from
a zero-interval timer, one slice per timer shot, so paints, input and other timers run between slices.
A slice runs items until it has spent about ``budget_s`` or has applied :attr:`rows_per_slice` rows.
Items that apply rows report how many; their measured cost keeps :attr:`rows_per_slice` at the number
of rows that fits the budget, and producers (a worker thread preparing table rows) cut their batches
to that size.

A slice that would start right after other long work on the GUI thread (a repaint of the table, say)
waits for one turn of the event loop first, so timers and input that came due meanwhile run before it:
the two together would keep the loop busy for longer than either.

One piece of work can be *coalesced* (:meth:`set_coalesced`): items mark it due with :meth:`mark_dirty`,
and it runs in a slice of its own at most once per ``interval_s`` (the table's placement of staged sync
rows: one layout change and one repaint for many batches instead of one per batch).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal

from dossier_desk.ui.gui_turn import GuiTurn

DEFAULT_BUDGET_S = 0.004
MIN_ROWS = 50
MAX_ROWS = 20_000
START_ROWS = 500
# Staged sync rows are shown about three times a second: each showing repaints the whole table (~10 ms),
# and at five a second those repaints were most of the loop lag over 16 ms during a 100k-row sync.
DEFAULT_COALESCE_S = 0.35
# GUI-thread CPU spent outside slices since the last one beyond which the next slice lets the loop turn.
YIELD_AFTER_S = 0.003


@dataclass(frozen=True, slots=True)
class _Item:
    run: Callable[[], None]
    rows: int


class SliceScheduler(QObject):
    """A FIFO of work items run on the GUI thread in slices of about ``budget_s`` each.

    :meth:`post` may be called from any thread; items always run on this object's thread, in the order
    posted. ``clock`` is injectable for tests; ``work_clock`` measures the GUI thread's own work between
    slices (its CPU time; by default the injected ``clock``, so a fake clock fakes both).
    """

    drained = Signal()  # the queue ran empty and the coalesced work ran (everything posted is applied)
    _wake = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        budget_s: float = DEFAULT_BUDGET_S,
        clock: Callable[[], float] = time.perf_counter,
        work_clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.budget_s = budget_s
        self._clock = clock
        self._work_clock = work_clock or (time.thread_time if clock is time.perf_counter else clock)
        self._work_at_end = self._work_clock()  # the GUI thread's CPU time when the last slice ended
        self._lock = threading.Lock()
        self._queue: deque[_Item] = deque()
        self._running = False  # inside a slice (re-entrant posts queue up behind)
        self._closed = False
        self._rows_per_slice = START_ROWS
        self._samples: deque[tuple[int, float]] = deque(maxlen=16)
        self._coalesced: Callable[[], None] | None = None
        self._coalesce_s = DEFAULT_COALESCE_S
        self._dirty = False  # the coalesced work has something to do (GUI thread only)
        self._last_coalesced = float("-inf")
        self.turn = GuiTurn()  # page workers hold back while a slice runs (and the table paints)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.run_slice)
        self._wake.connect(self._schedule, Qt.ConnectionType.QueuedConnection)

    # -- any thread ---------------------------------------------------------------------------------
    @property
    def rows_per_slice(self) -> int:
        """How many rows fit one slice, as measured so far (read from any thread)."""
        return self._rows_per_slice

    def pending(self) -> int:
        """Items waiting, plus one when the coalesced work is due."""
        with self._lock:
            return len(self._queue) + self._dirty

    def post(self, run: Callable[[], None], rows: int = 0) -> None:
        """Queue ``run`` (applying ``rows`` rows, 0 for cheap work) behind everything posted before."""
        with self._lock:
            if self._closed:
                return
            self._queue.append(_Item(run, rows))
        if QThread.currentThread() is self.thread():
            self._schedule()
        else:
            self._wake.emit()  # queued to this object's thread

    def close(self) -> None:
        """Drop what waits and ignore later posts (the session is ending; its cache is closing)."""
        with self._lock:
            self._closed = True
            self._queue.clear()
        self._dirty = False

    # -- GUI thread ---------------------------------------------------------------------------------
    def set_coalesced(self, run: Callable[[], None], interval_s: float = DEFAULT_COALESCE_S) -> None:
        """Work to run in a slice of its own once :meth:`mark_dirty` was called, at most once per
        ``interval_s``, and before :attr:`drained` fires."""
        self._coalesced, self._coalesce_s = run, interval_s

    def mark_dirty(self) -> None:
        """The coalesced work has something to do (called from an item or on the GUI thread)."""
        if self._coalesced is not None:
            self._dirty = True
            if not self._running:
                self._schedule()

    def coalesce_now(self) -> None:
        """Run the coalesced work now if it has something to do (before news that must follow it)."""
        if self._dirty:
            self._run_coalesced()

    def run_now_or_post(self, run: Callable[[], None], rows: int = 0) -> None:
        """Run at once when nothing is waiting (keeps local edits immediate), else queue behind."""
        with self._lock:
            idle = not self._queue and not self._running and not self._closed
        if idle:
            run()
        else:
            self.post(run, rows)

    def flush(self) -> None:
        """Run everything waiting now, ignoring the budget (closing, tests)."""
        self._timer.stop()
        while self.pending():
            self.run_slice(unbounded=True)

    def run_slice(self, *, unbounded: bool = False) -> int:
        """Run one slice; returns the rows it applied. Called by the timer."""
        if self._running:
            return 0
        work = self._work_clock()
        if not unbounded and work - self._work_at_end > YIELD_AFTER_S:
            self._work_at_end = work  # other work just ran (a repaint): let the loop turn first
            self._timer.start(0)
            return 0
        self._running = True
        try:
            with self.turn.busy():
                return self._slice(unbounded)
        finally:
            self._running = False
            self._work_at_end = self._work_clock()
            self._after_slice()

    def _slice(self, unbounded: bool) -> int:
        began = self._clock()
        if self._dirty and (unbounded or began - self._last_coalesced >= self._coalesce_s):
            self._run_coalesced()
            if not unbounded:
                return 0  # a slice of its own: what it changed is painted before more work runs
        rows_done = 0
        while True:
            with self._lock:
                if not self._queue:
                    break
                item = self._queue[0]
                over_rows = rows_done and rows_done + item.rows > self._rows_per_slice
                if not unbounded and (over_rows or self._clock() - began >= self.budget_s):
                    break
                self._queue.popleft()
            started = self._clock()
            item.run()
            if item.rows:
                rows_done += item.rows
                self._learn(item.rows, self._clock() - started)
        return rows_done

    def _run_coalesced(self) -> None:
        self._dirty = False
        self._last_coalesced = self._clock()
        assert self._coalesced is not None
        self._coalesced()

    def _after_slice(self) -> None:
        with self._lock:
            queued = bool(self._queue)
        if queued:
            self._timer.start(0)
        elif self._dirty:  # nothing else to do: run the coalesced work when its interval is up
            wait = max(0.0, self._coalesce_s - (self._clock() - self._last_coalesced))
            self._timer.start(round(wait * 1000))
        else:
            self.drained.emit()

    def _schedule(self) -> None:
        if self._running:
            return
        with self._lock:
            queued = bool(self._queue)
        if queued:
            if not self._timer.isActive() or self._timer.interval() > 0:  # not behind a coalesced wait
                self._timer.start(0)
        elif self._dirty and not self._timer.isActive():
            self._after_slice()

    def _learn(self, rows: int, seconds: float) -> None:
        """Fit cost = fixed + per_row * rows over recent batches and size batches to the budget.

        When the fixed part (e.g. a merge pass over the whole table) alone eats half the budget, no size
        fits: batches then grow until their per-row part matches the fixed part, so the fixed cost is
        paid as rarely as that allows without doubling any slice.
        """
        self._samples.append((rows, seconds))
        fixed, per_row = _fit(self._samples)
        target = 0.8 * self.budget_s
        fits = (target - fixed) / per_row if fixed < target / 2 else fixed / per_row
        self._rows_per_slice = int(min(MAX_ROWS, max(MIN_ROWS, fits)))


def _fit(samples: deque[tuple[int, float]]) -> tuple[float, float]:
    """(fixed seconds, seconds per row) by least squares; all per-row when the sizes do not vary."""
    n = len(samples)
    mean_k = sum(k for k, _ in samples) / n
    mean_t = sum(t for _, t in samples) / n
    var = sum((k - mean_k) ** 2 for k, _ in samples)
    if n >= 3 and var > 0:
        per_row = sum((k - mean_k) * (t - mean_t) for k, t in samples) / var
        if per_row > 0:
            return max(0.0, mean_t - per_row * mean_k), per_row
    return 0.0, max(mean_t / max(mean_k, 1.0), 1e-9)
