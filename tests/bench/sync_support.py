"""Sync helpers shared by the sync scenarios: the real engine into a real cache, and the bare-paging floor."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

_NEXT_LINK = b'"@odata.nextLink"'


def full_sync_query_params() -> dict[str, str]:
    """The query the engine's full sync sends on its first page (same builder, so the same URL)."""
    from dossier_desk.api.odata import Query

    return Query().order_by("lastModifiedDateTime").order_by("id").count().to_params()


async def full_sync_into(
    ctx: BenchContext, profile: str, *, keep: bool = False, listener: Any = None, **engine_kw: Any
) -> tuple[int, float]:
    """One real ``SyncEngine.full_sync()`` into a fresh cache for ``profile``; returns (rows, seconds).

    The timed span is ``full_sync()`` alone: opening the database and building the engine are not in it.
    The profile's data is removed afterwards unless ``keep``; a kept cache also gets the reference data
    (dossier types, contacts), as after the app's first sync pass.
    """
    from dossier_desk.store import NullListener
    from dossier_desk.store.session import open_session

    ctx.drop_profile(profile)
    api = ctx.api()
    session = await open_session(ctx.profile_paths(profile), api, listener or NullListener(), **engine_kw)
    try:
        engine = session.engine
        began = time.perf_counter()
        rows = await engine.full_sync()
        seconds = time.perf_counter() - began
        if keep:
            await engine.refresh_reference_data()
    finally:
        await api.aclose()
        await session.aclose()
        if not keep:
            ctx.drop_profile(profile)
    return rows, seconds


def next_link_of(body: bytes) -> str | None:
    """``@odata.nextLink`` of a collection body without decoding the body (it sits after ``value``)."""
    at = body.rfind(_NEXT_LINK)
    if at < 0:
        return None
    start = body.index(b'"', at + len(_NEXT_LINK)) + 1
    end = start
    while True:  # find the closing quote, skipping escaped ones
        end = body.index(b'"', end)
        if body[end - 1] != 0x5C:  # backslash
            break
        end += 1
    raw = body[start:end]
    return json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode()


async def bare_paging(ctx: BenchContext, page_size: int) -> tuple[int, float, int]:
    """The floor: the same pages with bare httpx, bodies read but not decoded or stored.

    Returns (pages, seconds, bytes). Same URL, query, ``Prefer`` header and bearer token as the engine.
    """
    url: str | None = f"{ctx.sandbox.company_url}/dossiers"
    params: dict[str, str] | None = full_sync_query_params()
    headers = {
        "Authorization": f"Bearer {ctx.sandbox.token}",
        "Accept": "application/json",
        "Prefer": f"odata.maxpagesize={page_size}",
    }
    pages = size = 0
    async with httpx.AsyncClient(trust_env=False, timeout=120, headers=headers) as client:
        began = time.perf_counter()
        while url is not None:
            response = await client.get(url, params=params)
            response.raise_for_status()
            body = response.content
            size += len(body)
            pages += 1
            url, params = next_link_of(body), None
        seconds = time.perf_counter() - began
    return pages, seconds, size


def engine_page_size() -> int:
    """The page size the app's engine asks for (its constructor default)."""
    import inspect

    from dossier_desk.store import SyncEngine

    return int(inspect.signature(SyncEngine).parameters["page_size"].default)
