"""Shared pieces of the fault scenarios: a real store/engine rig, a clean server-side counter, checks.

Everything here is the real app: ``DossierApi`` over HTTP to a sandbox, SQLite cache and outbox on
disk, ``SyncEngine`` and ``DossierStore``. The only thing a test controls is time for *deferred*
outbox items (the engine's injectable clock), so backoff does not make a scenario wait minutes.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from dossier_desk.api import ApiError, ApiProfile, DossierApi, RetryPolicy
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import Cache, DossierStore, Outbox, profile_paths
from dossier_desk.store.outbox_model import OutboxKind, is_local_id
from dossier_desk.store.session import StoreSession, open_session
from dossier_sandbox import FaultConfig, SandboxServer
from tests.fault_summary import record
from tests.integration.store_support import Recorder, SessionParts

FAST = RetryPolicy(backoff_base=0.02, backoff_cap=0.2, max_retry_after=5.0)
EDITABLE = ("New", "Open", "In Process")
_SECRETISH = re.compile(r"eyJ[A-Za-z0-9_-]{8,}|Bearer\s|Traceback|File \"|Error\(|https?://|\bat 0x")


def assert_readable(message: str) -> None:
    """A sentence a caseworker can read: no traceback, token, URL or repr; one line; not too long."""
    assert message, "empty user message"
    assert "\n" not in message, message
    assert len(message) <= 400, message
    assert message[-1] in ".!?)", message
    assert not _SECRETISH.search(message), message


def check_user_error(exc: BaseException | None, *expected: type[ApiError]) -> ApiError:
    """``exc`` is one of the ``expected`` API error classes with a readable ``user_message()``."""
    assert exc is not None, "the failure was not reported to the user"
    assert isinstance(exc, expected), f"{type(exc).__name__} is not one of {[e.__name__ for e in expected]}"
    assert isinstance(exc, ApiError)
    assert_readable(exc.user_message())
    return exc


class SkewClock:
    """The engine's clock: real time plus a skip the test advances to make deferred items due."""

    def __init__(self) -> None:
        self.skew = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.skew

    def skip(self, seconds: float = 900.0) -> None:
        self.skew += timedelta(seconds=seconds)


@dataclass
class StoreRig(SessionParts):
    """An engine and store on a private database, talking to a sandbox through ``api``."""

    server: SandboxServer
    api: DossierApi
    session: StoreSession
    listener: Recorder
    clock: SkewClock
    tokens: CallbackTokenProvider
    errors: list[BaseException | None] = field(default_factory=list)

    async def sync(self) -> BaseException | None:
        error = await self.engine.sync_now()
        self.errors.append(error)
        return error

    async def drain(self, passes: int = 12) -> None:
        """Sync until the outbox is empty (deferred items are made due between passes)."""
        for _ in range(passes):
            await self.sync()
            if not self.outbox.items():
                return
            self.clock.skip()
        raise AssertionError(
            f"outbox not drained: {[(i.kind, i.state, i.error) for i in self.outbox.items()]}"
        )


@contextlib.asynccontextmanager
async def store_rig(
    server: SandboxServer,
    *,
    api_root: str | None = None,
    username: str = "caseworker@demo",
    client_timeout: float = 10.0,
    max_retries: int = 2,
    name: str = "fault",
    **engine_kw: Any,
) -> AsyncIterator[StoreRig]:
    tokens = CallbackTokenProvider(lambda: server.issue_token(username))
    api = DossierApi(
        ApiProfile(api_root or server.api_root, server.company_id),
        tokens,
        timeout=client_timeout,
        max_retries=max_retries,
        retry_policy=FAST,
    )
    listener = Recorder()
    clock = SkewClock()
    engine_kw.setdefault("page_size", 25)
    paths = profile_paths(name, server.company_id)
    try:
        session = await open_session(paths, api, listener, clock=clock, **engine_kw)
    except BaseException:
        await api.aclose()
        raise
    try:
        yield StoreRig(server, api, session, listener, clock, tokens)
    finally:
        try:
            await api.aclose()
        finally:
            await session.aclose()


@dataclass
class Edits:
    """Edits the user made and the app acknowledged (committed to the outbox)."""

    creates: dict[str, str] = field(default_factory=dict)  # client key -> description
    updates: dict[str, str] = field(default_factory=dict)  # dossier id -> ourReference

    def __len__(self) -> int:
        return len(self.creates) + len(self.updates)


