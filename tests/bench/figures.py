"""Figures: a measured median, the floor's median from the same run, their ratio, a budget and "met".

A :class:`Budget` says how a figure is judged (docs/BENCHMARKS.md):

* ``ratio_max``: ``median / floor_median <= value`` (e.g. full sync <= 1.3x bare paging)
* ``ratio_min``: ``median / floor_median >= value`` (e.g. upload throughput >= 0.8x curl)
* ``value_max``: ``median <= value`` in the figure's unit (e.g. loop lag <= 50 ms)
* ``delta_max``: ``median - floor_median <= value`` (e.g. RSS <= +100 MB over a bare window)

``conditions`` are extra named checks that must all hold (e.g. "no 429 responses").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from tests.bench.stats import median, rounded

BudgetKind = Literal["ratio_max", "ratio_min", "value_max", "delta_max"]


@dataclass(frozen=True)
class Budget:
    """How a figure is judged; ``text`` is the budget's wording in docs/BENCHMARKS.md."""

    kind: BudgetKind
    value: float
    text: str

    def holds(self, value: float, floor: float | None) -> bool:
        """Whether a figure with ``value`` (and ``floor``) is within the budget."""
        if math.isnan(value):
            return False
        if self.kind == "value_max":
            return value <= self.value
        if floor is None or math.isnan(floor):
            return False
        if self.kind == "delta_max":
            return value - floor <= self.value
        if floor == 0:
            return False
        ratio = value / floor
        return ratio <= self.value if self.kind == "ratio_max" else ratio >= self.value


@dataclass
class Figure:
    """One reported figure. ``samples``/``floor_samples`` are the per-repeat values behind the medians."""

    name: str
    scenario: str
    unit: str
    samples: Sequence[float]
    floor_name: str | None = None
    floor_samples: Sequence[float] = ()
    budget: Budget | None = None
    conditions: dict[str, bool] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    value: float | None = None  # overrides the median of ``samples`` (e.g. a pooled percentile)
    floor_value: float | None = None

    @property
    def median(self) -> float:
        return self.value if self.value is not None else median(self.samples)

    @property
    def floor_median(self) -> float | None:
        if self.floor_value is not None:
            return self.floor_value
        return median(self.floor_samples) if self.floor_samples else None

    @property
    def ratio(self) -> float | None:
        floor = self.floor_median
        if floor is None or floor == 0 or math.isnan(floor):
            return None
        return self.median / floor

    @property
    def met(self) -> bool | None:
        """``None`` for informational figures (no budget and no conditions)."""
        if self.budget is None and not self.conditions:
            return None
        ok = all(self.conditions.values())
        if self.budget is not None:
            ok = ok and self.budget.holds(self.median, self.floor_median)
        return ok

    def to_json(self) -> dict[str, Any]:
        """The JSON form printed by the harness."""
        floor = self.floor_median
        return {
            "name": self.name,
            "scenario": self.scenario,
            "unit": self.unit,
            "median": rounded(self.median),
            "floor": self.floor_name,
            "floor_median": rounded(floor),
            "ratio": rounded(self.ratio, 4),
            "delta": rounded(self.median - floor, 4) if floor is not None else None,
            "budget": None
            if self.budget is None
            else {
                "kind": self.budget.kind,
                "value": self.budget.value,
                "text": self.budget.text,
            },
            "conditions": self.conditions,
            "met": self.met,
            "samples": [rounded(s) for s in self.samples],
            "floor_samples": [rounded(s) for s in self.floor_samples],
            "details": self.details,
        }
