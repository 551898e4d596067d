"""The Dutch translation covers every user-visible string of the UI, and the compiled .qm matches it.

* the shipped ``.ts`` has no unfinished / vanished messages and keeps every placeholder;
* ``pyside6-lupdate`` run over *all* of ``dossier_desk/ui`` finds nothing the ``.ts`` lacks (a new
  module or string forgotten in ``scripts/update_translations.py`` fails here);
* the ``.qm`` answers every message of the ``.ts`` with its Dutch text (it was compiled from it);
* with the Dutch translator installed the documents tab, upload checks, workflow log, sync issues
  window and sign-in dialogs show Dutch.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator

from dossier_desk.api.models import Document, Dossier, UploadRules, WorkflowEntry
from dossier_desk.store.outbox_model import Conflict, OutboxItem, OutboxKind, OutboxState
from dossier_desk.ui import i18n
from dossier_desk.ui.dialogs.device_code_dialog import DeviceCodeDialog
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_desk.ui.documents.model import DocumentsModel
from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.documents.temp_files import PrivateTempDir
from dossier_desk.ui.documents.upload_dialog import UploadDialog
from dossier_desk.ui.documents.upload_queue import UploadQueueModel
from dossier_desk.ui.documents.validation import check_files, human_size
from dossier_desk.ui.sync_issues.window import SyncIssuesWindow, describe
from dossier_desk.ui.workflow.model import WorkflowLogModel
from dossier_desk.ui.workflow.radar import DeadlineRadar

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
TS = i18n.TRANSLATIONS_DIR / "dossier_desk_nl.ts"
QM = i18n.TRANSLATIONS_DIR / "dossier_desk_nl.qm"
# %1, %n, %Ln, {0}, {1:02d}: must survive translation unchanged.
PLACEHOLDER = re.compile(r"%L?n|%L?\d+|\{[^{}]*\}")


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(c.findtext("name") or "", m) for c in root.iter("context") for m in c.iter("message")]


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


@pytest.fixture
def dutch(qapp):
    translators = i18n.install_translators(qapp, i18n.locale_for("nl"))
    assert any("dossier_desk" in t.filePath() for t in translators), "no Dutch translation installed"
    yield translators
    i18n.remove_translators(qapp, translators)


# -- the .ts and .qm ------------------------------------------------------------------------------


def test_ts_has_no_unfinished_messages() -> None:
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert 'type="vanished"' not in text
    assert 'type="obsolete"' not in text
    messages = _messages(TS)
    assert len(messages) > 300
    for context, message in messages:
        assert all(form.strip() for form in _forms(message)), (context, message.findtext("source"))


def test_placeholders_survive_translation() -> None:
    for context, message in _messages(TS):
        source = message.findtext("source") or ""
        wanted = sorted(PLACEHOLDER.findall(source))
        for form in _forms(message):
            assert sorted(PLACEHOLDER.findall(form)) == wanted, (context, source, form)


def test_every_ui_string_is_in_the_translation(tmp_path: Path) -> None:
    """lupdate over every ui module: anything it finds must be in the shipped .ts."""
    bindir = Path(sys.executable).parent
    lupdate = shutil.which("pyside6-lupdate", path=str(bindir)) or shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    files = [str(f.relative_to(ROOT)) for f in sorted((ROOT / "dossier_desk" / "ui").rglob("*.py"))]
    fresh = tmp_path / "all.ts"
    subprocess.run(
        [lupdate, *files, "-no-obsolete", "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True
    )
    shipped = {(c, m.findtext("source")) for c, m in _messages(TS)}
    found = {(c, m.findtext("source")) for c, m in _messages(fresh)}
    assert len(found) > 300
    assert found - shipped == set(), "run: uv run python scripts/update_translations.py"


def test_qm_matches_ts(qapp) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    for context, message in _messages(TS):
        source = message.findtext("source") or ""
        comment = message.findtext("comment") or ""
        forms = _forms(message)
        if message.get("numerus") == "yes":
            assert translator.translate(context, source, comment, 1) == forms[0], (context, source)
            assert translator.translate(context, source, comment, 5) == forms[-1], (context, source)
        else:
            assert translator.translate(context, source, comment) == forms[0], (context, source)


# -- Dutch on screen -----------------------------------------------------------------------------


class _FakeDocs:
    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs

    def documents(self, _dossier_id: str) -> list[Document]:
        return list(self.docs)

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        raise AssertionError(f"unexpected error during {context}: {exc!r}")


def test_documents_tab_in_dutch(qtbot, dutch, tmp_path: Path) -> None:
    fake = _FakeDocs(
        [
            Document(
                id="d1",
                dossier_id="dos-1",
                description="Verslag",
                document_type="Administrative",
                file_name="verslag.pdf",
                file_size=1536,
                confidential=False,
            )
        ]
    )
    tab = DocumentsTab(
        fake,  # type: ignore[arg-type]
        fake,  # type: ignore[arg-type]
        fake,  # type: ignore[arg-type]
        fake,  # type: ignore[arg-type]
        PrivateTempDir(tmp_path),
        fake,
        can_see_medical=True,
        can_upload=True,
    )
    qtbot.addWidget(tab)
    tab.set_dossier("dos-1", "D0001")
    assert tab.open_button.text() == "Openen"
    assert tab.save_button.text() == "Opslaan als…"
    assert tab.add_button.text() == "Bestanden toevoegen…"
    assert tab.status.text() == "1 document"
    model = tab.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Omschrijving",
        "Soort",
        "Datum",
        "Bestandsnaam",
        "Grootte",
        "MIME-type",
        "Gemaakt door",
        "Vertrouwelijk",
    ]
    assert model.data(model.index(0, DocumentsModel.TYPE)) == "Administratief"
    assert model.data(model.index(0, DocumentsModel.SIZE)) == "1,5 KB"
    tip = model.data(model.index(0, DocumentsModel.SIZE), Qt.ItemDataRole.ToolTipRole)
    assert tip == "1.536 bytes"


def test_upload_checks_and_dialog_in_dutch(qtbot, dutch, tmp_path: Path) -> None:
    assert human_size(1) == "1 byte"
    assert human_size(10 * 1024**2) == "10 MB"
    (tmp_path / "leeg").mkdir()
    (tmp_path / "tool.exe").write_bytes(b"MZ")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "medisch attest.pdf").write_bytes(b"%PDF")
    rules = UploadRules(allowed_extensions=(".pdf",), max_file_size=1024, max_files_per_request=0)
    checked = check_files(
        [tmp_path / n for n in ("leeg", "tool.exe", "empty.pdf", "medisch attest.pdf")], rules
    )
    reasons = sorted(r.reason for r in checked.rejected)
    assert reasons == [
        "Bestanden van het type “.exe” worden niet geaccepteerd (“tool.exe”). Toegestaan: .pdf.",
        "De map “leeg” bevat geen bestanden.",
        "“empty.pdf” is leeg (0 bytes).",
    ]
    dialog = UploadDialog("dos-1", "D0001", checked, date(2026, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Documenten uploaden"
    combo = dialog.type_combo(0)
    assert combo.currentText() == "Medisch"
    assert [combo.itemText(i) for i in range(combo.count())] == ["Medisch", "Administratief", "Juridisch"]
    combo.setCurrentIndex(combo.findText("Juridisch"))
    assert [job.document_type for job in dialog.jobs()] == ["Legal"]  # the API value, not the caption
    queue = UploadQueueModel()
    assert queue.headerData(UploadQueueModel.STATUS, Qt.Orientation.Horizontal) == "Status"
    assert queue.headerData(UploadQueueModel.FILE, Qt.Orientation.Horizontal) == "Bestand"


def test_workflow_log_and_radar_in_dutch(qtbot, dutch) -> None:
    model = WorkflowLogModel(lambda: date(2026, 2, 10))
    model.set_log(
        [
            WorkflowEntry(
                id="w1",
                dossier_id="x",
                line_no=10000,
                description="Ziekmelding",
                state="Completed",
                completed_by="casemanager@demo",
                completed_date_time="2026-01-06T09:00:00Z",
            ),
            WorkflowEntry(
                id="w2",
                dossier_id="x",
                line_no=20000,
                description="Probleemanalyse",
                state="Current",
                term="6W",
            ),
        ],
        date(2026, 1, 5),
    )
    assert [line.status_text for line in model.lines()] == [
        "Afgerond door casemanager@demo op 06-01-2026",  # the Dutch short date
        "Huidige stap · over 6 dagen",
    ]
    assert model.headerData(WorkflowLogModel.DUE, Qt.Orientation.Horizontal) == "Uiterste datum"

    class Types:
        def dossier_types(self) -> list:
            return [type("T", (), {"code": "ZIEK", "sickness": True})()]

    radar = DeadlineRadar(Types(), today=lambda: date(2026, 2, 10))  # type: ignore[arg-type]
    qtbot.addWidget(radar)
    radar.set_dossier(Dossier(id="x", dossier_type_code="ZIEK", status="Open", starting_date="2026-01-05"))
    assert radar.title.text() == "Termijnen"
    assert radar.lines()[:2] == [
        "Binnenkort: Probleemanalyse (week 6) — 16-02-2026, over 6 dagen",
        "Plan van aanpak (week 8) — 02-03-2026, over 20 dagen",
    ]
    assert radar.note.text() == "Wettelijke kalender; het workflowlogboek is nog niet gedownload."


def test_file_check_in_dutch(qtbot, dutch) -> None:
    from dossier_desk.domain.filecheck import check_file, rules_for
    from dossier_desk.ui.filecheck.model import FileCheckModel
    from dossier_desk.ui.filecheck.rules_source import builtin_rules_data

    start = date(2026, 1, 5)
    dossier = Dossier(
        id="x", no="D1", dossier_type_code="ZIEK", status="Open", starting_date=start.isoformat()
    )
    log = [WorkflowEntry(id="w", dossier_id="x", line_no=20000, description="Probleemanalyse", term="6W")]
    result = check_file(dossier, log, [], rules_for(builtin_rules_data(), "ZIEK"), date(2026, 2, 26))
    model = FileCheckModel()
    model.set_check(result)
    assert model.headerData(FileCheckModel.MILESTONE, Qt.Orientation.Horizontal) == "Mijlpaal"
    assert model.data(model.index(0, FileCheckModel.MILESTONE)) == "Probleemanalyse (week 6)"
    assert model.data(model.index(0, FileCheckModel.STATE)) == "⚠ 10 dagen te laat"


class _Parked:
    def __init__(self, items: list[OutboxItem]) -> None:
        self.items = items

    def parked_items(self) -> list[OutboxItem]:
        return list(self.items)

    def waiting_items(self) -> list[OutboxItem]:
        return []

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        raise AssertionError(f"unexpected error during {context}: {exc!r}")


def test_sync_issues_window_in_dutch(qtbot, dutch) -> None:
    conflict = Conflict(
        base={"no": "D0042", "status": "Open", "your_reference": ""},
        mine={"status": "In Process"},
        theirs={"no": "D0042", "status": "Closed", "your_reference": "UWV-17"},
        theirs_etag='W/"2"',
    )
    item = OutboxItem(
        7, OutboxKind.UPDATE, "d1", OutboxState.CONFLICT, {"base": {"no": "D0042"}}, conflict=conflict
    )
    assert describe(item) == "Conflict: Wijziging van D0042"
    store = _Parked([item])
    window = SyncIssuesWindow(store, store)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    assert window.windowTitle() == "Synchronisatieproblemen"
    assert window.keep_mine.text() == "Mijn versie behouden"
    assert window.keep_server.text() == "Serverversie behouden"
    assert window.merge.text().startswith("Samenvoegen")
    table = window.conflict_view.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Veld", "Oorspronkelijk (vooraf)", "Mijn waarde", "Server (nu)", "Gebruiken"]
    cells = {
        table.item(r, 0).text(): [table.item(r, c).text() for c in (1, 2, 3)] for r in range(table.rowCount())
    }
    assert cells["Status"] == ["Open", "In behandeling", "Gesloten"]
    assert cells["Uw referentie"] == ["(leeg)", "(leeg)", "UWV-17"]
    combo = window.conflict_view.choice_combo("status")
    assert combo is not None
    assert combo.currentText() == "Mijn waarde"
    assert window.conflict_view.resolution() == {"status": "In Process"}
    window.conflict_view.set_all("Server")
    assert combo.currentText() == "Serverwaarde"
    assert window.conflict_view.resolution() == {}


class _NoAuth:
    def sign_in_interactive(self, **_kwargs):  # pragma: no cover - never started here
        raise AssertionError("not used")

    def sign_in_device_code(self, on_code, *, cancel=None):  # pragma: no cover
        raise AssertionError("not used")


def test_sign_in_dialogs_in_dutch(qtbot, dutch) -> None:
    dialog = SignInDialog(_NoAuth(), lambda _user: None, cache_encrypted=False)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Aanmelden bij Dossier Desk"
    assert dialog.sign_in_button.text() == "Aanmelden met Microsoft"
    assert dialog.close_button.text() == "Sluiten"
    assert dialog.device_button.text() == "Code gebruiken op een ander apparaat…"
    assert dialog.cache_notice.text().startswith("Er is geen sleutelhanger")
    demo = SignInDialog(_NoAuth(), lambda _user: None, demo_users=[("hr@demo", "HR")])  # type: ignore[arg-type]
    qtbot.addWidget(demo)
    assert demo.sign_in_button.text() == "Aanmelden"
    device = DeviceCodeDialog()
    qtbot.addWidget(device)
    assert device.windowTitle() == "Aanmelden op een ander apparaat"
    assert device.copy_button.text() == "Code kopiëren"
    assert device.instructions.text() == "Aanmeldcode aanvragen…"
