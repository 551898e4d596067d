"""The sync engine: fills the cache from the server and pushes the outbox.

* :meth:`SyncEngine.full_sync` pages through every dossier ordered by ``(lastModifiedDateTime, id)``
  and stores the last row of each page as a cursor in the same transaction as the page, so an
  interrupted sync resumes where it stopped.
* :meth:`SyncEngine.delta_sync` asks for ``lastModifiedDateTime gt (high-water mark - overlap)``.
* :meth:`SyncEngine.reconcile_deletions` compares the server's id list with the cache.
* :meth:`SyncEngine.push_outbox` sends queued writes in order (:mod:`.replay`).
* :meth:`SyncEngine.run` repeats :meth:`SyncEngine.sync_now` (push, then pull) on a timer, sooner
  when woken by :meth:`SyncEngine.request_sync` or after the server comes back.

A pass is made of independent steps (:data:`~dossier_desk.store.sync_report.STEPS`): outbox push,
dossier types, contacts, upload rules, dossiers, deletion reconcile. One failing never stops the
others (a dossier type the client cannot read does not keep the dossiers from syncing); only a failure
that makes the server unusable for now (no connection, session refused) ends the pass. The listener
hears a :class:`~dossier_desk.store.sync_report.SyncReport` (failed steps with codes, skipped records)
before ``sync_finished``.

Online/offline is judged from request outcomes: a network failure or timeout marks the engine
offline, any answer from the server marks it online. "Work offline" stops all network use.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from dossier_desk.api import errors
from dossier_desk.api.models import Dossier, dossier_wire_name
from dossier_desk.api.odata import F, Query
from dossier_desk.store.cache import Cache
from dossier_desk.store.events import SyncListener
from dossier_desk.store.outbox import Outbox
from dossier_desk.store.outbox_model import OutboxItem
from dossier_desk.store.overlay import overlay_page, visible
from dossier_desk.store.ports import StoreApi
from dossier_desk.store.replay import OutboxPusher, PushReport, PushStopped, describe_unexpected
from dossier_desk.store.sync_marks import id_literal, latest, parse_time, stamp, usable, utcnow
from dossier_desk.store.sync_report import StepFailure, SyncReport, unreachable
from dossier_desk.store.upload_rules import UploadRulesKeeper

log = logging.getLogger(__name__)

# The properties the sync pages by, by their API names (which only the api layer knows).
_MODIFIED = dossier_wire_name("last_modified_date_time")
_ID = dossier_wire_name("id")

K_FULL_DONE = "full.done"
K_CURSOR_T = "full.cursor_t"
K_CURSOR_ID = "full.cursor_id"
K_HWM = "delta.hwm"
K_RECONCILED = "reconcile.at"
K_REFERENCE = "reference.at"


class SyncEngine:
    """Keeps ``cache`` in step with the server behind ``api`` and drains ``outbox``.

    ``clock`` returns an aware UTC ``datetime`` (tests pass a fake). ``page_size`` is the requested
    page size; ``overlap`` is re-read on every delta sync to cover clock skew and in-flight commits.
    """

    def __init__(
        self,
        api: StoreApi,
        cache: Cache,
        outbox: Outbox,
        listener: SyncListener,
        *,
        clock: Callable[[], datetime] = utcnow,
        page_size: int = 1000,
        overlap: timedelta = timedelta(minutes=2),
        reconcile_interval: timedelta = timedelta(minutes=15),
        reference_interval: timedelta = timedelta(hours=1),
        offline_retry_s: float = 10.0,
        upload_rules: UploadRulesKeeper | None = None,
    ) -> None:
        self.api = api
        self.cache = cache
        self.outbox = outbox
        self.listener = listener
        self.clock = clock
        self.page_size = page_size
        self.overlap = overlap
        self.reconcile_interval = reconcile_interval
        self.reference_interval = reference_interval
        self.offline_retry_s = offline_retry_s
        self.last_report = SyncReport()
        self.upload_rules = upload_rules or UploadRulesKeeper(cache)
        self.pusher = OutboxPusher(
            api,
            cache,
            outbox,
            now=lambda: self.clock().timestamp(),
            rules=self.upload_rules.current,
            on_upload_progress=listener.upload_progress,
        )
        self._online: bool | None = None
        self._working_offline = False
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()

    # -- connectivity -------------------------------------------------------------------------

    @property
    def online(self) -> bool | None:
        """``True``/``False`` from the last request's outcome; ``None`` before the first request."""
        return self._online

    @property
    def working_offline(self) -> bool:
        """The user's "work offline" switch."""
        return self._working_offline

    def set_work_offline(self, enabled: bool) -> None:
        """Switch "work offline": no network use while on; switching it off syncs at once."""
        if enabled == self._working_offline:
            return
        self._working_offline = enabled
        self.listener.connectivity_changed(bool(self._online), enabled)
        if not enabled:
            self.request_sync()

    def _set_online(self, online: bool) -> None:
        if online == self._online:
            return
        was = self._online
        self._online = online
        log.info("server is %s", "reachable" if online else "unreachable")
        self.listener.connectivity_changed(online, self._working_offline)
        if online and was is False:
            self.request_sync()  # back online: push what queued up meanwhile

    def note_outcome(self, exc: BaseException | None) -> None:
        """Feed a request outcome (from any caller) into the online/offline judgement."""
        if exc is None:
            self._set_online(True)
        elif isinstance(exc, errors.NetworkError | errors.RequestTimeoutError) or getattr(
            exc,
            "is_network_error",
            False,  # the sign-in service unreachable (auth's AuthNetworkError)
        ):
            self._set_online(False)
        elif isinstance(exc, errors.ApiError):
            self._set_online(True)  # the server answered, even if with an error

    def request_sync(self) -> None:
        """Wake :meth:`run` for a sync pass now (e.g. after a write was queued)."""
        self._wake.set()

    # -- pull ---------------------------------------------------------------------------------

    def _emit_page(self, page: Sequence[Dossier], pending: Sequence[OutboxItem]) -> None:
        """Overlay the queued writes and announce the page. Runs on a worker thread (the listener's
        ``dossiers_changed`` may do per-page work there: see :mod:`.events`)."""
        ids = {d.id for d in page}
        mine = [i for i in pending if i.dossier_id in ids]
        self.listener.dossiers_changed(overlay_page(page, mine), ())

    async def _store_page(
        self, page: Sequence[Dossier], state: dict[str, str] | None, pending: Sequence[OutboxItem]
    ) -> None:
        """Write one page with its cursor, then announce it (only once it is on disk), off the loop."""
        await self.cache.upsert_dossiers(page, state=state)
        await asyncio.to_thread(self._emit_page, page, pending)

    async def full_sync(self) -> int:
        """Download every dossier (resuming an interrupted run); returns the rows received.

        A re-run after a completed full sync starts over and reconciles deletions at the end.
        """
        async with self._lock:
            return await self._guard(self._full_sync())

    async def _full_sync(self) -> int:
        if self.cache.get_state(K_FULL_DONE) == "1":
            await self.cache.set_state({K_FULL_DONE: "0"})
            await self.cache.delete_state(K_CURSOR_T, K_CURSOR_ID)
        cursor_t, cursor_id = self.cache.get_state(K_CURSOR_T), self.cache.get_state(K_CURSOR_ID)
        had_rows = self.cache.dossier_count() > 0
        query = Query().order_by(_MODIFIED).order_by(_ID).count()
        offset = 0
        t = stamp(cursor_t) if cursor_t else None
        if t is not None:
            after = (F(_MODIFIED) > t) | ((F(_MODIFIED) == t) & (F(_ID) > id_literal(cursor_id)))
            query = query.filter(after)
            offset = self.cache.dossier_count()
            log.info("resuming full sync after %d cached rows", offset)
        received = await self._pull(query, "full", offset, cursor=True)
        hwm = latest(self.cache.max_last_modified(valid=usable), self.cache.get_state(K_HWM))
        done = {K_FULL_DONE: "1", K_HWM: hwm}
        if not had_rows:  # one uninterrupted pass over an empty cache: nothing stale to reconcile
            done[K_RECONCILED] = self.clock().isoformat()
        await self.cache.set_state(done)
        await self.cache.delete_state(K_CURSOR_T, K_CURSOR_ID)
        if had_rows:
            await self._reconcile()
        return received

    async def _pull(self, query: Query, stage: str, offset: int, *, cursor: bool) -> int:
        received = 0

        def progress(done: int, total: int | None) -> None:
            self.listener.sync_progress(stage, offset + done, None if total is None else offset + total)

        hwm = self.cache.get_state(K_HWM)
        # The loop's thread only fetches: each page is decoded on a worker thread (the API client),
        # then written and announced on worker threads (:meth:`_store_page`) while the next page is
        # fetched. Pages stay in order, and each carries its cursor, so an interruption resumes
        # after the last page written.
        writing: asyncio.Future[None] | None = None
        pending: list[OutboxItem] = []
        revision = -1
        try:
            async for page in self.api.iter_dossier_pages(
                query, page_size=self.page_size, on_progress=progress, read_ahead=True
            ):
                self._set_online(True)
                if not page:
                    continue
                hwm = latest(hwm, *(d.last_modified_date_time for d in page))
                state: dict[str, str] | None = {K_HWM: hwm}
                if cursor:
                    # Resume after the last row with a usable time (re-reading a few rows is harmless).
                    last = next((d for d in reversed(page) if usable(d.last_modified_date_time)), None)
                    state = {K_CURSOR_T: last.last_modified_date_time, K_CURSOR_ID: last.id} if last else None
                if writing is not None:
                    await writing  # page N is on disk and announced before page N+1 is written
                    writing = None
                if revision != self.outbox.revision:  # re-read only when a write was queued meanwhile
                    revision, pending = self.outbox.revision, self.outbox.items()
                writing = asyncio.ensure_future(self._store_page(page, state, pending))
                received += len(page)
        finally:
            if writing is not None:
                await writing
        return received

    async def delta_sync(self) -> int:
        """Fetch dossiers changed since the high-water mark (a full sync when none was done)."""
        if self.cache.get_state(K_FULL_DONE) != "1":
            return await self.full_sync()
        async with self._lock:
            return await self._guard(self._delta_sync())

    async def _delta_sync(self) -> int:
        hwm = stamp(self.cache.get_state(K_HWM)) or stamp(self.cache.max_last_modified(valid=usable))
        query = Query().order_by(_MODIFIED).order_by(_ID)
        if hwm is not None:  # (without a usable mark everything is read again: nothing is missed)
            with contextlib.suppress(OverflowError):
                query = query.filter(F(_MODIFIED) > hwm - self.overlap)
        return await self._pull(query, "delta", 0, cursor=False)

    async def reconcile_deletions(self) -> list[str]:
        """Remove cached dossiers the server no longer lists (deleted or no longer visible)."""
        async with self._lock:
            return await self._guard(self._reconcile())

    async def _reconcile(self) -> list[str]:
        self.listener.sync_progress("reconcile", 0, None)
        server_ids = await self.api.list_dossier_ids()
        self._set_online(True)
        gone = sorted(self.cache.dossier_ids() - set(server_ids))
        if gone:
            await self.cache.delete_dossiers(gone)
            shown, hidden = visible(self.cache, self.outbox, gone)
            self.listener.dossiers_changed(shown, hidden)
        await self.cache.set_state({K_RECONCILED: self.clock().isoformat()})
        self.listener.sync_progress("reconcile", len(gone), len(gone))
        log.info("reconcile removed %d dossiers", len(gone))
        return gone

    async def refresh_reference_data(self) -> list[StepFailure]:
        """Reload dossier types, contacts and upload rules, each on its own: one failing keeps the
        others (and the cached copy of itself). Returns the failures; the pass is "done" (not due
        again before ``reference_interval``) only when none failed."""
        async with self._lock:
            failures: list[StepFailure] = []
            for step, load in (
                ("types", self._load_types),
                ("contacts", self._load_contacts),
                ("upload_rules", self._load_upload_rules),
            ):
                try:
                    await self._guard(load())
                except errors.ApiError as exc:
                    failures.append(StepFailure.of(step, exc))
                    if unreachable(exc):
                        break
            if not failures:
                await self.cache.set_state({K_REFERENCE: self.clock().isoformat()})
            return failures

    async def _load_types(self) -> None:
        types = await self.api.list_dossier_types()
        self._set_online(True)
        await self.cache.replace_dossier_types(types)

    async def _load_contacts(self) -> None:
        contacts = await self.api.list_contacts()
        self._set_online(True)
        await self.cache.replace_contacts(contacts)

    async def _load_upload_rules(self) -> None:
        rules = await self.api.server_upload_rules()
        self._set_online(True)
        await self.upload_rules.store_server_rules(rules)

    # -- push ---------------------------------------------------------------------------------

    def emit_outbox_counts(self) -> None:
        """Tell the listener the outbox's current counts."""
        self.listener.outbox_changed(*self.outbox.counts())

    async def push_outbox(self) -> PushReport:
        """Send queued writes in order. Transient failures wait for a later pass with backoff; a network
        failure stops the pass and marks the engine offline. Nothing is dropped.
        """
        async with self._lock:
            return await self._guard(self._push())

    async def _push(self) -> PushReport:
        try:
            report = await self.pusher.push_all(lambda d, t: self.listener.sync_progress("push", d, t))
        except PushStopped as stop:
            self.emit_outbox_counts()
            raise stop.cause from stop
        finally:
            self._emit_push_changes()
        if report.done or report.parked:
            self._set_online(True)
        self.emit_outbox_counts()
        return report

    def _emit_push_changes(self) -> None:
        report = self.pusher.last_report
        if report is None:
            return
        ids = [*report.changed_dossiers, *report.removed_ids]
        if ids:
            shown, hidden = visible(self.cache, self.outbox, ids)
            self.listener.dossiers_changed(shown, hidden)
        for dossier_id in dict.fromkeys(report.documents_changed):
            self.listener.documents_changed(dossier_id)
        for dossier_id in dict.fromkeys(report.workflow_changed):
            self.listener.workflow_changed(dossier_id)

    # -- orchestration ------------------------------------------------------------------------

    async def _guard(self, coro: Any) -> Any:
        try:
            result = await coro
        except errors.ApiError as exc:
            self.note_outcome(exc)
            raise
        return result

    def _due(self, key: str, interval: timedelta) -> bool:
        last = self.cache.get_state(key)
        return not last or self.clock() - parse_time(last) >= interval

    async def sync_now(self) -> Exception | None:
        """Run the steps of a pass: push the outbox, reference data (when due), dossiers, deletion
        reconcile (when due). Each step fails on its own; a failure that makes the server unusable
        for now (network, session) skips the rest.

        Returns the first failure's error (also reported through ``sync_finished``; every failure, with
        its step, in ``sync_report`` and :attr:`last_report`), or ``None``. Does nothing while working
        offline.
        """
        if self._working_offline:
            return None
        failures: list[StepFailure] = []
        always = lambda: True  # noqa: E731
        steps: list[tuple[str, Callable[[], bool], Callable[[], Any]]] = [
            ("push", always, self.push_outbox),
            (
                "reference",
                lambda: self._due(K_REFERENCE, self.reference_interval),
                self.refresh_reference_data,
            ),
            ("dossiers", always, self.delta_sync),
            # (judged after the dossiers: a first full sync over an empty cache needs no reconcile)
            ("reconcile", lambda: self._due(K_RECONCILED, self.reconcile_interval), self.reconcile_deletions),
        ]
        for step, due, run in steps:
            if not due():
                continue
            try:
                result = await run()
            except errors.ApiError as exc:
                failures.append(StepFailure.of(step, exc))
                log.info("sync step %s failed: %s (status %d)", step, type(exc).__name__, exc.status)
            else:
                if step == "reference":
                    failures.extend(result)
            if failures and unreachable(failures[-1].error):
                break
        skipped = tuple(self.api.take_skipped())
        self.last_report = SyncReport(tuple(failures), skipped)
        self.listener.sync_report(self.last_report)
        error = failures[0].error if failures else None
        self.listener.sync_finished(self.clock(), error)
        return error

    async def _sleep_until_woken(self, delay: float) -> None:
        """Wait ``delay`` seconds or until :meth:`request_sync` wakes the loop.

        Not ``asyncio.wait_for``: cancelling a task parked in ``wait_for`` on qasync's loop was seen to
        hang shutdown (the task stayed "cancelling" forever); a plain timed ``asyncio.wait`` does not.
        """
        waiter = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({waiter}, timeout=delay)
        finally:
            waiter.cancel()

    async def run(self, interval_s: float) -> None:
        """Sync on start, then every ``interval_s`` (or when woken); retry sooner while offline.

        Runs until cancelled.
        """
        failures = 0
        while True:
            self._wake.clear()
            broken = False
            if not self._working_offline:
                try:
                    await self.sync_now()
                except Exception as exc:  # a bug: report it, keep the loop (and the outbox) alive
                    broken = True
                    log.error("sync pass failed unexpectedly: %s", describe_unexpected(exc))
                    with contextlib.suppress(Exception):
                        self.listener.sync_finished(self.clock(), exc)
            if broken or (self._online is False and not self._working_offline):
                failures += 1
                delay = min(interval_s, self.offline_retry_s * 2 ** min(failures - 1, 5))
            else:
                failures = 0
                delay = interval_s
            await self._sleep_until_woken(delay)
