"""Upload validation before sending, the upload dialog and the file-drop helpers (no network)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QTableView

from dossier_desk.api.models import UploadRules
from dossier_desk.ui.documents import validation
from dossier_desk.ui.documents.drop import install_file_drop, paths_from_mime
from dossier_desk.ui.documents.ports import UploadJob
from dossier_desk.ui.documents.upload_dialog import UploadDialog
from dossier_desk.ui.documents.validation import check_files, default_document_type, human_size

# The offscreen platform plugin warns whenever a top-level window (a dialog opened with open()) is shown.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

RULES = UploadRules(allowed_extensions=(".pdf", ".docx", ".png"), max_file_size=1024, max_files_per_request=2)


def make_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """One file per case the issue names, plus a folder holding two valid files (shared with
    test_documents_tab)."""
    made = {
        "ok": tmp_path / "plan_van_aanpak.pdf",
        "exe": tmp_path / "tool.exe",
        "big": tmp_path / "scan.pdf",
        "empty": tmp_path / "empty.docx",
        "unreadable": tmp_path / "locked.pdf",
        "unicode": tmp_path / "verslag Zoë — ñ 日本.pdf",
    }
    made["ok"].write_bytes(b"%PDF-1.4 ok")
    made["exe"].write_bytes(b"MZ")
    made["big"].write_bytes(b"x" * 1025)
    made["empty"].write_bytes(b"")
    made["unreadable"].write_bytes(b"%PDF secret")
    made["unreadable"].chmod(0)
    made["unicode"].write_bytes(b"%PDF unicode")
    folder = tmp_path / "map"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.pdf").write_bytes(b"a")
    (folder / "sub" / "b.png").write_bytes(b"b")
    (folder / ".DS_Store").write_bytes(b"junk")
    made["folder"] = folder
    made["emptydir"] = tmp_path / "leeg"
    made["emptydir"].mkdir()
    if os.geteuid() == 0:  # root reads mode-0 files; simulate the permission error the OS would give
        real = validation._probe_readable

        def probe(path: Path) -> None:
            if path == made["unreadable"]:
                raise PermissionError(13, "Permission denied")
            real(path)

        monkeypatch.setattr(validation, "_probe_readable", probe)
    return made


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    return make_files(tmp_path, monkeypatch)


def test_check_files_gives_a_specific_reason_per_problem(files: dict[str, Path]) -> None:
    result = check_files(list(files.values()), RULES)
    accepted = {p.name for p, _ in result.accepted}
    assert accepted == {"plan_van_aanpak.pdf", "verslag Zoë — ñ 日本.pdf", "a.pdf", "b.png"}
    reasons = {r.path.name: r.reason for r in result.rejected}
    assert set(reasons) == {"tool.exe", "scan.pdf", "empty.docx", "locked.pdf", "leeg"}
    assert "“.exe” files are not accepted" in reasons["tool.exe"]
    assert "Allowed: .docx, .pdf, .png" in reasons["tool.exe"]
    assert reasons["scan.pdf"] == "“scan.pdf” is 1 KB; the server accepts at most 1 KB."
    assert reasons["empty.docx"] == "“empty.docx” is empty (0 bytes)."
    assert reasons["locked.pdf"] == "“locked.pdf” cannot be read (Permission denied)."
    assert reasons["leeg"] == "The folder “leeg” contains no files."
    # Four valid files, two allowed per request: a note, not a refusal.
    assert result.notes == [
        "The server accepts at most 2 files per request; the 4 files will be sent one at a time."
    ]


def test_directory_given_as_file_is_named(tmp_path: Path) -> None:
    assert validation.check_file(tmp_path, RULES)[1] == f"“{tmp_path.name}” is a folder, not a file."


def test_missing_and_extensionless(tmp_path: Path) -> None:
    gone = tmp_path / "gone.pdf"
    assert validation.check_file(gone, RULES)[1] == "“gone.pdf” no longer exists."
    bare = tmp_path / "README"
    bare.write_text("x")
    assert "Files without an extension are not accepted" in (validation.check_file(bare, RULES)[1] or "")


def test_extension_check_ignores_case(tmp_path: Path) -> None:
    upper = tmp_path / "SCAN.PDF"
    upper.write_bytes(b"x")
    assert validation.check_file(upper, RULES) == (1, None)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Verklaring huisarts.pdf", "Medical"),
        ("medical_certificate.pdf", "Medical"),
        ("mri.dcm", "Medical"),
        ("Vaststellingsovereenkomst v2.docx", "Legal"),
        ("arbeidscontract.pdf", "Legal"),
        ("verlofaanvraag.pdf", "Administrative"),
    ],
)
def test_default_document_type(name: str, kind: str) -> None:
    assert default_document_type(Path(name)) == kind


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (1, "1 byte"), (1023, "1023 bytes"), (1536, "1.5 KB"), (10 * 1024**2, "10 MB")],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


def test_upload_dialog_defaults_and_jobs(qtbot, files: dict[str, Path]) -> None:
    checked = check_files([files["ok"], files["exe"], files["unicode"]], RULES)
    dialog = UploadDialog("dos-1", "D0001", checked, date(2026, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.rejected_reasons() == [checked.rejected[0].reason]
    assert dialog.table.item(0, UploadDialog.DESCRIPTION).text() == "Plan van aanpak"
    # Choosing Medical must tick Confidential.
    dialog.type_combo(1).setCurrentText("Medical")
    jobs = dialog.jobs()
    assert [j.path for j in jobs] == [files["ok"], files["unicode"]]
    assert jobs[1] == UploadJob(
        "dos-1", files["unicode"], "Verslag Zoë — ñ 日本", "Medical", True, "2026-03-01", 12
    )
    assert jobs[0].confidential is False
    # Unticking a file leaves it out; an empty description blocks the Upload button.
    dialog.table.item(0, UploadDialog.FILE).setCheckState(Qt.CheckState.Unchecked)
    assert [j.path for j in dialog.jobs()] == [files["unicode"]]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a Medical document: the user confirms who will see it
    dialog.confirm.setChecked(True)
    assert ok.isEnabled()
    dialog.table.item(1, UploadDialog.DESCRIPTION).setText("  ")
    assert not ok.isEnabled()


def test_upload_dialog_with_only_rejections_offers_close(qtbot, files: dict[str, Path]) -> None:
    dialog = UploadDialog("dos-1", "D0001", check_files([files["exe"]], RULES), date(2026, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok) is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
    assert dialog.jobs() == []


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(widget, mime: QMimeData) -> tuple[bool, bool]:
    """Send a real drag-enter then drop with ``mime``; return (enter accepted, drop accepted)."""
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(5, 5), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(5, 5), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_paths_from_mime_ignores_remote_urls(tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.pdf")), QUrl("https://example.org/b.pdf")])
    assert paths_from_mime(mime) == [tmp_path / "a.pdf"]
    text_only = QMimeData()
    text_only.setText("hello")
    assert paths_from_mime(text_only) == []


def test_install_file_drop_on_item_view_reports_position(qtbot, tmp_path: Path) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    drop_filter = install_file_drop(view)
    assert view.viewport().acceptDrops()
    with qtbot.waitSignal(drop_filter.filesDropped) as blocker:
        entered, dropped = _drop(view.viewport(), _mime([tmp_path / "x.pdf"]))
    assert entered
    assert dropped
    assert blocker.args == [[tmp_path / "x.pdf"], QPoint(5, 5)]
    label = QLabel()
    qtbot.addWidget(label)
    install_file_drop(label)
    text = QMimeData()
    text.setText("not a file")
    assert _drop(label, text) == (False, False)
