"""An empty dossier table says why it is empty: still fetching, offline, nothing for this account, a
failed sync, or a filter hiding every row; with rows it says nothing. The text is painted in the
table (checked in a grab) and given to screen readers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.views.dossier_table_view import DossierTableView
from dossier_desk.ui.views.empty_table_hint import EmptyTableHint
from tests.gui.dossier_samples import TODAY, dossiers

NOW = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)


def _table(qtbot, tmp_path: Path, *, online: bool | None = None) -> tuple[DossierTableView, SyncBridge]:
    model = DossierTableModel(today=lambda: TODAY)
    view = DossierTableView(model, QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(view)
    bridge = SyncBridge()
    EmptyTableHint(view, model, bridge, online=online, working_offline=False)
    return view, bridge


def _painted_dark_pixels(view: DossierTableView) -> int:
    """Pixels darker than the empty background in the viewport's upper part (where the text goes)."""
    image = view.viewport().grab().toImage()
    base = image.pixelColor(2, image.height() - 3).lightness()
    return sum(
        1
        for y in range(20, min(image.height(), 80))
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < base - 60
    )


def test_a_first_start_says_the_dossiers_are_being_fetched_until_they_come(qtbot, tmp_path: Path) -> None:
    view, bridge = _table(qtbot, tmp_path)
    view.resize(700, 300)
    view.show()
    assert view.empty_text().startswith("Fetching your dossiers")
    assert view.accessibleDescription() == view.empty_text()
    assert _painted_dark_pixels(view) > 50  # the sentence is painted in the table
    view.set_empty_text("")
    assert _painted_dark_pixels(view) == 0  # (what the count above would be without it)
    bridge.syncProgress.emit("full", 0, None)  # the hint sets its text again
    bridge.syncProgress.emit("full", 0, None)
    assert view.empty_text().startswith("Fetching your dossiers")
    view.dossier_model().set_dossiers(dossiers(5))
    assert view.empty_text() == ""
    assert _painted_dark_pixels(view) > 50  # now it is the rows that are painted
    view.dossier_model().set_filter(DossierFilter(text="no such words anywhere"))
    assert view.empty_text() == "No dossiers match the search and filters."
    view.dossier_model().set_filter(DossierFilter())
    assert view.empty_text() == ""


def test_an_empty_table_after_the_sync_says_why(qtbot, tmp_path: Path) -> None:
    view, bridge = _table(qtbot, tmp_path)
    bridge.syncFinished.emit(NOW, ConnectionError("refused"))
    assert view.empty_text().startswith("Your dossiers could not be fetched")
    bridge.syncFinished.emit(NOW, None)
    assert view.empty_text() == "There are no dossiers for this account."
    bridge.connectivityChanged.emit(False, False)
    assert view.empty_text().startswith("There are no dossiers on this computer yet")
    bridge.connectivityChanged.emit(False, True)
    assert view.empty_text().startswith("You are working offline")


def test_offline_from_the_start(qtbot, tmp_path: Path) -> None:
    view, _bridge = _table(qtbot, tmp_path, online=False)
    assert view.empty_text().startswith("There are no dossiers on this computer yet. They are fetched once")
