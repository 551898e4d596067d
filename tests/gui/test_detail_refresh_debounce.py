"""Arrowing through the dossier table: the detail tabs show the cached lists at once and fetch fresh
ones only for the row the caseworker stops on (debounced, the superseded fetches cancelled).

The real window over the sandbox; requests are counted by the server."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.workflow.tab import WorkflowTab
from dossier_desk.ui.workspace import Workspace
from dossier_sandbox import SandboxServer
from tests.gui.trust_support import workspace_for

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
ROWS = 50


def _requests(server: SandboxServer) -> int:
    return server.stats()["requests"]["total"]


class Refreshes:
    """Which dossiers' document lists and workflow logs arrived fresh from the server, and when the
    selection last moved (times from ``time.monotonic``)."""

    def __init__(self, ws: Workspace) -> None:
        self.documents: list[str] = []
        self.workflow: list[str] = []
        self.arrived: dict[str, float] = {}  # dossier id -> when its last fresh list arrived
        self.selected_at = 0.0
        ws.bridge.documentsChanged.connect(lambda i: self._arrived(self.documents, i))
        ws.bridge.workflowChanged.connect(lambda i: self._arrived(self.workflow, i))
        ws.window.dossierSelected.connect(self._selected)

    def _arrived(self, into: list[str], dossier_id: str) -> None:
        into.append(dossier_id)
        self.arrived[dossier_id] = time.monotonic()

    def _selected(self, _dossier_id: str) -> None:
        self.selected_at = time.monotonic()


def _settled(ws: Workspace) -> bool:
    return not ws.tasks.active(DocumentsTab.REFRESH_KEY) and not ws.tasks.active(WorkflowTab.REFRESH_KEY)


def test_arrowing_through_fifty_rows_refreshes_only_the_row_it_stops_on(
    qtbot, loop, sandbox_factory, tmp_path: Path
) -> None:
    server = sandbox_factory(dossiers=ROWS + 30)
    with workspace_for(qtbot, server, "caseworker@demo", tmp_path) as ws:
        window, table = ws.window, ws.window.table
        documents, workflow = window.findChild(DocumentsTab), window.findChild(WorkflowTab)
        assert window.model.rowCount() > ROWS
        fresh = Refreshes(ws)
        table.setFocus()
        table.selectRow(0)
        first = table.current_dossier_id()
        qtbot.waitUntil(lambda: first in fresh.documents and first in fresh.workflow and _settled(ws))
        before = _requests(server)

        for _ in range(ROWS):
            qtbot.keyClick(table, Qt.Key.Key_Down)
            QApplication.processEvents()  # the loop runs between key presses, as with key repeat
            shown = table.current_dossier_id()
            # The cached lists follow the cursor at once: no waiting for the network.
            assert documents.dossier_id() == shown
            assert workflow.dossier() is not None
            assert workflow.dossier().id == shown
        stopped_at = table.current_dossier_id()
        assert stopped_at != first
        during = _requests(server) - before

        qtbot.waitUntil(lambda: stopped_at in fresh.documents and stopped_at in fresh.workflow)
        waited = fresh.arrived[stopped_at] - fresh.selected_at
        qtbot.waitUntil(lambda: _settled(ws))
        total = _requests(server) - before
        print(f"requests: {during} while arrowing, {total} in all; refresh after {waited:.3f} s")

    assert during <= 4, f"{during} requests while arrowing through {ROWS} rows"
    assert waited >= 0.14  # the refresh waited for the cursor to rest (Qt's coarse timers: 5% early)
    assert fresh.documents.count(stopped_at) == 1
    assert fresh.workflow.count(stopped_at) == 1
    assert total <= during + 2  # then one request per list for the row it stopped on


def test_clearing_the_selection_or_closing_cancels_a_waiting_refresh(
    qtbot, loop, sandbox_factory, tmp_path: Path
) -> None:
    server = sandbox_factory(dossiers=20)
    with workspace_for(qtbot, server, "caseworker@demo", tmp_path) as ws:
        window = ws.window
        fresh = Refreshes(ws)
        before = _requests(server)
        window.table.selectRow(3)
        chosen = window.table.current_dossier_id()
        assert ws.tasks.active(DocumentsTab.REFRESH_KEY)
        window.detail.set_dossier("")  # nothing shown any more: nothing to fetch
        assert not ws.tasks.active(DocumentsTab.REFRESH_KEY)
        assert not ws.tasks.active(WorkflowTab.REFRESH_KEY)
        window.table.selectRow(4)
        assert ws.tasks.active(WorkflowTab.REFRESH_KEY)
        # ...and the session ends before the selection rests: closing cancels and awaits it
    assert ws.tasks.closed
    assert len(ws.tasks) == 0
    assert _requests(server) == before
    assert chosen not in fresh.documents
