"""The one deadline computation and the poortwachter file check on hand-built logs (fixed clocks)."""

from __future__ import annotations

from datetime import date, timedelta

from dossier_desk.api.models import Document, Dossier, WorkflowEntry
from dossier_desk.domain.filecheck import check_file, rules_for
from dossier_desk.domain.schedule import compute
from dossier_desk.ui.filecheck.rules_source import RulesSource, builtin_rules_data

TODAY = date(2026, 12, 4)
LINES = [
    (10000, "1D"),
    (20000, "6W"),
    (30000, "8W"),
    (40000, "14W"),
    (50000, "42W"),
    (60000, "52W"),
    (70000, "91W"),
]


def _log(start: date, completed: set[int]) -> list[WorkflowEntry]:
    return [
        WorkflowEntry(
            id=f"w{n}",
            dossier_id="d1",
            line_no=n,
            description=f"Step {n}",
            term=term,
            state="Completed" if n in completed else "Upcoming",
            completed_date_time=(start + timedelta(days=n // 1000)).isoformat() + "T09:00:00Z"
            if n in completed
            else "",
        )
        for n, term in LINES
    ]


def _dossier(start: date, status: str = "Open", **kw: str) -> Dossier:
    return Dossier(
        id="d1", no="D1", dossier_type_code="ABSENCE", status=status, starting_date=start.isoformat(), **kw
    )


def test_three_overdue_steps_one_327_days_make_the_dossier_overdue() -> None:
    start = TODAY - timedelta(days=98 + 327)  # line 40000 (14W) is 327 days overdue
    result = compute(_dossier(start), _log(start, {10000, 20000, 30000}), sickness=True, today=TODAY)
    assert [s.days_overdue for s in result.overdue_steps] == [327, 131, 61]
    assert result.overdue
    assert result.next_due == start + timedelta(weeks=14)  # earliest undecided step, overdue first
    assert not result.ending_passed


def test_ending_date_is_a_separate_signal_and_blank_dates_are_none() -> None:
    start = TODAY - timedelta(days=10)
    result = compute(_dossier(start, ending_date="2026-12-01"), [], sickness=True, today=TODAY)
    assert result.ending_passed
    assert not result.overdue
    assert result.next_due == start + timedelta(weeks=6)  # no cached log: the statutory calendar
    blank = Dossier(id="d2", status="Open", starting_date=None, ending_date="0001-01-01")  # type: ignore[arg-type]
    assert compute(blank, None, sickness=True, today=TODAY).next_due is None
    assert compute(blank, None, sickness=True, today=TODAY).ending is None


def test_closed_dossier_has_no_deadline() -> None:
    start = TODAY - timedelta(days=400)
    result = compute(_dossier(start, status="Closed"), _log(start, set()), sickness=True, today=TODAY)
    assert result.next_due is None
    assert not result.overdue


def _doc(description: str, doc_type: str = "Legal", when: str = "2026-01-01") -> Document:
    return Document(
        id=description, dossier_id="d1", description=description, document_type=doc_type, document_date=when
    )


def test_file_check_states() -> None:
    rules = rules_for(builtin_rules_data(), "ABSENCE")
    start = TODAY - timedelta(weeks=30)
    # Problem analysis decided but its document is absent: "missing". Plan done with its document.
    log = _log(start, {10000, 20000, 30000})
    docs = [_doc("Plan van aanpak", when=(start + timedelta(weeks=8)).isoformat())]
    result = check_file(_dossier(start), log, docs, rules, TODAY)
    states = {c.key: c.state for c in result.checks}
    assert states["problem_analysis"] == "missing"
    assert states["plan_of_approach"] == "done"
    assert states["evaluations"] == "overdue"  # week 14 passed with no evaluation at all
    assert states["uwv_report"] == "upcoming"
    assert result.at_risk
    assert result.next_due == start + timedelta(weeks=6)


def test_recurring_evaluation_is_late_six_weeks_after_the_last() -> None:
    rules = rules_for(builtin_rules_data(), "ABSENCE")
    start = TODAY - timedelta(weeks=30)
    evaluated = (start + timedelta(weeks=14)).isoformat()
    docs = [_doc("Evaluatie plan van aanpak", when=evaluated)]
    check = next(
        c
        for c in check_file(_dossier(start), _log(start, set()), docs, rules, TODAY).checks
        if c.key == "evaluations"
    )
    assert check.state == "overdue"
    assert check.due == start + timedelta(weeks=20)
    recent = [_doc("Evaluatie plan van aanpak", when=(TODAY - timedelta(days=7)).isoformat())]
    check = next(
        c
        for c in check_file(_dossier(start), _log(start, set()), recent, rules, TODAY).checks
        if c.key == "evaluations"
    )
    assert check.state == "done"


def test_profile_override_replaces_a_milestone_by_key(tmp_path) -> None:
    path = tmp_path / "rules.json"
    path.write_text('{"default": [{"key": "problem_analysis", "lines": [21000], "satisfiedBy": "step"}]}')
    source = RulesSource(str(path))
    rule = next(r for r in source.rules("ABSENCE").milestones if r.key == "problem_analysis")
    assert rule.lines == (21000,)
    assert rule.satisfied_by == "step"
    assert rule.document_keywords  # the rest of the built-in entry is kept
    broken = RulesSource('{"default": [{"key": "x", "satisfiedBy": "sometimes"}]}')
    assert "satisfiedBy" in broken.problem
    assert len(broken.rules("ABSENCE").milestones) == 9  # built-in rules stay in force


def test_blank_bc_values_count_as_blank() -> None:
    """BC sends 0001-01-01 (or, decoded, None) for blank dates; nothing may crash or count them."""
    start = TODAY - timedelta(weeks=10)
    entry = WorkflowEntry(
        id="w",
        dossier_id="d1",
        line_no=20000,
        description="Probleemanalyse",
        term="6W",
        due_date=None,  # type: ignore[arg-type]
        state="Completed",
        completed_date_time="0001-01-01T00:00:00Z",
    )
    doc = Document(
        id="x", dossier_id="d1", description="Probleemanalyse", document_type="Legal", document_date=None
    )  # type: ignore[arg-type]
    result = check_file(_dossier(start), [entry], [doc], rules_for(builtin_rules_data(), "ABSENCE"), TODAY)
    check = next(c for c in result.checks if c.key == "problem_analysis")
    assert check.state == "done"
    assert result.steps[0].due == start + timedelta(weeks=6)  # from the term when the date is blank
