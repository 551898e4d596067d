"""Helpers for tests that drive the real window on the qasync loop (the ``loop`` fixture comes from
``tests/qasync_fixtures.py``): run a coroutine, open the workspace, measure the GUI thread's lag."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QTimer


class LagProbe:
    """A 10 ms Qt timer; the largest gap between two ticks is how long the GUI thread was blocked."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.max_gap = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last:
            self.max_gap = max(self.max_gap, now - self.last)
        self.last = now
        self.ticks += 1

    def start(self) -> None:
        self.last = 0.0
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def run_on_loop(qtbot: Any, coro: Coroutine[Any, Any, Any], timeout_ms: int = 20_000) -> Any:
    """Run ``coro`` on the qasync loop while Qt keeps processing events; return its result."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout_ms)
    return task.result()


async def open_test_workspace(profile: Any, api: Any, account: str, capabilities: Any, messages: Any) -> Any:
    """``open_workspace`` as ``run_app`` calls it (the bridge is passed in when the signature asks for it:
    the main window's seam is still moving while this suite is written)."""
    import inspect

    from dossier_desk.ui.bridge import SyncBridge
    from dossier_desk.ui.workspace import open_workspace

    params = inspect.signature(open_workspace).parameters
    if "bridge" in params:
        return await open_workspace(profile, api, SyncBridge(), account, capabilities, messages)
    return await open_workspace(profile, api, account, capabilities, messages)
