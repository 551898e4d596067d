"""The poortwachter file check against sandbox dossiers in each state (complete, missing a problem
analysis, late evaluation, week-91 close), the At risk page, and the re-integration file PDF checked by
its text (pdftotext) and by rendering it (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QToolButton

from dossier_desk.ui.filecheck.at_risk import AtRiskView
from dossier_desk.ui.filecheck.tab import FileCheckTab
from dossier_desk.ui.models import dossier_columns as c
from tests.gui.poortwachter_support import (
    ALL_DOCUMENTS,
    EVALUATION,
    FIRST_YEAR,
    PLAN,
    PROBLEM_ANALYSIS,
    REGISTERED,
    UWV_REPORT,
    WIA,
    absence_dossier,
    close_workspace,
    open_workspace_as,
)

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints"), pytest.mark.xdist_group("sandbox_gui")]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

EVALUATIONS = tuple(
    (f"Evaluatie plan van aanpak week {w}", "Administrative", w) for w in (*range(14, 87, 6), 89)
)
UP_TO_FIRST_YEAR = (REGISTERED, PROBLEM_ANALYSIS, PLAN, EVALUATION, UWV_REPORT, FIRST_YEAR)


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    """One sandbox with a dossier in each state (case manager TEST, so seeded ones stay apart)."""
    from dossier_sandbox import SandboxConfig, SandboxServer

    server = SandboxServer(
        SandboxConfig(dossiers=12, rate_limit=None, data_dir=tmp_path_factory.mktemp("fc"))
    )
    server.start()
    made = {
        "complete": absence_dossier(
            server,
            started_days_ago=92 * 7 - 10,
            description="Complete file",
            completed=(*UP_TO_FIRST_YEAR, WIA),
            documents=ALL_DOCUMENTS + EVALUATIONS,
            case_manager="TEST",
        ),
        "no_problem_analysis": absence_dossier(
            server,
            started_days_ago=70,
            description="Missing problem analysis",
            completed=(REGISTERED, PROBLEM_ANALYSIS, PLAN),
            documents=(("Plan van aanpak", "Legal", 8),),
            case_manager="TEST",
        ),
        "late_evaluation": absence_dossier(
            server,
            started_days_ago=210,
            description="Late evaluation",
            completed=(REGISTERED, PROBLEM_ANALYSIS, PLAN),
            documents=ALL_DOCUMENTS[:3],  # problem analysis, plan, one evaluation in week 14
            case_manager="TEST",
        ),
        "week_91": absence_dossier(
            server,
            started_days_ago=89 * 7,
            description="Week 91 close",
            completed=UP_TO_FIRST_YEAR,
            documents=ALL_DOCUMENTS[:-1] + EVALUATIONS,  # no re-integration report yet
            case_manager="TEST",
        ),
    }
    yield server, made
    server.stop()


@pytest.fixture
def caseworker(qtbot, loop, cases):
    server, made = cases
    ws = open_workspace_as(qtbot, server, name="fc-cw")
    yield ws, made
    close_workspace(qtbot, ws)


def _check(qtbot, ws, dossier_id: str) -> FileCheckTab:
    """Open the dossier as the user does and wait until its workflow log and documents are cached."""
    tab = ws.window.findChild(FileCheckTab)
    with qtbot.waitSignals([ws.bridge.workflowChanged, ws.bridge.documentsChanged], timeout=10_000):
        ws.window.show_dossier(dossier_id)
    return tab


def test_file_check_states_per_case(qtbot, caseworker, qtmodeltester) -> None:
    ws, made = caseworker
    tabs = ws.window.detail.tabs
    tab = _check(qtbot, ws, made["complete"]["id"])
    qtmodeltester.check(tab.model)
    assert tabs.isTabVisible(tabs.indexOf(tab))
    assert set(tab.model.states().values()) == {"done"}
    assert "No gaps found." in tab.heading.text()

    tab = _check(qtbot, ws, made["no_problem_analysis"]["id"])
    states = tab.model.states()
    assert states["problem_analysis"] == "missing"  # the step is decided, its document is not there
    assert states["plan_of_approach"] == "done"
    row = list(states).index("problem_analysis")
    evidence = tab.model.data(tab.model.index(row, tab.model.EVIDENCE))
    assert "completed" in evidence
    assert "Needed: a document of type Administrative / Legal / Medical" in evidence

    tab = _check(qtbot, ws, made["late_evaluation"]["id"])
    assert tab.model.states()["evaluations"] == "overdue"
    row = list(tab.model.states()).index("evaluations")
    assert tab.model.data(tab.model.index(row, tab.model.STATE)) == "⚠ Overdue by 70 days"

    tab = _check(qtbot, ws, made["week_91"]["id"])
    states = tab.model.states()
    assert states["wia_application"] == "due_soon"
    assert states["reintegration_report"] == "due_soon"
    assert states["physician_judgment"] == "done"
    assert states["employee_view"] == "done"


def test_file_check_tab_only_on_sickness_dossiers(qtbot, caseworker) -> None:
    ws, _made = caseworker
    types = {t.code: t for t in ws.store.dossier_types()}
    other = next(d for d in ws.store.load_dossiers() if not types[d.dossier_type_code].sickness)
    tab = _check(qtbot, ws, other.id)
    tabs = ws.window.detail.tabs
    assert not tabs.isTabVisible(tabs.indexOf(tab))
    assert tab.result is None


def test_at_risk_page_orders_by_next_deadline_and_filters_by_case_manager(
    qtbot, caseworker, qtmodeltester
) -> None:
    ws, made = caseworker
    view = ws.window.findChild(AtRiskView)
    count = ws.window.status.findChild(QToolButton, "atRiskCount")
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.refresh()
    assert view.unchecked  # nothing downloaded yet: counted, not guessed
    assert "not checked yet" in view.note.text()
    with qtbot.waitSignal(view.downloadFinished, timeout=20_000):
        view.download.click()
    assert view.unchecked == ()
    ws.window.filter_bar.at_risk_button.click()  # the preset opens the page
    assert ws.window.pages.currentWidget() is view
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.set_case_manager("TEST")
    qtmodeltester.check(view.model)
    ids = [r.dossier.id for r in view.model.rows()]
    assert ids == [made["late_evaluation"]["id"], made["no_problem_analysis"]["id"], made["week_91"]["id"]]
    assert count.text() == f"At risk: {len(ids)}"
    assert "70 days overdue" in view.model.data(view.model.index(0, view.model.NEXT))
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.set_case_manager("")
    assert len(view.model.rows()) >= 3


def _pdf_text(path: Path) -> str:
    """The PDF's text with ligatures (ﬁ) unfolded and line wrapping undone."""
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return " ".join(unicodedata.normalize("NFKC", out.stdout).split())


