"""Why the dossier table is empty, said in the table: the first sync is still fetching, the computer is
offline, the account has no dossiers, the sync failed, or the search and filters hide every row.

A first-time caseworker otherwise sees a blank grid and cannot tell "loading" from "nothing there"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject

from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.views.dossier_table_view import DossierTableView


class EmptyTableHint(QObject):
    """Keeps ``view``'s empty text in step with its model and the sync's state."""

    def __init__(
        self,
        view: DossierTableView,
        model: DossierTableModel,
        bridge: SyncBridge,
        *,
        online: bool | None,
        working_offline: bool,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._online = online
        self._working_offline = working_offline
        self._syncing = False
        self._synced = False  # a sync has finished without an error
        self._failed = False  # the last sync ended with an error
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update)
        bridge.syncProgress.connect(self._on_progress)
        bridge.syncFinished.connect(self._on_finished)
        bridge.connectivityChanged.connect(self._on_connectivity)
        self.update()

    def text(self) -> str:
        """What the table says now ("" when it shows rows)."""
        if self._model.rowCount() > 0:
            return ""
        if self._model.total_count() > 0:
            return self.tr("No dossiers match the search and filters.")
        if self._working_offline:
            return self.tr("You are working offline, and there are no dossiers on this computer yet.")
        if self._online is False:
            return self.tr(
                "There are no dossiers on this computer yet. They are fetched once you are online."
            )
        if self._syncing or not (self._synced or self._failed):
            return self.tr("Fetching your dossiers… They appear here as they arrive.")
        if self._failed:
            return self.tr(
                "Your dossiers could not be fetched. The status bar says why; the app tries again."
            )
        return self.tr("There are no dossiers for this account.")

    def update(self, *_args: object) -> None:
        self._view.set_empty_text(self.text())

    def _on_progress(self, _stage: str, _done: int, _total: object) -> None:
        if not self._syncing:
            self._syncing = True
            self.update()

    def _on_finished(self, _finished_at: datetime, error: Exception | None) -> None:
        self._syncing = False
        self._failed = error is not None
        self._synced = self._synced or error is None
        self.update()

    def _on_connectivity(self, online: bool, working_offline: bool) -> None:
        self._online, self._working_offline = online, working_offline
        self.update()
