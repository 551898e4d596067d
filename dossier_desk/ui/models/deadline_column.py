"""The dossier table's "Next deadline" provider: cheap per row, current with the cache and reference data.

It answers from :func:`dossier_desk.domain.schedule.compute`, the one deadline computation: a dossier
whose workflow log is cached gets its earliest undecided step (overdue ones first, which makes the row
overdue); a sickness dossier without a cached log gets the next statutory deadline. The second case
depends only on the first sick day and today, so it is memoised per starting date (thousands of distinct
dates, not 100k calendars). The cached logs are read in one query at start and per dossier when the
bridge says its workflow changed (:meth:`reload`). Which types are sickness types comes live from the
store; :meth:`refresh_codes` tells the caller when the column has to be recomputed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from dossier_desk.api.models import Dossier, WorkflowEntry
from dossier_desk.domain.deadlines import OPEN_STATUSES
from dossier_desk.domain.schedule import compute
from dossier_desk.ui.workflow.ports import DossierTypeSource, sickness_type_codes


class WorkflowLogs(Protocol):
    """Cached workflow logs (``DossierStore`` satisfies it)."""

    def workflow_logs(self) -> dict[str, list[WorkflowEntry]]: ...

    def workflow_log(self, dossier_id: str) -> list[WorkflowEntry]: ...


class DeadlineColumn:
    """``next_deadline`` callable for :class:`~.dossier_table_model.DossierTableModel`."""

    def __init__(
        self,
        types: DossierTypeSource,
        today: Callable[[], date] = date.today,
        logs: WorkflowLogs | None = None,
    ) -> None:
        self._types = types
        self._today = today
        self._logs_source = logs
        self._logs: dict[str, list[WorkflowEntry]] = logs.workflow_logs() if logs is not None else {}
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

    def forget(self) -> None:
        """Drop the memo (it is made again as rows need it): after the table's fill, whose values are
        made again away from the fill's garbage (see ``row_renewal``)."""
        self._memo.clear()

    def reload(self, dossier_id: str) -> None:
        """Re-read one dossier's cached log (after ``SyncBridge.workflowChanged``)."""
        if self._logs_source is None:
            return
        log = self._logs_source.workflow_log(dossier_id)
        if log:
            self._logs[dossier_id] = log
        else:
            self._logs.pop(dossier_id, None)

    def __call__(self, dossier: Dossier) -> date | None:
        if dossier.status not in OPEN_STATUSES:
            return None
        today = self._today()
        sickness = dossier.dossier_type_code in self._codes
        log = self._logs.get(dossier.id)
        if log:
            return compute(dossier, log, sickness=sickness, today=today).next_due
        if not sickness:
            return None
        if today != self._memo_day:
            self._memo.clear()
            self._memo_day = today
        start = dossier.starting_date or ""
        try:
            return self._memo[start]
        except KeyError:
            pass
        due = compute(dossier, None, sickness=True, today=today).next_due
        self._memo[start] = due
        return due