def _render(path: Path, out: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(out / "page")], check=True, timeout=60)
    return sorted(out.glob("page*.png"))


@needs_poppler
def test_reintegration_pdf_for_the_caseworker(qtbot, caseworker, tmp_path: Path) -> None:
    ws, made = caseworker
    tab = _check(qtbot, ws, made["week_91"]["id"])
    pdf = tmp_path / "file.pdf"
    with qtbot.waitSignal(tab.exported):
        tab.export_to(pdf)
    text = _pdf_text(pdf)
    assert "Re-integration file" in text
    assert "This file contains only what caseworker@demo may see." in text
    assert "Week 91 close" in text  # the dossier's description
    assert "Timeline of steps" in text
    assert "Probleemanalyse bedrijfsarts (week 6)" in text  # a step, with its outcome
    assert "Completed by" in text
    assert "Index of documents" in text
    assert "Visie werknemer" in text
    assert "Missing items" in text
    assert "Re-integration report" in text
    pages = _render(pdf, tmp_path)
    assert len(pages) >= 4  # cover, timeline, documents, missing items
    assert all(p.stat().st_size > 1000 for p in pages)


@needs_poppler
def test_reintegration_pdf_for_the_line_manager_has_no_illness_details(
    qtbot, loop, cases, tmp_path: Path
) -> None:
    server, made = cases
    ws = open_workspace_as(qtbot, server, "linemanager@demo", name="fc-lm")
    try:
        tab = _check(qtbot, ws, made["week_91"]["id"])
        pdf = tmp_path / "lm.pdf"
        tab.export_to(pdf)
        text = _pdf_text(pdf)
        assert "This file contains only what linemanager@demo may see." in text
        assert "Diagnosis, nature and cause of illness are left out for this role." in text
        assert "Done with the employee" not in text  # step comments may describe the illness
        assert "Visie werknemer" not in text  # document titles neither
        assert "Week 91 close" not in text
        assert "Timeline of steps" in text
    finally:
        close_workspace(qtbot, ws)


def test_at_risk_and_overdue_come_from_the_cache_offline(qtbot, loop, cases) -> None:
    """Once a dossier was opened, a later session finds it at risk and overdue without any request."""
    server, made = cases
    late = made["late_evaluation"]["id"]
    ws = open_workspace_as(qtbot, server, name="fc-offline")
    _check(qtbot, ws, late)
    close_workspace(qtbot, ws)
    before = server.stats()["requests"]["total"]
    ws = open_workspace_as(qtbot, server, name="fc-offline", sync=False)
    try:
        model = ws.window.model
        row = model.row_of(late)
        assert model.data(model.index(row, 0), c.OverdueRole) is True
        view = ws.window.findChild(AtRiskView)
        with qtbot.waitSignal(view.checked, timeout=10_000):
            view.refresh()
        assert late in [r.dossier.id for r in view.model.rows()]
        assert server.stats()["requests"]["total"] == before  # all of it from the cache
    finally:
        close_workspace(qtbot, ws)
