"""Fault scenarios through the real services: DossierApi -> HTTP -> sandbox, SyncEngine, DossierStore,
Outbox and the SQLite cache on disk.

Each scenario: fill the cache; queue creates and edits (acknowledged: committed to the outbox); a *hard*
phase where every matching request fails (the user must get the right error class with a readable
message, and nothing queued may be dropped); a *flaky* phase where some requests fail; recovery. After
recovery the server (read by a clean client) and the cache hold every acknowledged edit exactly once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from dossier_desk.api import (
    ApiError,
    AuthenticationError,
    MalformedResponseError,
    NetworkError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
)
from dossier_desk.store.outbox_errors import ErrorKind
from dossier_sandbox import FaultConfig, SandboxServer
from tests.fault.support import (
    check_user_error,
    make_edits,
    server_dossiers,
    store_rig,
    verify_exactly_once,
)
from tests.fault_summary import record
from tests.integration.store_netproxy import NetProxy
from tests.integration.store_support import other_user as other_user_api

pytestmark = pytest.mark.usefixtures("logging_expected")


@dataclass(frozen=True)
class Scenario:
    name: str
    hard: FaultConfig
    expected: tuple[type[ApiError], ...]
    flaky: FaultConfig
    timeout: float = 10.0
    max_retries: int = 2
    settle_s: float = 0.0  # let requests the server already accepted finish before recovery
    offline: bool = False  # the hard phase must mark the engine offline


SCENARIOS = [
    Scenario(
        "429-storm",
        FaultConfig(throttle_rate=1.0, retry_after_s=1),
        (RateLimitedError,),
        FaultConfig(throttle_rate=0.5, retry_after_s=1, max_faults=4, seed=3),
        max_retries=1,
    ),
    Scenario(
        "5xx-burst",
        FaultConfig(error_rate=1.0, error_statuses=(500, 503, 504)),
        (ServerError,),
        FaultConfig(error_rate=0.5, error_statuses=(500, 503, 504), max_faults=15, seed=5),
    ),
    Scenario(
        "dropped-mid-response",
        FaultConfig(drop_rate=1.0),
        (NetworkError,),
        FaultConfig(drop_rate=0.4, max_faults=10, seed=7),
        offline=True,
    ),
    Scenario(
        "truncated-json",
        FaultConfig(truncate_rate=1.0),
        (MalformedResponseError,),
        FaultConfig(truncate_rate=0.4, max_faults=10, seed=11),
    ),
    Scenario(
        "write-committed-then-dropped",
        FaultConfig(commit_then_drop_rate=1.0, methods=("POST", "PATCH")),
        (NetworkError,),
        FaultConfig(commit_then_drop_rate=0.5, methods=("POST", "PATCH"), max_faults=6, seed=13),
        offline=True,
    ),
    Scenario(
        "slow-past-timeout",
        FaultConfig(latency_ms=1500),
        (RequestTimeoutError,),
        FaultConfig(latency_jitter_ms=900, seed=17),
        timeout=0.5,
        max_retries=1,
        settle_s=1.6,
        offline=True,
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_fault_scenario_keeps_every_edit_exactly_once(
    fault_sandbox: Callable[..., SandboxServer], scenario: Scenario
) -> None:
    server = fault_sandbox(dossiers=40)

    async def run() -> None:
        async with store_rig(
            server, client_timeout=scenario.timeout, max_retries=scenario.max_retries
        ) as rig:
            assert await rig.sync() is None
            cached_before = rig.cache.dossier_count()
            edits = make_edits(rig, scenario.name, creates=4, updates=4)
            queued = len(rig.outbox.items())
            assert queued == len(edits)
            for dossier_id, value in edits.updates.items():  # shown at once, before any network
                assert rig.store.dossier(dossier_id).our_reference == value

            server.faults = scenario.hard
            error = await rig.sync()
            check_user_error(error, *scenario.expected)
            finished = rig.listener.of("sync_finished")[-1]
            assert finished[1] is error  # the UI's bridge hears the same error
            assert len(rig.outbox.items()) == queued, "a failed push dropped queued writes"
            for item in rig.outbox.items():
                if item.error is not None:  # kept as data (the UI words it): never a bug of ours
                    assert item.error.kind is not ErrorKind.UNEXPECTED, item.error
            assert rig.cache.dossier_count() >= cached_before  # the cache survives a failed pass
            if scenario.offline:
                assert rig.engine.online is False
                assert rig.listener.of("connectivity_changed")[-1] == (False, False)

            server.faults = scenario.flaky
            for _ in range(4):
                rig.clock.skip()
                error = await rig.sync()
                if error is not None:
                    check_user_error(error, ApiError)
            if scenario.settle_s:
                await asyncio.sleep(scenario.settle_s)
            server.faults = FaultConfig()
            await rig.drain()
            assert rig.engine.online is True
            assert rig.listener.of("outbox_changed")[-1] == (0, 0, 0)
            verify_exactly_once(rig, edits)
            assert rig.cache.dossier_count() == len(server_dossiers(server))

    asyncio.run(run())
    assert sum(server.stats()["faults"].values()) > 0
    record("scenarios")


def test_server_down_for_a_while_then_back(fault_sandbox: Callable[..., SandboxServer]) -> None:
    """The network to the server is cut (connections refused and reset) while the user keeps working;
    the background sync loop notices the server is back by itself and sends everything once."""
    server = fault_sandbox(dossiers=40)
    target = urlsplit(server.api_root)
    proxy = NetProxy(target.hostname or "127.0.0.1", target.port or 80)

    async def run() -> None:
        async with store_rig(
            server, api_root=proxy.rewrite(server.api_root), client_timeout=2.0, offline_retry_s=0.2
        ) as rig:
            assert await rig.sync() is None
            runner = asyncio.create_task(rig.engine.run(interval_s=30))
            try:
                proxy.set_up(False)
                edits = make_edits(rig, "down", creates=3, updates=3)  # wakes the loop: push fails
                await _until(lambda: rig.engine.online is False)
                assert rig.listener.of("connectivity_changed")[-1] == (False, False)
                await asyncio.sleep(1.5)  # down for a while: the loop keeps retrying with backoff
                failures = [e for _t, e in rig.listener.of("sync_finished") if e is not None]
                assert len(failures) >= 2
                for failure in failures:
                    check_user_error(failure, NetworkError, RequestTimeoutError)
                assert len(rig.outbox.items()) == len(edits)
                more = make_edits(rig, "down-late", creates=1, updates=1)
                proxy.set_up(True)
                # The push's completions reach the disk on the writer thread, so the queue can read empty
                # a moment before the push returns and the engine calls the server reachable.
                await _until(lambda: not rig.outbox.items() and rig.engine.online is not False, within=20)
                assert rig.engine.online is True
            finally:
                runner.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await runner
            edits.creates.update(more.creates)
            edits.updates.update(more.updates)
            verify_exactly_once(rig, edits)

    try:
        asyncio.run(run())
    finally:
        proxy.close()
    record("scenarios")


def test_token_expiry_mid_sync_refreshes_and_loses_nothing(
    fault_sandbox: Callable[..., SandboxServer],
) -> None:
    """Access tokens live one second; responses are slow, so tokens expire in the middle of a paged
    sync and of a push. Each 401 triggers one forced refresh and the request is repeated."""
    server = fault_sandbox(dossiers=60, token_lifetime_s=1)

    async def run() -> None:
        async with store_rig(server) as rig:
            assert await rig.sync() is None
            edits = make_edits(rig, "expiry", creates=3, updates=3)
            server.faults = FaultConfig(latency_ms=250)
            rig.engine.cache.set_state({"full.done": "0"}).wait()  # a full paged resync, under slow responses
            assert await rig.sync() is None
            server.faults = FaultConfig()
            assert server.stats()["requests"]["byStatus"].get("401", 0) >= 1
            assert rig.tokens.issued >= 2
            assert rig.cache.dossier_count() == len(server_dossiers(server))
            verify_exactly_once(rig, edits)

    asyncio.run(run())
    record("scenarios")


def test_refresh_refused_mid_push_asks_to_sign_in_and_keeps_the_queue(
    fault_sandbox: Callable[..., SandboxServer],
) -> None:
    """The token expires and the refresh is refused (password changed, session revoked): the push
    stops with AuthenticationError ("sign in again"), nothing queued is lost; after signing in again
    everything is sent once."""
    server = fault_sandbox(dossiers=30, token_lifetime_s=1)
    signed_in = [True]

    async def run() -> None:
        async with store_rig(server) as rig:

            def issue() -> str:
                if not signed_in[0]:
                    raise RuntimeError("refresh token revoked")
                return server.issue_token("caseworker@demo")

            rig.tokens._issue = issue  # the provider behind the real API client
            assert await rig.sync() is None
            edits = make_edits(rig, "revoked", creates=2, updates=2)
            signed_in[0] = False
            await asyncio.sleep(1.1)  # the cached token expires
            error = await rig.sync()
            check_user_error(error, AuthenticationError)
            assert "sign in" in error.user_message().lower()
            assert len(rig.outbox.items()) == len(edits)
            signed_in[0] = True
            await rig.drain()
            verify_exactly_once(rig, edits)

    asyncio.run(run())
    record("scenarios")


async def _until(predicate: Callable[[], bool], within: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


@pytest.mark.parametrize(
    "hard",
    [
        FaultConfig(commit_then_drop_rate=1.0, methods=("POST",)),
        FaultConfig(truncate_rate=1.0, methods=("POST",)),
    ],
    ids=["committed-then-dropped", "truncated"],
)
def test_uploads_and_workflow_actions_land_exactly_once(
    fault_sandbox: Callable[..., SandboxServer], tmp_path, hard: FaultConfig
) -> None:
    """Queued document uploads and workflow actions whose response is lost after the server committed
    them are recognised on replay (same file, size and description; line already completed)."""
    server = fault_sandbox(dossiers=30)
    tag = f"upl-{hard.commit_then_drop_rate:.0f}-{hard.truncate_rate:.0f}"

    async def run() -> None:
        async with store_rig(server) as rig:
            assert await rig.sync() is None
            targets = []
            for dossier in rig.store.load_dossiers():
                if dossier.status not in ("New", "Open", "In Process"):
                    continue
                log = await rig.store.refresh_workflow(dossier.id)
                line = next((e for e in log if e.state in ("Current", "Overdue")), None)
                if line is not None:
                    targets.append((dossier.id, line.line_no))
                if len(targets) == 3:
                    break
            for n, (dossier_id, line_no) in enumerate(targets):
                path = tmp_path / f"{tag}-{n}.pdf"
                path.write_bytes(b"%PDF-" + bytes(range(n + 1)) * 100)
                rig.store.queue_upload(dossier_id, path, description=f"{tag} {n}").wait()
                rig.store.queue_workflow_action(dossier_id, "complete", line_no, "done under faults").wait()
            queued = len(rig.outbox.items())
            server.faults = hard
            error = await rig.sync()
            assert error is None or check_user_error(error, NetworkError, MalformedResponseError)
            assert len(rig.outbox.items()) == queued
            assert sum(server.stats()["faults"].values()) >= 1
            server.faults = FaultConfig(error_rate=0.4, max_faults=6, seed=23)
            for _ in range(3):
                rig.clock.skip()
                await rig.sync()
            server.faults = FaultConfig()
            await rig.drain()
            lost = duplicated = 0
            async with other_user_api(server) as them:
                for n, (dossier_id, line_no) in enumerate(targets):
                    docs = [d for d in await them.list_documents(dossier_id) if d.description == f"{tag} {n}"]
                    cached = [d for d in rig.cache.documents(dossier_id) if d.description == f"{tag} {n}"]
                    lost += not docs or not cached
                    duplicated += max(0, len(docs) - 1) + max(0, len(cached) - 1)
                    log = await them.workflow_log(dossier_id)
                    lost += next(e for e in log if e.line_no == line_no).state != "Completed"
            record("edits_checked", 2 * len(targets))
            record("lost", lost)
            record("duplicated", duplicated)
            assert (lost, duplicated) == (0, 0)

    asyncio.run(run())
    record("scenarios")
