"""What goes into the re-integration file: server text escaped, and only what the role may see."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dossier_desk.api.models import Document, Dossier, WorkflowEntry
from dossier_desk.domain.filecheck import check_file, rules_for
from dossier_desk.domain.rights import Rights
from dossier_desk.ui.filecheck.export_pdf import ExportViewer, build_html, visible_documents
from dossier_desk.ui.filecheck.rules_source import builtin_rules_data

TODAY = date(2026, 12, 4)
HOSTILE = '<img src="http://x/y.png"><a href="http://evil">click</a><b>bold</b>'


def _html(role: str, docs: list[Document]) -> str:
    start = TODAY - timedelta(weeks=10)
    dossier = Dossier(
        id="d", no="D1", description=f"Burn-out {HOSTILE}", status="Open", starting_date=start.isoformat()
    )
    log = [
        WorkflowEntry(
            id="w",
            dossier_id="d",
            line_no=20000,
            description=f"Probleemanalyse {HOSTILE}",
            term="6W",
            state="Completed",
            completed_by="x",
            completed_date_time="2026-10-01T10:00:00Z",
            comments="Knee injury after a fall",
        )
    ]
    result = check_file(dossier, log, docs, rules_for(builtin_rules_data(), "ABSENCE"), TODAY)
    viewer = ExportViewer.of(f"{role}@demo", Rights(can_write=True, role=role))
    return build_html(result, docs, viewer, datetime(2026, 12, 4, 9, 30))


DOCS = [
    Document(
        id="1", dossier_id="d", description=f"Gespreksverslag {HOSTILE}", document_type="Administrative"
    ),
    Document(id="2", dossier_id="d", description="Advies bedrijfsarts", document_type="Medical"),
    Document(id="3", dossier_id="d", description="Vertrouwelijk", document_type="Legal", confidential=True),
]


def test_server_text_is_escaped() -> None:
    html = _html("caseworker", DOCS)
    assert "<img" not in html
    assert "<a " not in html
    assert "<b>bold" not in html
    assert "&lt;img src=&quot;http://x/y.png&quot;&gt;" in html


def test_caseworker_gets_comments_but_no_medical_or_confidential_documents() -> None:
    html = _html("caseworker", DOCS)
    assert "Knee injury" in html
    assert "Burn-out" in html
    assert "Advies bedrijfsarts" not in html
    assert "Vertrouwelijk" not in html


def test_line_manager_gets_no_illness_details() -> None:
    html = _html("linemanager", DOCS)
    assert "Knee injury" not in html
    assert "Burn-out" not in html
    assert "Gespreksverslag" not in html  # document titles may name the illness
    assert "left out for this role" in html


def test_occupational_health_sees_everything_it_may() -> None:
    viewer = ExportViewer.of("oh@demo", Rights(can_write=True, role="occupationalhealth"))
    assert len(visible_documents(DOCS, viewer)) == 3
    assert "Advies bedrijfsarts" in _html("occupationalhealth", DOCS)
