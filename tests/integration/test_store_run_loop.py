"""The periodic loop: sync on start, queue while offline, push by itself after reconnect."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from dossier_desk.domain.dossier_rules import DossierField
from tests.integration.store_netproxy import NetProxy
from tests.integration.store_support import rig


async def _until(predicate, within_s: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def test_run_loop_pushes_after_reconnect_and_honours_work_offline(sandbox_factory, logging_expected) -> None:
    server = sandbox_factory(dossiers=30)
    host = urlsplit(server.api_root)
    proxy = NetProxy(host.hostname, host.port)

    async def scenario() -> None:
        async with rig(server, api_root=proxy.rewrite(server.api_root), offline_retry_s=0.1) as r:
            task = asyncio.create_task(r.engine.run(interval_s=3600))
            try:
                await _until(lambda: r.cache.dossier_count() > 0)  # synced on start
                target = next(d for d in r.store.load_dossiers() if d.status in ("New", "Open", "In Process"))

                proxy.set_up(False)
                r.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "queued offline"}).wait()
                await _until(lambda: r.engine.online is False)
                assert r.outbox.counts() == (1, 0, 0)

                proxy.set_up(True)  # no user action: the loop's retry finds the server and pushes
                await _until(lambda: r.outbox.counts() == (0, 0, 0))
                assert r.engine.online is True
                assert (await r.api.get_dossier(target.id)).our_reference == "queued offline"

                r.engine.set_work_offline(True)
                r.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "held back"}).wait()
                await asyncio.sleep(0.3)
                assert r.outbox.counts() == (1, 0, 0)  # nothing sent while working offline
                r.engine.set_work_offline(False)
                await _until(lambda: r.outbox.counts() == (0, 0, 0))
                assert (await r.api.get_dossier(target.id)).our_reference == "held back"
                assert (True, True) in r.listener.of("connectivity_changed")
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

    try:
        asyncio.run(scenario())
    finally:
        proxy.close()


def test_an_unreachable_sign_in_service_counts_as_offline(sandbox_factory) -> None:
    """A returning start learns it is offline from the sign-in service before any request: that outcome
    goes through the engine like a request's, so every listener (status bar, empty-table hint) hears it."""
    from dossier_desk.auth import AuthNetworkError

    server = sandbox_factory(dossiers=5)

    async def scenario() -> None:
        async with rig(server) as r:
            assert r.engine.online is None
            r.engine.note_outcome(AuthNetworkError("login.example.test unreachable"))
            assert r.engine.online is False
            assert r.listener.of("connectivity_changed") == [(False, False)]

    asyncio.run(scenario())
