"""The dossier table's filter: a value object and the function that applies it to rows.

Filtering runs as a chain of list comprehensions, narrowest-first, each a cheap test on precomputed
row data (see :mod:`.rows`). That keeps a keystroke at 100k rows within a small factor of a bare
substring comprehension, which is the budget in docs/BENCHMARKS.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from dossier_desk.domain.text_fold import fold
from dossier_desk.ui.models.rows import OPEN_STATUSES, DossierRow

DATE_FIELDS = ("document_date", "starting_date", "ending_date", "date_closed", "next_deadline")


@dataclass(frozen=True)
class DossierFilter:
    """What the caseworker asked to see. Empty collections mean "any".

    ``mine`` is relative to the signed-in user (the model knows the user's case manager code), so a
    saved "My dossiers" view works for whoever opens it.
    """

    text: str = ""
    statuses: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)
    categories: frozenset[str] = field(default_factory=frozenset)
    priorities: frozenset[str] = field(default_factory=frozenset)
    date_field: str = "starting_date"
    date_from: date | None = None
    date_to: date | None = None
    mine: bool = False
    overdue: bool = False
    open_only: bool = False
    closed_this_month: bool = False

    def is_empty(self) -> bool:
        """True when the filter lets every row through."""
        return self == DossierFilter(date_field=self.date_field)

    def with_changes(self, **changes: Any) -> DossierFilter:
        """A copy with some fields replaced (sets may be passed as any iterable)."""
        for key in ("statuses", "types", "categories", "priorities"):
            if key in changes:
                changes[key] = frozenset(changes[key])
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for saved views."""
        return {
            "text": self.text,
            "statuses": sorted(self.statuses),
            "types": sorted(self.types),
            "categories": sorted(self.categories),
            "priorities": sorted(self.priorities),
            "date_field": self.date_field,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "mine": self.mine,
            "overdue": self.overdue,
            "open_only": self.open_only,
            "closed_this_month": self.closed_this_month,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DossierFilter:
        """Inverse of :meth:`to_dict`; unknown keys (from a newer version) are ignored."""

        def as_date(value: Any) -> date | None:
            try:
                return date.fromisoformat(value) if value else None
            except (TypeError, ValueError):
                return None

        date_field = data.get("date_field", "starting_date")
        return cls(
            text=str(data.get("text", "")),
            statuses=frozenset(data.get("statuses", ())),
            types=frozenset(data.get("types", ())),
            categories=frozenset(data.get("categories", ())),
            priorities=frozenset(data.get("priorities", ())),
            date_field=date_field if date_field in DATE_FIELDS else "starting_date",
            date_from=as_date(data.get("date_from")),
            date_to=as_date(data.get("date_to")),
            mine=bool(data.get("mine", False)),
            overdue=bool(data.get("overdue", False)),
            open_only=bool(data.get("open_only", False)),
            closed_this_month=bool(data.get("closed_this_month", False)),
        )


def apply_filter(
    rows: Iterable[DossierRow], flt: DossierFilter, *, today: date, my_code: str
) -> list[DossierRow]:
    """Rows passing ``flt``, in their input order (the caller keeps rows sorted, so no re-sort)."""
    out = rows if isinstance(rows, list) else list(rows)
    # Text first: it is what changes per keystroke and usually narrows the most. Each word must occur.
    for word in fold(flt.text).split():
        out = [r for r in out if word in r.search]
    if flt.statuses:
        out = [r for r in out if r.d.status in flt.statuses]
    if flt.types:
        out = [r for r in out if r.d.dossier_type_code in flt.types]
    if flt.categories:
        out = [r for r in out if r.d.category in flt.categories]
    if flt.priorities:
        out = [r for r in out if r.d.priority in flt.priorities]
    if flt.open_only:
        out = [r for r in out if r.d.status in OPEN_STATUSES]
    if flt.overdue:
        out = [r for r in out if r.overdue]
    if flt.mine:
        # An account without a case manager code owns nothing; showing everything would mislead.
        out = [r for r in out if my_code and r.d.case_manager_code == my_code]
    if flt.closed_this_month:
        month = today.isoformat()[:7]
        out = [r for r in out if r.d.status == "Closed" and r.d.date_closed[:7] == month]
    if flt.date_from is not None or flt.date_to is not None:
        # ISO dates compare correctly as strings; blank dates never match a range.
        lo = flt.date_from.isoformat() if flt.date_from else "0000"
        hi = flt.date_to.isoformat() if flt.date_to else "9999"
        attr = flt.date_field if flt.date_field in DATE_FIELDS else "starting_date"
        if attr == "next_deadline":  # computed per row (domain.schedule), a date rather than text
            first = flt.date_from or date.min
            last = flt.date_to or date.max
            out = [r for r in out if (d := r.deadline) is not None and first <= d <= last]
        else:
            out = [r for r in out if (v := getattr(r.d, attr)) and lo <= v <= hi]
    return out if out is not rows else list(out)
