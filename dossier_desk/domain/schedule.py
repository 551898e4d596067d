"""The one deadline computation of a dossier: what the table, the Overdue preset, the workflow tab's
summary and step table, the file check and the at-risk view all read (no Qt, no I/O).

Rules:

* each workflow line's due date is the server's ``dueDate``, else its term applied to the dossier's
  starting date (document date when blank); a line is *decided* when Completed or Rejected;
* the first undecided line is *current*, later ones *upcoming*; any undecided line whose due date has
  passed is *overdue* (a later step can be late while an earlier one is still open);
* the dossier is overdue when it is open and has an overdue step;
* its next deadline is the earliest due date of an undecided step (overdue ones come first because they
  are the earliest). Without a cached workflow log, an open sickness dossier falls back to the statutory
  calendar (the next poortwachter deadline from today), which is all that is known offline;
* the ending date is a separate signal (``ending_passed``), never mixed into the step states.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dossier_desk.api.models import Dossier, WorkflowEntry
from dossier_desk.domain import deadlines as calendar_rules
from dossier_desk.domain.deadlines import Deadline, apply_date_formula, parse_iso_date
from dossier_desk.domain.dossier_rules import OPEN_STATUSES

DECIDED = frozenset({"Completed", "Rejected"})


@dataclass(frozen=True, slots=True)
class Step:
    """A workflow line with its effective state against today."""

    entry: WorkflowEntry
    state: str  # Completed / Rejected / Current / Upcoming / Overdue
    due: date | None
    days_overdue: int

    @property
    def decided(self) -> bool:
        return self.state in DECIDED


@dataclass(frozen=True, slots=True)
class DossierDeadlines:
    """Everything deadline-related about one dossier on one day."""

    today: date
    is_open: bool
    sickness: bool
    first_sick_day: date | None
    steps: tuple[Step, ...]
    calendar: tuple[Deadline, ...]  # statutory deadlines from today on (sickness dossiers only)
    ending: date | None

    @property
    def has_log(self) -> bool:
        return bool(self.steps)

    @property
    def undecided(self) -> list[Step]:
        """Undecided steps by due date (overdue first), steps without a date last, then line order."""
        steps = [s for s in self.steps if not s.decided]
        return sorted(steps, key=lambda s: (s.due is None, s.due or date.max, s.entry.line_no))

    @property
    def overdue_steps(self) -> list[Step]:
        return [s for s in self.undecided if s.state == "Overdue"] if self.is_open else []

    @property
    def overdue(self) -> bool:
        return bool(self.overdue_steps)

    @property
    def next_step(self) -> Step | None:
        """The earliest undecided step with a due date (None when all are decided or undated)."""
        if not self.is_open:
            return None
        return next((s for s in self.undecided if s.due is not None), None)

    @property
    def next_due(self) -> date | None:
        """The dossier's next deadline: earliest undecided step, else the statutory calendar (no log)."""
        if not self.is_open:
            return None
        step = self.next_step
        if step is not None:
            return step.due
        if not self.has_log and self.calendar:
            return self.calendar[0].due
        return None

    @property
    def ending_passed(self) -> bool:
        return self.is_open and self.ending is not None and self.ending < self.today

    @property
    def all_decided(self) -> bool:
        return self.has_log and all(s.decided for s in self.steps)


def anchor_of(dossier: Dossier) -> date | None:
    """The date workflow terms count from: the starting (first sick) day, else the document date."""
    return parse_iso_date(dossier.starting_date) or parse_iso_date(dossier.document_date)


def due_date(entry: WorkflowEntry, anchor: date | None) -> date | None:
    """The server's due date, else the line's term applied to ``anchor`` (older cached logs lack
    ``dueDate``); None when neither is known or the term cannot be read."""
    parsed = parse_iso_date(entry.due_date)
    if parsed is not None or anchor is None or not entry.term:
        return parsed
    try:
        return apply_date_formula(anchor, entry.term)
    except ValueError:
        return None


def evaluate_steps(entries: Sequence[WorkflowEntry], anchor: date | None, today: date) -> list[Step]:
    """Effective state per line, in line order (see the module docstring)."""
    steps: list[Step] = []
    found_current = False
    for entry in sorted(entries, key=lambda e: e.line_no):
        due = due_date(entry, anchor)
        if entry.state in DECIDED:
            steps.append(Step(entry, entry.state, due, 0))
            continue
        state = "Upcoming" if found_current else "Current"
        found_current = True
        late = (today - due).days if due is not None else 0
        steps.append(Step(entry, "Overdue" if late > 0 else state, due, max(late, 0)))
    return steps


def compute(
    dossier: Dossier, log: Sequence[WorkflowEntry] | None, *, sickness: bool, today: date
) -> DossierDeadlines:
    """The deadlines of ``dossier`` from its cached workflow ``log`` (None or empty: not cached)."""
    first_sick_day = parse_iso_date(dossier.starting_date)
    is_open = dossier.status in OPEN_STATUSES
    steps = evaluate_steps(log or (), anchor_of(dossier), today)
    calendar: tuple[Deadline, ...] = ()
    if sickness and first_sick_day is not None:
        calendar = tuple(d for d in calendar_rules.deadlines_for(first_sick_day) if d.due >= today)
    return DossierDeadlines(
        today=today,
        is_open=is_open,
        sickness=sickness,
        first_sick_day=first_sick_day,
        steps=tuple(steps),
        calendar=calendar,
        ending=parse_iso_date(dossier.ending_date),
    )
