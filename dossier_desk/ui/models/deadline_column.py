"""The dossier table's "Next deadline" provider: cheap per row, and current with the reference data.

Building 100k rows at start-up asks every open sickness dossier for its next poortwachter deadline. The
answer depends only on the first sick day (``startingDate``) and today once the type is a sickness type
and the status is open, so it is memoised per starting date (thousands of distinct dates, not 100k
deadline lists). Which types are sickness types comes live from the store: on a first run the types
arrive with the first sync, and :meth:`DeadlineColumn.refresh_codes` tells the caller when the column
has to be recomputed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dossier_desk.api.models import Dossier
from dossier_desk.deadlines import OPEN_STATUSES, next_deadline
from dossier_desk.ui.workflow.ports import DossierTypeSource
from dossier_desk.ui.workflow.radar import sickness_type_codes


class DeadlineColumn:
    """``next_deadline`` callable for :class:`~.dossier_table_model.DossierTableModel`."""

    def __init__(self, types: DossierTypeSource, today: Callable[[], date] = date.today) -> None:
        self._types = types
        self._today = today
        self._codes = sickness_type_codes(types)
        self._memo: dict[str, date | None] = {}
        self._memo_day: date | None = None

    @property
    def codes(self) -> frozenset[str]:
        """The sickness type codes in force."""
        return frozenset(self._codes)

    def refresh_codes(self) -> bool:
        """Re-read the sickness types from the store; True when they changed (recompute the column)."""
        codes = sickness_type_codes(self._types)
        if codes == self._codes:
            return False
        self._codes = codes
        return True

    def __call__(self, dossier: Dossier) -> date | None:
        if dossier.dossier_type_code not in self._codes or dossier.status not in OPEN_STATUSES:
            return None
        today = self._today()
        if today != self._memo_day:
            self._memo.clear()
            self._memo_day = today
        start = dossier.starting_date
        try:
            return self._memo[start]
        except KeyError:
            pass
        found = next_deadline(dossier, self._codes, today)
        due = found.due if found is not None else None
        self._memo[start] = due
        return due
