"""Layout: long messages never widen the window, 1024x640 is usable, key columns are visible at
1366x768 with the detail pane open, and the header's column choice, order and widths are remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.models import dossier_columns as c
from tests.gui.dossier_samples import FakeSync, make_store

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

LONG_WORD = "https://example.invalid/" + "x" * 600
LONG_TEXT = " ".join(["The server refused the change because of a rule nobody expected"] * 30)


@pytest.fixture
def bridge() -> SyncBridge:
    return SyncBridge()


@pytest.fixture
def store(bridge: SyncBridge):
    store = make_store(bridge, 60, name="layout")
    yield store
    store.cache.db.close()


def build(qtbot, store, bridge: SyncBridge, ini: Path, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(
        store,
        FakeSync(),
        bridge,
        QSettings(str(ini), QSettings.Format.IniFormat),
        account="caseworker@demo",
        profile="Sandbox",
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_long_messages_never_widen_the_window_or_the_detail_pane(qtbot, store, bridge, tmp_path) -> None:
    window = build(qtbot, store, bridge, tmp_path / "p.ini", (1366, 768))
    window.table.selectRow(0)
    detail_width = window.detail.width()
    for text in (LONG_WORD, LONG_TEXT):
        window.detail._notice(text)
        qtbot.wait(20)
        assert window.width() == 1366
        assert window.detail.width() <= detail_width
        assert window.minimumSizeHint().width() <= 1024
        assert window.detail.banner.details.isVisible()
    with qtbot.waitSignal(window.detail.banner.detailsShown) as blocker:
        window.detail.banner.details.click()
    box: QMessageBox = blocker.args[0]
    assert box.text() == LONG_TEXT
    assert box.width() <= 1366
    box.close()
    window.detail._notice("Short note.")
    assert not window.detail.banner.details.isVisible()
    assert window.detail.banner.text() == "Short note."


def test_usable_at_1024_by_640(qtbot, store, bridge, tmp_path) -> None:
    window = build(qtbot, store, bridge, tmp_path / "p.ini", (1024, 640))
    assert window.minimumSizeHint().width() <= 1024
    assert window.minimumSizeHint().height() <= 640
    assert (window.width(), window.height()) == (1024, 640)
    assert window.detail.save_button.isVisible()
    assert window.filter_bar.search.isVisible()


def test_key_columns_visible_at_1366_with_the_detail_pane(qtbot, store, bridge, tmp_path) -> None:
    window = build(qtbot, store, bridge, tmp_path / "p.ini", (1366, 768))
    window.set_detail_visible(True)
    qtbot.wait(20)
    table = window.table
    header = table.horizontalHeader()
    for column in (c.COL_NO, c.COL_DESCRIPTION, c.COL_CONTACT, c.COL_STATUS, c.COL_NEXT_DEADLINE):
        assert not table.isColumnHidden(column)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= table.viewport().width(), header.model().headerData(column, 1)


def test_column_choice_order_and_widths_are_remembered(qtbot, store, bridge, tmp_path) -> None:
    ini = tmp_path / "p.ini"
    window = build(qtbot, store, bridge, ini, (1366, 768))
    menu = window.table.column_menu()
    department = next(a for a in menu.actions() if a.text() == "Department")
    department.setChecked(True)
    header = window.table.horizontalHeader()
    header.moveSection(header.visualIndex(c.COL_PRIORITY), 1)
    header.resizeSection(c.COL_CONTACT, 211)
    # Remembered at once, not only on a clean close (a crash or a power cut keeps the layout).
    again = build(qtbot, store, bridge, ini, (1366, 768))
    other = again.table.horizontalHeader()
    assert not again.table.isColumnHidden(c.COL_DEPARTMENT)
    assert other.visualIndex(c.COL_PRIORITY) == 1
    assert other.sectionSize(c.COL_CONTACT) == 211


def test_a_notice_takes_no_room_until_shown_and_keeps_fields_still(qtbot, store, bridge, tmp_path) -> None:
    window = build(qtbot, store, bridge, tmp_path / "p.ini", (1366, 768))
    window.table.selectRow(0)
    pane = window.detail
    field = pane.form.description
    field.setFocus()
    qtbot.wait(20)
    title_bottom = pane.title.geometry().bottom()
    assert pane.tabs.geometry().top() - title_bottom <= 12  # no empty band kept under the title
    before = field.mapTo(window, field.rect().topLeft())
    pane._notice(LONG_TEXT)
    qtbot.wait(20)
    assert pane.banner.isVisible()
    assert field.mapTo(window, field.rect().topLeft()) == before  # the field being typed in stays put
    assert pane.tabs.geometry().bottom() < pane.banner.geometry().top() < pane.save_button.geometry().top()
