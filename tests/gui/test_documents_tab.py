"""Documents tab: drops, paste, open / save as, confidentiality, refresh (in-memory fakes, no network)."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from dossier_desk.api.errors import NetworkError
from dossier_desk.api.models import Document, Dossier, UploadRules
from dossier_desk.ui.documents.model import DocumentsModel
from dossier_desk.ui.documents.ports import UploadJob
from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.documents.temp_files import PrivateTempDir
from dossier_desk.ui.documents.upload_dialog import UploadDialog
from dossier_desk.ui.task_scope import TaskScope
from tests.fault.qt_loop import run_on_loop
from tests.gui.test_documents_upload import OFFSCREEN_NOISE, RULES, _drop, _mime, make_files


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    return make_files(tmp_path, monkeypatch)


class FakeDocs:
    """In-memory DocumentSource / DocumentFetcher / UploadRulesSource / UploadSink / ErrorReporter."""

    def __init__(self) -> None:
        self.docs: dict[str, list[Document]] = {}
        self.jobs: list[UploadJob] = []
        self.errors: list[BaseException] = []

    def documents(self, dossier_id: str) -> list[Document]:
        return list(self.docs.get(dossier_id, []))

    async def download_document(self, document: Document, directory: Path) -> Path:
        path = directory / (document.file_name or "document")
        path.write_bytes(b"content of " + document.id.encode())
        return path

    async def upload_rules(self) -> UploadRules:
        return RULES

    def add_jobs(self, jobs: list[UploadJob]) -> None:
        self.jobs.extend(jobs)

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        self.errors.append(exc)


def _tab(qtbot, fake: FakeDocs, temp: PrivateTempDir, *, can_upload: bool = True, opened: list | None = None):
    tab = DocumentsTab(
        fake,
        fake,
        fake,
        fake,
        temp,
        fake,
        can_see_medical=False,
        can_upload=can_upload,
        today=lambda: date(2026, 3, 1),
        open_url=(opened.append if opened is not None else lambda _url: True),
    )
    qtbot.addWidget(tab)
    return tab


@OFFSCREEN_NOISE
def test_drop_on_tab_opens_dialog_and_queues_valid_files(
    qtbot, loop, files: dict[str, Path], tmp_path: Path
) -> None:
    fake = FakeDocs()
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path))
    tab.set_dossier("dos-1", "D0001")
    with qtbot.waitSignal(tab.uploadDialogOpened) as blocker:
        assert _drop(tab, _mime(list(files.values()))) == (True, True)
    dialog: UploadDialog = blocker.args[0]
    assert dialog.isVisible()
    assert len(dialog.rejected_reasons()) == 5  # exe, big, empty, unreadable, empty folder
    assert dialog.table.rowCount() == 4
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert sorted(j.path.name for j in fake.jobs) == sorted(
        ["plan_van_aanpak.pdf", "verslag Zoë — ñ 日本.pdf", "a.pdf", "b.png"]
    )
    assert fake.errors == []


def test_read_only_role_refuses_drops(qtbot, loop, files: dict[str, Path], tmp_path: Path) -> None:
    fake = FakeDocs()
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path), can_upload=False)
    tab.set_dossier("dos-1")
    assert _drop(tab, _mime([files["ok"]])) == (False, False)
    assert not tab.add_button.isEnabled()


def test_list_hides_medical_and_open_downloads_privately(qtbot, loop, tmp_path: Path) -> None:
    fake = FakeDocs()
    fake.docs["dos-1"] = [
        Document(
            id="doc-1", dossier_id="dos-1", description="Verlof", file_name="verlof.pdf", file_size=2048
        ),
        Document(
            id="doc-2", dossier_id="dos-1", description="Huisarts", document_type="Medical", file_name="m.pdf"
        ),
        Document(id="doc-3", dossier_id="dos-1", description="Dicht", confidential=True, file_name="c.pdf"),
    ]
    opened: list[QUrl] = []
    temp = PrivateTempDir(tmp_path)
    tab = _tab(qtbot, fake, temp, opened=opened)
    tab.set_dossier("dos-1", "D0001")
    assert tab.model.rowCount() == 1
    assert tab.model.hidden_count() == 2
    assert tab.status.text() == "1 document(s)"
    with qtbot.waitSignal(tab.documentOpened) as blocker:
        tab.view.doubleClicked.emit(tab.model.index(0, 0))
    path: Path = blocker.args[0]
    assert path.read_bytes() == b"content of doc-1"
    assert opened == [QUrl.fromLocalFile(str(path))]
    assert temp.path in path.parents
    assert (temp.path.stat().st_mode & 0o777) == 0o700
    temp.cleanup()
    assert not path.exists()


def test_save_document_moves_download_to_destination(qtbot, loop, tmp_path: Path) -> None:
    fake = FakeDocs()
    doc = Document(id="doc-1", dossier_id="dos-1", file_name="verlof.pdf")
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path / "private"))
    destination = tmp_path / "chosen name.pdf"
    task = asyncio.ensure_future(tab.save_document(doc, destination))
    qtbot.waitUntil(task.done)
    assert task.result() == destination
    assert destination.read_bytes() == b"content of doc-1"


def test_documents_changed_refreshes_only_current_dossier(qtbot, tmp_path: Path) -> None:
    fake = FakeDocs()
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path))
    tab.set_dossier("dos-1")
    fake.docs["dos-1"] = [Document(id="n", dossier_id="dos-1")]
    tab.on_documents_changed("dos-2")
    assert tab.model.rowCount() == 0
    tab.on_documents_changed("dos-1")
    assert tab.model.rowCount() == 1


@OFFSCREEN_NOISE
def test_paste_files_from_clipboard(qtbot, loop, files: dict[str, Path], tmp_path: Path) -> None:
    fake = FakeDocs()
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path / "private"))
    tab.set_dossier("dos-1", "D0001")
    QApplication.clipboard().setMimeData(_mime([files["ok"]]))
    with qtbot.waitSignal(tab.uploadDialogOpened) as blocker:
        tab.paste_from_clipboard()
    dialog: UploadDialog = blocker.args[0]
    assert [j.path for j in dialog.jobs()] == [files["ok"]]


@OFFSCREEN_NOISE
def test_paste_image_becomes_png_in_private_dir(qtbot, loop, tmp_path: Path) -> None:
    fake = FakeDocs()
    temp = PrivateTempDir(tmp_path / "private")
    tab = _tab(qtbot, fake, temp)
    tab.set_dossier("dos-1", "D0001")
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    QApplication.clipboard().setImage(image)
    with qtbot.waitSignal(tab.uploadDialogOpened) as blocker:
        tab.paste_from_clipboard()
    (job,) = blocker.args[0].jobs()
    assert job.path.suffix == ".png"
    assert job.path.name.startswith("Pasted image ")
    assert temp.path in job.path.parents
    assert job.size > 0


@OFFSCREEN_NOISE
def test_upload_to_another_dossier_from_a_table_drop(
    qtbot, loop, files: dict[str, Path], tmp_path: Path
) -> None:
    fake = FakeDocs()
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path))
    tab.set_dossier("dos-1", "D0001")
    with qtbot.waitSignal(tab.uploadDialogOpened) as blocker:
        tab.upload_to("dos-9", "D0009", [files["ok"]])
    assert [j.dossier_id for j in blocker.args[0].jobs()] == ["dos-9"]


@OFFSCREEN_NOISE
def test_save_as_opens_file_dialog_with_document_name(qtbot, loop, tmp_path: Path) -> None:
    fake = FakeDocs()
    fake.docs["dos-1"] = [Document(id="doc-1", dossier_id="dos-1", file_name="verlof.pdf")]
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path / "private"))
    tab.set_dossier("dos-1", "D0001")
    tab.view.selectRow(0)
    assert tab.save_button.isEnabled()
    tab.save_button.click()
    (dialog,) = tab.findChildren(QFileDialog)
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    destination = tmp_path / "kopie.pdf"
    with qtbot.waitSignal(tab.documentSaved):
        dialog.fileSelected.emit(str(destination))
    assert destination.read_bytes() == b"content of doc-1"
    dialog.reject()


def test_private_temp_dir_is_0700_and_cleaned(tmp_path: Path) -> None:
    temp = PrivateTempDir(tmp_path / "base")
    sub = temp.subdir("../../etc")
    assert sub.parent == temp.path  # an id can never climb out
    assert (temp.path.stat().st_mode & 0o777) == 0o700
    (sub / "x.pdf").write_bytes(b"x")
    temp.cleanup()
    temp.cleanup()  # twice is fine (aboutToQuit after an explicit cleanup)
    assert not sub.exists()


def test_show_dossier_labels_by_number_and_refreshes_quietly(qtbot, loop, tmp_path: Path) -> None:
    fake = FakeDocs()
    refreshed: list[str] = []

    class Lookup:
        def dossier(self, dossier_id: str) -> Dossier | None:
            return Dossier(id=dossier_id, no="D0042") if dossier_id == "dos-1" else None

    async def refresh(dossier_id: str) -> list[Document]:
        refreshed.append(dossier_id)
        fake.docs[dossier_id] = [Document(id="new", dossier_id=dossier_id)]
        raise NetworkError("offline after all")  # logged at info, never shown

    tasks = TaskScope("test")
    tab = DocumentsTab(
        fake, fake, fake, fake, PrivateTempDir(tmp_path), fake,
        can_see_medical=False, can_upload=True, dossiers=Lookup(), refresh=refresh, tasks=tasks,
    )  # fmt: skip
    qtbot.addWidget(tab)
    tab.show_dossier("dos-1")
    assert tab._dossier_label == "D0042"
    assert refreshed == []  # the cached list first; the fetch waits for the selection to rest
    qtbot.waitUntil(lambda: refreshed == ["dos-1"] and not tasks.active(DocumentsTab.REFRESH_KEY))
    assert fake.errors == []
    tab.show_dossier("")
    assert tab.dossier_id() == ""
    assert not tab.add_button.isEnabled()


def test_refresh_keeps_the_users_sort_order(qtbot, tmp_path: Path) -> None:
    fake = FakeDocs()
    fake.docs["dos-1"] = [
        Document(id="a", dossier_id="dos-1", description="Alpha", file_size=1),
        Document(id="b", dossier_id="dos-1", description="Beta", file_size=9),
    ]
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path))
    tab.set_dossier("dos-1")
    tab.view.sortByColumn(DocumentsModel.SIZE, Qt.SortOrder.DescendingOrder)
    assert [d.id for d in tab.model.documents()] == ["b", "a"]
    fake.docs["dos-1"].append(Document(id="c", dossier_id="dos-1", description="Gamma", file_size=5))
    tab.on_documents_changed("dos-1")
    assert [d.id for d in tab.model.documents()] == ["b", "c", "a"]


def test_moving_on_cancels_the_refresh_in_flight(qtbot, loop, tmp_path: Path) -> None:
    fake = FakeDocs()
    started: list[str] = []
    cancelled: list[str] = []
    finished: list[str] = []
    answer = asyncio.Event()

    async def refresh(dossier_id: str) -> list[Document]:
        started.append(dossier_id)
        try:
            await answer.wait()  # the server is slow to answer
        except asyncio.CancelledError:
            cancelled.append(dossier_id)
            raise
        finished.append(dossier_id)
        return []

    tasks = TaskScope("test")
    tab = DocumentsTab(
        fake, fake, fake, fake, PrivateTempDir(tmp_path), fake,
        can_see_medical=False, can_upload=True, refresh=refresh, tasks=tasks, refresh_delay_s=0.01,
    )  # fmt: skip
    qtbot.addWidget(tab)
    tab.show_dossier("dos-1")
    qtbot.waitUntil(lambda: started == ["dos-1"])
    tab.show_dossier("dos-2")
    assert cancelled == []  # cancelled on the loop's next turn
    qtbot.waitUntil(lambda: started == ["dos-1", "dos-2"])
    assert cancelled == ["dos-1"]
    answer.set()
    qtbot.waitUntil(lambda: finished == ["dos-2"] and not tasks.active(DocumentsTab.REFRESH_KEY))
    assert fake.errors == []
    tab.show_dossier("dos-3")
    tab.show_dossier("")  # nothing shown: the waiting refresh of dos-3 never starts
    assert not tasks.active(DocumentsTab.REFRESH_KEY)
    run_on_loop(qtbot, tasks.aclose())
    assert started == ["dos-1", "dos-2"]


def test_a_failed_download_reaches_the_user(qtbot, loop, tmp_path: Path) -> None:
    class Unreachable(FakeDocs):
        async def download_document(self, document: Document, directory: Path) -> Path:
            raise NetworkError("connection refused")

    fake = Unreachable()
    fake.docs["dos-1"] = [Document(id="a", dossier_id="dos-1", description="Plan", file_name="plan.pdf")]
    tab = _tab(qtbot, fake, PrivateTempDir(tmp_path))
    tab.set_dossier("dos-1")
    tab.view.selectRow(0)
    tab.open_button.click()
    qtbot.waitUntil(lambda: len(fake.errors) == 1)
    assert isinstance(fake.errors[0], NetworkError)
