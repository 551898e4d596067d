"""A main window over a sample store, with an open dossier selected: the start of the detail-pane tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from dossier_desk.store import DossierStore
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.models.dossier_filter import DossierFilter
from tests.gui.dossier_samples import FakeSync


def window_on_open_dossier(qtbot, store: DossierStore, bridge: SyncBridge, tmp_path: Path) -> MainWindow:
    """A shown 1366x768 window filtered to open dossiers, the first one selected in the detail pane."""
    settings = QSettings(str(tmp_path / "profile.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, FakeSync(), bridge, settings, account="caseworker@demo", profile="Sandbox")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.filter_bar.set_filter(DossierFilter(statuses=frozenset({"Open"})))
    window.table.selectRow(0)
    assert window.detail.dossier_id()
    return window
