"""The slice scheduler: everything posted is applied, in order, never more than one slice per timer shot."""

from __future__ import annotations

import threading

from dossier_desk.ui.slice_scheduler import MIN_ROWS, SliceScheduler


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _costly(clock: FakeClock, log: list[int], n: int, seconds: float):
    def run() -> None:
        clock.now += seconds
        log.append(n)

    return run


def test_one_slice_stays_within_its_time_budget_and_everything_runs_in_order(qtbot) -> None:
    clock = FakeClock()
    scheduler = SliceScheduler(budget_s=0.008, clock=clock)
    applied: list[int] = []
    for n in range(20):
        scheduler.post(_costly(clock, applied, n, 0.003))  # 3 ms each: three fit a slice of 8 ms
    first = scheduler.run_slice()
    assert first == 0  # no rows: these items only cost time
    assert applied == [0, 1, 2]  # the third one starts at 6 ms, the fourth would at 9 ms
    with qtbot.waitSignal(scheduler.drained, timeout=5000):
        pass  # the zero timer runs the rest, a slice per shot
    assert applied == list(range(20))


def test_a_slice_never_applies_more_rows_than_fit_and_learns_how_many_do(qtbot) -> None:
    clock = FakeClock()
    scheduler = SliceScheduler(budget_s=0.008, clock=clock)
    applied: list[int] = []
    per_row = 0.008 / 200  # 200 rows fill a slice
    for n in range(30):
        scheduler.post(_costly(clock, applied, n, 100 * per_row), rows=100)
    slices: list[int] = []
    while scheduler.pending():
        limit, began = scheduler.rows_per_slice, clock.now
        done = scheduler.run_slice()
        assert done <= max(limit, 100), (done, limit)  # one batch over the limit only when it is alone
        assert clock.now - began <= 0.008 + 1e-9  # no batch starts once the budget is spent
        slices.append(done)
    assert applied == list(range(30))
    assert sum(slices) == 3000
    assert MIN_ROWS <= scheduler.rows_per_slice <= 200  # measured: with headroom under what fits


def test_posts_from_a_worker_thread_run_on_the_gui_thread_in_order(qtbot) -> None:
    scheduler = SliceScheduler()
    seen: list[tuple[int, bool]] = []
    gui = threading.current_thread()

    def worker() -> None:
        for n in range(50):
            scheduler.post(lambda n=n: seen.append((n, threading.current_thread() is gui)), rows=1)

    with qtbot.waitSignal(scheduler.drained, timeout=5000):
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    qtbot.waitUntil(lambda: len(seen) == 50)
    assert seen == [(n, True) for n in range(50)]


def test_run_now_or_post_runs_at_once_when_idle_and_queues_behind_waiting_work(qtbot) -> None:
    scheduler = SliceScheduler()
    order: list[str] = []
    scheduler.run_now_or_post(lambda: order.append("idle"))
    assert order == ["idle"]
    scheduler.post(lambda: order.append("page"), rows=10)
    scheduler.run_now_or_post(lambda: order.append("finished"))
    assert order == ["idle"]  # behind the page
    scheduler.flush()
    assert order == ["idle", "page", "finished"]


def test_a_fixed_cost_per_batch_is_learned_and_batches_grow_to_amortise_it(qtbot) -> None:
    clock = FakeClock()
    scheduler = SliceScheduler(budget_s=0.008, clock=clock)
    for rows in (100, 300, 200, 400, 150, 250):  # cost = 2 ms + 10 us per row
        scheduler.post(_costly(clock, [], rows, 0.002 + rows * 0.00001), rows=rows)
        scheduler.run_slice()
    assert abs(scheduler.rows_per_slice - (0.8 * 0.008 - 0.002) / 0.00001) < 5  # 440 rows fill the budget
    for rows in (100, 300, 200, 400, 150, 250, 120, 330) * 2:  # 6 ms + 10 us per row: nothing fits
        scheduler.post(_costly(clock, [], rows, 0.006 + rows * 0.00001), rows=rows)
        scheduler.run_slice()
    assert abs(scheduler.rows_per_slice - 600) < 5  # per-row part = fixed part: half as many fixed costs


