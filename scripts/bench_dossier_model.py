"""Quick benchmark of DossierTableModel sort and filter against their floors (budgets in docs/BENCHMARKS.md).

Floors: Python ``sorted()`` of the column's keys, and a list comprehension substring test over
precomputed lowercase text. Run: ``uv run python scripts/bench_dossier_model.py [rows]``.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, Qt

from dossier_desk.api.models import Dossier
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models import dossier_table_model as m
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.models.rows import parse_iso_date
from tests.gui.dossier_samples import TODAY, dossiers


def best(fn, repeat: int = 5) -> float:
    """Best wall time of ``repeat`` runs (seconds)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    _app = QCoreApplication([])
    data = dossiers(n)
    rng = random.Random(1)

    # A stand-in for the Poortwachter deadline function: six weeks after the start.
    def six_weeks(d: Dossier) -> date | None:
        start = parse_iso_date(d.starting_date)
        return start + timedelta(weeks=6) if start else None

    model = m.DossierTableModel(today=lambda: TODAY, next_deadline=six_weeks)
    t = time.perf_counter()
    model.set_dossiers(data)
    load = time.perf_counter() - t
    report: dict[str, object] = {"rows": n, "load_s": round(load, 3), "sort": {}, "filter": {}}
    for col, name in (
        (c.COL_NO, "no"),
        (c.COL_DESCRIPTION, "description"),
        (c.COL_STATUS, "status"),
        (c.COL_STARTING_DATE, "starting_date"),
        (c.COL_NEXT_DEADLINE, "deadline"),
    ):
        floors, ours_t = [], []
        for _ in range(5):
            # Same random starting order for both, so neither profits from presorted input.
            rng.shuffle(model._all)
            model._visible = list(model._all)
            column = model.sort_key_column(col)
            keys = [column[s] for s in model._visible]
            floors.append(best(lambda keys=keys: sorted(keys), 1))
            ours_t.append(best(lambda col=col: model.sort(col, Qt.SortOrder.AscendingOrder), 1))
        floor, ours = min(floors), min(ours_t)
        report["sort"][name] = {
            "floor_s": round(floor, 4),
            "model_s": round(ours, 4),
            "ratio": round(ours / floor, 2),
        }
    rows = [model._store.search[s] for s in model._all]
    lat: list[float] = []
    for text in ("j", "ja", "jan", "jans", "d00012", "knee", "zzz", ""):
        floor = best(lambda text=text: [t for t in rows if text in t])
        samples = []
        for _ in range(5):
            # From the unfiltered table (or, for "clear", from a filtered one): the worst case.
            model.set_filter(DossierFilter(text="jan") if not text else DossierFilter())
            t = time.perf_counter()
            model.set_filter(DossierFilter(text=text))
            samples.append(time.perf_counter() - t)
        lat.extend(samples)
        ours = min(samples)
        report["filter"][text or "<clear>"] = {
            "floor_s": round(floor, 4),
            "model_s": round(ours, 4),
            "ratio": round(ours / max(floor, 1e-6), 2),
        }
    # Typing: each keystroke refines the previous result.
    model.set_filter(DossierFilter())
    typing = []
    for text in ("b", "ba", "bak", "bakk", "bakke", "bakker"):
        t = time.perf_counter()
        model.set_filter(DossierFilter(text=text))
        typing.append(time.perf_counter() - t)
    report["typing_ms"] = [round(x * 1000, 1) for x in typing]
    report["filter_p95_ms"] = round(statistics.quantiles(lat + typing, n=20)[-1] * 1000, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
