"""Start-up fill of the dossier table: first screenful in the saved sort order, the rest in the background."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget

from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models import dossier_table_model as m
from dossier_desk.ui.table_loader import (
    FIRST_ROWS,
    FirstScreen,
    after_first_paint,
    fill_rest,
    refresh_derived,
)
from dossier_desk.ui.views.dossier_table_view import DossierTableView, saved_sort
from tests.fault.qt_loop import run_on_loop
from tests.gui.dossier_samples import TODAY, dossiers


class Repository:
    """Just what the first screen asks of a store."""

    def __init__(self, rows) -> None:
        self.rows = rows
        self.asked: list[tuple[str, bool, int]] = []

    def load_dossiers(self):
        return list(self.rows)

    def pending_ids(self) -> set[str]:
        return {self.rows[0].id}

    def first(self, key: str, descending: bool, limit: int):
        self.asked.append((key, descending, limit))
        return self.rows[:limit]


def test_saved_sort_is_read_before_any_view_exists(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert saved_sort(settings) == (c.COL_NO, Qt.SortOrder.DescendingOrder)  # nothing saved: the default
    view = DossierTableView(m.DossierTableModel(), settings)
    qtbot.addWidget(view)
    view.sortByColumn(c.COL_ENDING_DATE, Qt.SortOrder.AscendingOrder)
    view.save_header()
    assert saved_sort(settings) == (c.COL_ENDING_DATE, Qt.SortOrder.AscendingOrder)


def test_first_screen_asks_for_the_saved_order_once(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    view = DossierTableView(m.DossierTableModel(), settings)
    qtbot.addWidget(view)
    view.sortByColumn(c.COL_STATUS, Qt.SortOrder.DescendingOrder)
    view.save_header()
    repo = Repository(dossiers(300))
    screen = FirstScreen(repo, repo.first, settings)
    assert len(screen.load_dossiers()) == FIRST_ROWS
    assert repo.asked == [("status", True, FIRST_ROWS)]
    assert len(screen.load_dossiers()) == 300  # later calls are the store's own
    assert screen.pending_ids() == {repo.rows[0].id}  # everything else goes to the store


def test_background_fill_keeps_newer_rows_and_respects_removals(qtbot, qtmodeltester) -> None:
    pool = dossiers(3_000)
    model = m.DossierTableModel(today=lambda: TODAY)
    model.sort(c.COL_NO, Qt.SortOrder.DescendingOrder)
    model.set_dossiers(pool[:FIRST_ROWS])
    changed = model.watch_changes()
    # While the rest is read, a sync updates one shown row and deletes one row not read yet.
    newer = msgspec.structs.replace(pool[0], description="Newer from the sync")
    model.upsert([newer])
    model.remove([pool[2_000].id])
    asyncio.run(fill_rest(model, lambda: [pool[:1_000], pool[1_000:]], lambda: {pool[500].id}, changed))
    assert model.total_count() == 2_999
    assert model.index(model.row_of(pool[0].id), c.COL_DESCRIPTION).data() == "Newer from the sync"
    assert model.row_of(pool[2_000].id) == -1
    assert model.index(model.row_of(pool[500].id), 0).data(c.PendingRole) is True
    assert model.index(model.row_of(pool[2_500].id), 0).data(c.DossierIdRole) == pool[2_500].id
    nos = [model.index(r, c.COL_NO).data() for r in range(model.rowCount())]
    assert nos == sorted(nos, reverse=True)
    qtmodeltester.check(model)


def test_background_work_waits_for_the_first_paint(qtbot, loop) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)

    async def scenario() -> bool:
        painted = after_first_paint(widget, timeout_s=10.0)
        await asyncio.sleep(0.2)
        waited = not painted.done()  # not shown: nothing painted yet
        widget.show()
        await asyncio.wait_for(painted, 5.0)  # well before the timeout
        return waited

    assert run_on_loop(qtbot, scenario())


def test_refreshing_derived_values_builds_off_the_gui_thread_and_keeps_newer_rows(qtmodeltester) -> None:
    """New sickness types move every row's deadline: the rows are rebuilt in a worker thread, and rows a
    sync or an edit changed or removed meanwhile keep their newer state."""
    pool = dossiers(2_000)
    threads: set[str] = set()
    due = {"on": False}

    def deadline(d):
        threads.add(threading.current_thread().name)
        return TODAY if due["on"] else None

    model = m.DossierTableModel(today=lambda: TODAY, next_deadline=deadline)
    model.set_dossiers(pool)
    model.sort(c.COL_NEXT_DEADLINE)
    newer = msgspec.structs.replace(pool[0], description="Newer from the sync")
    threads.clear()
    due["on"] = True

    def pages():  # read in the worker while the refresh runs
        yield pool[:1_000]
        yield pool[1_000:]

    async def refresh_with_a_sync_meanwhile() -> None:
        task = asyncio.create_task(refresh_derived(model, pages))
        await asyncio.sleep(0)  # the refresh has started watching
        model.upsert([newer])
        model.remove([pool[1].id])
        await task

    asyncio.run(refresh_with_a_sync_meanwhile())
    assert any(name != threading.current_thread().name for name in threads)  # built in a worker
    assert model.total_count() == 1_999
    assert model.row_of(pool[1].id) == -1  # not brought back
    assert model.index(model.row_of(pool[0].id), c.COL_DESCRIPTION).data() == "Newer from the sync"
    open_one = next(d for d in pool[2:] if d.status in ("New", "Open", "In Process"))
    shown = model.row_of(open_one.id)
    assert model.index(shown, c.COL_NEXT_DEADLINE).data() == c.format_date(TODAY)  # recomputed
    qtmodeltester.check(model)


@pytest.mark.parametrize("slow", ["read", "build"])
def test_closing_during_the_fill_waits_for_the_reader_and_stops_it_early(qtbot, slow: str) -> None:
    """The workspace closes its cache once its tasks have ended: a cancelled fill must not leave its
    worker reading that cache, and must not make the close wait for the remaining pages (the close
    arrives while page 1 is read from the cache, or while its rows are built)."""
    pool = dossiers(400)
    reached, release, reader_closed = threading.Event(), threading.Event(), threading.Event()

    def hold_here() -> None:
        reached.set()
        release.wait(10)

    def deadline(dossier):  # called for every row the fill builds
        if slow == "build" and dossier.id == pool[150].id:
            hold_here()

    model = m.DossierTableModel(today=lambda: TODAY, next_deadline=deadline)
    model.set_dossiers(pool[:FIRST_ROWS])
    changed = model.watch_changes()
    pages_read: list[int] = []

    def pages():
        try:
            for n in range(4):
                if slow == "read" and n == 1:
                    hold_here()
                pages_read.append(n)
                yield pool[n * 100 : (n + 1) * 100]
        finally:
            reader_closed.set()

    async def close_during_fill() -> tuple[bool, bool]:
        task = asyncio.create_task(fill_rest(model, pages, set, changed))
        await asyncio.to_thread(reached.wait, 10)
        task.cancel()
        await asyncio.sleep(0.05)
        waiting = not task.done()  # still waiting for the worker, which is inside the cache
        release.set()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return waiting, reader_closed.is_set()

    waiting, reader_done = asyncio.run(close_during_fill())
    assert waiting
    assert reader_done, "the cancellation went on while the worker was still reading the cache"
    assert pages_read == [0, 1]  # it stopped after the page it was on
    assert model.total_count() == FIRST_ROWS  # the first screen stays; the fill is not applied
