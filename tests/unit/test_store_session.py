"""The store session: one graph opened and closed as one, and events posted to the loop thread."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from dossier_desk.api.models import UploadRules
from dossier_desk.store import profile_paths
from dossier_desk.store.session import StoreSession, open_session
from tests.unit.store_helpers import make_dossier


class ThreadRecorder:
    """A listener noting each event with the thread it arrived on."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *_args: self.calls.append((name, threading.get_ident()))


class ThreadedRecorder(ThreadRecorder):
    handles_threads = True  # marshals its own calls: gets them where they are raised


def _seeded(session: StoreSession) -> str:
    dossier = make_dossier(1)
    session.cache.upsert_dossiers([dossier]).wait()
    return dossier.id


def test_one_graph_shares_its_parts_and_knows_its_account() -> None:
    mine = UploadRules(allowed_extensions=(".pdf",))

    async def scenario() -> None:
        session = await open_session(
            profile_paths("p", "c"), None, ThreadRecorder(), author="anna", upload_rules=mine
        )
        try:
            assert session.store.cache is session.cache is session.engine.cache
            assert session.store.outbox is session.outbox is session.engine.outbox
            assert session.engine.upload_rules is session.upload_rules
            assert session.upload_rules.current() == (mine, "profile")
            dossier_id = _seeded(session)
            item = session.store.save_dossier_changes(dossier_id, {"description": "x"}).wait()
            assert session.outbox.get(item.id).author == "anna"
            assert session.may_use_network()
            session.set_work_offline(True)
            assert session.working_offline
            assert not session.may_use_network()
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_events_raised_off_the_loop_thread_arrive_on_it_and_wake_the_sync_there() -> None:
    listener = ThreadRecorder()

    async def scenario() -> None:
        session = await open_session(profile_paths("p", "c"), None, listener)
        loop_thread = threading.get_ident()
        wakes: list[int] = []
        session.engine.request_sync = lambda: wakes.append(threading.get_ident())  # type: ignore[method-assign]
        try:
            dossier_id = _seeded(session)
            session.store.save_dossier_changes(dossier_id, {"description": "on the loop"}).wait()
            assert ("outbox_changed", loop_thread) in listener.calls  # at once, not a loop turn later
            listener.calls.clear()
            await asyncio.to_thread(
                lambda: session.store.save_dossier_changes(dossier_id, {"description": "worker"}).wait()
            )
            await asyncio.sleep(0)  # the posted calls run on the next loop turn
            await asyncio.sleep(0)
            assert {name for name, _ in listener.calls} >= {"dossiers_changed", "outbox_changed"}
            assert {thread for _, thread in listener.calls} == {loop_thread}
            assert wakes == [loop_thread, loop_thread]
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_a_listener_that_handles_threads_gets_events_where_they_are_raised() -> None:
    listener = ThreadedRecorder()

    async def scenario() -> None:
        session = await open_session(profile_paths("p", "c"), None, listener)
        try:
            dossier_id = _seeded(session)
            worker = await asyncio.to_thread(
                lambda: (
                    session.store.save_dossier_changes(dossier_id, {"description": "w"}).wait(),
                    threading.get_ident(),
                )
            )
            assert ("outbox_changed", worker[1]) in listener.calls
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_aclose_stops_the_run_loop_then_closes_the_database_once() -> None:
    async def scenario() -> StoreSession:
        session = await open_session(profile_paths("p", "c"), None, ThreadRecorder())
        session.set_work_offline(True)  # no server here: the loop only waits
        task = session.start(interval_s=60)
        assert session.start(interval_s=60) is task  # one run loop
        await asyncio.sleep(0)
        await session.aclose()
        assert task.cancelled()
        await session.aclose()  # idempotent
        with pytest.raises(RuntimeError):
            session.start(interval_s=60)
        return session

    session = asyncio.run(scenario())
    with pytest.raises(session.db.Error):
        session.db.query("SELECT 1")


def test_the_database_is_closed_even_when_the_run_loop_fails_to_stop() -> None:
    async def stubborn(_interval_s: float) -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            raise RuntimeError("broken on the way out") from None

    async def scenario() -> StoreSession:
        session = await open_session(profile_paths("p", "c"), None, ThreadRecorder())
        session.engine.run = stubborn  # type: ignore[method-assign]
        session.start(interval_s=60)
        await asyncio.sleep(0)
        await session.aclose()
        return session

    session = asyncio.run(scenario())
    with pytest.raises(session.db.Error):
        session.db.query("SELECT 1")


def test_without_a_loop_events_come_straight_through() -> None:
    listener = ThreadRecorder()
    session = open_session(profile_paths("p", "c"), None, listener).wait()
    try:
        dossier_id = _seeded(session)
        session.store.save_dossier_changes(dossier_id, {"description": "x"}).wait()
        assert ("outbox_changed", threading.get_ident()) in listener.calls
    finally:
        session.close()
