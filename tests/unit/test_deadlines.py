"""Poortwachter deadlines and BC date formulas against hand-computed dates (fixed clocks, no now())."""

from __future__ import annotations

from datetime import date

import pytest

from dossier_desk.api.models import Dossier
from dossier_desk.domain.deadlines import (
    Deadline,
    apply_date_formula,
    deadlines_for,
    describe_days,
    next_deadline,
    upcoming_deadlines,
    warning_level,
)

FIRST_SICK_DAY = date(2026, 1, 5)  # a Monday


def _by_kind(kind: str) -> list[date]:
    return [d.due for d in deadlines_for(FIRST_SICK_DAY) if d.kind == kind]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # Hand-computed: Jan 5 + 42 days = Feb 16 (Jan has 26 days left, 16 more into February).
        ("problem_analysis", date(2026, 2, 16)),
        # Feb 16 + 14 days, February 2026 has 28 days -> Mar 2.
        ("plan_of_approach", date(2026, 3, 2)),
        # 294 days: Jan 26, Feb 28, Mar 31, Apr 30, May 31, Jun 30, Jul 31, Aug 31, Sep 30 = 268 -> Oct 26.
        ("uwv_report", date(2026, 10, 26)),
        # 364 days = one year (365 days, 2026 not leap) minus one day.
        ("first_year_evaluation", date(2027, 1, 4)),
        # Week 52 date + 39 weeks (273 days) -> Oct 4, 2027.
        ("wia_application", date(2027, 10, 4)),
        # Week 52 date + 364 days (2027 not leap) -> Jan 3, 2028: first day without continued pay.
        ("end_of_pay", date(2028, 1, 3)),
    ],
)
def test_milestones_are_first_sick_day_plus_whole_weeks(kind: str, expected: date) -> None:
    assert _by_kind(kind) == [expected]


def test_six_weekly_evaluations_run_from_week_14_to_98() -> None:
    evaluations = [d for d in deadlines_for(FIRST_SICK_DAY) if d.kind == "evaluation"]
    assert [d.week for d in evaluations] == list(range(14, 99, 6))
    assert evaluations[0].due == date(2026, 4, 13)  # Jan 5 + 98 days
    assert all(d.due.weekday() == FIRST_SICK_DAY.weekday() for d in evaluations)


def test_deadlines_sorted_by_due_date() -> None:
    dues = [d.due for d in deadlines_for(FIRST_SICK_DAY)]
    assert dues == sorted(dues)
    assert len(dues) == 6 + 15


def _dossier(**kw: object) -> Dossier:
    fields: dict[str, object] = {
        "id": "d1",
        "dossier_type_code": "ZIEK",
        "status": "Open",
        "starting_date": "2026-01-05",
    }
    fields.update(kw)
    return Dossier(**fields)  # type: ignore[arg-type]


def test_next_deadline_on_due_day_is_that_deadline() -> None:
    result = next_deadline(_dossier(), {"ZIEK"}, today=date(2026, 2, 16))
    assert result is not None
    assert result.kind == "problem_analysis"


def test_next_deadline_skips_past_ones() -> None:
    result = next_deadline(_dossier(), {"ZIEK"}, today=date(2026, 2, 17))
    assert result == Deadline("Plan of approach", date(2026, 3, 2), "plan_of_approach", 8)


def test_next_deadline_none_after_week_104() -> None:
    assert next_deadline(_dossier(), {"ZIEK"}, today=date(2028, 1, 4)) is None


@pytest.mark.parametrize(
    "dossier",
    [
        _dossier(dossier_type_code="SAFETY"),
        _dossier(status="Closed"),
        _dossier(status="Archived"),
        _dossier(starting_date=""),
        _dossier(starting_date="not a date"),
    ],
)
def test_next_deadline_only_for_open_sickness_dossiers_with_a_start(dossier: Dossier) -> None:
    assert next_deadline(dossier, {"ZIEK"}, today=date(2026, 1, 6)) is None


