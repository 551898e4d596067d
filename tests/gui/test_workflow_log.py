"""Workflow log model/tab, action dialog and deadline radar with fixed clocks and in-memory fakes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from dossier_desk.api.errors import NetworkError
from dossier_desk.api.models import Dossier, DossierType, WorkflowEntry
from dossier_desk.ui.dates import format_date
from dossier_desk.ui.task_scope import TaskScope
from dossier_desk.ui.workflow.action_dialog import WorkflowActionDialog
from dossier_desk.ui.workflow.model import OVERDUE_COLOR, WorkflowLogModel, evaluate
from dossier_desk.ui.workflow.radar import DeadlineRadar, radar_text
from dossier_desk.ui.workflow.tab import WorkflowTab

OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
START = date(2026, 1, 5)


def _entry(line_no: int, term: str, state: str = "Upcoming", **kw: object) -> WorkflowEntry:
    return WorkflowEntry(
        id=f"w{line_no}",
        dossier_id="dos-1",
        line_no=line_no,
        description=f"Step {line_no}",
        term=term,
        state=state,
        **kw,  # type: ignore[arg-type]
    )


LOG = [
    _entry(
        10000,
        "1W",
        "Completed",
        completed_by="caseworker@demo",
        completed_date_time="2026-01-09T10:00:00Z",
        comments="Called employee",
    ),
    _entry(20000, "6W", "Current", comments_required=True),
    _entry(30000, "8W"),
    _entry(40000, "CM+1D", due_date="2026-12-01"),
]


def test_overdue_with_fixed_clock() -> None:
    # Step 2 due 2026-02-16 (term 6W from the first sick day); on 2026-02-19 it is 3 days overdue.
    lines = evaluate(LOG, START, today=date(2026, 2, 19))
    assert [line.state for line in lines] == ["Completed", "Overdue", "Upcoming", "Upcoming"]
    assert lines[1].status_text == "3 days overdue"
    assert lines[1].days_overdue == 3
    assert lines[0].status_text == f"Completed by caseworker@demo on {format_date(date(2026, 1, 9))}"
    assert lines[2].due == date(2026, 3, 2)
    assert lines[3].due == date(2026, 12, 1)  # the server's date wins over the term
    assert lines[2].status_text == "Upcoming · due in 11 days"


def test_not_overdue_on_due_day_and_later_steps_can_be_late() -> None:
    on_due = evaluate(LOG, START, today=date(2026, 2, 16))
    assert on_due[1].state == "Current"
    assert on_due[1].status_text == "Current · due today"
    later = evaluate(LOG, START, today=date(2026, 3, 3))
    assert [line.state for line in later] == ["Completed", "Overdue", "Overdue", "Upcoming"]
    assert later[2].status_text == "1 day overdue"


def test_model_marks_overdue_by_text_and_colour(qtmodeltester) -> None:
    model = WorkflowLogModel(lambda: date(2026, 2, 19))
    model.set_log(LOG, START)
    qtmodeltester.check(model)
    status = model.index(1, WorkflowLogModel.STATUS)
    assert model.data(status) == "3 days overdue"
    assert model.data(status, Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert model.data(model.index(1, WorkflowLogModel.STEP)) == "⚠ Step 20000"
    assert model.data(model.index(0, WorkflowLogModel.STEP)) == "✓ Step 10000"
    assert model.data(model.index(0, WorkflowLogModel.COMMENTS)) == "Called employee"
    assert model.data(model.index(2, WorkflowLogModel.STATUS), Qt.ItemDataRole.ForegroundRole) is None


class FakeWorkflow:
    def __init__(self) -> None:
        self.log = list(LOG)
        self.queued: list[tuple[str, str, int, str]] = []
        self.errors: list[BaseException] = []
        self.fail: Exception | None = None
        self.refreshed: list[str] = []
        self.refresh_error: Exception | None = None

    def workflow_log(self, dossier_id: str) -> list[WorkflowEntry]:
        return list(self.log) if dossier_id == "dos-1" else []

    async def queue_workflow_action(
        self, dossier_id: str, action: str, line_no: int, comments: str = ""
    ) -> object:
        if self.fail:
            raise self.fail
        self.queued.append((dossier_id, action, line_no, comments))
        return object()

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        self.errors.append(exc)

    def dossier(self, dossier_id: str) -> Dossier | None:
        return DOSSIER if dossier_id == DOSSIER.id else None

    async def refresh_workflow(self, dossier_id: str) -> list[WorkflowEntry]:
        self.refreshed.append(dossier_id)
        if self.refresh_error:
            raise self.refresh_error
        return self.log

    def dossier_types(self) -> list[DossierType]:
        return [DossierType(id="t1", code="ZIEK", sickness=True), DossierType(id="t2", code="VEILIG")]


DOSSIER = Dossier(id="dos-1", no="D0001", dossier_type_code="ZIEK", status="Open", starting_date="2026-01-05")


def _tab(qtbot, fake: FakeWorkflow, can_act: bool = True) -> WorkflowTab:
    tab = WorkflowTab(fake, fake, fake, can_act=can_act, today=lambda: date(2026, 2, 19))
    qtbot.addWidget(tab)
    tab.set_dossier(DOSSIER)
    return tab


def _enabled(tab: WorkflowTab) -> set[str]:
    return {a for a, b in tab.buttons.items() if b.isEnabled()}


def test_buttons_follow_the_selected_line(qtbot) -> None:
    tab = _tab(qtbot, FakeWorkflow())
    assert tab.summary.text() == "1 of 4 steps decided, 1 overdue"
    assert _enabled(tab) == set()
    tab.select_line(20000)
    assert _enabled(tab) == {"complete", "reject"}
    tab.select_line(10000)
    assert _enabled(tab) == {"reopen"}
    tab.select_line(30000)
    assert _enabled(tab) == set()


def test_read_only_role_has_no_actions(qtbot) -> None:
    tab = _tab(qtbot, FakeWorkflow(), can_act=False)
    tab.select_line(20000)
    assert _enabled(tab) == set()
    assert tab.start_action("complete") is None


@OFFSCREEN_NOISE
def test_reject_requires_comments_and_is_queued(qtbot) -> None:
    fake = FakeWorkflow()
    tab = _tab(qtbot, fake)
    tab.select_line(20000)
    with qtbot.waitSignal(tab.actionDialogOpened) as blocker:
        tab.buttons["reject"].click()
    dialog: WorkflowActionDialog = blocker.args[0]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.action() == "reject"
    assert not ok.isEnabled()
    assert dialog.hint.text() == "A rejection needs a comment explaining why."
    dialog.comments.setPlainText("x" * 251)
    assert not ok.isEnabled()
    assert "at most 250" in dialog.hint.text()
    dialog.comments.setPlainText("  Employee not reachable  ")
    assert ok.isEnabled()
    assert ok.text() == "Reject"
    with qtbot.waitSignal(tab.actionQueued):
        ok.click()
    assert fake.queued == [("dos-1", "reject", 20000, "Employee not reachable")]


@OFFSCREEN_NOISE
def test_complete_needs_comment_only_where_line_says_so(qtbot) -> None:
    fake = FakeWorkflow()
    tab = _tab(qtbot, fake)
    tab.select_line(20000)
    dialog = tab.start_action("complete")
    assert dialog is not None
    assert dialog.comments_label.text() == "Comments (required):"
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    fake.log[1] = _entry(20000, "6W", "Current", comments_required=False)
    tab.refresh()
    tab.select_line(20000)
    dialog = tab.start_action("complete")
    assert dialog is not None
    assert dialog.comments_label.text() == "Comments:"
    fake.fail = RuntimeError("disk full")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert fake.queued == []
    assert [str(e) for e in fake.errors] == ["disk full"]


def test_workflow_changed_refreshes_current_dossier_only(qtbot) -> None:
    fake = FakeWorkflow()
    tab = _tab(qtbot, fake)
    fake.log = fake.log[:2]
    tab.on_workflow_changed("other")
    assert tab.model.rowCount() == 4
    tab.on_workflow_changed("dos-1")
    assert tab.model.rowCount() == 2


@pytest.fixture
def host(qtbot) -> QWidget:
    """In the app the radar is a child of the detail pane, never a window of its own."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _radar(host: QWidget, fake: FakeWorkflow) -> DeadlineRadar:
    return DeadlineRadar(fake, today=lambda: date(2026, 2, 10), parent=host)


