"""The At risk check reads the cache on a worker thread: the GUI thread only asks the table for the
candidates and shows the result; a newer check replaces an older one; closing waits for a read in
flight, so the cache is never closed under it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

from dossier_desk.api.models import Document, Dossier, WorkflowEntry
from dossier_desk.ui.filecheck.at_risk import AtRiskView, Candidates
from dossier_desk.ui.filecheck.rules_source import RulesSource
from dossier_desk.ui.task_scope import TaskScope
from tests.fault.qt_loop import run_on_loop

SICK = frozenset({"ABSENCE"})


class FakeReads:
    """What the view reads, recording the thread each read runs on; ``gate`` holds the reads."""

    def __init__(self) -> None:
        self.threads: list[str] = []
        self.gate = threading.Event()
        self.gate.set()

    def workflow_logs(self) -> dict[str, list[WorkflowEntry]]:
        self.threads.append(threading.current_thread().name)
        self.gate.wait(10)
        return {}  # nothing downloaded: every candidate is counted as unchecked

    def all_documents(self) -> dict[str, list[Document]]:
        self.threads.append(threading.current_thread().name)
        return {}

    def read_dossiers(self, ids: Sequence[str]) -> list[Dossier]:
        self.threads.append(threading.current_thread().name)
        return []


def _view(qtbot, cache: FakeReads, tasks: TaskScope, asked: list[str]) -> AtRiskView:
    def candidates(case_manager: str) -> Candidates:
        asked.append(threading.current_thread().name)
        ids = ("d1", "d2", "d3") if not case_manager else ("d2",)
        return Candidates(ids, ("ANN", "BOB"), SICK)

    view = AtRiskView(cache, candidates, cache.read_dossiers, RulesSource(), tasks=tasks)
    qtbot.addWidget(view)
    return view


def test_the_check_reads_the_cache_off_the_gui_thread(qtbot, loop) -> None:
    cache, tasks, asked = FakeReads(), TaskScope("test"), []
    view = _view(qtbot, cache, tasks, asked)
    with qtbot.waitSignal(view.countChanged, timeout=10_000) as counted:
        view.refresh()
    assert counted.args == [0]
    assert view.unchecked == ("d1", "d2", "d3")
    assert "3 open sickness dossiers are not checked yet" in view.note.text()
    assert asked == [threading.main_thread().name]  # the table is asked on the GUI thread...
    assert len(cache.threads) == 3  # ...the cache is read on a worker
    assert threading.main_thread().name not in cache.threads
    assert [view.case_manager.itemText(i) for i in range(view.case_manager.count())][1:] == ["ANN", "BOB"]
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.set_case_manager("BOB")
    assert view.unchecked == ("d2",)
    run_on_loop(qtbot, tasks.aclose())


def test_a_newer_check_replaces_one_in_flight(qtbot, loop) -> None:
    cache, tasks, asked = FakeReads(), TaskScope("test"), []
    view = _view(qtbot, cache, tasks, asked)
    shown: list[int] = []
    view.checked.connect(lambda: shown.append(len(view.unchecked)))
    cache.gate.clear()  # the first read waits
    view.refresh()
    qtbot.waitUntil(lambda: len(cache.threads) == 1)
    view.set_case_manager("BOB")  # replaces the first check
    cache.gate.set()
    qtbot.waitUntil(lambda: not tasks.active(AtRiskView.CHECK_KEY))
    assert shown == [1]  # only the newer check's result is shown
    run_on_loop(qtbot, tasks.aclose())


def test_closing_waits_for_a_read_in_flight(qtbot, loop) -> None:
    cache, tasks, asked = FakeReads(), TaskScope("test"), []
    view = _view(qtbot, cache, tasks, asked)
    cache.gate.clear()
    view.refresh()
    qtbot.waitUntil(lambda: len(cache.threads) == 1)
    view.shutdown()
    closing = asyncio.ensure_future(tasks.aclose())
    qtbot.wait(100)
    assert not closing.done()  # the worker still reads: the cache must stay open
    cache.gate.set()
    qtbot.waitUntil(closing.done)
    assert closing.exception() is None
    assert view.note.text() == ""  # a check ended by closing shows nothing