@pytest.mark.parametrize(
    ("today", "level"),
    [
        (date(2026, 2, 1), "none"),  # 15 days ahead
        (date(2026, 2, 2), "soon"),  # exactly 14 days ahead
        (date(2026, 2, 16), "soon"),  # due today is not yet overdue
        (date(2026, 2, 17), "overdue"),
    ],
)
def test_warning_level_boundaries(today: date, level: str) -> None:
    deadline = Deadline("Problem analysis", date(2026, 2, 16), "problem_analysis", 6)
    assert warning_level(deadline, today) == level


@pytest.mark.parametrize(
    ("today", "text"),
    [
        (date(2026, 2, 16), "due today"),
        (date(2026, 2, 15), "due tomorrow"),
        (date(2026, 2, 13), "due in 3 days"),
        (date(2026, 2, 17), "1 day overdue"),
        (date(2026, 2, 19), "3 days overdue"),
    ],
)
def test_describe_days(today: date, text: str) -> None:
    assert describe_days(date(2026, 2, 16), today) == text


def test_upcoming_deadlines_limit() -> None:
    result = upcoming_deadlines(FIRST_SICK_DAY, date(2026, 3, 1), limit=2)
    assert [d.kind for d in result] == ["plan_of_approach", "evaluation"]


@pytest.mark.parametrize(
    ("start", "formula", "expected"),
    [
        (date(2026, 1, 5), "3D", date(2026, 1, 8)),
        (date(2026, 1, 5), "6W", date(2026, 2, 16)),
        (date(2026, 1, 31), "1M", date(2026, 2, 28)),  # clamped to month end
        (date(2024, 1, 31), "1M", date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), "1Y", date(2025, 2, 28)),
        (date(2025, 11, 30), "1Q", date(2026, 2, 28)),
        (date(2026, 2, 10), "CM", date(2026, 2, 28)),
        (date(2026, 2, 10), "-CM", date(2026, 2, 1)),
        (date(2026, 2, 10), "CM+1D", date(2026, 3, 1)),
        (date(2026, 3, 1), "-1D", date(2026, 2, 28)),
        (date(2026, 1, 5), "1M+2W", date(2026, 2, 19)),
        (date(2026, 1, 5), "1m + 2w", date(2026, 2, 19)),  # case and blanks ignored
        (date(2026, 1, 5), "<1M+2W>", date(2026, 2, 19)),  # AL's angle brackets
        (date(2026, 1, 7), "CW", date(2026, 1, 11)),  # Wednesday -> Sunday
        (date(2026, 1, 7), "-CW", date(2026, 1, 5)),  # Wednesday -> Monday
        (date(2026, 5, 10), "CQ", date(2026, 6, 30)),
        (date(2026, 5, 10), "-CQ", date(2026, 4, 1)),
        (date(2026, 5, 10), "CY", date(2026, 12, 31)),
        (date(2026, 5, 10), "CD", date(2026, 5, 10)),
        (date(2026, 5, 10), "", date(2026, 5, 10)),
        (date(2026, 3, 15), "-1M-1W", date(2026, 2, 8)),
    ],
)
def test_apply_date_formula(start: date, formula: str, expected: date) -> None:
    assert apply_date_formula(start, formula) == expected


@pytest.mark.parametrize("formula", ["6X", "W6", "1M2W", "3WD", "abc", "+"])
def test_apply_date_formula_rejects_unknown_syntax(formula: str) -> None:
    with pytest.raises(ValueError, match="formula"):
        apply_date_formula(date(2026, 1, 1), formula)


def test_week_formula_matches_deadline_convention() -> None:
    """A workflow line with term 6W and the radar's week-6 deadline land on the same day."""
    radar = {d.week: d.due for d in deadlines_for(FIRST_SICK_DAY) if d.kind != "evaluation"}
    for week, due in radar.items():
        assert apply_date_formula(FIRST_SICK_DAY, f"{week}W") == due
