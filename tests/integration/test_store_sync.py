"""Sync engine against the sandbox over HTTP: full, resumed, delta, reconcile."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from dossier_desk.api.odata import Query
from dossier_desk.domain.dossier_rules import DossierField
from tests.integration.store_support import other_user, rig


async def _server_ids(api) -> set[str]:
    return await api.list_dossier_ids()


def test_full_sync_of_20000_dossiers(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=20_000)

    async def scenario() -> None:
        async with rig(server, page_size=5000) as r:
            received = await r.engine.full_sync()
            expected = await _server_ids(r.api)  # what this user may see (confidential ones hidden)
            assert len(expected) > 15_000
            assert received == len(expected)
            assert r.cache.dossier_ids() == expected
            pages = r.listener.of("dossiers_changed")
            assert len(pages) == -(-len(expected) // 5000)  # one event per page, not per row
            assert sum(len(up) for up, _gone in pages) == len(expected)
            progress = [args for args in r.listener.of("sync_progress") if args[0] == "full"]
            assert progress[-1] == ("full", len(expected), len(expected))
            assert len(r.store.load_dossiers()) == len(expected)

    asyncio.run(scenario())


def test_interrupted_full_sync_resumes_where_it_stopped(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=1200)

    async def scenario() -> None:
        async with rig(server, page_size=200) as r:
            pages_seen = 0
            original = r.listener.dossiers_changed
            loop = asyncio.get_running_loop()
            syncing = asyncio.ensure_future(r.engine.full_sync())

            def stop_after_three(upserted, deleted):
                # (called on the page worker or, through the session, on the loop: stop it either way)
                nonlocal pages_seen
                original(upserted, deleted)
                pages_seen += 1
                if pages_seen == 3:
                    loop.call_soon_threadsafe(syncing.cancel)  # the app closing mid-sync

            r.listener.dossiers_changed = stop_after_three  # type: ignore[method-assign]
            with pytest.raises(asyncio.CancelledError):
                await syncing
            # (a generic OData server ignores the page size asked for and pages by its own 100)
            written = 3 * (100 if sandbox_variant == "odata" else 200)
            assert r.cache.dossier_count() == written
            r.listener.dossiers_changed = original  # type: ignore[method-assign]
            received = await r.engine.full_sync()
            expected = await r.api.list_dossier_ids()
            assert received == len(expected) - written  # only the rest was fetched
            assert r.cache.dossier_ids() == expected

    asyncio.run(scenario())


def test_delta_sync_picks_up_creates_and_updates(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=100)

    async def scenario() -> None:
        async with rig(server, overlap=timedelta(0)) as r, other_user(server) as them:
            await r.engine.full_sync()
            some = next(d for d in r.cache.load_dossiers() if d.status == "Open")
            types = await them.list_dossier_types()
            contacts = await them.list_contacts()
            created = await them.create_dossier(
                {
                    "description": "Made elsewhere",
                    "dossierTypeCode": types[0].code,
                    "primaryContactNo": contacts[0].no,
                }
            )
            updated = await them.update_dossier(some.id, some.etag, {"yourReference": "REF-42"})
            r.listener.events.clear()
            received = await r.engine.delta_sync()
            assert received == 2
            assert r.cache.dossier(created.id) == created
            assert r.cache.dossier(some.id).your_reference == "REF-42"
            assert r.cache.dossier(some.id).etag == updated.etag
            ((upserted, deleted),) = r.listener.of("dossiers_changed")
            assert {d.id for d in upserted} == {created.id, some.id}
            assert deleted == []
            assert await r.engine.delta_sync() == 0  # nothing new since

    asyncio.run(scenario())


def test_delta_sync_with_overlap_and_server_touch(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=200)

    async def scenario() -> None:
        async with rig(server) as r:  # default 2-minute overlap re-reads recent rows: harmless
            await r.engine.full_sync()
            before = {d.id: d.etag for d in r.cache.load_dossiers()}
            server.touch(5)
            await r.engine.delta_sync()
            after = {d.id: d.etag for d in r.cache.load_dossiers()}
            changed = {i for i in before if before[i] != after.get(i)}
            server_now = {d.id: d.etag async for page in r.api.iter_dossier_pages(Query()) for d in page}
            assert after == server_now
            assert len(changed) <= 5

    asyncio.run(scenario())


def test_server_deletions_disappear_after_reconcile(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=60)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await r.engine.full_sync()
            victims = sorted(d.id for d in r.cache.load_dossiers() if d.status != "Archived")[:3]
            for dossier_id in victims:
                current = await them.get_dossier(dossier_id)
                await them.delete_dossier(dossier_id, current.etag)
            await r.engine.delta_sync()
            assert set(victims) <= r.cache.dossier_ids()  # delta sync cannot see deletions
            r.listener.events.clear()
            gone = await r.engine.reconcile_deletions()
            assert sorted(gone) == victims
            assert not set(victims) & r.cache.dossier_ids()
            assert r.listener.of("dossiers_changed") == [([], victims)]
            assert all(r.store.dossier(v) is None for v in victims)

    asyncio.run(scenario())


def test_sync_now_fills_reference_data_and_reports(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=30)

    async def scenario() -> None:
        async with rig(server) as r:
            assert await r.engine.sync_now() is None
            assert r.store.dossier_types()
            assert r.store.contacts()
            assert r.cache.dossier_count() > 0
            ((_when, error),) = r.listener.of("sync_finished")
            assert error is None
            assert r.listener.of("connectivity_changed") == [(True, False)]
            r.engine.set_work_offline(True)
            assert await r.engine.sync_now() is None
            assert r.listener.of("connectivity_changed")[-1] == (True, True)

    asyncio.run(scenario())


def test_sync_events_show_pending_edits_over_server_rows(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=50)

    async def scenario() -> None:
        async with rig(server, page_size=20) as r:
            await r.engine.full_sync()
            target = next(d for d in r.cache.load_dossiers() if d.status in ("New", "Open", "In Process"))
            r.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "pending here"}).wait()
            r.listener.events.clear()
            await r.engine.full_sync()  # a re-sync delivers the server row again
            rows = [d for up, _gone in r.listener.of("dossiers_changed") for d in up if d.id == target.id]
            assert [d.our_reference for d in rows] == ["pending here"]
            assert r.cache.dossier(target.id).our_reference != "pending here"  # server copy stays pure

    asyncio.run(scenario())
