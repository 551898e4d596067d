"""The poortwachter file check of one sickness dossier (no Qt, no I/O).

Each statutory milestone (problem analysis, plan of approach, evaluations, week-42 report, first-year
evaluation, the physician's current judgment, the employee's view, the re-integration report, the WIA
application) gets its due date from the statutory calendar (:mod:`.deadlines`) and its evidence from
the workflow steps as :mod:`.schedule` evaluates them and from the document list. Which step and which
documents count is data (:class:`FileCheckRules`, parsed from ``filecheck_rules.json`` plus a profile's
override), so a company whose Business Central workflow numbers its lines differently only edits a file.

States: ``done`` (satisfied), ``missing`` (half of a "both" rule is there: the step is decided but the
document is absent, or the reverse — the gap a workflow alone hides), ``overdue`` (not satisfied and past
due), ``due_soon`` (not satisfied, due within :data:`deadlines.WARN_DAYS`) and ``upcoming`` (not due yet).
Evaluations recur: each must follow the previous one (or the first due date) within ``recurringWeeks``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dossier_desk.api.models import Document, Dossier, WorkflowEntry
from dossier_desk.domain.deadlines import WARN_DAYS, deadlines_for, parse_iso_date
from dossier_desk.domain.dossier_rules import OPEN_STATUSES
from dossier_desk.domain.schedule import Step, compute

SATISFIED_BY = ("step", "document", "either", "both")
GAP_STATES = frozenset({"missing", "overdue", "due_soon"})


@dataclass(frozen=True, slots=True)
class MilestoneRule:
    """What satisfies one milestone (see ``filecheck_rules.json``)."""

    key: str
    deadline: str  # kind of the statutory deadline whose date applies
    lines: tuple[int, ...] = ()
    step_keywords: tuple[str, ...] = ()
    document_types: tuple[str, ...] = ()
    document_keywords: tuple[str, ...] = ()
    exclude_keywords: tuple[str, ...] = ()
    satisfied_by: str = "either"
    recurring_weeks: int = 0

    def matches_step(self, entry: WorkflowEntry) -> bool:
        if entry.line_no in self.lines:
            return True
        return not self.lines and _has_keyword(entry.description, self.step_keywords, self.exclude_keywords)

    def matches_document(self, doc: Document) -> bool:
        if self.document_types and doc.document_type not in self.document_types:
            return False
        text = f"{doc.description} {doc.file_name}"
        return _has_keyword(text, self.document_keywords, self.exclude_keywords)


@dataclass(frozen=True, slots=True)
class FileCheckRules:
    """The milestones of one dossier type, in display order."""

    milestones: tuple[MilestoneRule, ...]


class RulesError(ValueError):
    """The rules data is not usable (``str(exc)`` names the field; the UI words it)."""


def _has_keyword(text: str, keywords: Sequence[str], excluded: Sequence[str]) -> bool:
    low = text.casefold()
    return any(k.casefold() in low for k in keywords) and not any(x.casefold() in low for x in excluded)


def _rule(raw: Mapping[str, Any]) -> MilestoneRule:
    try:
        rule = MilestoneRule(
            key=str(raw["key"]),
            deadline=str(raw.get("deadline", raw["key"])),
            lines=tuple(int(n) for n in raw.get("lines", ())),
            step_keywords=tuple(str(k) for k in raw.get("stepKeywords", ())),
            document_types=tuple(str(t) for t in raw.get("documentTypes", ())),
            document_keywords=tuple(str(k) for k in raw.get("documentKeywords", ())),
            exclude_keywords=tuple(str(k) for k in raw.get("excludeKeywords", ())),
            satisfied_by=str(raw.get("satisfiedBy", "either")),
            recurring_weeks=int(raw.get("recurringWeeks", 0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError(f"milestone {raw!r}: {exc}") from exc
    if rule.satisfied_by not in SATISFIED_BY:
        raise RulesError(f"milestone {rule.key}: satisfiedBy must be one of {', '.join(SATISFIED_BY)}")
    return rule


def _merged(base: list[dict[str, Any]], changes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Milestones of ``changes`` replace (by key) or extend ``base``; ``{"key": k, "remove": true}``
    drops one."""
    out = {m["key"]: dict(m) for m in base}
    for change in changes:
        key = change.get("key")
        if not isinstance(key, str):
            raise RulesError("every milestone needs a key")
        if change.get("remove"):
            out.pop(key, None)
        else:
            out[key] = {**out.get(key, {}), **change}
    return list(out.values())


def rules_for(
    data: Mapping[str, Any], dossier_type: str, override: Mapping[str, Any] | None = None
) -> FileCheckRules:
    """The rules of ``dossier_type`` from the parsed JSON ``data`` and a profile's ``override`` (same
    shape; its ``default`` and ``types`` entries change the built-in ones milestone by milestone)."""
    layers = [data, *([override] if override else [])]
    milestones: list[dict[str, Any]] = []
    for layer in layers:
        if not isinstance(layer, Mapping):
            raise RulesError("the rules must be a JSON object")
        milestones = _merged(milestones, layer.get("default", ()))
    for layer in layers:
        per_type = layer.get("types", {}) or {}
        milestones = _merged(milestones, per_type.get(dossier_type, ()))
    return FileCheckRules(tuple(_rule(m) for m in milestones))


