"""Composition root of a signed-in session: the store session (cache, outbox, sync engine), bridge,
window and its tabs.

Everything is built here (the store's own graph in :func:`~dossier_desk.store.session.open_session`)
and passed in through constructors; nothing is looked up globally. The :class:`Workspace` owns the
lifetimes: ``aclose()`` stops background work, closes the store session (its sync loop, then the
database) and removes the private temp directory of opened documents.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

from dossier_desk.config import Profile, config_dir
from dossier_desk.store import profile_paths
from dossier_desk.store.accounts import AccountIndex
from dossier_desk.store.crypto import create_private_file
from dossier_desk.store.first_rows import first_rows, overlaid_pages
from dossier_desk.store.paths import account_root, make_private_dir
from dossier_desk.store.session import StoreSession, open_session
from dossier_desk.store.upload_rules import rules_from_mapping
from dossier_desk.store.wipe import retire_shared_store
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.cache_recovery import open_database_or_reset, watch_outbox_record
from dossier_desk.ui.documents.temp_files import PrivateTempDir
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.heap import settle_heap
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.models.deadline_column import DeadlineColumn
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.rights_state import RefusalWatchingApi, RightsState
from dossier_desk.ui.table_loader import FirstScreen, after_first_paint, fill_rest, refresh_derived
from dossier_desk.ui.task_scope import TaskScope
from dossier_desk.ui.waiting_writes import WaitingWritesLabel

if TYPE_CHECKING:  # the network stack, tabs and docks are imported once the table has painted
    from dossier_desk.api import DossierApi
    from dossier_desk.api.models import Dossier
    from dossier_desk.auth import Account
    from dossier_desk.domain.rights import Rights
    from dossier_desk.store import Database, DossierStore, Outbox, SyncEngine
    from dossier_desk.ui.workspace_parts import WindowParts

log = logging.getLogger(__name__)
SYNC_INTERVAL_S = 60.0


@dataclass
class Workspace:
    window: MainWindow
    api: DossierApi
    session: StoreSession
    bridge: SyncBridge
    temp_dir: PrivateTempDir
    shutdown_hooks: list[Callable[[], None]]
    table_filled: asyncio.Task[None] | None = None  # every cached row in the table (after the first screen)
    rights: RightsState | None = None
    # The tabs, docks and windows beyond the table (see ui.workspace_parts); built after the first paint
    # when the start-up asked for that, and done by the time the workspace is returned otherwise.
    parts: asyncio.Task[WindowParts] | None = None
    _closed: bool = field(default=False, repr=False)
    tasks: TaskScope = field(kw_only=True, repr=False)  # all the session's background work

    @property
    def db(self) -> Database:
        return self.session.db

    @property
    def store(self) -> DossierStore:
        return self.session.store

    @property
    def engine(self) -> SyncEngine:
        return self.session.engine

    @property
    def sync_task(self) -> asyncio.Task[None] | None:
        return self.session.run_task

    async def ready(self) -> WindowParts:
        """Every part of the window: the tabs, docks and windows beyond the table are built."""
        assert self.parts is not None
        return await self.parts

    def start_sync(self, interval_s: float = SYNC_INTERVAL_S) -> None:
        """Start syncing; while the window's parts wait for the first paint, once they are built (the
        first request would import the network stack, and the sync's work would delay the paint)."""
        if self.parts is None or self.parts.done():
            self.session.start(interval_s)
            return

        async def start_when_built() -> None:
            with contextlib.suppress(Exception):  # a failure there is reported by its own task
                await asyncio.shield(self.parts)  # type: ignore[arg-type]
            self.session.start(interval_s)

        self.spawn(start_when_built())

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``coro`` for the workspace's lifetime; it is cancelled (and awaited) by :meth:`aclose`."""
        return self.tasks.spawn(coro)

    async def aclose(self) -> None:
        """Stop background work, then close the store session (sync loop, database) and remove opened
        documents — each step runs even if an earlier one fails (a dead task must not keep the cache open).
        The API client belongs to the caller (``run_app``)."""
        if self._closed:
            return
        self._closed = True
        self.window.close_guard.release()  # the session is ending on purpose: no question, no queries
        try:
            for hook in self.shutdown_hooks:
                try:
                    hook()
                except Exception:
                    log.exception("a shutdown step failed")
            await self.tasks.aclose()
        finally:
            try:
                await self.session.aclose()
            finally:
                self.temp_dir.cleanup()


