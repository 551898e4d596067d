"""The qasync event loop for GUI tests that run coroutines (the usual set-up, corrected for teardown).

Teardown must not call ``loop.stop()``: that calls ``QApplication.exit()``, after which every nested
``QEventLoop.exec()`` (``qtbot.waitSignal``) of later tests returns at once. Mark it stopped instead.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication


@pytest.fixture
def loop(qapp: QApplication, qtbot) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop on the running test QApplication; drive it with ``qtbot.waitSignal``/``waitUntil``."""
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
    # close() only flags qasync's timer object; kill its Qt timers here, on the GUI thread, and collect
    # now, or a later GC pass in a server thread destroys it ("Timers cannot be stopped from another thread").
    timer = event_loop._timer
    for timer_id in list(timer._SimpleTimer__callbacks):
        timer.killTimer(timer_id)
    gc.collect()
