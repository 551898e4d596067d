"""Safe open: only a file whose type matches its metadata and the allowed list is opened; anything else
is offered as Save as; no viewer is said in the window; Save as starts in Documents; the mark of the
web is written on Windows."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dossier_desk.api.models import Document
from dossier_desk.domain.safe_open import MISMATCH, NOT_ALLOWED, OK, open_verdict
from dossier_desk.ui.documents import mark_of_web
from dossier_desk.ui.documents.temp_files import PrivateTempDir
from tests.gui.test_documents_tab import FakeDocs, _tab

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


class ServerNamedDocs(FakeDocs):
    """The download arrives under the name the server's Content-Disposition header gives."""

    def __init__(self, header_name: str) -> None:
        super().__init__()
        self.header_name = header_name

    async def download_document(self, document: Document, directory: Path) -> Path:
        path = directory / self.header_name
        path.write_bytes(b"MZ")
        return path


def _open(qtbot, tab, document: Document) -> asyncio.Future:
    task = asyncio.ensure_future(tab.open_document(document))
    qtbot.waitUntil(task.done)
    return task


@pytest.mark.parametrize("header_name", ["verlof.exe", "verlof.pdf.exe", "verlof.PDF.js"])
def test_a_download_whose_type_differs_is_offered_as_save_as(
    qtbot, loop, tmp_path: Path, monkeypatch, header_name: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    documents_dir = tmp_path / "home" / "Documents"
    documents_dir.mkdir(parents=True)
    fake = ServerNamedDocs(header_name)
    opened: list[QUrl] = []
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path / "private"), opened=opened)
    document = Document(id="doc-1", dossier_id="dos-1", file_name="verlof.pdf")
    with qtbot.waitSignal(tab.openRefused) as blocker:
        _open(qtbot, tab, document)
    assert opened == []
    box: QMessageBox = blocker.args[0]
    assert "was not opened" in box.text()
    save = next(b for b in box.buttons() if b.text() == "Save as…")
    with qtbot.waitSignal(tab.saveDialogOpened) as dialog_blocker:
        save.click()
    dialog: QFileDialog = dialog_blocker.args[0]
    assert Path(dialog.directory().absolutePath()) == documents_dir
    dialog.reject()


def test_a_type_not_allowed_is_not_opened_even_when_names_match(qtbot, loop, tmp_path: Path) -> None:
    fake = ServerNamedDocs("macro.html")
    opened: list[QUrl] = []
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path), opened=opened)
    with qtbot.waitSignal(tab.openRefused):
        _open(qtbot, tab, Document(id="doc-1", dossier_id="dos-1", file_name="macro.html"))
    assert opened == []


def test_open_without_a_viewer_says_so_in_the_window(qtbot, loop, tmp_path: Path) -> None:
    fake = FakeDocs()
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path))
    tab._open_url = lambda _url: False  # QDesktopServices.openUrl answers False: nothing handles .pdf
    with qtbot.waitSignal(tab.noViewer):
        _open(qtbot, tab, Document(id="doc-1", dossier_id="dos-1", file_name="verlof.pdf"))
    assert "No program on this computer opens “.pdf” files" in tab.status.text()


def test_a_matching_allowed_type_opens(qtbot, loop, tmp_path: Path) -> None:
    opened: list[QUrl] = []
    tab = _tab(qtbot, FakeDocs(), PrivateTempDir(tmp_path), opened=opened)
    with qtbot.waitSignal(tab.documentOpened):
        _open(qtbot, tab, Document(id="doc-1", dossier_id="dos-1", file_name="verlof.pdf"))
    assert len(opened) == 1


def test_open_verdicts() -> None:
    assert open_verdict("a.pdf", "a.pdf", (".pdf",)) == OK
    assert open_verdict("a.PDF", "a.pdf", ("PDF",)) == OK
    assert open_verdict("a.exe", "a.pdf", (".pdf",)) == MISMATCH
    assert open_verdict("a", "a", ()) == MISMATCH
    assert open_verdict("a.xlsx", "a.xlsx", ()) == OK  # FlowOn defaults when the server says nothing
    assert open_verdict("a.png", "a.png", ()) == NOT_ALLOWED
    assert open_verdict("a.exe", "a.exe", (".exe",)) == NOT_ALLOWED  # never, whatever the server allows


def test_mark_of_the_web_writes_zone_3_on_windows_only() -> None:
    written: list[tuple[str, str]] = []

    def write(stream: str, text: str) -> None:
        written.append((stream, text))

    path = r"C:\Users\anna\Documents\verlof.pdf"
    assert mark_of_web.mark_of_the_web(path, platform="win32", write=write) is True
    assert written == [
        (r"C:\Users\anna\Documents\verlof.pdf:Zone.Identifier", "[ZoneTransfer]\r\nZoneId=3\r\n")
    ]
    assert mark_of_web.mark_of_the_web("/home/anna/verlof.pdf", platform="linux", write=write) is False
    assert len(written) == 1


def test_saved_and_opened_files_are_marked(qtbot, loop, tmp_path: Path, monkeypatch) -> None:
    marked: list[Path] = []
    monkeypatch.setattr("dossier_desk.ui.documents.tab.mark_of_the_web", lambda p: marked.append(Path(p)))
    tab = _tab(qtbot, FakeDocs(), PrivateTempDir(tmp_path / "private"), opened=[])
    document = Document(id="doc-1", dossier_id="dos-1", file_name="verlof.pdf")
    opened = _open(qtbot, tab, document).result()
    task = asyncio.ensure_future(tab.save_document(document, tmp_path / "kept.pdf"))
    qtbot.waitUntil(task.done)
    assert marked == [opened, tmp_path / "kept.pdf"]