def profile_settings(profile: Profile, account: str = "") -> QSettings:
    """The window's settings file (layout, columns, saved searches): one INI per signed-in account
    (``account`` is its ``home_account_id``) in that account's private folder, wiped at its sign-out;
    without an account, one per profile."""
    if account:
        path = make_private_dir(account_root(profile.name, account)) / "ui.ini"
        create_private_file(path)  # 0600 before Qt writes to it
    else:
        path = config_dir() / f"ui-{profile.name}.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def opened_documents_dir(profile: Profile, account: str) -> Path:
    """Where the account's opened documents go (0700). The single-instance lock is held when this is
    called, so anything already there was left by a crash: it is removed now."""
    base = account_root(profile.name, account) / "opened-documents"
    if base.exists():
        shutil.rmtree(base, ignore_errors=True)
        log.info("removed documents left open by an earlier run")
    return make_private_dir(base)


async def open_workspace(
    profile: Profile,
    api: DossierApi,
    bridge: SyncBridge,
    account: str,
    capabilities: Rights | RightsState,
    messages: MessageBridge,
    *,
    identity: Account | None = None,
    parts_after_paint: bool = False,
) -> Workspace:
    """Open the signed-in account's cache (in a worker thread: it may migrate) and build the window.

    ``identity`` is the signed-in account: its data (cache, outbox, window state, saved searches,
    opened documents) is its own, and its queued writes are sent only with its token. Without it
    (tools, tests) the profile's shared store is used. ``capabilities`` are the account's write rights
    (a :class:`RightsState` follows server refusals).

    With ``parts_after_paint`` (the app's start-up) the window holds its table, filter bar, menus and
    status bar when it is returned; the detail tabs, upload queue, file check and sync issues window
    (:mod:`dossier_desk.ui.workspace_parts`) are built once the table has painted (``await
    workspace.ready()``). Without it they are built before it is returned.
    """
    rights = capabilities if isinstance(capabilities, RightsState) else RightsState.fixed(capabilities)
    owner = api
    api = RefusalWatchingApi(api, rights.note_refused)  # type: ignore[assignment]  # a 403 on a write teaches
    home_id = identity.home_account_id if identity is not None else ""
    paths = profile_paths(profile.name, profile.company_id, account=home_id)
    if home_id:
        await asyncio.get_running_loop().run_in_executor(
            None, retire_shared_store, profile.name, profile.company_id
        )
    session = await open_session(
        paths,
        api,
        bridge,
        author=home_id,
        upload_rules=rules_from_mapping(profile.upload_rules),
        opener=open_database_or_reset,  # a damaged cache: explained, with "Reset local data"
    )
    store, cache, outbox = session.store, session.cache, session.outbox
    temp_dir = PrivateTempDir(opened_documents_dir(profile, home_id)) if home_id else PrivateTempDir()
    tasks = TaskScope("workspace")  # the one owner of the session's background work
    # Sickness types are read live from the store (empty on a first run until reference data arrive).
    deadline_of = DeadlineColumn(store, logs=store)
    settings = profile_settings(profile, home_id)
    # The table paints its first screenful at once; every other row is read in the background (below).
    first_screen = FirstScreen(store, lambda *order: first_rows(cache, outbox, *order), settings)
    window = MainWindow(
        first_screen,  # type: ignore[arg-type]  # the store, with a fast first load_dossiers()
        session.engine,
        bridge,
        settings,
        account=account,
        profile=profile.name,
        my_case_manager_code=profile.case_manager_code,
        next_deadline=deadline_of,
        messages=messages,
        tasks=tasks,
    )
    messages.set_parent_window(window)
    follow_reference_data(bridge, deadline_of, window.model, lambda: overlaid_pages(cache, outbox), tasks)
    follow_workflow_logs(bridge, deadline_of, window.model, store)
    watch_outbox_record(paths, store, bridge, window)  # queued edits that vanished are reported
    window.status.set_cache_encrypted(store.encrypted)
    follow_rights(rights, window)
    shutdown_hooks = [bridge.close]
    if identity is not None:
        shutdown_hooks.append(_follow_waiting_writes(window, bridge, profile, identity, outbox))
    workspace = Workspace(window, owner, session, bridge, temp_dir, shutdown_hooks, tasks=tasks)
    workspace.rights = rights

    def build() -> WindowParts:
        from dossier_desk.ui.workspace_parts import build_parts

        parts = build_parts(
            window, session, api, bridge, profile, rights, messages, temp_dir, tasks, account=account
        )
        shutdown_hooks[:0] = parts.shutdown_hooks  # the upload queue stops before the bridge closes
        return parts

    first_painted = after_first_paint(window.table.viewport())
    if parts_after_paint:
        workspace.parts = workspace.tasks.spawn(
            _build_after(first_painted, build),
            on_error=lambda exc: messages.show_error(exc, context="building the window"),
        )
    else:
        workspace.parts = workspace.spawn(_built(build()))
    changed = window.model.watch_changes()  # before anything else can change the table
    workspace.table_filled = workspace.spawn(
        fill_rest(
            window.model,
            lambda: overlaid_pages(cache, outbox),
            store.pending_ids,
            changed,
            _after(first_painted, workspace.parts),
        )
    )
    settle_heap()  # the window and its modules live as long as the session
    workspace.table_filled.add_done_callback(lambda _done: settle_heap())  # and so do the table's rows
    return workspace


