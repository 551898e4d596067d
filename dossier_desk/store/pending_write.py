"""A store write already handed to a worker, run to its end either awaited or blocking.

Every write of :class:`~dossier_desk.store.service.DossierStore`, :class:`~dossier_desk.store.outbox.Outbox`
and :class:`~dossier_desk.store.cache.Cache` has one form: calling it hands the work to the database's
writer thread (an upload's file copy: to a thread of its own) at once and returns a
:class:`PendingWrite`. The event loop awaits it (``await store.save_dossier_changes(...)``: the loop
runs on while the disk syncs); code without a loop, or off it (tools, tests, workers), blocks with
``.wait()``. Either returns once the write is committed (for the store's writes: and the listener has
heard about it). Called on the writer thread itself (inside another write) the work is done in the
open transaction before the call returns; ``.wait()`` it there too, or an error would go unseen.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Generator
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class PendingWrite(Generic[T]):
    """``submitted`` (the committed work's future), then ``then(result)`` on the waiting thread.

    ``closed`` tells whether the store was closed meanwhile: an awaited write then ends cancelled,
    since nobody is listening any more.
    """

    __slots__ = ("_closed", "_submitted", "_then")

    def __init__(
        self,
        submitted: Future[Any],
        then: Callable[[Any], T] = lambda result: result,
        closed: Callable[[], bool] = lambda: False,
    ) -> None:
        self._submitted = submitted
        self._then = then
        self._closed = closed

    def wait(self) -> T:
        """Block until the write is committed and announced (never on the event-loop thread)."""
        return self._then(self._submitted.result())

    def __await__(self) -> Generator[Any, None, T]:
        return self._awaited().__await__()

    async def _awaited(self) -> T:
        result = await asyncio.wrap_future(self._submitted)
        if self._closed():
            raise asyncio.CancelledError
        return self._then(result)


def in_thread(fn: Callable[[], R], name: str) -> Future[R]:
    """Run ``fn`` in a new thread (work too slow for the writer's queue, e.g. copying a large file);
    the future resolves with its result. Not a daemon: an interrupted copy would leave a stray file."""
    done: Future[R] = Future()

    def run() -> None:
        if not done.set_running_or_notify_cancel():
            return
        try:
            done.set_result(fn())
        except BaseException as exc:  # handed to whoever waits
            done.set_exception(exc)

    threading.Thread(target=run, name=name).start()
    return done
