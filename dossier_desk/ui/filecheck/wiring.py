"""Puts the file check into a signed-in window: the File check tab in the detail pane (sickness dossiers
only), the At risk page with its count in the status bar, and the "At risk" preset that opens it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QToolButton

from dossier_desk.api.models import Dossier
from dossier_desk.domain.rights import Rights
from dossier_desk.store import DossierStore
from dossier_desk.store.overlay import visible
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.filecheck.at_risk import AtRiskView
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

    def open_sickness_dossiers() -> list[Dossier]:
        # Only these can be at risk: their ids from the table. Only those with a cached workflow log are
        # checked (read from the cache); for the others (most of them) what the table holds will do.
        codes = {t.code for t in store.dossier_types() if t.sickness}
        if not codes:
            return []
        ids = window.model.ids_matching(DossierFilter(open_only=True, types=frozenset(codes)))
        logged = store.workflow_logs().keys()
        full = {d.id: d for d in visible(store.cache, store.outbox, [i for i in ids if i in logged])[0]}
        outline = window.model.outline
        return [d for d in (full.get(i) or outline(i) for i in ids) if d is not None]

    view = AtRiskView(store, open_sickness_dossiers, rules, fetch=fetch_details, tasks=tasks)
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