async def _built(parts: WindowParts) -> WindowParts:
    return parts


async def _build_after(first_painted: Awaitable[None], build: Callable[[], WindowParts]) -> WindowParts:
    await first_painted
    await asyncio.sleep(0)  # input that arrived with the first paint goes first
    return build()


async def _after(*steps: Awaitable[object]) -> None:
    """Each of ``steps`` in turn: the rows are read once the window's parts stand (a failure there is
    reported by its own task and does not keep the rows out of the table)."""
    for step in steps:
        with contextlib.suppress(Exception):
            await step


def follow_rights(rights: RightsState, window: MainWindow) -> None:
    """Offer writes only to accounts that may write, now and whenever the server teaches otherwise (the
    tabs built after the first paint follow it too: ui.workspace_parts)."""

    def apply(_rights: object = None) -> None:
        window.set_can_write(rights.can_write)

    rights.setParent(window)  # lives as long as the window
    rights.changed.connect(apply)
    apply()


def _follow_waiting_writes(
    window: MainWindow, bridge: SyncBridge, profile: Profile, identity: Account, outbox: Outbox
) -> Callable[[], None]:
    """Show other accounts' waiting writes; keep this account's count in the profile's index so the
    next person to sign in is told. Returns the shutdown hook that records the final count."""
    index = AccountIndex(profile.name)
    notice = WaitingWritesLabel(window.status)
    window.status.addPermanentWidget(notice)
    notice.show_waiting(index.waiting_for_others(identity.home_account_id))
    last = [-1]

    def record(pending: int, conflicts: int, failed: int) -> None:
        total = pending + conflicts + failed
        if total != last[0]:
            last[0] = total
            index.record(identity.home_account_id, identity.label, total)

    record(*outbox.counts())
    bridge.outboxChanged.connect(record)
    return lambda: record(*outbox.counts())


def follow_reference_data(
    bridge: SyncBridge,
    deadlines: DeadlineColumn,
    model: DossierTableModel,
    pages: Callable[[], Iterable[list[Dossier]]],
    tasks: TaskScope,
) -> None:
    """After each sync, pick up new sickness types and, if they changed, recompute the deadline column
    from the cached dossiers (read in ``pages``, off the GUI thread: at 100k rows that is seconds)."""

    def on_sync_finished(_finished_at: object, _error: object) -> None:
        if deadlines.refresh_codes():
            # A newer refresh replaces one still running: it reads the same cache with the newer types.
            tasks.spawn(refresh_derived(model, pages), key="refresh-derived")

    bridge.syncFinished.connect(on_sync_finished)


def follow_workflow_logs(
    bridge: SyncBridge, deadlines: DeadlineColumn, model: DossierTableModel, store: DossierStore
) -> None:
    """A dossier's fresh workflow log moves its next deadline and overdue state: update its row."""

    def on_workflow_changed(dossier_id: str) -> None:
        deadlines.reload(dossier_id)
        dossier = store.dossier(dossier_id) if model.has_dossier(dossier_id) else None
        if dossier is not None:
            model.upsert([dossier])

    bridge.workflowChanged.connect(on_workflow_changed)
