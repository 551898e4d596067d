"""Helpers for the store's integration tests: a token provider, an event recorder, an engine rig."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from dossier_desk.api.client import DossierApi
from dossier_desk.api.profile import ApiProfile
from dossier_desk.store import Cache, Database, DossierStore, Outbox, SyncEngine, profile_paths
from dossier_desk.store.session import StoreSession, open_session


class SandboxTokens:
    """TokenProvider issuing sandbox tokens for one demo user."""

    def __init__(self, server: Any, username: str = "caseworker@demo") -> None:
        self.server = server
        self.username = username

    async def get_token(self, *, force_refresh: bool = False) -> str:
        return self.server.issue_token(self.username)


@dataclass
class Recorder:
    """A SyncListener keeping every event."""

    events: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def dossiers_changed(self, upserted, deleted_ids) -> None:
        self.events.append(("dossiers_changed", (list(upserted), list(deleted_ids))))

    def sync_progress(self, stage, done, total) -> None:
        self.events.append(("sync_progress", (stage, done, total)))

    def sync_report(self, report) -> None:
        self.events.append(("sync_report", (report,)))

    def sync_finished(self, finished_at, error) -> None:
        self.events.append(("sync_finished", (finished_at, error)))

    def connectivity_changed(self, online, working_offline) -> None:
        self.events.append(("connectivity_changed", (online, working_offline)))

    def outbox_changed(self, pending, conflicts, failed) -> None:
        self.events.append(("outbox_changed", (pending, conflicts, failed)))

    def documents_changed(self, dossier_id) -> None:
        self.events.append(("documents_changed", (dossier_id,)))

    def workflow_changed(self, dossier_id) -> None:
        self.events.append(("workflow_changed", (dossier_id,)))

    def upload_progress(self, item_id, sent, total) -> None:
        self.events.append(("upload_progress", (item_id, sent, total)))

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for n, args in self.events if n == name]


class SessionParts:
    """A rig's shortcuts to its store session's parts (``rig.cache`` for ``rig.session.cache``)."""

    session: StoreSession

    @property
    def db(self) -> Database:
        return self.session.db

    @property
    def cache(self) -> Cache:
        return self.session.cache

    @property
    def outbox(self) -> Outbox:
        return self.session.outbox

    @property
    def engine(self) -> SyncEngine:
        return self.session.engine

    @property
    def store(self) -> DossierStore:
        return self.session.store


@dataclass
class Rig(SessionParts):
    """A store session on one private database, talking to ``api`` (the parts as shortcuts)."""

    api: DossierApi
    session: StoreSession
    listener: Recorder


def profile_for(server: Any, api_root: str | None = None) -> ApiProfile:
    return ApiProfile(api_root or server.api_root, server.company_id)


@contextlib.asynccontextmanager
async def rig(
    server: Any,
    *,
    api_root: str | None = None,
    name: str = "p",
    max_retries: int = 0,
    api_kw: dict[str, Any] | None = None,
    **engine_kw: Any,
) -> AsyncIterator[Rig]:
    """A fresh engine + store for ``server`` (``api_root`` may point through a proxy; ``api_kw`` goes to
    the ``DossierApi``)."""
    api = DossierApi(
        profile_for(server, api_root),
        SandboxTokens(server),
        max_retries=max_retries,
        timeout=10,
        **(api_kw or {}),
    )
    listener = Recorder()
    try:
        session = await open_session(profile_paths(name, server.company_id), api, listener, **engine_kw)
    except BaseException:
        await api.aclose()
        raise
    try:
        yield Rig(api, session, listener)
    finally:
        try:
            await api.aclose()
        finally:
            await session.aclose()


@contextlib.asynccontextmanager
async def other_user(server: Any) -> AsyncIterator[DossierApi]:
    """Another client of the same server (someone else editing meanwhile)."""
    async with DossierApi(profile_for(server), SandboxTokens(server), max_retries=2) as api:
        yield api
