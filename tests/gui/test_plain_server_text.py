"""Server text is plain text everywhere it appears: markup in a description, contact name, document
title, workflow step or comment, or an error message is shown literally — no image is loaded, no link
can be clicked, nothing turns bold."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from dossier_desk.api.errors import ValidationError
from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.workflow.model import WorkflowLogModel
from dossier_desk.ui.workflow.tab import WorkflowTab
from tests.gui.trust_support import workspace_for
from tests.sandbox_fixtures import client_of, new_dossier

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
HOSTILE = '<img src="file:///etc/hosts"><a href="https://evil.example/">click</a> <b>bold</b>'
_LINKS = Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard


def _as_rendered(text: str, text_format: Qt.TextFormat) -> str:
    """What Qt puts on screen for ``text`` shown with ``text_format`` (a label's or a tooltip's)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def _tooltip_shows(tip: str) -> str:
    return _as_rendered(tip, Qt.TextFormat.AutoText)  # Qt guesses for tooltips


def _labels_showing(root: QWidget, needle: str = "evil.example") -> list[QLabel]:
    found = [label for label in root.findChildren(QLabel) if needle in label.text()]
    assert found, f"no label in {root.objectName()} shows the server text"
    return found


def _assert_literal_labels(root: QWidget) -> None:
    for label in _labels_showing(root):
        assert HOSTILE in _as_rendered(label.text(), label.textFormat()), label.objectName()
        assert not label.openExternalLinks()
        assert not label.textInteractionFlags() & _LINKS


def _hostile_server(sandbox_factory):
    """A sandbox holding markup where a real tenant could: in data its API cannot write (contact names,
    workflow step names) it is put straight into the server's database."""
    server = sandbox_factory(dossiers=10)
    with server._db.tx() as conn:
        conn.execute("UPDATE contacts SET name = ? WHERE no = 'C00001'", (HOSTILE,))
        conn.execute("UPDATE workflow_lines SET description = ? || ' ' || line_no", (HOSTILE,))
    with client_of(server) as client:
        dossier = new_dossier(client, description=HOSTILE)
        uploaded = client.post(
            f"dossiers({dossier['id']})/documents",
            data={"description": HOSTILE, "documentType": "Administrative", "confidential": "false"},
            files={"file": ("plan.pdf", b"%PDF-1.4\n", "application/pdf")},
        )
        assert uploaded.status_code == 201, uploaded.text
        log = client.get(f"dossiers({dossier['id']})/workflowLog").json()["value"]
        done = client.post(
            f"dossiers({dossier['id']})/workflowActions",
            json={"action": "complete", "workflowLineNo": log[0]["lineNo"], "comments": HOSTILE},
        )
        assert done.status_code == 200, done.text
    return server, dossier


def test_markup_from_the_server_is_shown_literally(qtbot, loop, sandbox_factory, tmp_path: Path) -> None:
    server, dossier = _hostile_server(sandbox_factory)
    with workspace_for(qtbot, server, "caseworker@demo", tmp_path) as ws:
        window = ws.window
        window.show_dossier(dossier["id"])
        detail = window.detail

        # The table (item views paint DisplayRole as plain text) and its tooltips.
        model = window.model
        row = [model.dossier_id_at(r) for r in range(model.rowCount())].index(dossier["id"])
        assert model.index(row, c.COL_DESCRIPTION).data() == HOSTILE
        assert model.index(row, c.COL_CONTACT).data() == HOSTILE
        tip = model.index(row, c.COL_DESCRIPTION).data(Qt.ItemDataRole.ToolTipRole)
        assert _tooltip_shows(tip).startswith(HOSTILE)

        # The detail pane: title, form, the looked-up contact name beside the number.
        _assert_literal_labels(detail)
        assert detail.form.description.text() == HOSTILE
        assert detail.form.contact_name.text() == HOSTILE

        # Documents: the title in the list.
        documents = window.findChild(DocumentsTab)
        qtbot.waitUntil(lambda: documents.model.rowCount() == 1, timeout=10_000)
        assert HOSTILE in [
            documents.model.index(0, col).data() for col in range(documents.model.columnCount())
        ]

        # Workflow: step names and comments, their tooltips, the comments line, the action dialog.
        workflow = window.findChild(WorkflowTab)
        qtbot.waitUntil(lambda: workflow.model.rowCount() > 1, timeout=10_000)
        first = workflow.model.index(0, WorkflowLogModel.STEP)
        assert HOSTILE in first.data()
        assert _tooltip_shows(first.data(Qt.ItemDataRole.ToolTipRole)).startswith(HOSTILE)
        comment_tip = workflow.model.index(0, WorkflowLogModel.COMMENTS).data(Qt.ItemDataRole.ToolTipRole)
        assert _tooltip_shows(comment_tip) == HOSTILE
        workflow.select_line(workflow.model.line(0).entry.line_no)
        _assert_literal_labels(workflow)
        workflow.select_line(workflow.model.line(1).entry.line_no)
        with qtbot.waitSignal(workflow.actionDialogOpened) as opened:
            workflow.start_action("complete")
        dialog = opened.args[0]
        _assert_literal_labels(dialog)
        dialog.reject()

        # The edit dialog's title and form.
        edit = window.edit_dossier(dossier["id"])
        assert edit is not None
        _assert_literal_labels(edit)
        edit.reject()
        delete = window.delete_current()
        assert delete is not None
        assert delete.textFormat() == Qt.TextFormat.PlainText
        _assert_literal_labels(delete)
        delete.reject()

        # Error texts: the status bar's sync failure tooltip and an error box with the server's message.
        error = ValidationError(HOSTILE, status=400)
        window.status.on_sync_finished(datetime.now(UTC), error)
        assert "evil.example" in _tooltip_shows(window.status.sync_label.toolTip())
        assert "<a" not in window.status.sync_label.toolTip().replace("&lt;a", "")
        boxes = MessageBridge(window)
        boxes.show_error(error, context="test")
        box = window.findChildren(QMessageBox)[-1]
        assert box.textFormat() == Qt.TextFormat.PlainText
        _assert_literal_labels(box)
        box.close()
