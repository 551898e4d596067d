"""The harness's command line: start the sandbox, run the scenarios, print and save the JSON.

``python -m tests.bench --dossiers 100000 --out bench.json`` runs everything with 3 repeats;
``--quick`` means 10,000 dossiers and 2 repeats; ``--only sort,filter`` picks scenarios. Progress goes
to stderr, the JSON report to stdout (and to ``--out``).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.bench import scenarios
from tests.bench.context import BenchContext, Options, bench_environment
from tests.bench.figures import Figure
from tests.bench.processes import sync_disk
from tests.bench.sandbox_host import SandboxProcess

log = logging.getLogger("tests.bench")
QUICK_DOSSIERS = 10_000
FULL_DOSSIERS = 100_000
QUICK_OVERLAP_S = 5.0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument(
        "--dossiers", type=int, help=f"seeded dossiers (default {FULL_DOSSIERS:,}, quick {QUICK_DOSSIERS:,})"
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_DOSSIERS:,} dossiers, 2 repeats (< 2 minutes)"
    )
    parser.add_argument("--repeat", type=int, help="runs per figure (default 3, quick 2)")
    parser.add_argument(
        "--only", default="", help=f"comma-separated scenarios of: {','.join(scenarios.ORDER)}"
    )
    parser.add_argument("--out", type=Path, help="also write the JSON report here")
    parser.add_argument(
        "--profile", type=Path, metavar="DIR", help="pyinstrument each scenario into DIR/<name>.txt"
    )
    parser.add_argument(
        "--delta-overlap-s",
        type=float,
        help=f"delta sync overlap (default: the engine's own; quick {QUICK_OVERLAP_S:g})",
    )
    parser.add_argument("--upload-mb", type=int, default=100, help="upload file size (default 100)")
    parser.add_argument(
        "--rate-limit", type=int, default=20, help="requests per second for the rate scenario"
    )
    parser.add_argument("--burst", type=int, help="concurrent requests (default 100, quick 50)")
    parser.add_argument(
        "--no-proxy-sort", action="store_true", help="skip the QSortFilterProxyModel comparison"
    )
    return parser.parse_args(argv)


def _engine_overlap_s() -> float:
    import inspect

    from dossier_desk.store import SyncEngine

    return float(inspect.signature(SyncEngine).parameters["overlap"].default.total_seconds())


def options_from(args: argparse.Namespace) -> Options:
    """Resolve defaults that depend on ``--quick``."""
    only = tuple(s.strip() for s in args.only.split(",") if s.strip()) or scenarios.ORDER
    for name in only:
        scenarios.load(name)  # fail early on a typo
    overlap = args.delta_overlap_s
    if overlap is None:
        overlap = QUICK_OVERLAP_S if args.quick else _engine_overlap_s()
    return Options(
        dossiers=args.dossiers or (QUICK_DOSSIERS if args.quick else FULL_DOSSIERS),
        repeat=max(1, args.repeat or (2 if args.quick else 3)),
        quick=args.quick,
        only=tuple(s for s in scenarios.ORDER if s in only),
        delta_overlap_s=overlap,
        upload_mb=args.upload_mb,
        rate_limit=args.rate_limit,
        burst=args.burst or (50 if args.quick else 100),
        proxy_sort=not args.no_proxy_sort,
        profile_dir=args.profile,
    )


def _versions() -> dict[str, str]:
    import PySide6

    return {
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "platform": platform.platform(),
    }


def _profiled(name: str, directory: Path | None, call: Any) -> Any:
    """Run ``call()``, under pyinstrument when ``directory`` is set (the bench process only, not children)."""
    if directory is None:
        return call()
    from pyinstrument import Profiler

    directory.mkdir(parents=True, exist_ok=True)
    profiler = Profiler(interval=0.001)
    profiler.start()
    try:
        return call()
    finally:
        profiler.stop()
        text = profiler.output_text(unicode=False, color=False, show_all=False)
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")


def run_scenarios(ctx: BenchContext) -> tuple[list[Figure], dict[str, Any], dict[str, float]]:
    """Run the selected scenarios in order; a failing scenario is recorded and the rest still run."""
    figures: list[Figure] = []
    errors: dict[str, Any] = {}
    durations: dict[str, float] = {}
    for name in ctx.options.only:
        log.warning("bench: %s ...", name)
        # The disk writes back what the last scenario wrote (100k-row caches) on its own schedule: start
        # each scenario with it done, so that write-back does not land in this one's figures.
        sync_disk()
        began = time.perf_counter()
        try:
            scenario = scenarios.load(name)
            figures.extend(_profiled(name, ctx.options.profile_dir, functools.partial(scenario, ctx)))
        except Exception as exc:
            errors[name] = {"error": repr(exc), "traceback": traceback.format_exc()[-4000:]}
            log.error("bench: %s failed: %r", name, exc)
        durations[name] = round(time.perf_counter() - began, 2)
        log.warning("bench: %s done in %.1f s", name, durations[name])
    return figures, errors, durations


def build_report(
    ctx: BenchContext,
    figures: list[Figure],
    errors: dict[str, Any],
    durations: dict[str, float],
    started: datetime,
    total_s: float,
) -> dict[str, Any]:
    """The JSON report: meta, figures, and a summary of budgets met and missed."""
    judged = [f for f in figures if f.met is not None]
    return {
        "meta": {
            "started_at": started.isoformat(),
            "duration_s": round(total_s, 1),
            "dossiers": ctx.options.dossiers,
            "repeat": ctx.options.repeat,
            "quick": ctx.options.quick,
            "scenarios": list(ctx.options.only),
            "scenario_durations_s": durations,
            "user": ctx.user,
            "sandbox_started_in_s": ctx.sandbox.started_in_s,
            "cpu_count": os.cpu_count(),
            "load_average_at_start": ctx.notes.pop("load_average_at_start", None),
            "load_average_at_end": [round(v, 2) for v in os.getloadavg()],
            **_versions(),
            **ctx.notes,
        },
        "figures": [f.to_json() for f in figures],
        "summary": {
            "met": sorted(f.name for f in judged if f.met),
            "not_met": sorted(f.name for f in judged if not f.met),
            "informational": sorted(f.name for f in figures if f.met is None),
        },
        "errors": errors,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    options = options_from(args)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(message)s")
    home = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    os.environ.update(bench_environment(home))  # before Qt or the store is imported
    started, began = datetime.now(UTC), time.perf_counter()
    try:
        import qasync

        from tests.bench.qt_support import application

        application()
        log.warning("bench: starting the sandbox with %d dossiers", options.dossiers)
        with (
            SandboxProcess(options.dossiers, data_dir=home / "sandbox") as sandbox,
            asyncio.Runner(loop_factory=qasync.QEventLoop) as runner,
        ):
            ctx = BenchContext(options=options, sandbox=sandbox, home=home, runner=runner)
            ctx.notes["load_average_at_start"] = [round(v, 2) for v in os.getloadavg()]
            figures, errors, durations = run_scenarios(ctx)
            report = build_report(ctx, figures, errors, durations, started, time.perf_counter() - began)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    text = json.dumps(report, indent=2)
    sys.stdout.write(text + "\n")
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if report["errors"] else 0
