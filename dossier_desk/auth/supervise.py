"""Waiting for blocking MSAL work on a worker thread while honouring a timeout and a cancel event.

MSAL's blocking calls cannot be interrupted from outside; each flow therefore offers an ``abort``
that makes the blocking call return promptly (loopback: POST an error to the listener; device
code: expire the flow). :func:`supervise` calls it on timeout, on ``cancel`` and when the awaiting
task itself is cancelled, so no worker thread is ever left waiting for a browser that never comes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


async def supervise(
    work: asyncio.Future[Any],
    limit_s: float | None,
    cancel: asyncio.Event | None,
    abort: Callable[[str], None],
) -> None:
    """Wait until ``work`` is done; on timeout / ``cancel`` / task cancellation call ``abort(reason)``.

    ``reason`` is ``"timeout"`` or ``"cancelled"``. ``abort`` may block briefly: it runs on the
    default executor (the caller's own workers may all be busy with the flow being aborted).
    After an abort ``work`` is still awaited to its (prompt) end.
    """
    loop = asyncio.get_running_loop()
    try:
        reason = await _race(work, limit_s, cancel)
        if reason is not None:
            await loop.run_in_executor(None, abort, reason)
            await asyncio.shield(work)
    except asyncio.CancelledError:
        work.add_done_callback(consume)
        loop.run_in_executor(None, abort, "cancelled").add_done_callback(consume)
        raise


def consume(future: asyncio.Future[Any]) -> None:
    """Retrieve a background future's outcome so asyncio does not report it as never retrieved."""
    if not future.cancelled():
        future.exception()


async def _race(work: asyncio.Future[Any], limit_s: float | None, cancel: asyncio.Event | None) -> str | None:
    """Wait for ``work``; return "timeout" or "cancelled" if that came first, None if work finished."""
    waiters: set[asyncio.Future[Any]] = {work}
    cancel_wait = asyncio.ensure_future(cancel.wait()) if cancel is not None else None
    if cancel_wait is not None:
        waiters.add(cancel_wait)
    try:
        done, _ = await asyncio.wait(waiters, timeout=limit_s, return_when=asyncio.FIRST_COMPLETED)
    finally:
        if cancel_wait is not None:
            cancel_wait.cancel()
    if work in done:
        return None
    if cancel_wait is not None and cancel_wait in done:
        return "cancelled"
    return "timeout"