def test_closing_drops_waiting_work_and_ignores_later_posts(qtbot) -> None:
    scheduler = SliceScheduler()
    ran: list[str] = []
    scheduler.post(lambda: ran.append("queued"))
    scheduler.close()
    scheduler.post(lambda: ran.append("late"))
    scheduler.run_now_or_post(lambda: ran.append("local"))
    scheduler.flush()
    assert ran == []


def test_coalesced_work_runs_in_a_slice_of_its_own_at_most_once_per_interval(qtbot) -> None:
    clock = FakeClock()
    scheduler = SliceScheduler(budget_s=0.008, clock=clock, work_clock=lambda: 0.0)
    log: list[str] = []
    scheduler.set_coalesced(lambda: log.append("place"), interval_s=0.1)

    def staged(n: int):
        def run() -> None:
            clock.now += 0.002
            log.append(f"stage {n}")
            scheduler.mark_dirty()

        return run

    for n in range(100):  # 200 ms of staging, in slices of 8 ms
        scheduler.post(staged(n), rows=10)
    slices: list[list[str]] = []
    while scheduler.pending():
        before = len(log)
        scheduler.run_slice()
        if len(log) == before:  # only the placement waits: its timer would fire later
            clock.now += 0.01
        else:
            slices.append(log[before:])
    places = [s for s in slices if "place" in s]
    assert all(s == ["place"] for s in places)  # never in the same slice as other work
    assert 2 <= len(places) <= 4  # the first batch at once, then every 100 ms, and once at the end
    assert log[-1] == "place"  # nothing staged is left unshown once the queue is empty
    assert log.count("place") == len(places)
    assert [e for e in log if e != "place"] == [f"stage {n}" for n in range(100)]


def test_drained_waits_for_the_coalesced_work(qtbot) -> None:
    scheduler = SliceScheduler()
    log: list[str] = []
    scheduler.set_coalesced(lambda: log.append("place"), interval_s=0.05)
    scheduler.post(lambda: (log.append("stage 1"), scheduler.mark_dirty()), rows=1)
    scheduler.flush()  # the first placement runs at once
    scheduler.post(lambda: (log.append("stage 2"), scheduler.mark_dirty()), rows=1)
    assert scheduler.pending() == 1
    with qtbot.waitSignal(scheduler.drained, timeout=2000):
        pass
    assert log == ["stage 1", "place", "stage 2", "place"]
    assert scheduler.pending() == 0


def test_a_slice_right_after_other_gui_work_lets_the_loop_turn_first(qtbot) -> None:
    clock = FakeClock()
    work = FakeClock()  # the GUI thread's own CPU time
    scheduler = SliceScheduler(budget_s=0.008, clock=clock, work_clock=work)
    applied: list[int] = []
    for n in range(3):
        scheduler.post(_costly(clock, applied, n, 0.001))
    work.now += 0.006  # a repaint ran since the last slice
    assert scheduler.run_slice() == 0
    assert applied == []  # timers and input that came due meanwhile go first
    scheduler.run_slice()
    assert applied == [0, 1, 2]


def test_page_workers_hold_back_while_a_slice_runs(qtbot) -> None:
    """A worker that asks for its turn while a slice applies rows waits until the slice is over."""
    scheduler = SliceScheduler()
    seen: list[bool] = []
    asked, answered = threading.Event(), threading.Event()

    def worker() -> None:
        asked.set()
        scheduler.turn.wait(10.0)
        answered.set()

    def item() -> None:
        threading.Thread(target=worker).start()
        asked.wait(5)
        seen.append(answered.wait(0.2))  # still inside the slice: the worker must not have gone on

    scheduler.post(item, rows=1)
    scheduler.run_slice(unbounded=True)
    assert seen == [False]
    assert answered.wait(5), "the worker went on once the slice was over"
