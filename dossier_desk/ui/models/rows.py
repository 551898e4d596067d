"""Per-row data the dossier table precomputes once per change, so sort and filter stay C-speed.

Nothing here imports Qt: the row logic (days open, overdue, search text) is plain Python and is tested
without a window.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from dossier_desk.api.models import PRIORITY_VALUES, STATUS_VALUES, Dossier
from dossier_desk.domain.deadlines import parse_iso_date
from dossier_desk.domain.text_fold import fold, surname_first

# Statuses in which a dossier still needs work; the "Open" preset and "overdue" only consider these.
OPEN_STATUSES = frozenset({"New", "Open", "In Process"})

_STATUS_RANK = {s: i for i, s in enumerate(STATUS_VALUES)}
_PRIORITY_RANK = {p: i for i, p in enumerate(PRIORITY_VALUES)}

# Fields the instant search looks in (No., description, contact, references) plus the type and
# department, which caseworkers type as often.
_SEARCH_FIELDS = (
    "no",
    "description",
    "primary_contact_no",
    "primary_contact_name",
    "your_reference",
    "our_reference",
    "external_document_no",
    "dossier_type_code",
    "department",
    "case_manager_code",
)

_search_values = attrgetter(*_SEARCH_FIELDS)  # one C call for all fields


def no_deadline(_dossier: Dossier) -> date | None:
    """Default ``next_deadline`` provider: no deadline information available."""
    return None


class DossierRow:
    """One dossier plus the derived values the table shows, sorts and filters on.

    ``__slots__`` keeps 200k rows small; ``search`` is the folded text (no case, no diacritics) the instant
    search tests with ``in``, which is a single C-level substring scan per row. ``contact_key`` is the
    contact's surname-first collation key, computed here once so a sort never collates per comparison.
    """

    __slots__ = (
        "contact_key",
        "d",
        "days_open",
        "deadline",
        "deadline_key",
        "deadline_passed",
        "ending_passed",
        "overdue",
        "pending",
        "priority_rank",
        "search",
        "status_rank",
    )

    def __init__(
        self,
        dossier: Dossier,
        today: date,
        next_deadline: Callable[[Dossier], date | None],
        pending: bool = False,
        collate: Callable[[str], Any] = fold,
    ) -> None:
        self.pending = pending
        self.update(dossier, today, next_deadline, collate)

    def update(
        self,
        dossier: Dossier,
        today: date,
        next_deadline: Callable[[Dossier], date | None],
        collate: Callable[[str], Any] = fold,
    ) -> None:
        """Replace the dossier and recompute every derived value (``collate`` keys the contact)."""
        self.d = dossier
        self.search = fold("\x1f".join(_search_values(dossier)))
        self.contact_key = collate(surname_first(dossier.primary_contact_name or dossier.primary_contact_no))
        self.days_open = _days_open(dossier, today)
        # Integer ranks sort in workflow / urgency order and much faster than a dict lookup per compare.
        self.status_rank = _STATUS_RANK.get(dossier.status, len(_STATUS_RANK))
        self.priority_rank = _PRIORITY_RANK.get(dossier.priority, len(_PRIORITY_RANK))
        is_open = dossier.status in OPEN_STATUSES
        self.deadline = next_deadline(dossier) if is_open else None
        self.deadline_key = self.deadline or date.max  # no deadline sorts last when ascending
        # Only open dossiers can be overdue: closed ones skip the date parsing. A passed deadline (an
        # undecided step, see domain.schedule) and a passed ending date are told apart in the tooltip.
        self.ending_passed = (
            is_open and (ending := parse_iso_date(dossier.ending_date)) is not None and (ending < today)
        )
        self.deadline_passed = is_open and self.deadline is not None and self.deadline < today
        self.overdue = self.deadline_passed or self.ending_passed


def _days_open(dossier: Dossier, today: date) -> int:
    """Days since the dossier started (or was dated), up to its closing date; -1 when unknown."""
    start = parse_iso_date(dossier.starting_date) or parse_iso_date(dossier.document_date)
    if start is None:
        return -1
    end = parse_iso_date(dossier.date_closed) if dossier.status not in OPEN_STATUSES else None
    return max(0, ((end or today) - start).days)


class PreparedRows:
    """A ready-to-apply batch for :meth:`DossierTableModel.apply` (opaque to callers): ``len()``, ``ids``."""

    __slots__ = ("ids", "pending", "rows")

    def __init__(self, rows: list[DossierRow], pending: frozenset[str]) -> None:
        self.rows = rows
        self.ids = [r.d.id for r in rows]
        self.pending = pending

    def __len__(self) -> int:
        return len(self.rows)


class RowBuilder:
    """An immutable snapshot of what building rows needs; :meth:`build` is pure and thread-safe."""

    __slots__ = ("_collate", "_next_deadline", "_today")

    def __init__(
        self,
        next_deadline: Callable[[Dossier], date | None] = no_deadline,
        collate: Callable[[str], Any] = fold,
        today: date | None = None,
    ) -> None:
        self._next_deadline = next_deadline
        self._collate = collate
        self._today = today or date.today()

    def build(self, dossiers: Sequence[Dossier], pending_ids: Collection[str] = ()) -> PreparedRows:
        """Rows for ``dossiers`` (the last version of a dossier wins)."""
        pending = frozenset(pending_ids)
        latest = {d.id: d for d in dossiers}
        rows = [
            DossierRow(d, self._today, self._next_deadline, d.id in pending, self._collate)
            for d in latest.values()
        ]
        return PreparedRows(rows, pending)
