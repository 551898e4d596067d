"""Sickness dossiers in a known poortwachter state, made in the sandbox through its API, and the real
workspace (``open_workspace``: window, store, engine, tabs) signed in as a demo user against it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import httpx

from dossier_desk.api import ApiProfile, DossierApi
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_desk.capabilities import capabilities_from_token
from dossier_desk.config import Profile
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.workspace import Workspace
from tests.fault.qt_loop import open_test_workspace, run_on_loop
from tests.sandbox_fixtures import client_of

# Workflow lines of WF-ABSENCE in the sandbox seed (line numbers x 10000).
REGISTERED, PROBLEM_ANALYSIS, PLAN, EVALUATION, UWV_REPORT, FIRST_YEAR, WIA = (
    10000,
    20000,
    30000,
    40000,
    50000,
    60000,
    70000,
)
ALL_DOCUMENTS = (
    ("Probleemanalyse bedrijfsarts", "Administrative", 6),
    ("Plan van aanpak", "Legal", 8),
    ("Evaluatie plan van aanpak 1", "Administrative", 14),
    ("Evaluatie plan van aanpak 2", "Administrative", 20),
    ("Eerstejaarsevaluatie", "Legal", 52),
    ("Actueel oordeel bedrijfsarts", "Administrative", 86),
    ("Visie werknemer", "Administrative", 86),
    ("Re-integratieverslag", "Legal", 87),
)


def today() -> date:
    """The client's and the sandbox's today (the sandbox runs on the real UTC date, as the app does)."""
    from datetime import UTC, datetime

    return datetime.now(UTC).date()


def absence_dossier(
    server: Any,
    *,
    started_days_ago: int,
    description: str,
    completed: Iterable[int] = (),
    documents: Iterable[tuple[str, str, int]] = (),
    case_manager: str = "SVD",
    **fields: Any,
) -> dict[str, Any]:
    """An open ABSENCE dossier whose first sick day was ``started_days_ago`` days ago, with the given
    workflow lines completed (in order, as the API demands) and documents (description, type, week
    after the first sick day) uploaded as the caseworker."""
    start = today() - timedelta(days=started_days_ago)
    with client_of(server) as http:
        body = {
            "description": description,
            "dossierTypeCode": "ABSENCE",
            "primaryContactNo": "C00001",
            "status": "Open",
            "startingDate": start.isoformat(),
            "caseManagerCode": case_manager,
            **fields,
        }
        created = http.post("dossiers", json=body)
        assert created.status_code == 201, created.text
        dossier = created.json()
        for line_no in completed:
            done = http.post(
                f"dossiers({dossier['id']})/workflowActions",
                json={"action": "complete", "workflowLineNo": line_no, "comments": "Done with the employee"},
            )
            assert done.status_code == 200, done.text
        for name, doc_type, week in documents:
            upload(http, dossier["id"], name, doc_type, start + timedelta(weeks=week))
        return dossier


def upload(http: httpx.Client, dossier_id: str, description: str, doc_type: str, when: date) -> None:
    response = http.post(
        f"dossiers({dossier_id})/documents",
        data={
            "description": description,
            "documentType": doc_type,
            "documentDate": when.isoformat(),
            "confidential": "false",
        },
        files={
            "file": (f"{description.lower().replace(' ', '-')}.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        },
    )
    assert response.status_code == 201, response.text


def open_workspace_as(
    qtbot: Any, server: Any, username: str = "caseworker@demo", name: str = "fc", *, sync: bool = True
) -> Workspace:
    """The app's real workspace for ``username``, synced once (unless ``sync`` is False: only what the
    cache of profile ``name`` already holds), at 1366x768."""
    token = server.issue_token(username)
    api = DossierApi(
        ApiProfile(server.api_root, server.company_id),
        CallbackTokenProvider(lambda: server.issue_token(username)),
        timeout=10.0,
        max_retries=0,
    )
    profile = Profile(
        name=name, api_root=server.api_root, authority=server.authority, company_id=server.company_id
    )
    messages = MessageBridge()
    messages.interactive = False
    ws: Workspace = run_on_loop(
        qtbot, open_test_workspace(profile, api, username, capabilities_from_token(token), messages)
    )
    qtbot.addWidget(ws.window)
    ws.window.resize(1366, 768)
    if sync:
        run_on_loop(qtbot, ws.engine.sync_now())
        qtbot.waitUntil(ws.bridge.settled)  # the table takes the synced pages in slices
    return ws


def close_workspace(qtbot: Any, ws: Workspace) -> None:
    run_on_loop(qtbot, ws.aclose())
    run_on_loop(qtbot, ws.api.aclose())
