"""Render a harness JSON report as a Markdown table: ``python -m tests.bench.report bench.json``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if abs(value) < 1 else f"{value:.2f} s"
    return f"{value:.4g} {unit}".strip()


def markdown(report: dict[str, Any]) -> str:
    """One row per figure: median, floor, ratio, budget, met."""
    meta = report["meta"]
    lines = [
        f"{meta['dossiers']:,} dossiers, {meta['repeat']} repeats, {meta['started_at'][:16]}Z, "
        f"{meta['duration_s']} s, load average {meta.get('load_average_at_start')} -> "
        f"{meta.get('load_average_at_end')} on {meta['cpu_count']} cores",
        "",
        "| figure | median | floor median | ratio | budget | met |",
        "|---|---|---|---|---|---|",
    ]
    for f in report["figures"]:
        budget = f["budget"]["text"] if f["budget"] else "—"
        if f["conditions"]:
            budget += " (" + ", ".join(f"{k}: {v}" for k, v in f["conditions"].items()) + ")"
        met = {True: "yes", False: "**no**", None: "info"}[f["met"]]
        ratio = "—" if f["ratio"] is None else f"{f['ratio']:.3g}x"
        median, floor = _num(f["median"], f["unit"]), _num(f["floor_median"], f["unit"])
        lines.append(f"| {f['name']} | {median} | {floor} | {ratio} | {budget} | {met} |")
    if report["errors"]:
        lines += ["", "Errors: " + ", ".join(report["errors"])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for name in args:
        sys.stdout.write(markdown(json.loads(Path(name).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
