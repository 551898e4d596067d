"""Start a child program of :mod:`tests.bench.children` and read its one-line JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.bench.profiling import pyspy_command, summarize_collapsed

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

REPO_ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT_S = 600.0


def run_child(
    ctx: BenchContext, module: str, args: dict[str, Any], *, profile_as: str | None = None
) -> dict[str, Any]:
    """Run ``python -m tests.bench.children.<module> '<json args>'``; returns its report.

    With ``profile_as`` (and ``--profile DIR``), the child runs under py-spy and
    ``DIR/<profile_as>.pyspy.txt`` (collapsed stacks) and ``DIR/<profile_as>.summary.txt`` are written;
    such a run is slower and must not be used as a measurement.

    ``launched`` (the parent's ``time.monotonic()`` just before the process was created) is added, so
    ``report["marks"][x] - report["launched"]`` is the time from process start to mark ``x``
    (``CLOCK_MONOTONIC`` is system-wide on Linux).
    """
    command = [sys.executable, "-m", f"tests.bench.children.{module}", json.dumps(args)]
    raw: Path | None = None
    if profile_as is not None and ctx.options.profile_dir is not None:
        ctx.options.profile_dir.mkdir(parents=True, exist_ok=True)
        raw = ctx.options.profile_dir / f"{profile_as}.pyspy.txt"
        command = pyspy_command(raw, command)
    launched = time.monotonic()
    done = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=ctx.child_env(),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"child {module} failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(lines[-1])
    report["launched"] = launched
    if raw is not None and raw.exists():
        raw.with_name(f"{profile_as}.summary.txt").write_text(summarize_collapsed(raw), encoding="utf-8")
    return report


def since_launch(report: dict[str, Any], mark: str) -> float:
    """Seconds from process creation to ``mark``."""
    return float(report["marks"][mark]) - float(report["launched"])


def app_args(ctx: BenchContext, settle_ms: int = 0) -> dict[str, Any]:
    """Arguments of ``start_app``: the shared profile over the main sandbox."""
    from tests.bench.context import SHARED_PROFILE

    return {
        "profile": SHARED_PROFILE,
        "api_root": ctx.sandbox.api_root,
        "authority": ctx.sandbox.authority,
        "company_id": ctx.sandbox.company_id,
        "token": ctx.sandbox.token,
        "account": ctx.user,
        "settle_ms": settle_ms,
    }


def sync_disk() -> None:
    """Write back every dirty page now (``os.sync``; Windows has none, and leaves it to the disk)."""
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()
