"""One owner for the UI's background work: spawn, replace by key, debounce, close.

The signed-in workspace creates one :class:`TaskScope` and hands it (or a child of it) to every part
that runs asyncio work; closing the workspace closes the scope, which cancels and awaits everything, so
no task outlives the cache it reads and nothing is left "destroyed but pending".

A *key* names a job that has at most one task at a time: spawning under a key that is still running
cancels the previous task first. :meth:`TaskScope.debounce` builds on it: the job waits a little before
it starts, so a burst of requests for the same job (arrowing through a table) runs the last one only.

Failures never vanish: a task's unexpected exception goes to the ``on_error`` callback given at spawn
time, or else is logged (its type only: messages may carry personal data). Cancellation is the normal
end of a replaced or closed task and is consumed quietly. Qt-free: asyncio only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
ErrorHandler = Callable[[BaseException], object]


class ScopeClosedError(RuntimeError):
    """Work was spawned on a scope that is closed (or closing)."""


class TaskScope:
    """A set of asyncio tasks with one lifetime. Use it from the event loop's thread only."""

    def __init__(self, name: str = "ui", *, parent: TaskScope | None = None) -> None:
        self.name = name
        self._parent = parent
        self._tasks: set[asyncio.Task[Any]] = set()
        self._keyed: dict[str, asyncio.Task[Any]] = {}
        self._children: set[TaskScope] = set()
        self._closed = False

    # -- state ------------------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self._closed

    def active(self, key: str) -> bool:
        """Is the job ``key`` running (or waiting out its debounce)?"""
        task = self._keyed.get(key)
        return task is not None and not task.done()

    def __len__(self) -> int:
        """Tasks not finished yet (this scope's own, not its children's)."""
        return sum(1 for task in self._tasks if not task.done())

    # -- starting work ----------------------------------------------------------------------------
    def spawn(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        key: str | None = None,
        on_error: ErrorHandler | None = None,
    ) -> asyncio.Task[T]:
        """Run ``coro`` as a task of this scope. With ``key``, a running task of that key is cancelled
        first (replaced). ``on_error`` receives an unexpected exception; without it, it is logged."""
        if self._closed:
            coro.close()  # never started: no "coroutine was never awaited" warning
            raise ScopeClosedError(f"task scope {self.name!r} is closed")
        if key is not None:
            self.cancel(key)
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        if key is not None:
            self._keyed[key] = task
        task.add_done_callback(lambda done: self._finished(done, key, on_error))
        return task

    def debounce(
        self,
        key: str,
        delay_s: float,
        work: Callable[[], Awaitable[object]],
        *,
        on_error: ErrorHandler | None = None,
    ) -> asyncio.Task[None] | None:
        """Run ``work()`` after ``delay_s`` unless ``key`` is debounced or cancelled again before:
        each call replaces the previous one, whether it is still waiting or already running.

        On a closed scope this does nothing and returns None: a late UI signal while the session
        ends must neither start work nor raise in a Qt slot."""
        if self._closed:
            return None
        return self.spawn(_after(delay_s, work), key=key, on_error=on_error)

    def cancel(self, key: str) -> bool:
        """Cancel the job ``key`` if it runs; True when there was one."""
        task = self._keyed.pop(key, None)
        if task is None or task.done():
            return False
        task.cancel()
        return True

    def child(self, name: str) -> TaskScope:
        """A scope for one part (its own keys, its own ``aclose``), closed with this one."""
        if self._closed:
            raise ScopeClosedError(f"task scope {self.name!r} is closed")
        scope = TaskScope(f"{self.name}/{name}", parent=self)
        self._children.add(scope)
        return scope

    # -- closing ----------------------------------------------------------------------------------
    async def aclose(self) -> None:
        """Refuse new work, cancel every task (children's too) and wait until all have ended.
        Idempotent; a second call waits for the first one's tasks as well."""
        self._closed = True
        for child in list(self._children):
            await child.aclose()
        # A task may catch the cancellation and await something else first: loop until all are done.
        # A task of this scope that closes it (a sign-out) is not cancelled by its own call.
        me = asyncio.current_task()
        while pending := [task for task in self._tasks if not task.done() and task is not me]:
            for task in pending:
                task.cancel()
            await asyncio.wait(pending)
        self._keyed.clear()
        if self._parent is not None:
            self._parent._children.discard(self)

    # -- internals --------------------------------------------------------------------------------
    def _finished(self, task: asyncio.Task[Any], key: str | None, on_error: ErrorHandler | None) -> None:
        self._tasks.discard(task)
        if key is not None and self._keyed.get(key) is task:
            del self._keyed[key]
        if task.cancelled():
            return
        error = task.exception()  # retrieved here, so asyncio never reports it as "never retrieved"
        if error is None:
            return
        if on_error is not None:
            try:
                on_error(error)
                return
            except Exception as handler_error:
                error = handler_error
        # The type and where it was raised; never the message or the traceback's text (personal data).
        frames = traceback.extract_tb(error.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else "?"
        log.error("background task in %s failed: %s at %s", self.name, type(error).__name__, where)


async def _after(delay_s: float, work: Callable[[], Awaitable[object]]) -> None:
    await asyncio.sleep(delay_s)
    await work()


async def in_thread(work: Callable[[], T], *, stop: Callable[[], None] | None = None) -> T:
    """``work()`` on a worker thread. Cancelled, the caller still waits for the thread to end before
    the cancellation goes on: a thread cannot be stopped, and the work may read the cache that the
    scope's owner closes once :meth:`TaskScope.aclose` returns. ``stop`` (called at the cancellation)
    asks long work to end early, so that wait is short."""
    running = asyncio.ensure_future(asyncio.to_thread(work))
    try:
        return await asyncio.shield(running)
    except asyncio.CancelledError:
        if stop is not None:
            stop()
        while not running.done():  # a second cancel (the scope closing) must not end the wait either
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait({running})
        if not running.cancelled():
            running.exception()  # retrieved: a late failure of abandoned work is not news
        raise
