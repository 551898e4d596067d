"""Puts the file check into a signed-in window: the File check tab in the detail pane (sickness dossiers
only), the At risk page with its count in the status bar, and the "At risk" preset that opens it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QToolButton

from dossier_desk.api.models import Dossier
from dossier_desk.domain.rights import Rights
from dossier_desk.store import DossierStore
from dossier_desk.store.overlay import visible
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.filecheck.at_risk import AtRiskView, Candidates
from dossier_desk.ui.filecheck.export_pdf import ExportViewer
from dossier_desk.ui.filecheck.rules_source import RulesSource
from dossier_desk.ui.filecheck.tab import FileCheckTab
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.task_scope import TaskScope

translate = QCoreApplication.translate


@dataclass
class FileCheckParts:
    tab: FileCheckTab
    at_risk: AtRiskView
    status_button: QToolButton

    def shutdown(self) -> None:
        self.at_risk.shutdown()
        self.tab.shutdown()


def install_file_check(
    window: MainWindow,
    store: DossierStore,
    bridge: SyncBridge,
    *,
    rules_setting: str,
    account: str,
    capabilities: Rights,
    messages: MessageBridge,
    tasks: TaskScope,
) -> FileCheckParts:
    rules = RulesSource(rules_setting)
    tab = FileCheckTab(store, rules, ExportViewer.of(account, capabilities), errors=messages)
    tabs = window.detail.tabs
    tabs.addTab(tab, translate("Workspace", "File check"))
    tab.applicableChanged.connect(lambda shown: tabs.setTabVisible(tabs.indexOf(tab), shown))
    window.dossierSelected.connect(tab.show_dossier)
    bridge.workflowChanged.connect(tab.on_detail_changed)
    bridge.documentsChanged.connect(tab.on_detail_changed)
    bridge.dossiersChanged.connect(tab.on_dossiers_changed)

    async def fetch_details(dossier_id: str) -> None:
        await store.refresh_workflow(dossier_id)
        await store.refresh_documents(dossier_id)

    def open_sickness_dossiers(case_manager: str) -> Candidates:
        # Only these can be at risk: the table knows them (as the user sees them) without a read.
        codes = frozenset(t.code for t in store.dossier_types() if t.sickness)
        if not codes:
            return Candidates()
        model, wanted = window.model, DossierFilter(open_only=True, types=codes)
        managers = tuple(sorted(code for code in model.count_by("case_manager", wanted) if code))
        ids = model.ids_matching(wanted)
        if case_manager:
            theirs = set(model.ids_with("case_manager", case_manager))
            ids = [i for i in ids if i in theirs]
        return Candidates(tuple(ids), managers, codes)

    def read_dossiers(ids: Sequence[str]) -> list[Dossier]:
        return visible(store.cache, store.outbox, ids)[0]  # queued edits applied

    view = AtRiskView(store, open_sickness_dossiers, read_dossiers, rules, fetch=fetch_details, tasks=tasks)
    window.pages.addTab(view, translate("Workspace", "At risk"))
    view.openDossier.connect(window.show_dossier)
    for signal in (
        bridge.dossiersChanged,
        bridge.workflowChanged,
        bridge.documentsChanged,
        bridge.syncFinished,
    ):
        signal.connect(view.schedule_refresh)

    button = QToolButton(window.status)
    button.setObjectName("atRiskCount")
    button.setAutoRaise(True)
    button.setToolTip(translate("Workspace", "Sickness dossiers with gaps in the re-integration file"))
    button.clicked.connect(lambda: window.pages.setCurrentWidget(view))
    window.status.addPermanentWidget(button)

    def show_count(count: int) -> None:
        button.setText(translate("Workspace", "At risk: {0}").format(count))
        button.setAccessibleName(button.text())

    view.countChanged.connect(show_count)
    window.filter_bar.atRiskRequested.connect(lambda: window.pages.setCurrentWidget(view))
    view.refresh()
    return FileCheckParts(tab, view, button)