@dataclass(frozen=True, slots=True)
class MilestoneCheck:
    """One milestone's verdict and the evidence behind it."""

    rule: MilestoneRule
    due: date | None
    state: str  # done / missing / overdue / due_soon / upcoming
    steps: tuple[Step, ...] = ()  # matching workflow steps (any state)
    documents: tuple[Document, ...] = ()  # matching documents
    step_done: bool = False
    document_done: bool = False
    last_evidence: date | None = None  # recurring milestones: the latest evaluation

    @property
    def key(self) -> str:
        return self.rule.key


@dataclass(frozen=True, slots=True)
class FileCheck:
    """The whole check of one dossier on ``today``."""

    dossier: Dossier
    today: date
    first_sick_day: date | None
    checks: tuple[MilestoneCheck, ...] = ()
    has_log: bool = False
    has_documents: bool = False
    steps: tuple[Step, ...] = ()

    @property
    def gaps(self) -> list[MilestoneCheck]:
        return [c for c in self.checks if c.state in GAP_STATES]

    @property
    def at_risk(self) -> bool:
        """Open, checked, and something is missing, overdue or due soon."""
        return self.dossier.status in OPEN_STATUSES and bool(self.gaps)

    @property
    def next_due(self) -> date | None:
        """The earliest due date of a milestone not done (overdue ones first)."""
        dates = [c.due for c in self.checks if c.state != "done" and c.due is not None]
        return min(dates) if dates else None

    def days_to_next(self) -> int | None:
        due = self.next_due
        return None if due is None else (due - self.today).days


def _evidence_date(step: Step | None, doc: Document | None) -> date | None:
    if step is not None:
        return parse_iso_date((step.entry.completed_date_time or "")[:10])
    if doc is not None:
        return parse_iso_date(doc.document_date) or parse_iso_date((doc.created_date_time or "")[:10])
    return None


def _state_for(due: date | None, satisfied: bool, partial: bool, today: date) -> str:
    if satisfied:
        return "done"
    if partial:
        return "missing"
    if due is None:
        return "upcoming"
    days = (due - today).days
    if days < 0:
        return "overdue"
    return "due_soon" if days <= WARN_DAYS else "upcoming"


def _check(
    rule: MilestoneRule,
    due_by_kind: Mapping[str, list[date]],
    steps: Sequence[Step],
    docs: Sequence[Document],
    today: date,
) -> MilestoneCheck:
    matched_steps = tuple(s for s in steps if rule.matches_step(s.entry))
    matched_docs = tuple(d for d in docs if rule.matches_document(d))
    step_done = any(s.state == "Completed" for s in matched_steps)
    doc_done = bool(matched_docs)
    dues = due_by_kind.get(rule.deadline, [])
    if rule.recurring_weeks and dues:
        dates = [_evidence_date(s, None) for s in matched_steps if s.state == "Completed"]
        dates += [_evidence_date(None, d) for d in matched_docs]
        known = sorted(d for d in dates if d is not None)
        last = known[-1] if known else None
        due = dues[0] if last is None else max(dues[0], last + timedelta(weeks=rule.recurring_weeks))
        if due > dues[-1] + timedelta(weeks=rule.recurring_weeks):
            due = None  # no evaluation is owed after the last one in the statutory period
        state = _state_for(due, False, False, today)
        if state == "upcoming" and last is not None:
            state = "done"  # up to date: the next evaluation is not due yet
        return MilestoneCheck(rule, due, state, matched_steps, matched_docs, step_done, doc_done, last)
    due = dues[0] if dues else None
    by = rule.satisfied_by
    satisfied = {
        "step": step_done,
        "document": doc_done,
        "either": step_done or doc_done,
        "both": step_done and doc_done,
    }[by]
    partial = by == "both" and (step_done or doc_done) and not satisfied
    state = _state_for(due, satisfied, partial, today)
    return MilestoneCheck(rule, due, state, matched_steps, matched_docs, step_done, doc_done)


def check_file(
    dossier: Dossier,
    log: Sequence[WorkflowEntry] | None,
    documents: Sequence[Document] | None,
    rules: FileCheckRules,
    today: date,
) -> FileCheck:
    """Check ``dossier`` against ``rules``; ``log``/``documents`` are what the cache holds (None or empty
    when never downloaded: the check then says so rather than reporting everything missing)."""
    schedule = compute(dossier, log, sickness=True, today=today)
    first = schedule.first_sick_day
    base = FileCheck(dossier, today, first, (), bool(log), documents is not None and len(documents) > 0)
    if first is None:
        return base
    due_by_kind: dict[str, list[date]] = {}
    for deadline in deadlines_for(first):
        due_by_kind.setdefault(deadline.kind, []).append(deadline.due)
    checks = tuple(
        _check(rule, due_by_kind, schedule.steps, documents or (), today) for rule in rules.milestones
    )
    return FileCheck(dossier, today, first, checks, base.has_log, base.has_documents, schedule.steps)
