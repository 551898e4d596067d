"""The main window: composes the filter bar, dossier table, detail pane, contacts and status bar.

It owns no business logic: it wires widgets to each other, to the repository (reads, queued writes),
to the sync control (F5, work offline) and to the bridge's signals, and keeps menus and shortcuts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.ui.action_lists import fill_actions
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.close_guard import CloseGuard, WorkAtRisk
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.models.rows import no_deadline
from dossier_desk.ui.ports import DossierRepository, SyncControl
from dossier_desk.ui.preferences import show_preferences
from dossier_desk.ui.rights_state import restricted
from dossier_desk.ui.task_scope import TaskScope
from dossier_desk.ui.views.contacts_page import ContactsPage
from dossier_desk.ui.views.detail_pane import DetailPane
from dossier_desk.ui.views.dossier_table_view import DossierTableView
from dossier_desk.ui.views.filter_bar import FilterBar
from dossier_desk.ui.views.saved_views import MAX_SHORTCUT_VIEWS, SavedViewsController, SavedViewStore
from dossier_desk.ui.views.status_bar import DossierStatusBar

if TYPE_CHECKING:  # the dialogs and the Contacts tab's view are imported at their first use
    from dossier_desk.ui.dialogs.delete_dialog import DeleteDossierDialog
    from dossier_desk.ui.dialogs.dossier_dialog import DossierDialog
    from dossier_desk.ui.views.contacts_view import ContactsView

log = logging.getLogger(__name__)
_DialogT = TypeVar("_DialogT", bound=QDialog)  # QMessageBox is a QDialog too


class MainWindow(QMainWindow):
    """Dossier Desk's main window. Collaborators come in through the constructor; nothing is global.

    ``settings`` is the profile's QSettings (window layout, table columns, saved views live there).
    ``extra_tabs`` are added to the detail pane (Documents, Workflow log) and follow ``dossierSelected``.
    """

    dossierSelected = Signal(str)  # the dossier in the detail pane ("" for none)
    outboxRequested = Signal()  # status bar outbox clicked: show the sync-issues window
    closed = Signal()  # the window was closed: the session ends
    signOutRequested = Signal()  # File > Sign out: the start-up sequence confirms, signs out and wipes
    switchProfileRequested = Signal()  # File > Switch profile or company: back to the start window
    SYNC_KEY = "window.sync-now"

    def __init__(
        self,
        repository: DossierRepository,
        sync: SyncControl,
        bridge: SyncBridge,
        settings: QSettings,
        *,
        account: str,
        profile: str,
        my_case_manager_code: str = "",
        next_deadline: Callable[[Dossier], date | None] = no_deadline,
        extra_tabs: Sequence[tuple[str, QWidget]] = (),
        messages: MessageBridge | None = None,
        tasks: TaskScope | None = None,
    ) -> None:
        super().__init__()
        self._repo = repository
        self._sync = sync
        self._settings = settings
        self._messages = messages or MessageBridge(self)
        # The workspace's scope (closed with it); standalone (tests, tools) the window keeps its own.
        self._tasks = tasks if tasks is not None else TaskScope("window")
        # Closing asks first when typing, queued or failed edits or running uploads would be affected.
        self.outbox_counts = (0, 0, 0)
        self.running_uploads: Callable[[], int] = lambda: 0  # the workspace wires its upload queue
        self.close_guard = CloseGuard(self, self._work_at_risk, lambda then: self.detail.save(then))
        self._open_dialogs: list[QWidget] = []
        self._can_write = True  # set_can_write: the account's rights
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Dossier Desk"))

        self.model = DossierTableModel(
            self, next_deadline=next_deadline, my_case_manager_code=my_case_manager_code
        )
        self.table = DossierTableView(self.model, settings)
        views_menu = QMenu(self)
        self.filter_bar = FilterBar(views_menu=views_menu)
        self.views = SavedViewsController(SavedViewStore(settings), self.filter_bar, self.table, self)
        views_menu.aboutToShow.connect(lambda: self.views.populate_menu(views_menu))
        self.detail = DetailPane(repository, extra_tabs=extra_tabs)
        self.contacts_page = ContactsPage(
            self._refresh_contacts,
            next_deadline=next_deadline,
            opened=self.show_dossier,
            new_for_contact=self.new_dossier_for_contact,
        )
        self.status = DossierStatusBar(account, profile, self)
        self.setStatusBar(self.status)
        self._build_central()
        self._build_actions()
        self._connect(bridge)
        self._load()
        self._restore_layout()

    # -- construction ---------------------------------------------------------------------------------
    def _build_central(self) -> None:
        dossiers = QWidget(self)
        layout = QVBoxLayout(dossiers)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, dossiers)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, True)
        # Extra width goes to the table (more columns); the form reads fine at ~460 px.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([900, 460])
        layout.addWidget(self.splitter, 1)
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.pages.setAccessibleName(self.tr("Views"))
        self.pages.addTab(dossiers, self.tr("Dossiers"))
        self.pages.addTab(self.contacts_page, self.tr("Contacts"))
        self.pages.currentChanged.connect(self.contacts_page.refresh_if_current)
        self.setCentralWidget(self.pages)

    def _action(
        self,
        text: str,
        slot: Callable[[], object] | None = None,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            self.tr("&New dossier…"), self.new_dossier, QKeySequence.StandardKey.New
        )
        self.new_for_contact_action = self._action(
            self.tr("New dossier for this &contact…"), self.new_dossier_for_current_contact
        )
        self.edit_action = self._action(self.tr("&Edit dossier…"), self.edit_current, "Ctrl+E")
        self.save_action = self._action(self.tr("&Save"), self.detail.save, QKeySequence.StandardKey.Save)
        self.delete_action = QAction(self.tr("&Delete dossier…"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Del deletes a dossier only while the table has focus; in a text field it deletes text.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        self.table.addAction(self.delete_action)
        self.find_action = self._action(self.tr("&Find"), self._find, QKeySequence.StandardKey.Find)
        self.sync_action = self._action(self.tr("S&ync now"), self.sync_now, "F5")
        self.offline_action = self._action(self.tr("Work &offline"), checkable=True)
        self.offline_action.toggled.connect(self._sync.set_work_offline)
        self.detail_action = self._action(self.tr("&Detail pane"), None, "F8", checkable=True)
        self.detail_action.setChecked(True)
        self.detail_action.toggled.connect(self.set_detail_visible)
        self.clear_action = self._action(self.tr("&Clear filters"), self.filter_bar.clear_button.click)
        self.sign_out_action = self._action(self.tr("Sign &out…"), self.signOutRequested.emit)
        self.switch_action = self._action(
            self.tr("Switch &profile or company…"), self.switchProfileRequested.emit
        )
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        for n in range(1, MAX_SHORTCUT_VIEWS + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.activated.connect(lambda n=n: self.views.apply_number(n))
        self.sync_action.setToolTip(self.tr("Send changes and get the latest dossiers (F5)"))

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        fill_actions(
            file_menu,
            (
                self.new_action,
                self.new_for_contact_action,
                None,
                self.sync_action,
                self.offline_action,
                None,
                self.switch_action,
                self.sign_out_action,
                self.quit_action,
            ),
        )
        edit_menu = bar.addMenu(self.tr("&Edit"))
        fill_actions(
            edit_menu, (self.edit_action, self.save_action, self.delete_action, None, self.find_action)
        )
        edit_menu.addSeparator()
        self.preferences_action = edit_menu.addAction(
            self.tr("&Preferences…"), lambda: show_preferences(self)
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        view_menu = self.view_menu = bar.addMenu(self.tr("&View"))  # the workspace adds Uploads
        view_menu.addAction(self.detail_action)
        view_menu.addAction(self.clear_action)
        saved = view_menu.addMenu(self.tr("Saved &views"))
        saved.aboutToShow.connect(lambda: self.views.populate_menu(saved))

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        fill_actions(
            toolbar,
            (
                self.new_action,
                self.edit_action,
                self.delete_action,
                None,
                self.sync_action,
                self.offline_action,
            ),
        )

    def _connect(self, bridge: SyncBridge) -> None:
        self.model.countsChanged.connect(self.filter_bar.set_counts)
        self.filter_bar.filterChanged.connect(self.model.set_filter)
        self.table.currentDossierChanged.connect(self.detail.set_dossier)
        self.table.dossierActivated.connect(self.edit_dossier)
        self.detail.dossierChanged.connect(self.dossierSelected)
        self.detail.dossierChanged.connect(self._update_actions)
        self.detail.dossierChanged.connect(self._follow_in_table)
        self.status.outboxClicked.connect(self.outboxRequested)
        self.table.paint_turn = bridge.scheduler.turn  # page workers wait while the table paints
        m = self.model  # rows built off-thread; sync pages staged and shown ~3 times a second
        bridge.attach_table(lambda: m.row_builder().build, m.apply, stage=m.stage, place=m.place_staged)
        bridge.dossiersChanged.connect(self._on_dossiers_changed)
        bridge.outboxChanged.connect(self._on_outbox_changed)
        bridge.syncProgress.connect(self.status.on_sync_progress)
        bridge.syncReport.connect(self.status.on_sync_report)
        bridge.syncFinished.connect(self._on_sync_finished)
        bridge.connectivityChanged.connect(self._on_connectivity_changed)
        bridge.rateLimitChanged.connect(self.status.on_rate_limit_changed)

    def _load(self) -> None:
        self.model.set_dossiers(self._repo.load_dossiers(), self._repo.pending_ids())
        self.filter_bar.set_dossier_types((t.code, t.description) for t in self._repo.dossier_types())
        self.filter_bar.set_counts(self.model.rowCount(), self.model.total_count())
        self._update_actions()

    # -- commands -------------------------------------------------------------------------------------
    def new_dossier(self, defaults: dict[DossierField, object] | None = None) -> DossierDialog:
        """Open the new-dossier dialog (non-blocking)."""
        from dossier_desk.ui.dialogs.dossier_dialog import DossierDialog

        dialog = DossierDialog(self._repo, self, defaults=defaults)
        dialog.dossierSaved.connect(self.show_dossier)
        return self._open(dialog)

    def new_dossier_for_contact(self, contact_no: str) -> DossierDialog:
        """New dossier with the contact filled in."""
        return self.new_dossier({DossierField.PRIMARY_CONTACT_NO: contact_no})

    def new_dossier_for_current_contact(self) -> DossierDialog | None:
        """New dossier for the contact of the selected dossier (or the contact chosen in Contacts)."""
        if self.pages.currentWidget() is self.contacts_page and self.contacts.current_contact():
            return self.new_dossier_for_contact(self.contacts.current_contact().no)
        dossier = self._current()
        return self.new_dossier_for_contact(dossier.primary_contact_no) if dossier else None

    def edit_current(self) -> DossierDialog | None:
        """Edit the selected dossier in a dialog."""
        return self.edit_dossier(self.detail.dossier_id()) if self.detail.dossier_id() else None

    def edit_dossier(self, dossier_id: str) -> DossierDialog | None:
        """Open the edit dialog for ``dossier_id`` (not offered to read-only users or restricted dossiers)."""
        dossier = self._repo.dossier(dossier_id)
        if dossier is None or not self._can_write or restricted(dossier):
            return None
        from dossier_desk.ui.dialogs.dossier_dialog import DossierDialog

        return self._open(DossierDialog(self._repo, self, dossier_id=dossier_id))

    def delete_current(self) -> DeleteDossierDialog | None:
        """Ask before deleting the selected dossier."""
        dossier = self._current()
        if dossier is None or not self._can_write or restricted(dossier):
            return None
        from dossier_desk.ui.dialogs.delete_dialog import DeleteDossierDialog

        return self._open(DeleteDossierDialog(self._repo, dossier, self))

    def show_dossier(self, dossier_id: str) -> None:
        """Bring a dossier into view (clearing filters that hide it) and show its details."""
        self.pages.setCurrentIndex(0)
        if not self.table.select_dossier(dossier_id) and self.model.has_dossier(dossier_id):
            self.filter_bar.set_filter(DossierFilter())  # the dossier is hidden by a filter
            self.table.select_dossier(dossier_id)
        self.detail.set_dossier(dossier_id)

    def sync_now(self) -> None:
        """F5: one sync pass on the asyncio loop; a second F5 while it runs does nothing."""
        if not self._tasks.active(self.SYNC_KEY):
            self._tasks.spawn(self._run_sync(), key=self.SYNC_KEY)

    def set_detail_visible(self, visible: bool) -> None:
        """Collapse or restore the detail pane."""
        sizes = self.splitter.sizes()
        total = sum(sizes) or self.width()
        if visible and sizes[1] == 0:
            self.splitter.setSizes([int(total * 0.6), total - int(total * 0.6)])
        elif not visible:
            self.splitter.setSizes([total, 0])
        if self.detail_action.isChecked() != visible:
            self.detail_action.setChecked(visible)

    # -- bridge slots -----------------------------------------------------------------------------------
    def _on_dossiers_changed(self, upserted: list[Dossier], deleted: list[str]) -> None:
        # The bridge has put the rows in the table; let the pane follow a promoted local create to its
        # server id before the local row goes, so the table's selection does not jump to a neighbour.
        self.detail.on_dossiers_changed(upserted, deleted)
        if deleted:
            self.model.remove(deleted)
        self.contacts_page.mark_stale()  # contacts count over every dossier: once a burst of pages settles

    def _on_outbox_changed(self, pending: int, conflicts: int, failed: int) -> None:
        self.outbox_counts = (pending, conflicts, failed)
        self.status.on_outbox_changed(pending, conflicts, failed)
        self.model.set_pending_ids(self._repo.pending_ids())
        self.detail.on_outbox_changed(pending, conflicts, failed)

    def _on_sync_finished(self, finished_at: object, error: object) -> None:
        self.status.on_sync_finished(finished_at, error)  # type: ignore[arg-type]
        self.detail.refresh_choices()  # a sync may bring new dossier types or contacts
        self.filter_bar.set_dossier_types((t.code, t.description) for t in self._repo.dossier_types())

    def _on_connectivity_changed(self, online: bool, working_offline: bool) -> None:
        self.status.on_connectivity_changed(online, working_offline)
        self.offline_action.blockSignals(True)
        self.offline_action.setChecked(working_offline)
        self.offline_action.blockSignals(False)

    # -- internals --------------------------------------------------------------------------------------
    async def _run_sync(self) -> None:
        try:
            await self._sync.sync_now()
        except Exception as exc:  # the engine reports through syncFinished; this is a last resort
            self._messages.show_error(exc, context="sync")

    def _open(self, dialog: _DialogT) -> _DialogT:
        """Show ``dialog`` window-modal without blocking the loop, keeping it alive until it closes."""
        self._open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        dialog.open()
        return dialog

    def _forget(self, dialog: QWidget) -> None:
        if dialog in self._open_dialogs:
            self._open_dialogs.remove(dialog)
        dialog.deleteLater()

    def _current(self) -> Dossier | None:
        dossier_id = self.detail.dossier_id()
        return self._repo.dossier(dossier_id) if dossier_id else None

    def set_can_write(self, can_write: bool) -> None:
        """Rights: a read-only account is not offered New, Edit, Delete or Save at all."""
        self._can_write = can_write
        for action in (self.new_action, self.new_for_contact_action, self.edit_action, self.delete_action):
            action.setVisible(can_write)
        self.save_action.setEnabled(can_write)
        self.contacts_page.set_can_write(can_write)
        self.detail.set_read_only(not can_write)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        dossier = self._current()
        has = dossier is not None and self._can_write
        self.new_for_contact_action.setEnabled(has)
        # A dossier the user cannot read (blanked by the server) is not theirs to edit or delete.
        for action in (self.edit_action, self.delete_action):
            action.setEnabled(has and not restricted(dossier))

    def _follow_in_table(self, dossier_id: str) -> None:
        # The pane may switch ids by itself (a local create got its server id): keep the table in step.
        if dossier_id and self.table.current_dossier_id() != dossier_id:
            self.table.select_dossier(dossier_id)

    def _find(self) -> None:
        self.pages.setCurrentIndex(0)
        self.filter_bar.focus_search()

    @property
    def contacts(self) -> ContactsView:  # the Contacts tab's view (built at its first use)
        return self.contacts_page.view

    def _refresh_contacts(self, view: ContactsView) -> None:
        view.set_data(self._repo.contacts(), self.model, self._repo.dossier)

    def _restore_layout(self) -> None:
        geometry = self._settings.value("mainWindow/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 760)
        splitter = self._settings.value("mainWindow/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.detail_action.setChecked(self.splitter.sizes()[1] > 0)

    def _work_at_risk(self) -> WorkAtRisk:
        pending, conflicts, failed = self.outbox_counts
        return WorkAtRisk(
            unsaved=self.detail.form.is_modified(),
            pending=pending,
            failed=max(conflicts + failed, len(self._repo.parked_items())),
            uploads=self.running_uploads(),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask when work is at risk; then remember geometry, splitter and table columns."""
        if not self.close_guard.allow(event):
            return
        self._settings.setValue("mainWindow/geometry", self.saveGeometry())
        self._settings.setValue("mainWindow/splitter", self.splitter.saveState())
        self.table.save_header()
        self._settings.sync()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
