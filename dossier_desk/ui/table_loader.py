"""Fills the dossier table at start-up: the first screenful at once, every other row in the background.

The window loads its table with ``repository.load_dossiers()`` while it is built. Handed a
:class:`FirstScreen` instead of the store, that call answers only the top rows of the saved sort order
(read with ``LIMIT`` straight from the cache), so the window paints a useful table in milliseconds.
:func:`fill_rest` then reads and prepares every row in a worker thread and gives the batch to the model
on the GUI thread; the table is usable meanwhile, and rows a sync delivered or deleted in between are
neither overwritten nor brought back (``DossierTableModel.watch_changes`` / ``end_fill``).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Collection, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QWidget

from dossier_desk.api.models import Dossier
from dossier_desk.ui.heap import large_blocks_mapped, return_free_memory
from dossier_desk.ui.models.dossier_columns import SORT_KEY_NAMES
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.models.rows import PreparedRows, RowBuilder
from dossier_desk.ui.task_scope import in_thread
from dossier_desk.ui.views.dossier_table_view import saved_sort

FIRST_ROWS = 120  # more than a maximised window on a tall screen shows

# (sort key, descending, limit) -> the first rows in that order, as the user should see them.
FirstRows = Callable[[str, bool, int], list[Dossier]]


class FirstScreen:
    """A repository whose first ``load_dossiers()`` returns the first screenful in the sort order the
    table view will restore from ``settings``; everything else goes to ``repository``."""

    def __init__(self, repository: Any, first_rows: FirstRows, settings: QSettings) -> None:
        self._repository = repository
        self._first_rows: FirstRows | None = first_rows
        self._settings = settings

    def load_dossiers(self) -> list[Dossier]:
        first, self._first_rows = self._first_rows, None
        if first is None:
            return self._repository.load_dossiers()
        column, order = saved_sort(self._settings)
        key = SORT_KEY_NAMES[column] if 0 <= column < len(SORT_KEY_NAMES) else "no"
        return first(key, column >= 0 and order == Qt.SortOrder.DescendingOrder, FIRST_ROWS)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._repository, name)


class _FirstPaint(QObject):
    """Resolves ``done`` shortly after the watched widget's first paint (the window is on screen)."""

    def __init__(self, widget: QWidget, done: asyncio.Future[None]) -> None:
        super().__init__(widget)
        self._done = done
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Let the paint finish and the first input events through before work starts.
            QTimer.singleShot(50, self, self.finish)
        return False

    def finish(self) -> None:
        if not self._done.done():
            self._done.set_result(None)
        self.deleteLater()


def after_first_paint(widget: QWidget, timeout_s: float = 1.0) -> Awaitable[None]:
    """An awaitable done once ``widget`` has painted (or after ``timeout_s``, e.g. for a window never
    shown), so background work does not compete with the first paint for the interpreter. Watching
    starts now, before the window is shown."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    probe = _FirstPaint(widget, done)
    QTimer.singleShot(int(timeout_s * 1000), probe, probe.finish)
    return done


async def fill_rest(
    model: DossierTableModel,
    read_pages: Callable[[], Iterable[list[Dossier]]],
    pending_ids: Callable[[], Collection[str]],
    changed: set[str],
    after: Awaitable[None] | None = None,
) -> None:
    """Read and prepare every row off the GUI thread, a page at a time (each page's values are shared
    before the next is read, which bounds the peak memory), then add the rows the table does not have.

    ``changed`` is ``model.watch_changes()``, taken before anything else could change the table;
    ``after`` is awaited first (see :func:`after_first_paint`).
    """
    if after is not None:
        await after
    present = model.dossier_ids()  # the first screen: read again below, but not built twice
    with large_blocks_mapped():
        try:
            prepared = await _prepared_off_thread(model.row_builder(), read_pages, pending_ids(), present)
        except BaseException:
            model.end_fill(None, changed)
            raise
        model.end_fill(prepared, changed)  # the batch's columns go with it: the table keeps what it needs
        del prepared
        model.renew_rows()  # what the table keeps, made again away from the fill's garbage
        return_free_memory()


async def refresh_derived(
    model: DossierTableModel, read_pages: Callable[[], Iterable[list[Dossier]]]
) -> None:
    """Recompute every row's derived values (deadlines, once new sickness types arrive) from the cached
    dossiers, built off the GUI thread in the UI locale in force now; rows changed meanwhile keep theirs."""
    changed = model.watch_changes()
    try:
        prepared = await _prepared_off_thread(model.row_builder(locale_now=True), read_pages, (), ())
    except BaseException:
        model.stop_watching(changed)
        raise
    model.refresh_derived(prepared, changed)


async def _prepared_off_thread(
    builder: RowBuilder,
    read_pages: Callable[[], Iterable[list[Dossier]]],
    pending: Collection[str],
    skip: Collection[str],
) -> PreparedRows:
    """Every cached row, read and built in a worker thread."""
    pending = set(pending)
    done: list[PreparedRows] = []  # handed over outside the future, which may outlive this call
    stopped = threading.Event()

    def prepare() -> None:
        out = PreparedRows()
        pages = iter(read_pages())
        try:
            for page in pages:
                builder.build(page, pending, into=out, skip=skip)
                if stopped.is_set():  # the workspace is closing: read no further page of its cache
                    return
        finally:
            getattr(pages, "close", lambda: None)()  # a reader generator leaves the cache on this thread
        done.append(out)

    # Cancelled (the workspace closing), this waits until the worker has left the cache.
    await in_thread(prepare, stop=stopped.set)
    return done.pop()
