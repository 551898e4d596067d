"""Server-driven paging over HTTP: 10,000 rows in pages of 500, progress, early stop and cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from dossier_desk.api import ApiProfile, DossierApi, Query
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_desk.api.transport import Transport
from dossier_sandbox import SandboxConfig, SandboxServer

pytestmark = pytest.mark.anyio


def api_for(server: SandboxServer, user: str = "occhealth@demo") -> DossierApi:
    tokens = CallbackTokenProvider(lambda: server.issue_token(user))
    return DossierApi(ApiProfile(server.api_root, server.company_id), tokens)


@pytest.fixture(scope="module")
def big_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """One 10,000-dossier sandbox for the module (seeding takes a few seconds); tests only read."""
    config = SandboxConfig(dossiers=10_000, rate_limit=None, data_dir=tmp_path_factory.mktemp("big"))
    with SandboxServer(config) as server:
        yield server


async def test_10k_rows_in_pages_of_500(big_sandbox: SandboxServer) -> None:
    progress: list[tuple[int, int | None]] = []
    sizes: list[int] = []
    ids: set[str] = set()
    before = big_sandbox.stats()["requests"]["byMethod"].get("GET", 0)
    async with api_for(big_sandbox) as api:
        async for page in api.iter_dossier_pages(
            Query().count(), page_size=500, on_progress=lambda n, t: progress.append((n, t))
        ):
            sizes.append(len(page))
            ids.update(d.id for d in page)
        all_ids = await api.list_dossier_ids()
    assert len(ids) == 10_000  # occupational health sees everything, no duplicates across pages
    assert ids == all_ids
    assert sizes == [500] * 20
    assert progress[-1] == (10_000, 10_000)
    assert [n for n, _ in progress] == [500 * (i + 1) for i in range(20)]
    await asyncio.sleep(0.2)  # the sandbox counts a request after its response is sent
    requests = big_sandbox.stats()["requests"]["byMethod"]["GET"] - before
    assert requests == 20 + 1  # 20 pages + one page of ids (20,000 per page)


async def test_breaking_out_stops_requesting(big_sandbox: SandboxServer) -> None:
    async with api_for(big_sandbox) as api:
        before = big_sandbox.stats()["requests"]["total"]
        pages = 0
        async for _page in api.iter_dossier_pages(page_size=500):
            pages += 1
            if pages == 3:
                break
        await asyncio.sleep(0.2)  # the sandbox counts a request after its response is sent
        assert big_sandbox.stats()["requests"]["total"] - before == 3


async def test_reading_ahead_keeps_order_and_breaking_out_cancels_the_one_page_ahead(
    big_sandbox: SandboxServer,
) -> None:
    async with api_for(big_sandbox) as api:
        expected = [
            d.id async for page in api.iter_dossier_pages(Query().order_by("no"), page_size=500) for d in page
        ]
        got = [
            d.id
            async for page in api.iter_dossier_pages(Query().order_by("no"), page_size=500, read_ahead=True)
            for d in page
        ]
        assert got == expected  # same rows, same order, nothing twice
        before = big_sandbox.stats()["requests"]["total"]
        pages = 0
        ahead = api.iter_dossier_pages(page_size=500, read_ahead=True)
        async for _page in ahead:
            pages += 1
            if pages == 3:
                break
        await ahead.aclose()  # (as the end of a task does) the page asked for ahead is cancelled
        await asyncio.sleep(0.2)
        assert big_sandbox.stats()["requests"]["total"] - before <= 4


async def test_cancelling_the_task_stops_paging(big_sandbox: SandboxServer) -> None:
    got: list[int] = []
    first_page = asyncio.Event()

    async with api_for(big_sandbox) as api:

        async def sync_all() -> None:
            async for page in api.iter_dossier_pages(page_size=100):
                got.append(len(page))
                first_page.set()
                await asyncio.sleep(0.05)

        task = asyncio.create_task(sync_all())
        await first_page.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert 1 <= len(got) < 100


async def test_top_and_skip_with_paging(big_sandbox: SandboxServer) -> None:
    async with api_for(big_sandbox) as api:
        query = Query().order_by("no").skip(250).top(1200)
        rows = [d async for page in api.iter_dossier_pages(query, page_size=500) for d in page]
        everything = [
            d async for page in api.iter_dossier_pages(Query().order_by("no").top(1450)) for d in page
        ]
    assert len(rows) == 1200
    assert [d.id for d in rows] == [d.id for d in everything[250:1450]]


def test_page_size_bounds() -> None:
    api = DossierApi(ApiProfile("http://127.0.0.1:1/api/x/y/v1", "c"), CallbackTokenProvider(lambda: "t"))
    with pytest.raises(ValueError):
        asyncio.run(anext(api.iter_dossier_pages(page_size=0)))
    with pytest.raises(ValueError):
        asyncio.run(anext(api.iter_dossier_pages(page_size=20_001)))
    asyncio.run(api.aclose())


async def test_on_sent_runs_once_the_request_is_written_before_the_answer_is_read(
    big_sandbox: SandboxServer,
) -> None:
    events: list[str] = []
    transport = Transport(CallbackTokenProvider(lambda: big_sandbox.issue_token("occhealth@demo")))

    def decode(response: httpx.Response) -> int:
        events.append("answer")
        return response.status_code

    url = f"{big_sandbox.api_root}/companies({big_sandbox.company_id})/dossiers?$top=1"
    try:
        status = await transport.fetch("GET", url, decode, on_sent=lambda: events.append("sent"))
        plain = await transport.fetch("GET", url, decode)  # (without on_sent, nothing traces)
    finally:
        await transport.aclose()
    assert (status, plain) == (200, 200)
    assert events == ["sent", "answer", "answer"]
