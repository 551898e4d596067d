"""Cold start to the first painted table with every dossier cached vs a bare PySide6 window.

Each run is a new process (``python -m tests.bench.children.start_app`` / ``start_bare``, offscreen,
same interpreter, same environment), timed from process creation to the end of the table viewport's
first paint. Runs alternate bare/app; one untimed warm-up of each comes first so both read their
files from the page cache (this measures the app's start-up work, not the disk).

A second, informational figure compares the app with ``start_cache_floor``: the bare window plus the
duty itself (open the same cache, read and paint the first screenful), which no start-up can skip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.bench.figures import Budget, Figure
from tests.bench.processes import app_args, run_child, since_launch
from tests.bench.stats import median

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

NAME = "cold_start"
BUDGET = Budget("ratio_max", 1.5, "<= 1.5x a bare PySide6 window with an empty table")
_PHASES = ("imported", "qapplication", "styled", "workspace_built", "shown", "first_paint")


def run(ctx: BenchContext) -> list[Figure]:
    """One figure; details break the app's start-up into phases (median seconds since launch)."""
    ctx.ensure_shared_cache()
    args = app_args(ctx)
    cache_floor_args = {"database": str(ctx.ensure_shared_cache())}
    run_child(ctx, "start_bare", {})
    run_child(ctx, "start_cache_floor", cache_floor_args)
    run_child(ctx, "start_app", args)
    bare_s: list[float] = []
    cache_floor_s: list[float] = []
    app_s: list[float] = []
    phases: dict[str, list[float]] = {p: [] for p in _PHASES}
    bare_phases: dict[str, list[float]] = {
        p: [] for p in ("imported", "qapplication", "shown", "first_paint")
    }
    rows = 0
    for _ in range(ctx.options.repeat):
        bare = run_child(ctx, "start_bare", {})
        bare_s.append(since_launch(bare, "first_paint"))
        for phase, values in bare_phases.items():
            values.append(since_launch(bare, phase))
        cache_floor = run_child(ctx, "start_cache_floor", cache_floor_args)
        cache_floor_s.append(since_launch(cache_floor, "first_paint"))
        app = run_child(ctx, "start_app", args)
        app_s.append(since_launch(app, "first_paint"))
        rows = int(app["rows"])
        for phase, values in phases.items():
            values.append(since_launch(app, phase))
    if ctx.options.profile_dir is not None:
        run_child(ctx, "start_app", args, profile_as="cold_start_app")  # not a measurement
    return [
        Figure(
            name="cold_start_first_paint",
            scenario=NAME,
            unit="s",
            samples=app_s,
            floor_name="bare PySide6 window with an empty QTableView (separate process)",
            floor_samples=bare_s,
            budget=BUDGET,
            details={
                "rows_painted": rows,
                "app_phases_since_launch_s": {p: round(median(v), 3) for p, v in phases.items()},
                "bare_phases_since_launch_s": {p: round(median(v), 3) for p, v in bare_phases.items()},
            },
        ),
        Figure(  # no budget: what the app adds beyond the least work the duty takes
            name="cold_start_vs_cache_floor",
            scenario=NAME,
            unit="s",
            samples=app_s,
            floor_name="bare window that reads and paints the same first screenful from the same cache",
            floor_samples=cache_floor_s,
            details={"cache_floor_vs_bare": round(median(cache_floor_s) / median(bare_s), 3)},
        ),
    ]