def test_radar_for_open_sickness_dossier(host: QWidget) -> None:
    fake = FakeWorkflow()
    radar = _radar(host, fake)
    radar.set_dossier(DOSSIER)
    assert not radar.isHidden()
    assert radar.lines() == [
        f"Soon: Problem analysis (week 6) — {format_date(date(2026, 2, 16))}, due in 6 days",
        f"Plan of approach (week 8) — {format_date(date(2026, 3, 2))}, due in 20 days",
        f"Evaluation of plan of approach (week 14) — {format_date(date(2026, 4, 13))}, due in 62 days",
    ]
    assert radar.list.item(0).font().bold()
    assert not radar.list.item(1).font().bold()


@pytest.mark.parametrize(
    "dossier",
    [
        Dossier(id="x", dossier_type_code="VEILIG", status="Open", starting_date="2026-01-05"),
        Dossier(id="x", dossier_type_code="ZIEK", status="Closed", starting_date="2026-01-05"),
        None,
    ],
)
def test_radar_hidden_when_not_applicable(host: QWidget, dossier: Dossier | None) -> None:
    radar = _radar(host, FakeWorkflow())
    radar.set_dossier(dossier)
    assert radar.isHidden()


def test_radar_without_start_date_asks_for_it(host: QWidget) -> None:
    radar = _radar(host, FakeWorkflow())
    radar.set_dossier(Dossier(id="x", dossier_type_code="ZIEK", status="New"))
    assert not radar.isHidden()
    assert radar.lines() == []
    assert "first sick day" in radar.note.text()


