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
from dossier_desk.ui.models.row_store import SLOT_BITS, RowStore
from dossier_desk.ui.models.rows import NO_DEADLINE, OPEN_STATUSES, OVERDUE

DATE_FIELDS = ("document_date", "starting_date", "ending_date", "date_closed", "next_deadline")
_DATE_KEYS = {field: field for field in DATE_FIELDS} | {"next_deadline": "deadline"}  # -> row_store ints


def _day_number(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


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
    for word in fold(flt.text).split():
        out = store.search.matching(word, out)
    for wanted, name in (
        (flt.statuses, "status"),
        (flt.types, "type"),
        (flt.categories, "category"),
        (flt.priorities, "priority"),
        (OPEN_STATUSES if flt.open_only else (), "status"),
    ):
        if wanted:
            codes, known = store.codes[name], store.vocab[name].codes_of(wanted)
            out = [s for s in out if codes[s] in known]
    if flt.overdue:
        flags = store.flags
        out = [s for s in out if flags[s] & OVERDUE]
    if flt.mine:
        # An account without a case manager code owns nothing; showing everything would mislead.
        mine = [my_code] if my_code else []
        codes, known = store.codes["case_manager"], store.vocab["case_manager"].codes_of(mine)
        out = [s for s in out if codes[s] in known]
    if flt.closed_this_month:
        month = today.year * 100 + today.month
        closed = store.vocab["status"].codes_of(["Closed"])
        codes, ints = store.codes["status"], store.ints["date_closed"]
        out = [s for s in out if codes[s] in closed and (ints[s] >> SLOT_BITS) // 100 == month]
    if flt.date_from is not None or flt.date_to is not None:
        # Dates are ``yyyymmdd`` integers shifted past the slot (see row_store); blank dates never match.
        lo = _day_number(flt.date_from or date(1, 1, 1))
        hi = _day_number(flt.date_to or date(9999, 12, 31))
        key = _DATE_KEYS.get(flt.date_field, "starting_date")
        ints = store.ints[key]
        blank = NO_DEADLINE if key == "deadline" else 0
        out = [s for s in out if lo <= (v := ints[s] >> SLOT_BITS) <= hi and v != blank]
    return out if out is not slots else list(out)
