"""Issue 7 end to end against the sandbox: drops, uploads, cancel, workflow actions, conflicts.

Real pieces only: the sandbox over HTTP, ``DossierApi``, the SQLite store + outbox + sync engine, the
lead's ``SyncBridge`` as the store's listener, and the real widgets. The qasync loop runs on the test's
QApplication; coroutines are driven with ``qtbot.waitUntil`` (a blocking wait inside a coroutine would
hang teardown).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from dossier_desk.api.client import DossierApi
from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import DossierStore, OutboxState, SyncEngine, profile_paths
from dossier_desk.store.session import StoreSession, open_session
from dossier_desk.store.uploads import UploadState
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.documents import validation
from dossier_desk.ui.documents.adapters import StoreUploadOutbox
from dossier_desk.ui.documents.ports import UploadJob
from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.documents.temp_files import PrivateTempDir
from dossier_desk.ui.documents.upload_dialog import UploadDialog
from dossier_desk.ui.documents.upload_queue import UploadQueueWidget
from dossier_desk.ui.sync_issues.window import SyncIssuesWindow
from dossier_desk.ui.workflow.tab import WorkflowTab
from tests.integration.store_support import SandboxTokens, profile_for

OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
T = TypeVar("T")


class Errors:
    """ErrorReporter that keeps what would have been shown."""

    def __init__(self) -> None:
        self.shown: list[BaseException] = []

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        self.shown.append(exc)


@dataclass
class Client:
    """One desktop client: API, store, engine and the bridge the widgets listen to."""

    api: DossierApi
    store: DossierStore
    engine: SyncEngine
    bridge: SyncBridge
    errors: Errors


@pytest.fixture
def run(qtbot, loop) -> Callable[[Awaitable[T]], T]:
    def drive(awaitable: Awaitable[T], timeout: int = 20_000) -> T:
        task = asyncio.ensure_future(awaitable)
        qtbot.waitUntil(task.done, timeout=timeout)
        return task.result()

    return drive


@pytest.fixture
def make_client(run, qtbot) -> Iterator[Callable[..., Client]]:
    made: list[tuple[DossierApi, StoreSession]] = []

    def make(server: Any, name: str = "p", *, live: bool = False) -> Client:
        """``live``: the engine's loop runs as in the app, so a queued write is pushed at once."""
        api = DossierApi(profile_for(server), SandboxTokens(server), max_retries=0, timeout=10)
        bridge = SyncBridge()
        # Its upload rules: the server's, else the FlowOn defaults.
        session = run(open_session(profile_paths(name, server.company_id), api, bridge))
        made.append((api, session))
        run(session.engine.sync_now())
        if live:
            session.start(3600)
        return Client(api, session.store, session.engine, bridge, Errors())

    yield make
    for api, session in made:
        run(session.aclose())  # stops a live engine before its client goes
        run(api.aclose())


def _editable(client: Client, *, sickness: bool = False) -> Dossier:
    """An open dossier the caseworker may change (optionally one that follows WF-ABSENCE)."""
    types = {t.code: t for t in client.store.dossier_types()}
    for dossier in client.store.load_dossiers():
        kind = types.get(dossier.dossier_type_code)
        if dossier.status not in ("New", "Open", "In Process") or kind is None:
            continue
        if not sickness or (kind.workflow_code == "WF-ABSENCE" and dossier.starting_date):
            return dossier
    raise AssertionError("the seed has no suitable dossier")


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(widget: Any, paths: list[Path]) -> None:
    mime = _mime(paths)
    actions, button, mods = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(5, 5), actions, mime, button, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), actions, mime, button, mods)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def _documents_tab(qtbot, client: Client, queue: UploadQueueWidget, tmp_path: Path) -> DocumentsTab:
    tab = DocumentsTab(
        client.store,
        client.api,
        client.engine.upload_rules,
        queue,
        PrivateTempDir(tmp_path / "private"),
        client.errors,
        can_see_medical=False,
        can_upload=True,
        today=lambda: date(2026, 3, 2),
        dossiers=client.store,
        refresh=client.store.refresh_documents,
    )
    client.bridge.documentsChanged.connect(tab.on_documents_changed)
    qtbot.addWidget(tab)
    return tab


def _queue(qtbot, client: Client, **kw: Any) -> UploadQueueWidget:
    """The queue wired as in the app: a view over the client's outbox, following the bridge."""
    queue = UploadQueueWidget(StoreUploadOutbox(client.store, client.engine.pusher.cancel_upload), **kw)
    client.bridge.outboxChanged.connect(queue.on_outbox_changed)
    client.bridge.uploadProgress.connect(queue.on_upload_progress)
    qtbot.addWidget(queue)
    return queue


