"""Resident memory with every dossier loaded in the real window vs a bare PySide6 window.

Separate processes (the cold-start children), RSS read with psutil inside each child 500 ms after the
table's first paint, so start-up garbage has had a chance to be collected and the view has settled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.bench.figures import Budget, Figure
from tests.bench.processes import app_args, run_child

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

NAME = "rss"
SETTLE_MS = 500
MB = 1024 * 1024
BUDGET = Budget("delta_max", 100.0, "<= +100 MB over a bare window's RSS")


def run(ctx: BenchContext) -> list[Figure]:
    """One figure in MB; ``delta`` is what the budget judges."""
    ctx.ensure_shared_cache()
    args = app_args(ctx, settle_ms=SETTLE_MS)
    bare_mb: list[float] = []
    app_mb: list[float] = []
    rows = 0
    phases: dict[str, float] = {}
    for _ in range(ctx.options.repeat):
        bare_mb.append(run_child(ctx, "start_bare", {"settle_ms": SETTLE_MS})["rss_bytes"] / MB)
        app = run_child(ctx, "start_app", args)
        app_mb.append(app["rss_bytes"] / MB)
        rows = int(app["rows"])
        # Where the memory goes: the window with its first screenful, then every row in the table.
        phases = {
            k[:-6] + "_mb": round(app[k] / MB, 1)
            for k in ("rss_first_paint_bytes", "rss_filled_bytes")
            if k in app
        }
    return [
        Figure(
            name="rss_loaded",
            scenario=NAME,
            unit="MB",
            samples=app_mb,
            floor_name="bare PySide6 window with an empty QTableView (separate process)",
            floor_samples=bare_mb,
            budget=BUDGET,
            details={"rows_loaded": rows, "settle_ms": SETTLE_MS, **phases},
        )
    ]
