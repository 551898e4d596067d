"""One deadline computation behind the table row, the Overdue preset, "Next deadline", the Dates filter
and the workflow tab's summary and step table — the reported case: a sickness dossier whose workflow log
shows three undecided steps past their due date, one of them 327 days overdue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from dossier_desk.ui.dates import format_date
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.workflow.radar import DeadlineRadar
from dossier_desk.ui.workflow.tab import WorkflowTab
from tests.gui.poortwachter_support import (
    PLAN,
    PROBLEM_ANALYSIS,
    REGISTERED,
    absence_dossier,
    close_workspace,
    open_workspace_as,
    today,
)

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints"), pytest.mark.xdist_group("sandbox_gui")]

STARTED = 98 + 327  # week 14's evaluation (line 40000) is then 327 days overdue


@pytest.fixture
def reported(qtbot, loop, sandbox_factory):
    server = sandbox_factory(dossiers=20)
    dossier = absence_dossier(
        server,
        started_days_ago=STARTED,
        description="Langdurig verzuim (reported case)",
        completed=(REGISTERED, PROBLEM_ANALYSIS, PLAN),
        endingDate=(today() + timedelta(days=30)).isoformat(),
    )
    ws = open_workspace_as(qtbot, server)
    yield ws, dossier
    close_workspace(qtbot, ws)


def _open(qtbot, ws, dossier_id: str) -> None:
    """Select the dossier as the user does; the workflow tab fetches its log in the background."""
    with qtbot.waitSignal(ws.bridge.workflowChanged, timeout=10_000):
        ws.window.show_dossier(dossier_id)


def _row(ws, dossier_id: str) -> int:
    row = ws.window.model.row_of(dossier_id)
    assert row >= 0
    return row


def test_overdue_steps_make_the_row_overdue_with_its_next_deadline(qtbot, reported) -> None:
    ws, dossier = reported
    model = ws.window.model
    _open(qtbot, ws, dossier["id"])
    row = _row(ws, dossier["id"])
    first_overdue = today() - timedelta(days=327)
    assert model.data(model.index(row, 0), c.OverdueRole) is True
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None  # highlighted
    assert model.data(model.index(row, c.COL_NEXT_DEADLINE)) == c.format_date(first_overdue)
    tip = model.data(model.index(row, c.COL_NEXT_DEADLINE), Qt.ItemDataRole.ToolTipRole)
    assert "workflow deadline has passed" in tip
    assert "ending date" not in tip  # the ending date lies ahead: a separate signal, not raised


def test_overdue_preset_catches_it(qtbot, reported) -> None:
    ws, dossier = reported
    _open(qtbot, ws, dossier["id"])
    ws.window.filter_bar.presets["overdue"].click()
    ids = {ws.window.model.dossier_id_at(r) for r in range(ws.window.model.rowCount())}
    assert dossier["id"] in ids


def test_dates_filter_on_next_deadline(qtbot, reported) -> None:
    ws, dossier = reported
    _open(qtbot, ws, dossier["id"])
    due = today() - timedelta(days=327)
    bar = ws.window.filter_bar
    bar.set_filter(DossierFilter(date_field="next_deadline", date_from=due, date_to=due))
    assert bar.date_range.field.currentData() == "next_deadline"
    ids = [ws.window.model.dossier_id_at(r) for r in range(ws.window.model.rowCount())]
    assert ids == [dossier["id"]]
    bar.set_filter(DossierFilter(date_field="next_deadline", date_from=due + timedelta(days=1)))
    ids = {ws.window.model.dossier_id_at(r) for r in range(ws.window.model.rowCount())}
    assert dossier["id"] not in ids


def test_summary_and_step_table_agree(qtbot, reported) -> None:
    ws, dossier = reported
    _open(qtbot, ws, dossier["id"])
    tab = ws.window.findChild(WorkflowTab)
    radar = ws.window.findChild(DeadlineRadar)
    overdue_rows = [line for line in tab.model.lines() if line.state == "Overdue"]
    assert [line.days_overdue for line in overdue_rows] == [327, 131, 61]
    assert tab.summary.text() == "3 of 8 steps decided, 3 overdue"
    assert not radar.isHidden()
    assert radar.note.text() == "3 workflow steps overdue."
    assert "passed" not in radar.note.text()  # never "All statutory deadlines have passed" above them
    assert radar.lines()[0].startswith("Overdue: Evaluatie plan van aanpak")
    assert radar.lines()[0].endswith("327 days overdue")
    assert len([line for line in radar.lines() if line.startswith("Overdue:")]) == 3
    assert radar.deadlines is tab.deadlines  # literally the same computation
    ending = format_date(today() + timedelta(days=30))
    assert radar.ending.text() == f"Ending date: {ending}"


def test_passed_ending_date_is_its_own_labelled_signal(qtbot, loop, sandbox_factory) -> None:
    server = sandbox_factory(dossiers=10)
    ended_on = today() - timedelta(days=5)
    ended = ended_on.isoformat()
    dossier = absence_dossier(
        server,
        started_days_ago=20,
        description="Ended, nothing late",
        completed=(REGISTERED,),
        endingDate=ended,
    )
    ws = open_workspace_as(qtbot, server, name="ending")
    try:
        _open(qtbot, ws, dossier["id"])
        radar = ws.window.findChild(DeadlineRadar)
        assert radar.ending.text() == f"Ending date: {format_date(ended_on)} (passed 5 days ago)"
        assert radar.note.text() == ""  # no step is overdue: the summary does not say so
        assert not radar.deadlines.overdue
        model = ws.window.model
        tip = model.data(model.index(_row(ws, dossier["id"]), c.COL_ENDING_DATE), Qt.ItemDataRole.ToolTipRole)
        assert "Past its ending date" in tip
        assert "workflow deadline" not in tip
    finally:
        close_workspace(qtbot, ws)
