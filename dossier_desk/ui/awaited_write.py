"""Run one store write (an awaitable such as ``DossierStore.save_dossier_changes(...)``) for a widget.

The write is awaited on the event loop, so the window keeps painting while the disk syncs; the widget
shows "Saving…" until ``done`` or ``failed`` is called (on the GUI thread). Without a running loop (a
script or a test driving widgets directly) the write is finished before :func:`start_write` returns.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from PySide6.QtCore import QObject
from shiboken6 import isValid

log = logging.getLogger(__name__)
T = TypeVar("T")


def start_write(
    owner: QObject,
    write: Awaitable[T],
    done: Callable[[T], None],
    failed: Callable[[Exception], None],
) -> asyncio.Task[T] | None:
    """Run ``write``; then ``done(result)`` or ``failed(exc)`` unless ``owner`` was destroyed meanwhile.

    Returns the task (keep a reference while it runs), or ``None`` when there was no running loop and
    the write has already finished. Cancellation calls neither.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        _finish_now(write, done, failed)
        return None
    task = asyncio.ensure_future(write)

    def finished(t: asyncio.Task[T]) -> None:
        if t.cancelled():
            return
        exc = t.exception()
        if not isValid(owner):  # its window closed meanwhile: nobody to tell but the log
            if exc is not None:
                log.warning("A write finished after its window closed: %s", type(exc).__name__)
        elif exc is None:
            done(t.result())
        elif isinstance(exc, Exception):
            failed(exc)

    task.add_done_callback(finished)
    return task


def _finish_now(write: Awaitable[T], done: Callable[[T], None], failed: Callable[[Exception], None]) -> None:
    loop = asyncio.new_event_loop()  # private: the thread's own (not running) loop is left alone
    try:
        result = loop.run_until_complete(write)
    except Exception as exc:
        failed(exc)
        return
    finally:
        loop.close()
    done(result)
