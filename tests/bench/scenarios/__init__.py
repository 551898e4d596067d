"""One module per scenario. Each exposes ``NAME`` and ``run(ctx: BenchContext) -> list[Figure]``.

``ORDER`` is the run order: scenarios that need the server's seed data to have aged (delta sync, whose
overlap window would otherwise re-read freshly seeded rows) come last.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.bench.context import BenchContext
    from tests.bench.figures import Figure

ORDER = (
    "full_sync",
    "sort",
    "filter",
    "loop_lag",
    "cold_start",
    "rss",
    "upload",
    "rate_limit",
    "delta_sync",
)


def load(name: str) -> Callable[[BenchContext], list[Figure]]:
    """The ``run`` function of scenario ``name``."""
    if name not in ORDER:
        raise ValueError(f"unknown scenario {name!r}; choose from {', '.join(ORDER)}")
    module = importlib.import_module(f"tests.bench.scenarios.{name}")
    return module.run
