""" "Work offline" makes no server requests: the real window against the sandbox, requests counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.trust_support import workspace_for

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def test_working_offline_browsing_dossiers_sends_nothing(qtbot, loop, sandbox, tmp_path: Path) -> None:
    with workspace_for(qtbot, sandbox, "caseworker@demo", tmp_path) as ws:
        sent: list[str] = []
        answered: list[int] = []

        async def count(request) -> None:
            sent.append(request.url.path)

        async def count_answer(response) -> None:
            answered.append(response.status_code)

        ws.api._http._client.event_hooks["request"].append(count)
        ws.api._http._client.event_hooks["response"].append(count_answer)
        ws.window.offline_action.setChecked(True)
        assert ws.engine.working_offline
        for row in range(5):
            ws.window.table.selectRow(row)
            qtbot.wait(60)  # the documents and workflow tabs would refresh from the server here
        ws.window.sync_now()
        qtbot.wait(200)
        assert sent == []
        ws.window.offline_action.setChecked(False)
        ws.window.table.selectRow(6)
        qtbot.waitUntil(lambda: len(sent) > 0, timeout=10_000)  # online again: requests resume
        qtbot.waitUntil(lambda: len(answered) >= len(sent), timeout=10_000)  # none left in flight
        qtbot.wait(100)
