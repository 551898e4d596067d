"""Small things that add up: the Sync issues window closes like a dialog and opens on screen; the
uploads dock; read-only fields look read-only; the device-code dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.ui.sync_issues.window import SyncIssuesWindow
from dossier_desk.ui.window_placement import fit_rect
from tests.gui.test_sync_issues_window import FAILED, FakeStore


def test_sync_issues_close_button_and_escape_close_the_window(qtbot) -> None:
    store = FakeStore([FAILED])
    window = SyncIssuesWindow(store, store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.close_button.click()
    assert not window.isVisible()
    window.show()
    window.activateWindow()
    qtbot.keyClick(window.list, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_secondary_windows_are_placed_fully_on_screen() -> None:
    screen = QRect(0, 0, 1024, 640)
    # A 900x480 window over a main window pushed to the right edge: moved back fully on screen.
    rect = fit_rect(900, 480, QRect(700, 300, 600, 400), screen)
    assert screen.contains(rect)
    assert rect.width() == 900
    # Larger than the screen: shrunk to it.
    assert fit_rect(1400, 900, QRect(0, 0, 1024, 640), screen) == screen


def test_uploads_dock_is_small_reopenable_from_view_and_shows_speed(qtbot, loop, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    from dossier_desk.ui.bridge import SyncBridge
    from dossier_desk.ui.documents.upload_queue import UploadQueueModel, UploadQueueWidget
    from dossier_desk.ui.documents.uploads_dock import dock_upload_queue
    from dossier_desk.ui.main_window import MainWindow
    from tests.gui.dossier_samples import FakeSync, make_store
    from tests.gui.test_documents_queue import Clock, FakeOutbox, FakeUploader, _job

    bridge = SyncBridge()
    store = make_store(bridge, 10, name="dock")
    window = MainWindow(
        store,
        FakeSync(),
        bridge,
        QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat),
        account="caseworker@demo",
        profile="Sandbox",
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    uploader = FakeUploader()
    uploads = UploadQueueWidget(uploader, FakeOutbox(), clock=Clock())
    dock = dock_upload_queue(window, uploads, window.view_menu)
    (entry,) = uploads.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(dock.isVisible)
    qtbot.wait(20)
    assert dock.height() <= 768 // 4, dock.height()
    uploader.gate.set()
    qtbot.waitUntil(lambda: entry.state == "Uploaded")
    assert uploads.model.data(uploads.model.index(0, UploadQueueModel.SPEED))
    dock.close()
    action = next(a for a in window.view_menu.actions() if a.text().replace("&", "") == "Uploads")
    action.trigger()
    assert dock.isVisible()
    window.close()
    store.cache.db.close()


@pytest.mark.parametrize(
    ("url", "here"),
    [
        ("https://127.0.0.1:8443/devicelogin", True),
        ("https://localhost/devicelogin", True),
        ("https://[::1]:9000/devicelogin", True),
        ("https://microsoft.com/devicelogin", False),
    ],
)
def test_device_code_for_a_loopback_address_says_on_this_computer(qtbot, url: str, here: bool) -> None:
    from datetime import UTC, datetime, timedelta

    from dossier_desk.auth.types import DeviceCodeInfo
    from dossier_desk.ui.dialogs.device_code_dialog import DeviceCodeDialog

    dialog = DeviceCodeDialog()
    qtbot.addWidget(dialog)
    dialog.show_code(DeviceCodeInfo("BCDF-GHJK", url, datetime.now(UTC) + timedelta(minutes=5), ""))
    text = dialog.instructions.text()
    assert ("On this computer" in text) is here
    assert ("On any device" in text) is not here
    dialog.reject()


@pytest.mark.parametrize("dark", [False, True])
def test_read_only_fields_look_read_only(qtbot, qapp, dark: bool) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from dossier_desk.ui.style import apply_style

    saved = (qapp.styleSheet(), qapp.palette(), qapp.font(), qapp.style().name())
    apply_style(qapp, dark=dark, follow_os=False)
    try:
        holder = QWidget()
        qtbot.addWidget(holder)
        layout = QVBoxLayout(holder)
        editable, fixed = QLineEdit("D00012", holder), QLineEdit("D00012", holder)
        fixed.setReadOnly(True)
        layout.addWidget(editable)
        layout.addWidget(fixed)
        holder.resize(300, 100)
        holder.show()
        qtbot.waitExposed(holder)

        def background(edit: QLineEdit):
            image = edit.grab().toImage()
            return image.pixelColor(image.width() - 6, image.height() // 2)

        assert background(editable) != background(fixed)
    finally:  # the rest of the session runs with the style it had
        from PySide6.QtWidgets import QStyleFactory

        qapp.setStyleSheet(saved[0])
        qapp.setPalette(saved[1])
        qapp.setFont(saved[2])
        qapp.setStyle(QStyleFactory.create(saved[3]))


def test_an_impossible_date_is_refused_with_a_message(qtbot) -> None:
    from dossier_desk.ui.views.dossier_form import DossierForm

    form = DossierForm()
    qtbot.addWidget(form)
    form.show()
    field = form.starting_date
    field.setDisplayFormat("dd/MM/yyyy")
    field.set_iso("2026-02-10")
    field.setFocus()
    field.setSelectedSection(field.Section.DaySection)
    qtbot.keyClicks(field, "31")
    assert field.iso() == "2026-02-10"  # not changed into another day (Qt made it 3 January)
    error = form._errors[DossierField.STARTING_DATE]
    assert error.isVisible()
    assert "“31/02/2026” is not a day on the calendar" in error.text()
    field.setSelectedSection(field.Section.DaySection)
    qtbot.keyClicks(field, "2")
    qtbot.keyClicks(field, "5")
    assert field.iso() == "2026-02-25"  # a real day still types as before


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")
def test_filter_menus_stay_open_for_several_ticks(qtbot) -> None:
    from PySide6.QtCore import QPoint

    from dossier_desk.ui.views.filter_bar import FilterBar

    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.show()
    menu = bar.statuses.menu()
    menu.popup(bar.mapToGlobal(QPoint(0, 0)))
    qtbot.waitExposed(menu)
    first, second = menu.actions()[0], menu.actions()[1]
    for action in (first, second):
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        assert menu.isVisible(), "the menu closed after one tick"
    assert first.isChecked()
    assert second.isChecked()
    menu.setActiveAction(first)
    qtbot.keyClick(menu, Qt.Key.Key_Space)
    assert not first.isChecked()
    assert menu.isVisible()
    assert len(bar.current_filter().statuses) == 1
    menu.close()


def test_drop_zone_is_highlighted_while_dragging(qtbot, loop, tmp_path) -> None:
    from dossier_desk.ui.documents.temp_files import PrivateTempDir
    from tests.gui.test_documents_tab import FakeDocs, _tab
    from tests.gui.test_documents_upload import _drop, _mime

    tab = _tab(qtbot, FakeDocs(), PrivateTempDir(tmp_path / "private"))
    tab.set_dossier("dos-1", "D0001")
    file = tmp_path / "plan.pdf"
    file.write_bytes(b"%PDF")
    seen: list[object] = []
    original = tab._highlight_drop

    def spy(on: bool) -> None:
        original(on)
        seen.append(tab.view.property("dropTarget"))

    tab._highlight_drop = spy
    with qtbot.waitSignal(tab.uploadDialogOpened) as blocker:
        assert _drop(tab, _mime([file])) == (True, True)
    assert seen == [True, False]  # lit while dragging over, off once dropped
    blocker.args[0].reject()


def test_language_choice_in_preferences_is_used_at_the_next_start(qtbot, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    from dossier_desk.ui.i18n import locale_for
    from dossier_desk.ui.preferences import PreferencesDialog, stored_language

    settings = QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat)
    assert stored_language(settings) is None  # the system's language until chosen
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert [dialog.language.itemText(i) for i in range(1, 3)] == ["English", "Nederlands"]
    dialog.language.setCurrentIndex(dialog.language.findData("nl"))
    dialog.accept()
    assert stored_language(settings) == "nl"
    assert locale_for(stored_language(settings)).name() == "nl_NL"
    again = PreferencesDialog(settings)
    qtbot.addWidget(again)
    assert again.language.currentData() == "nl"


def test_sort_arrow_sits_after_the_caption_as_in_bc(qtbot, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    from dossier_desk.ui.models import dossier_columns as c
    from dossier_desk.ui.models.dossier_table_model import DossierTableModel
    from dossier_desk.ui.views.caption_sort_header import arrow_for
    from dossier_desk.ui.views.dossier_table_view import DossierTableView
    from tests.gui.dossier_samples import TODAY, dossiers

    assert arrow_for(Qt.SortOrder.AscendingOrder) == "▲"
    assert arrow_for(Qt.SortOrder.DescendingOrder) == "▼"
    model = DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(dossiers(20))
    view = DossierTableView(model, QSettings(str(tmp_path / "h.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(view)
    view.resize(1200, 400)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    view.sortByColumn(c.COL_DESCRIPTION, Qt.SortOrder.AscendingOrder)
    image = header.grab().toImage()
    left = header.sectionViewportPosition(c.COL_DESCRIPTION)
    caption_end = left + 8 + header.fontMetrics().horizontalAdvance("Description") + 4
    width = header.sectionSize(c.COL_DESCRIPTION)
    background = image.pixelColor(left + width - 3, image.height() // 2)

    def inked(x0: int, x1: int) -> bool:  # along the middle rows, where an arrow glyph has ink
        middle = range(image.height() // 2 - 2, image.height() // 2 + 3)
        return any(
            image.pixelColor(x, y).lightness() < background.lightness() - 60
            for x in range(x0, x1)
            for y in middle
        )

    assert inked(caption_end, caption_end + 16), "no arrow right after the caption"
    assert not inked(left + width - 30, left + width - 3), "an arrow at the far edge of the column"