def make_edits(rig: StoreRig | DossierStore, tag: str, *, creates: int, updates: int) -> Edits:
    """Queue ``creates`` new dossiers and one ``ourReference`` edit on each of ``updates`` dossiers."""
    store = rig if isinstance(rig, DossierStore) else rig.store
    edits = Edits()
    type_code = store.dossier_types()[0].code
    contact_no = store.contacts()[0].no
    for i in range(creates):
        item = store.create_dossier(
            {
                DossierField.DESCRIPTION: f"{tag} new {i}",
                DossierField.DOSSIER_TYPE_CODE: type_code,
                DossierField.PRIMARY_CONTACT_NO: contact_no,
            }
        ).wait()
        assert item.kind is OutboxKind.CREATE
        edits.creates[item.payload["clientKey"]] = f"{tag} new {i}"
    busy = store.pending_ids()  # one acknowledged value per dossier keeps the count exact
    targets = [
        d
        for d in store.load_dossiers()
        if d.status in EDITABLE and not is_local_id(d.id) and d.id not in busy
    ][:updates]
    assert len(targets) == updates, "not enough editable dossiers in the sandbox"
    for n, dossier in enumerate(targets):
        value = f"{tag}-{n}"
        store.save_dossier_changes(dossier.id, {DossierField.OUR_REFERENCE: value}).wait()
        edits.updates[dossier.id] = value
    return edits


def server_dossiers(server: SandboxServer) -> list[dict[str, Any]]:
    """Every dossier on the server, read by a clean client (faults must be off)."""
    rows: list[dict[str, Any]] = []
    with httpx.Client(
        base_url=server.company_url + "/",
        headers={"Authorization": f"Bearer {server.issue_token('caseworker@demo', lifetime_s=600)}"},
        timeout=30.0,
        trust_env=False,
    ) as client:
        url: str | None = "dossiers"
        params: dict[str, str] | None = {"$select": "id,description,ourReference"}
        while url:
            response = client.get(url, params=params)
            assert response.status_code == 200, response.text
            body = response.json()
            rows.extend(body["value"])
            url, params = body.get("@odata.nextLink"), None
    return rows


def verify_exactly_once(rig: StoreRig | tuple[SandboxServer, Cache, Outbox], edits: Edits) -> None:
    """After recovery: the server and the cache hold every acknowledged edit exactly once.

    Also records the figures (edits checked, lost, duplicated) before asserting.
    """
    server, cache, outbox = rig if isinstance(rig, tuple) else (rig.server, rig.cache, rig.outbox)
    server.faults = FaultConfig()
    rows = server_dossiers(server)
    # Creates carry no marker of ours (the user's fields are theirs): each description is unique.
    wanted = set(edits.creates.values())
    by_description = Counter(r["description"] for r in rows if r["description"] in wanted)
    by_id = {r["id"]: r for r in rows}
    cached = cache.load_dossiers()
    cached_descriptions = Counter(d.description for d in cached if d.description in wanted)
    cached_by_id = {d.id: d for d in cached}
    lost = duplicated = 0
    for description in edits.creates.values():
        on_server = by_description.get(description, 0)
        in_cache = cached_descriptions.get(description, 0)
        lost += on_server == 0 or in_cache == 0
        duplicated += max(0, on_server - 1) + max(0, in_cache - 1)
    for dossier_id, value in edits.updates.items():
        server_row = by_id.get(dossier_id)
        cached_row = cached_by_id.get(dossier_id)
        lost += server_row is None or server_row["ourReference"] != value
        lost += cached_row is None or cached_row.our_reference != value
    record("edits_checked", len(edits))
    record("lost", lost)
    record("duplicated", duplicated)
    assert not [d.id for d in cached if is_local_id(d.id)], "temporary rows left in the cache"
    assert outbox.items() == [], "writes still queued after recovery"
    assert lost == 0, f"{lost} acknowledged edits lost"
    assert duplicated == 0, f"{duplicated} acknowledged creates duplicated"


def note_faults(server: SandboxServer) -> int:
    """Faults injected so far by ``server`` (recorded by the fixture at teardown, not here)."""
    return sum(server.stats()["faults"].values())


def wait_until(predicate: Any, timeout: float = 10.0, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(interval)


def readable_all(messages: Iterable[str]) -> None:
    for message in messages:
        assert_readable(message)