@OFFSCREEN_NOISE
def test_dropped_files_upload_and_every_refusal_is_explained(
    qtbot, run, make_client, sandbox_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = sandbox_factory(dossiers=20, max_upload_bytes=4096, upload_rules_endpoint=True)
    client = make_client(server, live=True)
    dossier = _editable(client)
    files = tmp_path / "drop"
    (files / "map").mkdir(parents=True)
    (files / "leeg").mkdir()
    (files / "plan van aanpak.pdf").write_bytes(b"%PDF-1.4 plan")
    (files / "verslag Zoë — ñ 日本.txt").write_text("voortgang", encoding="utf-8")
    (files / "map" / "brief.docx").write_bytes(b"PK docx")
    (files / "tool.exe").write_bytes(b"MZ")
    (files / "scan.pdf").write_bytes(b"x" * 5000)
    (files / "leeg.docx").write_bytes(b"")
    locked = files / "locked.pdf"
    locked.write_bytes(b"%PDF locked")
    locked.chmod(0)
    if os.geteuid() == 0:  # root can read mode-0 files; give the error a normal user would get
        real = validation._probe_readable

        def probe(path: Path) -> None:
            if path == locked:
                raise PermissionError(13, "Permission denied")
            real(path)

        monkeypatch.setattr(validation, "_probe_readable", probe)

    queue = _queue(qtbot, client)
    tab = _documents_tab(qtbot, client, queue, tmp_path)
    with qtbot.waitSignal(client.bridge.documentsChanged, timeout=10_000):
        tab.show_dossier(dossier.id)  # cached list now, fresh list from the server right after
    assert tab._dossier_label == dossier.no
    before = {d.id for d in tab.model.documents()}
    with qtbot.waitSignal(tab.uploadDialogOpened, timeout=10_000) as blocker:
        _drop(tab, sorted(files.iterdir()))
    dialog: UploadDialog = blocker.args[0]
    reasons = dialog.rejected_reasons()
    assert len(reasons) == 5
    assert any("“.exe” files are not accepted" in r for r in reasons)
    assert any(r.startswith("“scan.pdf” is 4.9 KB; the server accepts at most 4 KB") for r in reasons)
    assert "“leeg.docx” is empty (0 bytes)." in reasons
    assert "“locked.pdf” cannot be read (Permission denied)." in reasons
    assert "The folder “leeg” contains no files." in reasons

    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(
        lambda: (
            len(queue.model.entries) == 3 and all(e.state is UploadState.DONE for e in queue.model.entries)
        ),
        timeout=15_000,
    )
    # The outbox refreshed the cache, the bridge told the tab: the new documents are listed.
    qtbot.waitUntil(lambda: tab.model.rowCount() == len(before) + 3)
    names = {d.file_name for d in tab.model.documents() if d.id not in before}
    assert names == {"plan van aanpak.pdf", "verslag Zoë — ñ 日本.txt", "brief.docx"}
    on_server = {d.file_name for d in run(client.api.list_documents(dossier.id))}
    assert names <= on_server
    assert client.errors.shown == []

    # Open the non-ASCII one: downloaded into the private directory with its name intact.
    opened: list[QUrl] = []
    tab._open_url = opened.append  # the system's default app is not ours to start in a test
    row = next(
        r for r in range(tab.model.rowCount()) if tab.model.document(r).file_name.startswith("verslag")
    )
    with qtbot.waitSignal(tab.documentOpened, timeout=10_000) as opened_signal:
        tab.view.doubleClicked.emit(tab.model.index(row, 0))
    path: Path = opened_signal.args[0]
    assert path.read_text(encoding="utf-8") == "voortgang"
    assert path.name == "verslag Zoë — ñ 日本.txt"


def test_cancel_mid_upload_leaves_no_document(
    qtbot, run, make_client, sandbox_factory, tmp_path: Path
) -> None:
    server = sandbox_factory(dossiers=20, upload_rules_endpoint=True)
    client = make_client(server, live=True)
    dossier = _editable(client)
    big = tmp_path / "groot.pdf"
    big.write_bytes(os.urandom(16 * 1024 * 1024))
    client.engine.pusher.progress_interval_s = 0.0  # every piece reported: cancel after the first
    queue = _queue(qtbot, client)

    def cancel_once_started(*_args: object) -> None:
        for entry in queue.model.entries:
            if 0 < entry.sent < entry.total:
                queue.cancel(entry)

    queue.model.dataChanged.connect(cancel_once_started)
    before = len(run(client.api.list_documents(dossier.id)))
    (entry,) = queue.add_jobs(
        [UploadJob(dossier.id, big, "Groot", "Administrative", False, "2026-03-02", big.stat().st_size)]
    )
    qtbot.waitUntil(lambda: entry.state is UploadState.CANCELLED, timeout=20_000)
    assert 0 < entry.sent < entry.total
    qtbot.waitUntil(lambda: client.store.outbox_items() == [], timeout=10_000)  # dropped once aborted
    qtbot.wait(300)  # give the server time to notice the broken body
    after = run(client.api.list_documents(dossier.id))
    assert len(after) == before
    assert all(d.file_name != "groot.pdf" for d in after)
    assert client.store.outbox_items() == []


def test_upload_without_network_waits_in_outbox_then_goes_out(
    qtbot, run, make_client, sandbox_factory, tmp_path: Path
) -> None:
    server = sandbox_factory(dossiers=20, upload_rules_endpoint=True)
    client = make_client(server)
    dossier = _editable(client)
    offline = [True]  # the engine's judgement, as the app's queue asks it
    queue = _queue(qtbot, client, is_online=lambda: not offline[0])
    note = tmp_path / "verzuimmelding.pdf"
    note.write_bytes(b"%PDF offline")
    with qtbot.waitSignal(queue.queuedOffline, timeout=10_000):
        (entry,) = queue.add_jobs(
            [UploadJob(dossier.id, note, "Melding", "Administrative", False, "2026-03-02", 12)]
        )
    assert entry.state is UploadState.OFFLINE
    (item,) = client.store.outbox_items()
    assert item.kind.value == "upload_document"
    note.unlink()  # the outbox kept its own copy: the user may delete or move the original
    offline[0] = False
    progress: list[tuple[int, int, int]] = []
    client.bridge.uploadProgress.connect(lambda *args: progress.append(args))
    with qtbot.waitSignal(client.bridge.documentsChanged, timeout=10_000):
        run(client.engine.push_outbox())
    assert entry.state is UploadState.DONE  # the queue row follows the outbox
    assert queue.model.index(0, queue.model.STATUS).data() == "Uploaded: sent from the outbox"
    assert progress[0] == (item.id, 0, 12)
    assert progress[-1] == (item.id, 12, 12)
    assert client.store.outbox_items() == []
    assert "verzuimmelding.pdf" in {d.file_name for d in run(client.api.list_documents(dossier.id))}


@OFFSCREEN_NOISE
def test_workflow_action_round_trip(qtbot, run, make_client, sandbox_factory) -> None:
    server = sandbox_factory(dossiers=30, upload_rules_endpoint=True)
    client = make_client(server)
    dossier = _editable(client, sickness=True)
    tab = WorkflowTab(
        client.store,
        client.store,
        client.errors,
        can_act=True,
        dossiers=client.store,
        refresh=client.store.refresh_workflow,
    )
    qtbot.addWidget(tab)
    client.bridge.workflowChanged.connect(tab.on_workflow_changed)
    with qtbot.waitSignal(client.bridge.workflowChanged, timeout=10_000):
        tab.show_dossier(dossier.id)
    assert tab.model.rowCount() == 8  # WF-ABSENCE has eight lines
    current = next(line for line in tab.model.lines() if line.state not in ("Completed", "Rejected"))
    tab.select_line(current.entry.line_no)
    dialog = tab.start_action("complete")
    assert dialog is not None
    dialog.comments.setPlainText("Done with the employee by phone")
    with qtbot.waitSignal(tab.actionQueued):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [i.kind.value for i in client.store.outbox_items()] == ["workflow_action"]
    with qtbot.waitSignal(client.bridge.workflowChanged, timeout=10_000):
        run(client.engine.push_outbox())
    line = next(x for x in tab.model.lines() if x.entry.line_no == current.entry.line_no)
    assert line.state == "Completed"
    assert line.entry.comments == "Done with the employee by phone"
    assert line.status_text.startswith("Completed by ")
    server_log = run(client.api.workflow_log(dossier.id))
    assert next(e for e in server_log if e.line_no == current.entry.line_no).state == "Completed"
    assert client.store.outbox_items() == []


@pytest.mark.parametrize("choice", ["keep_mine", "keep_server", "merge"])
def test_conflict_resolution_reaches_the_server(
    qtbot, run, make_client, sandbox_factory, choice: str
) -> None:
    server = sandbox_factory(dossiers=20, upload_rules_endpoint=True)
    me = make_client(server, name="me")
    them = make_client(server, name="them")
    dossier = _editable(me)
    # I edit (queued), then someone else saves first.
    me.store.save_dossier_changes(
        dossier.id, {DossierField.DESCRIPTION: "Mijn omschrijving", DossierField.PRIORITY: "High"}
    ).wait()
    theirs = run(them.api.get_dossier(dossier.id))
    run(
        them.api.update_dossier(
            dossier.id, theirs.etag, {"description": "Hun omschrijving", "yourReference": "UWV"}
        )
    )
    run(me.engine.push_outbox())
    (parked,) = me.store.parked_items()
    assert parked.state is OutboxState.CONFLICT

    window = SyncIssuesWindow(me.store, me.errors)
    qtbot.addWidget(window)
    me.bridge.outboxChanged.connect(window.refresh)
    assert window.list.count() == 1
    assert window.pages.currentIndex() == 1
    if choice == "merge":
        combo = window.conflict_view.choice_combo("description")
        assert combo is not None
        combo.setCurrentText("Server")
    with qtbot.waitSignal(window.resolved):
        getattr(window, choice).click()
    run(me.engine.push_outbox())
    assert me.store.parked_items() == []
    final = run(them.api.get_dossier(dossier.id))
    expected = {
        "keep_mine": ("Mijn omschrijving", "High"),
        "keep_server": ("Hun omschrijving", theirs.priority),
        "merge": ("Hun omschrijving", "High"),
    }[choice]
    assert (final.description, final.priority) == expected
    assert final.your_reference == "UWV"  # only the server changed it: always kept
    assert me.errors.shown == []
