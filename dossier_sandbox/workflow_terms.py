"""BC date formulas as used in workflow line terms (``3D``, ``6W``, ``2M``, ``1Y``)."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

_TERM = re.compile(r"^\s*(\d+)\s*([DWMY])\s*$", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)  # seeding asks for the same (date, term) pairs many times
def add_term(start: date, term: str) -> date:
    """``start`` moved forward by ``term``; months and years clamp to the month's last day like BC."""
    match = _TERM.match(term)
    if match is None:
        raise ValueError(f"unsupported date formula {term!r}")
    amount, unit = int(match.group(1)), match.group(2).upper()
    if unit == "D":
        return start + timedelta(days=amount)
    if unit == "W":
        return start + timedelta(weeks=amount)
    months = amount if unit == "M" else 12 * amount
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)
