"""Small statistics helpers (no numpy): median and nearest-rank percentiles."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    """The median; ``nan`` for no values."""
    return float(statistics.median(values)) if values else math.nan


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0..100); ``nan`` for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return float(ordered[min(rank, len(ordered)) - 1])


def rounded(value: float | None, digits: int = 6) -> float | None:
    """``value`` to ``digits`` significant digits for JSON (``None`` and ``nan`` become ``None``)."""
    if value is None or math.isnan(value):
        return None
    return float(f"{float(value):.{digits}g}")
