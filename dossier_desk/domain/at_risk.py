"""The at-risk list across dossiers: open sickness dossiers whose file check has gaps, most urgent first
(no Qt, no I/O: the caller passes what the cache holds).

A dossier whose workflow log was never downloaded cannot be checked honestly (every milestone would
look missing); it is counted as *unchecked* instead of being listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dossier_desk.api.models import Document, Dossier, WorkflowEntry
from dossier_desk.domain.dossier_rules import OPEN_STATUSES
from dossier_desk.domain.filecheck import FileCheck, FileCheckRules, check_file


@dataclass(frozen=True, slots=True)
class AtRisk:
    """The listed dossiers (sorted by days to the next statutory deadline) and the ids not checked."""

    checks: tuple[FileCheck, ...]
    unchecked_ids: tuple[str, ...]


def at_risk(
    dossiers: Iterable[Dossier],
    sickness_codes: set[str] | frozenset[str],
    logs: Mapping[str, Sequence[WorkflowEntry]],
    documents: Mapping[str, Sequence[Document]],
    rules: Callable[[str], FileCheckRules],
    today: date,
    case_manager: str = "",
) -> AtRisk:
    """Open sickness dossiers (of ``case_manager`` when given) with missing, overdue or due-soon items."""
    found: list[FileCheck] = []
    unchecked: list[str] = []
    for dossier in dossiers:
        if dossier.status not in OPEN_STATUSES or dossier.dossier_type_code not in sickness_codes:
            continue
        if case_manager and dossier.case_manager_code != case_manager:
            continue
        log = logs.get(dossier.id)
        if not log:
            unchecked.append(dossier.id)
            continue
        result = check_file(
            dossier, log, documents.get(dossier.id, ()), rules(dossier.dossier_type_code), today
        )
        if result.at_risk:
            found.append(result)
    found.sort(key=lambda r: (r.days_to_next() if r.days_to_next() is not None else 10**6, r.dossier.no))
    return AtRisk(tuple(found), tuple(unchecked))