def test_radar_text_names_uwv_week_once() -> None:
    from dossier_desk.domain.deadlines import deadlines_for

    uwv = next(d for d in deadlines_for(START) if d.kind == "uwv_report")
    assert (
        radar_text(uwv, date(2026, 10, 26))
        == f"Soon: Report to UWV (week 42) — {format_date(date(2026, 10, 26))}, due today"
    )


def test_show_dossier_fetches_in_background_and_follows_edits(qtbot, loop) -> None:
    fake = FakeWorkflow()
    fake.refresh_error = NetworkError("offline")  # not reported: offline is normal
    tasks = TaskScope("test")
    tab = WorkflowTab(
        fake,
        fake,
        fake,
        can_act=True,
        today=lambda: date(2026, 2, 19),
        dossiers=fake,
        refresh=fake.refresh_workflow,
        tasks=tasks,
    )
    qtbot.addWidget(tab)
    tab.show_dossier("dos-1")
    assert tab.model.rowCount() == 4  # the cached log at once; the fetch waits for the selection to rest
    assert fake.refreshed == []
    qtbot.waitUntil(lambda: fake.refreshed == ["dos-1"] and not tasks.active(WorkflowTab.REFRESH_KEY))
    assert fake.errors == []
    # The starting date moved two weeks later: step 2 (6W) is no longer overdue on 2026-02-19.
    moved = Dossier(id="dos-1", dossier_type_code="ZIEK", status="Open", starting_date="2026-01-19")
    tab.on_dossiers_changed([moved], [])
    assert tab.model.line(1).state == "Current"
    assert tab.model.line(1).due == date(2026, 3, 2)
    tab.on_dossiers_changed([], ["dos-1"])
    assert tab.model.rowCount() == 0
    tab.show_dossier("")
    assert tab.summary.text() == ""


def test_radar_follows_selection_and_edits(host: QWidget) -> None:
    fake = FakeWorkflow()
    radar = DeadlineRadar(fake, today=lambda: date(2026, 2, 10), dossiers=fake, parent=host)
    radar.show_dossier("dos-1")
    assert len(radar.lines()) == 3
    closed = Dossier(id="dos-1", dossier_type_code="ZIEK", status="Closed", starting_date="2026-01-05")
    radar.on_dossiers_changed([closed], [])
    assert radar.isHidden()
    radar.show_dossier("unknown")
    assert radar.isHidden()
