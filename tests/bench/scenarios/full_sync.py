"""Full sync of every dossier: the real ``SyncEngine`` into a real cache vs bare httpx paging.

Both run on the harness's qasync loop against the out-of-process sandbox, with the same URL, query,
page size and token. The floor reads each body and finds the next link without decoding; the engine
decodes (msgspec), overlays the outbox, writes SQLite (WAL, synchronous=FULL) and emits page events.
Runs alternate (floor, engine, floor, engine...) so drift on the machine hits both alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.bench.figures import Budget, Figure
from tests.bench.sync_support import bare_paging, engine_page_size, full_sync_into

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

NAME = "full_sync"
BUDGET = Budget("ratio_max", 1.3, "<= 1.3x bare httpx paging of the same pages (no decode/store)")


def run(ctx: BenchContext) -> list[Figure]:
    """Repeat floor and engine ``ctx.options.repeat`` times each; one figure."""
    page_size = engine_page_size()
    engine_s: list[float] = []
    floor_s: list[float] = []
    rows = pages = size = 0
    for i in range(ctx.options.repeat):
        pages, seconds, size = ctx.run(bare_paging(ctx, page_size))
        floor_s.append(seconds)
        rows, seconds = ctx.run(full_sync_into(ctx, f"bench-full-{i}"))
        engine_s.append(seconds)
    return [
        Figure(
            name="full_sync",
            scenario=NAME,
            unit="s",
            samples=engine_s,
            floor_name="bare httpx paging, bodies read, not decoded or stored",
            floor_samples=floor_s,
            budget=BUDGET,
            details={
                "rows": rows,
                "pages": pages,
                "page_size": page_size,
                "bytes": size,
                "rows_per_s": round(rows / min(engine_s), 1) if engine_s else None,
            },
        )
    ]
