"""The benchmark harness (tests/bench) still runs end to end and prints the documented JSON shape.

Runs its smallest mode (500 dossiers, one repeat, sort, filter and cold start only) in a subprocess, as a
developer would, so the harness and its start-up children cannot rot unnoticed. The figures' values are
not judged here: at 500 rows fixed overheads dominate, and timing budgets are for the benchmark, not tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIGURE_KEYS = {
    "name", "scenario", "unit", "median", "floor", "floor_median", "ratio", "delta", "budget",
    "conditions", "met", "samples", "floor_samples", "details",
}  # fmt: skip


@pytest.mark.timeout(240)
def test_smallest_mode_prints_figures_with_floors(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--dossiers", "500", "--repeat", "1",
         "--only", "sort,filter,cold_start", "--no-proxy-sort", "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=230, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert json.loads(done.stdout) == report
    assert set(report) == {"meta", "figures", "summary", "errors"}
    assert report["errors"] == {}
    assert report["meta"]["dossiers"] == 500
    assert report["meta"]["scenarios"] == ["sort", "filter", "cold_start"]
    names = {f["name"] for f in report["figures"] if f["budget"] is not None}
    assert {"sort_any_column_worst", "sort_by_no", "filter_keystroke_p50", "filter_keystroke_p95"} <= names
    assert "cold_start_first_paint" in names
    informational = {f["name"] for f in report["figures"]} - names
    assert informational == {"cold_start_vs_cache_floor"}  # a second floor, without a budget
    for figure in report["figures"]:
        assert set(figure) == FIGURE_KEYS, figure["name"]
        assert figure["median"] is not None
        assert figure["median"] > 0
        assert figure["floor_median"] is not None
        assert figure["floor_median"] > 0
        assert figure["ratio"] == pytest.approx(figure["median"] / figure["floor_median"], rel=1e-2)
        if figure["name"] in informational:
            assert figure["met"] is None
        else:
            assert figure["budget"]["kind"] in {"ratio_max", "ratio_min", "value_max", "delta_max"}
            assert isinstance(figure["met"], bool)
        assert len(figure["samples"]) >= 1
    judged = set(report["summary"]["met"]) | set(report["summary"]["not_met"])
    assert judged == names
    assert set(report["summary"]["informational"]) == informational


def test_the_cache_floor_reads_as_many_rows_as_the_app_before_its_first_paint() -> None:
    """The second cold-start floor keeps its own copy (importing the app would be part of its cost)."""
    from dossier_desk.ui.table_loader import FIRST_ROWS
    from tests.bench.children.start_cache_floor import FIRST_ROWS as FLOOR_ROWS

    assert FLOOR_ROWS == FIRST_ROWS
