"""One open store: database, cache, outbox, :class:`DossierStore`, sync engine, connectivity and upload
rules, opened and closed as one. This module is the only place that builds that object graph.

Opening::

    session = await open_session(paths, api, listener, author=home_account_id)  # db opened in a worker
    session.start(interval_s=60)        # optional: the engine's run loop, owned by the session
    ...                                 # session.store is the facade the UI and tests use
    await session.aclose()              # stops the run loop, then closes the database (idempotent)

Tools and tests without an event loop call ``open_session(...).wait()`` (same graph, events delivered
on whatever thread raises them) and :meth:`StoreSession.close`.

Thread rule for events: the store raises most events on the loop thread, but some off it (an upload's
outbox copy is queued from a worker thread). The session wraps ``listener`` so that an event raised on
any other thread is posted to the loop thread with ``loop.call_soon_threadsafe``; on the loop thread it
is delivered at once, in order. A listener that handles threads itself (it marshals its own calls, as a
Qt object with queued signals can) says so with a true class attribute ``handles_threads``; it then
gets every event directly on the thread that raised it. The same rule covers waking the sync loop when
a write is queued: :meth:`SyncEngine.request_sync` always runs on the loop thread.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dossier_desk.api.models import UploadRules
from dossier_desk.store.cache import Cache
from dossier_desk.store.db import Database, open_database
from dossier_desk.store.events import SyncListener
from dossier_desk.store.outbox import Outbox
from dossier_desk.store.paths import ProfilePaths
from dossier_desk.store.ports import StoreApi
from dossier_desk.store.service import DossierStore
from dossier_desk.store.sync import SyncEngine
from dossier_desk.store.upload_rules import UploadRulesKeeper

log = logging.getLogger(__name__)

Opener = Callable[[ProfilePaths], Awaitable[Database]]


class LoopPoster:
    """Runs calls on the loop thread: at once when already there, else posted with
    ``call_soon_threadsafe``. Built on the loop thread (see :func:`open_session`)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._loop_thread = threading.get_ident()

    def __call__(self, call: Callable[..., object], *args: Any) -> None:
        if threading.get_ident() == self._loop_thread:
            call(*args)
            return
        try:
            self._loop.call_soon_threadsafe(call, *args)
        except RuntimeError:  # the loop is closed: the session is over, nobody listens any more
            log.debug("store call after the loop closed dropped")


class LoopListener:
    """``listener`` as the store sees it: every event reaches it on the loop thread. Every public
    method of a listener is an event (they return nothing), so events added later are covered too."""

    def __init__(self, listener: SyncListener, post: LoopPoster) -> None:
        self.inner = listener
        self._post = post

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.inner, name)
        if name.startswith("_") or not callable(target):
            return target
        return lambda *args, **kwargs: self._post(functools.partial(target, *args, **kwargs))


def _handles_threads(listener: SyncListener) -> bool:
    # A class attribute that is exactly True: a listener answering every attribute (a test recorder)
    # does not declare anything by accident.
    return getattr(type(listener), "handles_threads", False) is True


@dataclass
class StoreSession:
    """The open store of one profile (and account). ``store`` is the facade; the parts are exposed for
    the UI's composition root and for tests. ``listener`` is the caller's own listener (unwrapped)."""

    paths: ProfilePaths
    db: Database
    cache: Cache
    outbox: Outbox
    store: DossierStore
    engine: SyncEngine
    upload_rules: UploadRulesKeeper
    listener: SyncListener
    run_task: asyncio.Task[None] | None = None
    _closed: bool = field(default=False, repr=False)

    # -- connectivity (kept by the engine from request outcomes and the user's switch) -------------

    @property
    def online(self) -> bool | None:
        return self.engine.online

    @property
    def working_offline(self) -> bool:
        return self.engine.working_offline

    def set_work_offline(self, enabled: bool) -> None:
        self.engine.set_work_offline(enabled)

    def may_use_network(self) -> bool:
        """Not known to be offline and not working offline (what an upload asks before it starts)."""
        return self.engine.online is not False and not self.engine.working_offline

    # -- lifetime ----------------------------------------------------------------------------------

    def start(self, interval_s: float) -> asyncio.Task[None]:
        """Start the engine's run loop (sync now, then every ``interval_s``); :meth:`aclose` stops it."""
        if self._closed:
            raise RuntimeError("the store session is closed")
        if self.run_task is None or self.run_task.done():
            self.run_task = asyncio.ensure_future(self.engine.run(interval_s))
        return self.run_task

    async def aclose(self) -> None:
        """Stop the run loop (if started), then close the database; each step runs even if an earlier
        one fails. Idempotent."""
        if self._closed:
            return
        self._closed = True
        try:
            task, self.run_task = self.run_task, None
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        finally:
            await self.db.aclose()  # the writer finishes its queue off the loop

    def close(self) -> None:
        """Close without a loop (sessions opened with ``.wait()`` that never started)."""
        if self.run_task is not None and not self.run_task.done():
            raise RuntimeError("a started session is closed with aclose()")
        self._closed = True
        self.db.close()


