"""Page workers wait between batches while the GUI thread is busy, and never longer than the limit."""

from __future__ import annotations

import threading
import time

from dossier_desk.ui.gui_turn import GuiTurn


def _waited(turn: GuiTurn, limit_s: float) -> tuple[threading.Thread, list[float]]:
    took: list[float] = []

    def worker() -> None:
        began = time.monotonic()
        turn.wait(limit_s)
        took.append(time.monotonic() - began)

    thread = threading.Thread(target=worker)
    thread.start()
    return thread, took


def test_a_worker_waits_while_the_gui_is_busy_and_goes_on_when_it_is_done() -> None:
    turn = GuiTurn()
    with turn.busy():
        thread, took = _waited(turn, 10.0)
        time.sleep(0.2)
        assert thread.is_alive(), "the worker went on while the GUI thread was busy"
    thread.join(5)
    assert took
    assert took[0] < 5


def test_an_idle_gui_does_not_hold_a_worker_back() -> None:
    thread, took = _waited(GuiTurn(), 10.0)
    thread.join(5)
    assert took
    assert took[0] < 1


def test_nested_busy_spans_keep_workers_waiting_until_the_outer_one_ends() -> None:
    turn = GuiTurn()
    with turn.busy():
        with turn.busy():
            pass
        thread, _took = _waited(turn, 10.0)
        time.sleep(0.2)
        assert thread.is_alive()
    thread.join(5)
    assert not thread.is_alive()


def test_a_long_busy_span_holds_a_worker_back_only_for_the_limit() -> None:
    turn = GuiTurn()
    with turn.busy():
        thread, took = _waited(turn, 0.1)
        thread.join(5)
    assert took
    assert 0.05 < took[0] < 2
