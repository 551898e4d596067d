"""Dutch sickness-absence deadlines and Business Central date formulas (no Qt, no I/O).

Wet verbetering poortwachter (the Dutch "gatekeeper" act) fixes a calendar of obligations that run
from the employee's first sick day, which in Dynamics Dossier is the absence dossier's
``startingDate``.

Convention (documented because it decides a day either way): **the week-N deadline is the first sick
day plus N whole weeks** (``first_sick_day + 7 * N`` days). This follows the wording used by the law's
guidance ("binnen 8 weken na de eerste ziektedag", "na 6 weken ziekte"), and BC's own date formula
``6W`` applied to the starting date gives the same date, so the radar agrees with a workflow line whose
term is ``6W``. Example: first sick day Monday 2026-01-05 -> week 6 problem analysis due Monday
2026-02-16. For week 104 this is the first day *without* continued pay (the last paid day is the day
before).

The six-weekly evaluations of the plan of approach start six weeks after the week-8 plan (weeks 14,
20, ... 98) and stop before week 104, when continued pay ends anyway.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import OPEN_STATUSES

WarningLevel = Literal["none", "soon", "overdue"]

# How far ahead a deadline is flagged "soon": two weeks gives HR time to plan the meeting.
WARN_DAYS = 14


# (week, name, kind) of the fixed milestones. ``kind`` is a stable key for icons/filters; names are
# shown to the user.
_MILESTONES: tuple[tuple[int, str, str], ...] = (
    (6, "Problem analysis", "problem_analysis"),
    (8, "Plan of approach", "plan_of_approach"),
    (42, "Report to UWV (week 42)", "uwv_report"),
    (52, "First-year evaluation", "first_year_evaluation"),
    (91, "WIA application", "wia_application"),
    (104, "End of continued pay", "end_of_pay"),
)
_EVALUATION_FIRST_WEEK = 14
_EVALUATION_INTERVAL_WEEKS = 6
_LAST_WEEK = 104


@dataclass(frozen=True, slots=True)
class Deadline:
    """One obligation: ``due`` is the date by which it must be done."""

    name: str
    due: date
    kind: str
    week: int = 0


def deadlines_for(first_sick_day: date) -> list[Deadline]:
    """All poortwachter deadlines for an absence that started on ``first_sick_day``, sorted by date.

    Milestones and six-weekly evaluations that fall in the same week are both listed (they are different
    obligations); ties are ordered milestone first.
    """
    items: list[Deadline] = [
        Deadline(name, first_sick_day + timedelta(weeks=week), kind, week) for week, name, kind in _MILESTONES
    ]
    week = _EVALUATION_FIRST_WEEK
    while week < _LAST_WEEK:
        items.append(
            Deadline(
                f"Evaluation of plan of approach (week {week})",
                first_sick_day + timedelta(weeks=week),
                "evaluation",
                week,
            )
        )
        week += _EVALUATION_INTERVAL_WEEKS
    # Stable sort: milestones were appended first, so they stay ahead of evaluations on the same day.
    items.sort(key=lambda d: d.due)
    return items


def parse_iso_date(value: str | None) -> date | None:
    """``YYYY-MM-DD`` -> date; blank, None or malformed (BC's 0001-01-01 arrives as "" or None) -> None."""
    if not value or value.startswith("0001-01-01"):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def next_deadline(dossier: Dossier, sickness_type_codes: set[str], today: date) -> Deadline | None:
    """The first deadline on or after ``today`` for an open sickness dossier, else None.

    Overdue deadlines are not returned: once past they are the workflow log's business (it shows them as
    overdue with the exact number of days); the radar looks ahead. A dossier qualifies only if its type
    is a sickness type (``DossierType.sickness``) and its status is still open.
    """
    if dossier.dossier_type_code not in sickness_type_codes or dossier.status not in OPEN_STATUSES:
        return None
    first_sick_day = parse_iso_date(dossier.starting_date)
    if first_sick_day is None:
        return None
    for deadline in deadlines_for(first_sick_day):
        if deadline.due >= today:
            return deadline
    return None


def upcoming_deadlines(first_sick_day: date, today: date, limit: int = 3) -> list[Deadline]:
    """The next ``limit`` deadlines on or after ``today`` (for the detail pane's radar)."""
    return [d for d in deadlines_for(first_sick_day) if d.due >= today][:limit]


def warning_level(deadline: Deadline, today: date) -> WarningLevel:
    """ "overdue" after the due date, "soon" within :data:`WARN_DAYS` before it (inclusive), else "none"."""
    days_left = (deadline.due - today).days
    if days_left < 0:
        return "overdue"
    if days_left <= WARN_DAYS:
        return "soon"
    return "none"


def describe_days(due: date, today: date) -> str:
    """Human text for a due date relative to today: "due today", "in 3 days", "3 days overdue".

    Used wherever a warning is shown so that state is never conveyed by colour alone.
    """
    days = (due - today).days
    if days == 0:
        return "due today"
    if days > 0:
        return "due tomorrow" if days == 1 else f"due in {days} days"
    late = -days
    return "1 day overdue" if late == 1 else f"{late} days overdue"


# --- Business Central date formulas -------------------------------------------------------------

# One term: optional sign, then either C<unit> (current period boundary) or <number><unit>.
# Units: D day, W week, M month, Q quarter, Y year. BC also has WD (weekday), which no workflow term
# in Dynamics Dossier uses; it is rejected rather than guessed.
_TERM = re.compile(r"([+-]?)(?:(C)|(\d+))([DWMQY])")


def _add_months(start: date, months: int) -> date:
    """Calendar month arithmetic clamped to the month's end, as BC's CALCDATE does (Jan 31 + 1M = Feb 28)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _period_boundary(current: date, unit: str, end: bool) -> date:
    """Start or end of the day/week/month/quarter/year containing ``current`` (BC's C-terms).

    BC weeks run Monday..Sunday, so ``CW`` is the coming Sunday and ``-CW`` the Monday.
    """
    if unit == "D":
        return current
    if unit == "W":
        monday = current - timedelta(days=current.weekday())
        return monday + timedelta(days=6) if end else monday
    if unit == "M":
        first = current.replace(day=1)
    elif unit == "Q":
        first = date(current.year, 3 * ((current.month - 1) // 3) + 1, 1)
    else:  # "Y"
        first = date(current.year, 1, 1)
    if not end:
        return first
    span = {"M": 1, "Q": 3, "Y": 12}[unit]
    return _add_months(first, span) - timedelta(days=1)


def apply_date_formula(start: date, formula: str) -> date:
    """Evaluate a BC date formula such as ``6W``, ``1M+2W``, ``CM``, ``-1D``, ``CM+1D``, ``<3D>``.

    Terms are applied left to right. ``C<unit>`` moves to the end of the current period, ``-C<unit>`` to
    its start. Blanks and the angle brackets AL code wraps formulas in are ignored; case is ignored. An
    empty formula returns ``start``. Anything else raises ``ValueError`` naming the formula, because a
    silently wrong due date in an absence case is worse than an error.
    """
    text = formula.strip().strip("<>").replace(" ", "").upper()
    current = start
    pos = 0
    while pos < len(text):
        match = _TERM.match(text, pos)
        if match is None:
            raise ValueError(f"unsupported date formula {formula!r} at position {pos}")
        sign, current_period, number, unit = match.groups()
        if pos > 0 and not sign:
            # "1M2W" is not valid BC syntax; every term after the first needs its own sign.
            raise ValueError(f"date formula {formula!r} needs '+' or '-' between terms")
        negative = sign == "-"
        if current_period:
            current = _period_boundary(current, unit, end=not negative)
        else:
            amount = -int(number) if negative else int(number)
            if unit == "D":
                current += timedelta(days=amount)
            elif unit == "W":
                current += timedelta(weeks=amount)
            elif unit == "M":
                current = _add_months(current, amount)
            elif unit == "Q":
                current = _add_months(current, 3 * amount)
            else:
                current = _add_months(current, 12 * amount)
        pos = match.end()
    return current
