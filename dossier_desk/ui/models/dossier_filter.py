"""The dossier table's filter: a value object and the function that applies it to rows.

Filtering runs as a chain of list comprehensions over row slots, narrowest-first, each a cheap test
on a precomputed column (see :mod:`.row_store`). That keeps a keystroke at 100k rows within a small
factor of a bare substring comprehension, which is the budget in docs/BENCHMARKS.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from dossier_desk.domain.text_fold import fold
from dossier_desk.ui.models.row_store import RowStore
from dossier_desk.ui.models.rows import OPEN_STATUSES, OVERDUE

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
    slots: list[int], flt: DossierFilter, store: RowStore, *, today: date, my_code: str
) -> list[int]:
    """The rows (slots of ``store``) passing ``flt``, in their input order (the caller keeps them sorted)."""
    out = slots
    # Text first: it is what changes per keystroke and usually narrows the most. Each word must occur.
    search = store.search
    for word in fold(flt.text).split():
        out = [s for s in out if word in search[s]]
    rows = store.dossiers
    if flt.statuses:
        out = [s for s in out if rows[s].status in flt.statuses]  # type: ignore[union-attr]
    if flt.types:
        out = [s for s in out if rows[s].dossier_type_code in flt.types]  # type: ignore[union-attr]
    if flt.categories:
        out = [s for s in out if rows[s].category in flt.categories]  # type: ignore[union-attr]
    if flt.priorities:
        out = [s for s in out if rows[s].priority in flt.priorities]  # type: ignore[union-attr]
    if flt.open_only:
        out = [s for s in out if rows[s].status in OPEN_STATUSES]  # type: ignore[union-attr]
    if flt.overdue:
        flags = store.flags
        out = [s for s in out if flags[s] & OVERDUE]
    if flt.mine:
        # An account without a case manager code owns nothing; showing everything would mislead.
        out = [s for s in out if my_code and rows[s].case_manager_code == my_code]  # type: ignore[union-attr]
    if flt.closed_this_month:
        month = today.isoformat()[:7]
        out = [s for s in out if (d := rows[s]) and d.status == "Closed" and d.date_closed[:7] == month]
    if flt.date_from is not None or flt.date_to is not None:
        # ISO dates compare correctly as strings; blank dates never match a range.
        lo = flt.date_from.isoformat() if flt.date_from else "0000"
        hi = flt.date_to.isoformat() if flt.date_to else "9999"
        attr = flt.date_field if flt.date_field in DATE_FIELDS else "starting_date"
        if attr == "next_deadline":  # computed per row (domain.schedule), a date rather than text
            first = flt.date_from or date.min
            last = flt.date_to or date.max
            deadlines = store.deadline
            out = [s for s in out if (d := deadlines[s]) is not None and first <= d <= last]
        else:
            out = [s for s in out if (v := getattr(rows[s], attr)) and lo <= v <= hi]
    return out if out is not slots else list(out)
