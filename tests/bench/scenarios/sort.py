"""Sort every row by each column in the real model vs Python ``sorted()`` of that column's keys.

The model is the real ``DossierTableModel`` loaded from the shared cache and shown in the real
``DossierTableView`` (offscreen), so the view's ``layoutChanged`` handling is inside the timed call.
Before each timed sort the model is sorted by another column (untimed), and the floor sorts the keys
of the target column taken in exactly that prior row order: the model's own key column
(``DossierTableModel.sort_key_column``: folded text, collation keys, or unique integers that carry the
row's slot as a tie-break).

One ``QSortFilterProxyModel`` sort over an unsorted real model (by "No.", once: at 100k rows it takes
seconds) gives the ">= 100x faster than QSortFilterProxyModel" clause.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from tests.bench.figures import Budget, Figure
from tests.bench.qt_support import dispose, process_events, table_with_view
from tests.bench.stats import median

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

NAME = "sort"
BUDGET = Budget("ratio_max", 2.0, "<= 2x Python sorted() of that column's keys (every column)")
PROXY_BUDGET = Budget("ratio_max", 0.01, ">= 100x faster than QSortFilterProxyModel")


def _time_column(model: Any, column: int, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """(model sort s, floor s, ``sorted(rows, key=...)`` s) per repeat for one column."""
    from PySide6.QtCore import Qt

    count = model.columnCount()
    model_s: list[float] = []
    floor_s: list[float] = []
    keyed_s: list[float] = []
    for r in range(repeat):
        model.sort((column + 1 + r) % count, Qt.SortOrder.AscendingOrder)  # scramble: untimed
        process_events(1)
        # The model's own keys for the column, taken in the order the model is about to sort from.
        column_keys = model.sort_key_column(column)
        rows = list(model._visible)
        keys = [column_keys[row] for row in rows]
        key = column_keys.__getitem__
        began = time.perf_counter()
        sorted(keys)
        floor_s.append(time.perf_counter() - began)
        began = time.perf_counter()
        sorted(rows, key=key)  # informational: the same sort with key extraction, no Qt
        keyed_s.append(time.perf_counter() - began)
        began = time.perf_counter()
        model.sort(column, Qt.SortOrder.AscendingOrder)
        model_s.append(time.perf_counter() - began)
        process_events(1)
    return model_s, floor_s, keyed_s


def _proxy_sort(dossiers: list[Any], dossier_types: list[Any], ctx: BenchContext, column: int) -> float:
    from PySide6.QtCore import QSortFilterProxyModel, Qt

    from dossier_desk.ui.models.dossier_table_model import DossierTableModel
    from tests.bench.qt_support import deadline_function

    source = DossierTableModel(next_deadline=deadline_function(dossier_types))
    source.set_dossiers(dossiers)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    began = time.perf_counter()
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    seconds = time.perf_counter() - began
    proxy.setSourceModel(None)
    return seconds


def run(ctx: BenchContext) -> list[Figure]:
    """A figure per column, the worst column as the headline, and the proxy comparison."""
    from PySide6.QtCore import Qt

    dossiers, types = ctx.load_shared()
    model, view = table_with_view(dossiers, types, ctx.home, "bench-sort")
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    col_no = headers.index("No.") if "No." in headers else 0
    figures: list[Figure] = []
    per_column: dict[str, dict[str, float]] = {}
    try:
        for column, header in enumerate(headers):
            model_s, floor_s, keyed_s = _time_column(model, column, ctx.options.repeat)
            figure = Figure(
                name=f"sort_by_{header.lower().replace(' ', '_').replace('.', '')}",
                scenario=NAME,
                unit="s",
                samples=model_s,
                floor_name="sorted() of the column's keys",
                floor_samples=floor_s,
                budget=BUDGET,
                details={"column": column, "rows": len(dossiers), "sorted_rows_with_key_s": median(keyed_s)},
            )
            figures.append(figure)
            per_column[header] = {
                "model_s": round(figure.median, 5),
                "floor_s": round(figure.floor_median or 0, 5),
                "ratio": round(figure.ratio or 0, 3),
                "sorted_rows_with_key_s": round(median(keyed_s), 5),
            }
    finally:
        dispose(view)
    worst = max(figures, key=lambda f: f.ratio or 0.0)
    headline = Figure(
        name="sort_any_column_worst",
        scenario=NAME,
        unit="s",
        samples=worst.samples,
        floor_name=f"sorted() of the column's keys ({worst.name})",
        floor_samples=worst.floor_samples,
        budget=BUDGET,
        details={"worst_column": worst.name, "per_column": per_column},
    )
    result = [headline, *figures]
    if ctx.options.proxy_sort:
        no_sort = next(f for f in figures if f.details["column"] == col_no)
        proxy_s = _proxy_sort(dossiers, types, ctx, col_no)
        result.append(
            Figure(
                name="sort_vs_qsortfilterproxymodel",
                scenario=NAME,
                unit="s",
                samples=no_sort.samples,
                floor_name="QSortFilterProxyModel.sort over the real model (column No., run once)",
                floor_samples=[proxy_s],
                budget=PROXY_BUDGET,
                details={
                    "speedup": round(proxy_s / median(no_sort.samples), 1) if no_sort.samples else None,
                    "rows": len(dossiers),
                },
            )
        )
    return result
