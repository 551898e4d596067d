"""Workflow step names and states are readable in the detail pane at the default window size: they wrap
instead of being cut to "Ziekmelding …", and the tooltip carries the full step name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt

from dossier_desk.ui.workflow.model import WorkflowLogModel
from dossier_desk.ui.workflow.tab import WorkflowTab
from tests.gui.trust_support import workspace_for
from tests.sandbox_fixtures import client_of

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _fits(view, row: int, column: int) -> bool:
    """The cell's text, wrapped at the column's width, fits in the row's height."""
    index = view.model().index(row, column)
    rect = view.visualRect(index)
    text = index.data()
    needed = view.fontMetrics().boundingRect(
        QRect(0, 0, rect.width() - 8, 10_000), int(Qt.TextFlag.TextWordWrap), text
    )
    return needed.height() <= rect.height() and needed.width() <= rect.width()


def test_step_names_and_states_wrap_at_the_default_width(qtbot, loop, sandbox, tmp_path: Path) -> None:
    with client_of(sandbox) as client:
        dossier = client.get(
            "dossiers", params={"$filter": "dossierTypeCode eq 'ABSENCE' and status eq 'Open'", "$top": "1"}
        ).json()["value"][0]
    with workspace_for(qtbot, sandbox, "caseworker@demo", tmp_path) as ws:
        window = ws.window
        window.resize(1280, 760)  # the first-start size
        tab = window.findChild(WorkflowTab)
        window.detail.tabs.setCurrentIndex(2)
        window.show_dossier(dossier["id"])
        qtbot.waitUntil(lambda: tab.model.rowCount() > 3, timeout=10_000)
        qtbot.wait(50)  # rows take their wrapped height after the layout pass
        long_name = max(range(tab.model.rowCount()), key=lambda r: len(tab.model.line(r).entry.description))
        assert len(tab.model.line(long_name).entry.description) > 30  # the test means something
        for row in range(tab.model.rowCount()):
            assert _fits(tab.view, row, WorkflowLogModel.STEP), tab.model.line(row).entry.description
            assert _fits(tab.view, row, WorkflowLogModel.STATUS), tab.model.line(row).status_text
        line = tab.model.line(long_name)
        tip = tab.model.index(long_name, WorkflowLogModel.STEP).data(Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith(line.entry.description)
        assert "(line" not in tip
