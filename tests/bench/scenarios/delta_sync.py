"""Delta sync after 100 dossiers changed on the server, vs a full sync (both the real engine).

The engine re-reads an overlap window before its high-water mark (``--delta-overlap-s``; the engine's
default unless ``--quick``). The seed stamps its rows one millisecond apart, so a high-water mark taken
from seeded rows would put up to "overlap in ms" seeded rows in the window (120,000 for 2 minutes):
an artefact of seed data, not of real use. So, as in real use, the cache's high-water mark comes
from a real change: before the first repeat the scenario waits until the newest seeded row is older
than the overlap and changes 100 dossiers (untimed). Then each repeat: full sync into a fresh cache
(the floor), ``POST /_sandbox/touch`` 100 dossiers, time ``SyncEngine.delta_sync()``. The delta then
fetches the 100 new changes plus the earlier changes still inside the overlap, as the app's sync timer
would. ``rows_fetched`` per repeat is reported.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import httpx

from tests.bench.figures import Budget, Figure

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

NAME = "delta_sync"
CHANGED = 100
BUDGET = Budget("ratio_max", 0.02, "<= 0.02x full sync")


def _newest_change(ctx: BenchContext) -> datetime:
    """The server's newest ``lastModifiedDateTime`` among dossiers."""
    params = {"$top": "1", "$select": "id,lastModifiedDateTime", "$orderby": "lastModifiedDateTime desc"}
    headers = {"Authorization": f"Bearer {ctx.sandbox.token}"}
    with httpx.Client(trust_env=False, timeout=60, headers=headers) as client:
        response = client.get(f"{ctx.sandbox.company_url}/dossiers", params=params)
        response.raise_for_status()
        return datetime.fromisoformat(
            response.json()["value"][0]["lastModifiedDateTime"].replace("Z", "+00:00")
        )


async def _age_seed(ctx: BenchContext, overlap: timedelta) -> float:
    """Wait until the newest seeded row is older than ``overlap``, change 100 dossiers; returns s waited."""
    wait = max(0.0, (_newest_change(ctx) + overlap - datetime.now(UTC)).total_seconds() + 0.5)
    if wait > 0:
        await asyncio.sleep(wait)
    ctx.sandbox.touch(CHANGED)
    return wait


async def _full_then_delta(ctx: BenchContext, profile: str, overlap: timedelta) -> tuple[float, float, int]:
    """(full sync s, delta sync s, rows fetched by the delta) on one fresh cache."""
    from dossier_desk.store import NullListener
    from dossier_desk.store.session import open_session

    ctx.drop_profile(profile)
    api = ctx.api()
    session = await open_session(ctx.profile_paths(profile), api, NullListener(), overlap=overlap)
    try:
        engine = session.engine
        began = time.perf_counter()
        await engine.full_sync()
        full_s = time.perf_counter() - began
        ctx.sandbox.touch(CHANGED)
        began = time.perf_counter()
        fetched = await engine.delta_sync()
        delta_s = time.perf_counter() - began
    finally:
        await api.aclose()
        await session.aclose()
        ctx.drop_profile(profile)
    return full_s, delta_s, fetched


def run(ctx: BenchContext) -> list[Figure]:
    """One figure: delta sync seconds against full sync seconds."""
    overlap = timedelta(seconds=ctx.options.delta_overlap_s)
    waited = ctx.run(_age_seed(ctx, overlap))
    full: list[float] = []
    delta: list[float] = []
    fetched: list[int] = []
    for i in range(ctx.options.repeat):
        full_s, delta_s, rows = ctx.run(_full_then_delta(ctx, f"bench-delta-{i}", overlap))
        full.append(full_s)
        delta.append(delta_s)
        fetched.append(rows)
    return [
        Figure(
            name="delta_sync_100_changed",
            scenario=NAME,
            unit="s",
            samples=delta,
            floor_name="full sync (real engine, fresh cache)",
            floor_samples=full,
            budget=BUDGET,
            details={
                "changed": CHANGED,
                "rows_fetched": fetched,
                "overlap_s": overlap.total_seconds(),
                "waited_for_seed_to_age_s": round(waited, 1),
            },
        )
    ]
