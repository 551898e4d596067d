"""Filter keystrokes: type a word one letter at a time into the real model vs a bare comprehension.

Each keystroke is ``DossierTableModel.set_filter(DossierFilter(text=prefix))`` on the real model in the
real view (offscreen), timed until the call returns (the repaint is queued, not included). The floor
per keystroke is ``[t for t in texts if prefix in t]`` over every row's lowercase search text (the
same text the model searches). Keystroke times are pooled over the repeats; p50 and p95 are reported.
The word is the most common surname among contact names, so early prefixes match many rows.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from tests.bench.figures import Budget, Figure
from tests.bench.qt_support import dispose, process_events, table_with_view
from tests.bench.stats import percentile

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

NAME = "filter"
RATIO_BUDGET = Budget("ratio_max", 2.0, "<= 2x a list-comprehension substring test (p50 per keystroke)")
P95_BUDGET = Budget("value_max", 0.050, "p95 <= 50 ms per keystroke")


def pick_word(dossiers: list[Any]) -> str:
    """The most common last word of the contact names (lowercase), at least 5 letters if possible."""
    words = Counter(d.primary_contact_name.split()[-1].lower() for d in dossiers if d.primary_contact_name)
    for word, _count in words.most_common():
        if len(word) >= 5:
            return word
    return words.most_common(1)[0][0] if words else "dossier"


def run(ctx: BenchContext) -> list[Figure]:
    """Figures: keystroke p50 (ratio to the floor's p50) and keystroke p95 (absolute)."""
    from dossier_desk.ui.models.dossier_filter import DossierFilter
    from dossier_desk.ui.models.rows import RowBuilder

    dossiers, types = ctx.load_shared()
    word = pick_word(dossiers)
    texts = RowBuilder(today=date.today()).build(dossiers).search
    model, view = table_with_view(dossiers, types, ctx.home, "bench-filter")
    model_s: list[float] = []
    floor_s: list[float] = []
    matches: dict[str, int] = {}
    try:
        for _ in range(ctx.options.repeat):
            model.set_filter(DossierFilter())
            process_events(1)
            for n in range(1, len(word) + 1):
                prefix = word[:n]
                began = time.perf_counter()
                hits = [t for t in texts if prefix in t]
                floor_s.append(time.perf_counter() - began)
                began = time.perf_counter()
                model.set_filter(DossierFilter(text=prefix))
                model_s.append(time.perf_counter() - began)
                matches[prefix] = model.rowCount()
                assert model.rowCount() == len(hits), (prefix, model.rowCount(), len(hits))
                process_events(1)  # the view repaints between keystrokes, as while typing
        model.set_filter(DossierFilter())
    finally:
        dispose(view)
    details = {"word": word, "keystrokes": len(model_s), "rows": len(dossiers), "matches_per_prefix": matches}
    return [
        Figure(
            name="filter_keystroke_p50",
            scenario=NAME,
            unit="s",
            samples=model_s,
            floor_name="[t for t in texts if prefix in t] (p50 per keystroke)",
            floor_samples=floor_s,
            value=percentile(model_s, 50),
            floor_value=percentile(floor_s, 50),
            budget=RATIO_BUDGET,
            details=details,
        ),
        Figure(
            name="filter_keystroke_p95",
            scenario=NAME,
            unit="s",
            samples=model_s,
            floor_name="[t for t in texts if prefix in t] (p95 per keystroke)",
            floor_samples=floor_s,
            value=percentile(model_s, 95),
            floor_value=percentile(floor_s, 95),
            budget=P95_BUDGET,
            details={"word": word},
        ),
    ]
