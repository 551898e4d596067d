"""Lets page workers step aside while the GUI thread paints or applies rows.

Python threads share one interpreter lock. While a sync's page worker builds table rows, a repaint of
the table (a Python call per cell) has to win the lock back every switch interval, so it takes about
twice as long as on an idle loop, and the window stutters. Workers therefore wait here between batches
while the GUI thread is inside :meth:`GuiTurn.busy` (a wait on an event gives the lock up and does not
ask for it back), for at most ``limit_s`` so a long paint cannot stall a sync. No Qt here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

WAIT_LIMIT_S = 0.05


class GuiTurn:
    """``busy()`` on the GUI thread around its own work; ``wait()`` on workers between batches."""

    def __init__(self) -> None:
        self._idle = threading.Event()
        self._idle.set()
        self._depth = 0  # GUI thread only: a slice may run inside a paint's event processing

    @contextmanager
    def busy(self) -> Iterator[None]:
        self._depth += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._depth -= 1
            if not self._depth:
                self._idle.set()

    def wait(self, limit_s: float = WAIT_LIMIT_S) -> None:
        """Return once the GUI thread is not busy (at once when it is not), or after ``limit_s``."""
        self._idle.wait(limit_s)
