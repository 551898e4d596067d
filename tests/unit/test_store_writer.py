"""The database's writer thread and read connections: reads never wait for a write, writes keep order.

A write "held open" here is a transaction whose body waits on an event: it stands for a big sync page
being written (or its fsync) while the GUI thread keeps reading and saving.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest

from dossier_desk.store import Cache, Database, open_database, profile_paths
from dossier_desk.store.cache import UPSERT_DOSSIER_SQL, dossier_row
from dossier_desk.store.events import NullListener
from dossier_desk.store.session import open_session
from tests.unit.store_helpers import make_dossier, memory_keyring  # noqa: F401

PAGE = [make_dossier(i) for i in range(2_000)]


@pytest.fixture
def db() -> Iterator[Database]:
    database = open_database(profile_paths("writer", "c"))
    yield database
    database.close()


def hold_page_open(db: Database, page=PAGE):
    """Start writing ``page`` in a transaction that stays open until the returned event is set."""
    started, release = threading.Event(), threading.Event()

    def write_page(conn) -> str:
        conn.executemany(UPSERT_DOSSIER_SQL, [dossier_row(d) for d in page])
        started.set()
        assert release.wait(10)
        return threading.current_thread().name

    future = db.write(write_page)
    assert started.wait(10)
    return future, release


def test_a_read_returns_at_once_while_a_long_write_is_open(db: Database) -> None:
    cache = Cache(db)
    cache.upsert_dossiers(PAGE[:1]).wait()
    future, release = hold_page_open(db)
    try:
        began = time.perf_counter()
        count = cache.dossier_count()
        elapsed = time.perf_counter() - began
        assert count == 1  # the open transaction is not visible yet
        assert elapsed < 0.5  # generous: a read that waited for the writer would take the whole hold
        assert not future.done()
    finally:
        release.set()
    assert future.result(10) == "cache-writer"  # the write ran on the writer thread
    assert cache.dossier_count() == len(PAGE)  # the next read sees the commit


def test_writes_run_in_order_and_a_failing_write_rolls_back(db: Database) -> None:
    cache = Cache(db)
    order: list[int] = []
    futures = [db.write(lambda conn, i=i: order.append(i)) for i in range(20)]

    def half_then_fail(conn) -> None:
        conn.executemany(UPSERT_DOSSIER_SQL, [dossier_row(d) for d in PAGE[:5]])
        raise ValueError("no")

    failing = db.write(half_then_fail)
    for f in futures:
        f.result(10)
    assert order == list(range(20))
    with pytest.raises(ValueError):
        failing.result(10)
    assert cache.dossier_count() == 0
    cache.upsert_dossiers(PAGE[:3]).wait()  # the writer carries on after a failure
    assert cache.dossier_count() == 3


def test_a_write_inside_a_write_joins_its_transaction(db: Database) -> None:
    cache = Cache(db)

    def outer(conn) -> None:
        cache.upsert_dossiers(PAGE[:2]).wait()  # a helper that writes on its own, called inside a write
        assert cache.dossier_count() == 2  # reads on the writer thread see its own transaction
        raise RuntimeError("undo all")

    with pytest.raises(RuntimeError):
        db.write_sync(outer)
    assert cache.dossier_count() == 0


def test_reads_cannot_write(db: Database) -> None:
    with pytest.raises(db.Error):
        db.query("DELETE FROM dossiers")


def test_close_lands_every_write_already_handed_over() -> None:
    paths = profile_paths("drain", "c")
    db = open_database(paths)
    future, release = hold_page_open(db)
    rows = [dossier_row(make_dossier(5000 + i)) for i in range(5)]
    queued = [db.write(lambda conn, row=row: conn.execute(UPSERT_DOSSIER_SQL, row)) for row in rows]
    threading.Timer(0.2, release.set).start()
    db.close()
    assert future.done()
    assert all(f.done() for f in queued)
    with pytest.raises(db.Error):
        db.write(lambda conn: None)
    with open_database(paths) as again:
        assert Cache(again).dossier_count() == len(PAGE) + 5


def test_an_encrypted_cache_reads_on_other_threads_with_the_same_key(memory_keyring) -> None:  # noqa: F811
    with open_database(profile_paths("enc", "c")) as db:
        assert db.encrypted
        Cache(db).upsert_dossiers(PAGE[:10]).wait()
        seen: list[int] = []
        worker = threading.Thread(target=lambda: seen.append(Cache(db).dossier_count()))
        worker.start()
        worker.join(10)
        assert seen == [10]


def test_a_save_during_a_long_page_write_never_blocks_the_loop() -> None:
    paths = profile_paths("loop", "c")
    lags: list[float] = []

    async def scenario() -> float:
        session = await open_session(paths, None, NullListener())
        db, store = session.db, session.store
        await session.cache.upsert_dossiers(PAGE[:1])
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()

        async def ticker() -> None:
            last = loop.time()
            while not stop.is_set():
                await asyncio.sleep(0.005)
                now = loop.time()
                lags.append(now - last - 0.005)
                last = now

        ticking = asyncio.ensure_future(ticker())
        page, release = hold_page_open(db)
        loop.call_later(1.0, release.set)  # the page write takes a second
        began = loop.time()
        item = await store.save_dossier_changes(PAGE[0].id, {"description": "Saved meanwhile"})
        saved_after = loop.time() - began
        assert item.dossier_id == PAGE[0].id
        await asyncio.wrap_future(page)
        stop.set()
        await ticking
        await session.aclose()
        assert db.closed
        return saved_after

    saved_after = asyncio.run(scenario())
    assert saved_after >= 0.9  # the save queued behind the page, as writes keep their order...
    assert len(lags) > 50  # ...while the loop kept ticking through that second
    assert max(lags) < 0.25  # generous for a loaded machine; the shared connection blocked ~1 s here
    again = open_session(paths, None, NullListener()).wait()
    try:
        assert again.store.dossier(PAGE[0].id).description == "Saved meanwhile"  # on disk, queued
    finally:
        again.close()
