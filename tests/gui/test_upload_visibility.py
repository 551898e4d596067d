"""Uploads never vanish: a caseworker may upload a medical document but the server lists it to
occupational health only; the queue and the document count say so instead of "Uploaded" and nothing.
The upload dialog's Medical/confidential suggestion from a file name is shown and must be confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from dossier_desk.store.uploads import UploadState
from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.documents.upload_dialog import UploadDialog
from dossier_desk.ui.documents.upload_queue import UploadQueueModel, UploadQueueWidget
from tests.gui.trust_support import workspace_for
from tests.sandbox_fixtures import client_of, new_dossier

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
HIDDEN_TEXT = "Uploaded, visible to occupational health only"


def _upload(qtbot, documents: DocumentsTab, dossier_id: str, path: Path, *, confirm: bool) -> UploadDialog:
    with qtbot.waitSignal(documents.uploadDialogOpened, timeout=10_000) as opened:
        documents.upload_to(dossier_id, "upload test", [path])
    dialog: UploadDialog = opened.args[0]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    if confirm:
        dialog.confirm.setChecked(True)
    if ok.isEnabled():
        ok.click()
    return dialog


def test_medical_upload_by_caseworker_says_where_it_went(qtbot, loop, sandbox, tmp_path: Path) -> None:
    with client_of(sandbox) as client:
        dossier = new_dossier(client, description="Upload visibility")
    letter = tmp_path / "Verklaring huisarts.pdf"
    letter.write_bytes(b"%PDF-1.4\n% doctor's statement\n")
    plan = tmp_path / "Plan van aanpak.pdf"
    plan.write_bytes(b"%PDF-1.4\n% plan\n")
    with workspace_for(qtbot, sandbox, "caseworker@demo", tmp_path) as ws:
        window = ws.window
        documents = window.findChild(DocumentsTab)
        queue = window.findChild(UploadQueueWidget)
        window.show_dossier(dossier["id"])

        # The name suggests Medical: the dialog says so, and Upload waits for the user's confirmation.
        dialog = _upload(qtbot, documents, dossier["id"], letter, confirm=False)
        assert dialog.suggestion.isVisibleTo(dialog)
        assert "Verklaring huisarts.pdf" in dialog.suggestion.text()
        assert dialog.type_combo(0).currentData() == "Medical"
        assert dialog.isVisible()  # not sent: Upload stayed disabled
        assert queue.model.rowCount() == 0
        dialog.confirm.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(
            lambda: queue.model.rowCount() == 1 and queue.model.entries[0].state.finished, timeout=15_000
        )
        status = queue.model.index(0, UploadQueueModel.STATUS).data()
        assert status == HIDDEN_TEXT
        # The server keeps it from the caseworker's list; the tab says why the count did not grow.
        qtbot.waitUntil(lambda: "occupational health only" in documents.status.text(), timeout=10_000)
        assert documents.status.text().startswith("0 document")

        # An ordinary document is listed and simply "Uploaded".
        _upload(qtbot, documents, dossier["id"], plan, confirm=False)
        qtbot.waitUntil(
            lambda: queue.model.rowCount() == 2 and queue.model.entries[1].state.finished, timeout=15_000
        )
        assert queue.model.index(1, UploadQueueModel.STATUS).data() == "Uploaded"
        qtbot.waitUntil(lambda: documents.model.rowCount() == 1, timeout=10_000)
        assert documents.status.text().startswith("1 document")
    # Occupational health does see the medical one.
    with client_of(sandbox, "occhealth@demo") as occhealth:
        listed = occhealth.get(f"dossiers({dossier['id']})/documents").json()["value"]
    assert sorted(d["documentType"] for d in listed) == ["Administrative", "Medical"]


def test_medical_upload_sent_from_the_outbox_says_where_it_went(qtbot, loop, sandbox, tmp_path: Path) -> None:
    """Queued while working offline, sent once back online: the row and the tab say the same as for a
    direct upload, not a plain "Uploaded"."""
    with client_of(sandbox) as client:
        dossier = new_dossier(client, description="Outbox upload visibility")
    letter = tmp_path / "Verklaring huisarts.pdf"
    letter.write_bytes(b"%PDF-1.4\n% doctor's statement\n")
    plan = tmp_path / "Plan van aanpak.pdf"
    plan.write_bytes(b"%PDF-1.4\n% plan\n")
    with workspace_for(qtbot, sandbox, "caseworker@demo", tmp_path) as ws:
        window = ws.window
        documents = window.findChild(DocumentsTab)
        queue = window.findChild(UploadQueueWidget)
        window.show_dossier(dossier["id"])
        window.offline_action.setChecked(True)
        _upload(qtbot, documents, dossier["id"], letter, confirm=True)
        _upload(qtbot, documents, dossier["id"], plan, confirm=False)
        qtbot.waitUntil(
            lambda: (
                queue.model.rowCount() == 2
                and all(e.state is UploadState.OFFLINE for e in queue.model.entries)
            ),
            timeout=15_000,
        )

        window.offline_action.setChecked(False)  # back online: the outbox sends both
        qtbot.waitUntil(lambda: all(e.state.finished for e in queue.model.entries), timeout=30_000)
        medical = queue.model.index(0, UploadQueueModel.STATUS).data()
        assert medical.startswith(HIDDEN_TEXT)
        assert queue.model.index(1, UploadQueueModel.STATUS).data() == "Uploaded: sent from the outbox"
        qtbot.waitUntil(lambda: "occupational health only" in documents.status.text(), timeout=10_000)
        qtbot.waitUntil(lambda: documents.status.text().startswith("1 document"), timeout=10_000)
