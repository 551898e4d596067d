"""The parts of a session's window that the first painted table does not need: the Documents, Workflow
log and File check tabs, the upload queue and its dock, the sync issues window and file drops.

:func:`~dossier_desk.ui.workspace.open_workspace` builds the window with its table first; these parts
(and their imports: upload dialogs, PDF export, the file check) follow, right after the table has
painted when the start-up asks for that. Every collaborator comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QVBoxLayout, QWidget

from dossier_desk.ui.documents.adapters import StoreUploadOutbox
from dossier_desk.ui.documents.drop import install_file_drop
from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.documents.upload_queue import UploadQueueWidget
from dossier_desk.ui.documents.uploads_dock import dock_upload_queue
from dossier_desk.ui.filecheck.wiring import install_file_check
from dossier_desk.ui.offline import unless_offline
from dossier_desk.ui.sync_issues.window import SyncIssuesWindow
from dossier_desk.ui.views.empty_table_hint import EmptyTableHint
from dossier_desk.ui.window_placement import place_over
from dossier_desk.ui.workflow.radar import DeadlineRadar
from dossier_desk.ui.workflow.tab import WorkflowTab

if TYPE_CHECKING:
    from dossier_desk.api import DossierApi
    from dossier_desk.config import Profile
    from dossier_desk.store import DossierStore
    from dossier_desk.store.outbox_model import OutboxItem
    from dossier_desk.store.session import StoreSession
    from dossier_desk.ui.bridge import SyncBridge
    from dossier_desk.ui.documents.temp_files import PrivateTempDir
    from dossier_desk.ui.errors import MessageBridge
    from dossier_desk.ui.main_window import MainWindow
    from dossier_desk.ui.rights_state import RightsState
    from dossier_desk.ui.task_scope import TaskScope


@dataclass(frozen=True)
class WindowParts:
    """What :func:`build_parts` made; ``shutdown_hooks`` run when the session ends."""

    documents: DocumentsTab
    workflow: WorkflowTab
    uploads: UploadQueueWidget
    sync_issues: SyncIssuesWindow
    shutdown_hooks: tuple[Callable[[], None], ...]


def build_parts(
    window: MainWindow,
    session: StoreSession,
    api: DossierApi,
    bridge: SyncBridge,
    profile: Profile,
    rights: RightsState,
    messages: MessageBridge,
    temp_dir: PrivateTempDir,
    tasks: TaskScope,
    *,
    account: str,
) -> WindowParts:
    """Build the detail tabs, the upload queue, the file check and the sync issues window into
    ``window``; a dossier already shown in the detail pane is shown in the new tabs too."""
    store, engine, cache = session.store, session.engine, session.cache
    _ = window.detail.form  # built now rather than when the first dossier is shown

    def offline() -> bool:  # "Work offline": the tabs read the cache, no requests
        return engine.working_offline

    uploads = UploadQueueWidget(
        StoreUploadOutbox(store, engine.pusher.cancel_upload),  # one path: every upload via the outbox
        is_online=lambda: engine.online is not False and not engine.working_offline,
    )
    documents = DocumentsTab(
        store,
        api,
        session.upload_rules,
        uploads,
        temp_dir,
        messages,
        can_see_medical=True,  # the server decides what is listed; the client never hides more
        can_upload=rights.can_write,
        dossiers=store,
        refresh=unless_offline(store.refresh_documents, cache.documents, offline),
        tasks=tasks,
    )
    workflow = WorkflowTab(
        store,
        store,
        messages,
        can_act=rights.can_write,
        dossiers=store,
        refresh=unless_offline(store.refresh_workflow, cache.workflow_log, offline),
        types=store,
        tasks=tasks,
    )
    # The summary shows the workflow tab's own computation: the two never disagree.
    radar = DeadlineRadar(store)
    workflow.deadlinesChanged.connect(radar.set_deadlines)
    tabs = window.detail.tabs
    tabs.addTab(documents, QCoreApplication.translate("Workspace", "Documents"))
    tabs.addTab(stacked(radar, workflow), QCoreApplication.translate("Workspace", "Workflow log"))
    for follower in (documents, workflow):
        window.dossierSelected.connect(follower.show_dossier)
    bridge.documentsChanged.connect(documents.on_documents_changed)
    bridge.workflowChanged.connect(workflow.on_workflow_changed)
    bridge.dossiersChanged.connect(workflow.on_dossiers_changed)
    bridge.outboxChanged.connect(uploads.on_outbox_changed)
    bridge.uploadProgress.connect(uploads.on_upload_progress)
    uploads.uploadedHidden.connect(documents.note_hidden_upload)
    file_check = install_file_check(
        window,
        store,
        bridge,
        rules_setting=profile.file_check_rules,
        account=account,
        capabilities=rights.rights,
        messages=messages,
        tasks=tasks,
    )
    dock_upload_queue(window, uploads, window.view_menu)
    window.running_uploads = uploads.running_count  # closing asks while uploads run
    sync_issues = SyncIssuesWindow(DiscardReporting(store, uploads), messages, window)

    def show_sync_issues() -> None:
        sync_issues.refresh()
        if not sync_issues.isVisible():
            place_over(sync_issues, window)  # over the main window, fully on its screen
        sync_issues.show()
        sync_issues.raise_()

    window.outboxRequested.connect(show_sync_issues)
    bridge.outboxChanged.connect(sync_issues.refresh)
    bridge.syncReport.connect(sync_issues.on_sync_report)
    accept_drops_on_rows(window, documents, store)
    EmptyTableHint(window.table, window.model, bridge, online=engine.online, working_offline=offline())
    follow_rights(rights, documents, workflow)
    shown = window.detail.dossier_id()
    if shown:  # chosen before these tabs existed: only they follow this signal
        window.dossierSelected.emit(shown)
    return WindowParts(documents, workflow, uploads, sync_issues, (uploads.shutdown, file_check.shutdown))


def follow_rights(rights: RightsState, documents: DocumentsTab, workflow: WorkflowTab) -> None:
    """Offer uploads and workflow actions only to accounts that may write, now and whenever the server
    teaches otherwise (the window itself follows the rights from the start)."""

    def apply(_rights: object = None) -> None:
        documents.set_can_upload(rights.can_write)
        workflow.set_can_act(rights.can_write)

    rights.changed.connect(apply)
    apply()


class DiscardReporting:
    """The store as the sync issues window sees it, telling the upload queue which outbox items the
    user discarded, so their rows say "discarded" rather than "uploaded"."""

    def __init__(self, store: DossierStore, uploads: UploadQueueWidget) -> None:
        self._store = store
        self._uploads = uploads

    def parked_items(self) -> list[OutboxItem]:
        return self._store.parked_items()

    def waiting_items(self) -> list[OutboxItem]:
        return self._store.waiting_items()

    def resolve_conflict(
        self, item_id: int, resolution: dict[str, Any], use_etag: str
    ) -> Awaitable[OutboxItem | None]:
        return self._store.resolve_conflict(item_id, resolution, use_etag)

    def retry(self, item_id: int) -> Awaitable[OutboxItem]:
        return self._store.retry(item_id)

    def discard(self, item_id: int) -> Awaitable[list[int]]:
        return self._uploads.discarding(self._store.discard(item_id))


def stacked(top: QWidget, main: QWidget) -> QWidget:
    """``top`` above ``main`` in one tab (the deadline radar sits above the workflow log)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(top)
    layout.addWidget(main, 1)
    return holder


def accept_drops_on_rows(window: MainWindow, documents: DocumentsTab, store: DossierStore) -> None:
    """Files dropped on a dossier row go to that dossier's upload dialog; on the detail pane, to the
    dossier shown there."""

    def dropped_on_row(paths: list[Path], pos: QPoint) -> None:
        row = window.table.indexAt(pos).row()
        dossier_id = window.model.dossier_id_at(row) if row >= 0 else ""
        dossier = store.dossier(dossier_id) if dossier_id else None
        if dossier is not None:
            window.show_dossier(dossier.id)
            documents.upload_to(dossier.id, f"{dossier.no} {dossier.description}".strip(), paths)

    def dropped_on_detail(paths: list[Path], _pos: QPoint) -> None:
        if documents.dossier_id():  # a method: the bare attribute is always truthy
            window.detail.tabs.setCurrentWidget(documents)
            documents.add_paths(paths)

    install_file_drop(window.table).filesDropped.connect(dropped_on_row)
    install_file_drop(window.detail).filesDropped.connect(dropped_on_detail)