def _assemble(
    paths: ProfilePaths,
    db: Database,
    api: StoreApi | None,
    listener: SyncListener,
    loop: asyncio.AbstractEventLoop | None,
    *,
    author: str,
    upload_rules: UploadRules | None,
    clock: Callable[[], datetime] | None,
    engine_kw: dict[str, Any],
) -> StoreSession:
    """Build the graph on an open database (closed again if building fails)."""
    try:
        post = LoopPoster(loop) if loop is not None else None
        heard: Any = listener
        if post is not None and not _handles_threads(listener):
            heard = LoopListener(listener, post)
        cache, outbox = Cache(db), Outbox(db, author=author)
        # Upload rules: the server's if offered, else ``upload_rules`` (the profile's), else the
        # FlowOn defaults; the answer is kept in the cache.
        rules = UploadRulesKeeper(cache, upload_rules)
        if clock is not None:
            engine_kw = {**engine_kw, "clock": clock}
        # ``api`` None: a store without a server (tools, tests); its engine must not be run.
        engine = SyncEngine(api, cache, outbox, heard, upload_rules=rules, **engine_kw)  # type: ignore[arg-type]

        def wake_sync() -> None:  # a write may be queued from a worker thread
            if post is None:
                engine.request_sync()
            else:
                post(engine.request_sync)

        store = DossierStore(
            cache, outbox, api, heard, on_enqueued=wake_sync, note_outcome=engine.note_outcome
        )
    except BaseException:
        db.close()
        raise
    return StoreSession(paths, db, cache, outbox, store, engine, rules, listener)


class SessionOpening:
    """What :func:`open_session` returns: ``await`` it on a running loop (the database is opened in a
    worker thread, events reach the listener on the loop thread), or ``.wait()`` without a loop (tests
    building a window's store, the bench's cache reader: opened on the calling thread, events delivered
    on the thread that raises them; close with :meth:`StoreSession.close`)."""

    def __init__(
        self, paths: ProfilePaths, api: StoreApi | None, listener: SyncListener, opener: Opener | None,
        use_keyring: bool, assemble: dict[str, Any],
    ) -> None:  # fmt: skip
        self._paths, self._api, self._listener = paths, api, listener
        self._opener = opener
        self._use_keyring = use_keyring
        self._assemble = assemble

    def __await__(self) -> Generator[Any, None, StoreSession]:
        return self._opened().__await__()

    async def _opened(self) -> StoreSession:
        loop = asyncio.get_running_loop()
        if self._opener is not None:
            db = await self._opener(self._paths)
        else:
            db = await loop.run_in_executor(None, self._open_database)
        return self._built(db, loop)

    def wait(self) -> StoreSession:
        if self._opener is not None:
            raise TypeError("an opener is awaited: await open_session(...) on a running loop")
        return self._built(self._open_database(), None)

    def _open_database(self) -> Database:
        return open_database(self._paths, use_keyring=self._use_keyring)

    def _built(self, db: Database, loop: asyncio.AbstractEventLoop | None) -> StoreSession:
        return _assemble(self._paths, db, self._api, self._listener, loop, **self._assemble)


def open_session(
    paths: ProfilePaths,
    api: StoreApi | None,
    listener: SyncListener,
    *,
    author: str = "",
    upload_rules: UploadRules | None = None,
    use_keyring: bool = True,
    clock: Callable[[], datetime] | None = None,
    opener: Opener | None = None,
    **engine_kw: Any,
) -> SessionOpening:
    """Open (creating and migrating) the store in ``paths``: ``await`` the result on the running loop,
    or call its ``.wait()`` without one (see :class:`SessionOpening`).

    ``author`` is the signed-in account whose queued writes this session sends (``""``: the profile's
    shared store); ``upload_rules`` the profile's own rules (the fallback when the server offers none);
    ``opener`` replaces opening the database (the UI's "damaged cache" dialog; awaited only); ``clock``
    and ``engine_kw`` (``page_size``, ``overlap``, ...) go to the :class:`SyncEngine`.
    """
    options = {"author": author, "upload_rules": upload_rules, "clock": clock, "engine_kw": engine_kw}
    return SessionOpening(paths, api, listener, opener, use_keyring, options)
