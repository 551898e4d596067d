"""Threads for the sign-in library's blocking calls that never hold up the app's exit.

A token refresh blocks on HTTP for as long as the configured timeout. On ordinary pool threads, quitting
during one would keep the windowless process (and its single-instance lock) alive that long, because the
interpreter joins such threads at exit. These are daemon threads: :meth:`CallThreads.close` waits a short
grace for calls in flight (a refresh about to finish still saves its tokens) and then leaves them to end
with the process. An abandoned call cannot damage the token cache: the session closes the cache first
(``auth.cache.ClosableTokenCache``), after which the call's writes do nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, wait
from typing import Any, TypeVar

T = TypeVar("T")
CLOSE_GRACE_S = 2.0  # a refresh that is nearly done still saves its tokens; longer would feel hung


class CallThreads(Executor):
    """An executor that runs each call on a new daemon thread (sign-in calls are few and short-lived)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = threading.Lock()
        self._running: set[Future[Any]] = set()
        self._closed = False

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the sign-in threads are closed")
            self._running.add(future)

        def run() -> None:
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        result = fn(*args, **kwargs)
                    except BaseException as exc:  # handed to the caller, as a pool thread does
                        future.set_exception(exc)
                    else:
                        future.set_result(result)
            finally:
                with self._lock:
                    self._running.discard(future)

        threading.Thread(target=run, name=self._name, daemon=True).start()
        return future

    def close(self, grace_s: float) -> int:
        """Take no new calls, wait up to ``grace_s`` for those in flight; returns how many still run."""
        with self._lock:
            self._closed = True
            running = list(self._running)
        _done, not_done = wait(running, timeout=grace_s)
        return len(not_done)
