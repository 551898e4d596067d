"""The Dutch translation is shipped compiled, loads, and changes the visible text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from dossier_desk.ui import i18n
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models.dossier_filter import DossierFilter
from tests.gui.dossier_samples import FakeSync, make_store

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def dutch(qapp):
    translators = i18n.install_translators(qapp, i18n.locale_for("nl"))
    yield translators
    i18n.remove_translators(qapp, translators)


def test_compiled_translation_is_shipped() -> None:
    qm = i18n.TRANSLATIONS_DIR / "dossier_desk_nl.qm"
    assert qm.is_file()
    assert qm.stat().st_size > 1000
    ts = (i18n.TRANSLATIONS_DIR / "dossier_desk_nl.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts


def test_dutch_changes_visible_text(qtbot, dutch, tmp_path: Path) -> None:
    assert dutch, "no translator was installed"
    bridge = SyncBridge()
    store = make_store(bridge, 30)
    window = MainWindow(
        store,
        FakeSync(),
        bridge,
        QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat),
        account="caseworker@demo",
        profile="Sandbox",
    )
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Bestand", "Be&werken", "Beel&d"]
    assert window.new_action.text() == "&Nieuw dossier…"
    assert window.filter_bar.search.placeholderText().startswith("Zoek op nummer")
    assert window.model.headerData(c.COL_DESCRIPTION, Qt.Orientation.Horizontal) == "Omschrijving"
    window.filter_bar.set_filter(DossierFilter(statuses=frozenset({"In Process"})))
    assert window.model.data(window.model.index(0, c.COL_STATUS)) == "In behandeling"
    assert window.filter_bar.count_label.text().endswith(" van 30")
    assert window.detail.tabs.tabText(0) == "Gegevens"
    bridge.outbox_changed(2, 0, 0)
    assert window.status.outbox.text() == "2 in wachtrij"


def test_english_needs_no_translator(qapp) -> None:
    translators = i18n.install_translators(qapp, i18n.locale_for("en"))
    try:
        assert all("dossier_desk" not in t.filePath() for t in translators)
    finally:
        i18n.remove_translators(qapp, translators)


def test_removing_the_translators_gives_back_the_default_locale(qapp) -> None:
    from PySide6.QtCore import QLocale

    before = QLocale().name()
    translators = i18n.install_translators(qapp, i18n.locale_for("nl"))
    assert QLocale().name() == "nl_NL"  # numbers and dates follow the UI language
    i18n.remove_translators(qapp, translators)
    assert QLocale().name() == before
