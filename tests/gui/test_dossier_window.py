"""Main window with a real SQLite store: editing, validation, dialogs, saved views, columns, contacts."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store.outbox_errors import ErrorKind, ItemError
from dossier_desk.store.outbox_model import apply_changes
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.views.detail_pane import STATE_FAILED, STATE_PENDING, STATE_SYNCED
from tests.gui.dossier_samples import FakeSync, make_store

# The offscreen platform plugin warns on every top-level show(); that is the test platform, not our code.
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "profile.ini"


@pytest.fixture
def bridge() -> SyncBridge:
    return SyncBridge()


@pytest.fixture
def store(bridge: SyncBridge):
    store = make_store(bridge, 200)
    yield store
    store.cache.db.close()


def build(qtbot, store, bridge: SyncBridge, settings_path: Path) -> MainWindow:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(
        store,
        FakeSync(),
        bridge,
        settings,
        account="caseworker@demo",
        profile="Sandbox",
        my_case_manager_code="CM1",
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


@pytest.fixture
def window(qtbot, store, bridge, settings_path) -> MainWindow:
    return build(qtbot, store, bridge, settings_path)


def select_open_dossier(window: MainWindow) -> str:
    window.filter_bar.set_filter(DossierFilter(statuses=frozenset({"Open"})))
    window.table.selectRow(0)
    dossier_id = window.detail.dossier_id()
    assert dossier_id
    return dossier_id


def deliver(store, bridge: SyncBridge, dossier_id: str) -> None:
    """Play the server: accept every queued write for ``dossier_id`` with a new etag."""
    for item in store.outbox.items():
        if item.dossier_id == dossier_id:
            current = store.cache.dossier(dossier_id)
            server = msgspec.structs.replace(apply_changes(current, item.payload["changes"]), etag='W/"new"')
            store.outbox.complete(item, server_dossier=server, old_etag=current.etag).wait()
    bridge.outbox_changed(*store.outbox.counts())
    bridge.dossiers_changed([store.dossier(dossier_id)], [])


def test_loads_cache_and_shows_counts(window: MainWindow) -> None:
    assert window.model.rowCount() == 200
    assert window.filter_bar.count_label.text() == "200 of 200"
    window.filter_bar.set_filter(DossierFilter(statuses=frozenset({"Archived"})))
    shown = window.model.rowCount()
    assert window.filter_bar.count_label.text() == f"{shown} of 200"


def test_search_is_debounced_and_filters(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.filter_bar.filterChanged, timeout=1000) as blocker:
        qtbot.keyClicks(window.filter_bar.search, "d000042")
        assert window.model.rowCount() == 200  # not yet: the debounce timer is running
    assert blocker.args[0].text == "d000042"
    assert window.model.rowCount() == 1


def test_edit_save_shows_pending_then_synced(qtbot, window: MainWindow, store, bridge) -> None:
    dossier_id = select_open_dossier(window)
    form = window.detail.form
    form.description.clear()
    qtbot.keyClicks(form.description, "Back pain follow-up")
    assert window.detail.save_button.isEnabled()
    with qtbot.waitSignal(window.detail.saved):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    item = store.outbox.items()[-1]
    assert item.dossier_id == dossier_id
    assert item.payload["changes"] == {"description": "Back pain follow-up"}
    assert window.detail.state() == STATE_PENDING
    assert "Pending" in window.detail.state_label.text()
    row = window.model.row_of(dossier_id)
    assert window.model.data(window.model.index(row, 0), c.PendingRole) is True
    assert window.model.data(window.model.index(row, c.COL_DESCRIPTION)) == "Back pain follow-up"
    deliver(store, bridge, dossier_id)
    assert window.detail.state() == STATE_SYNCED
    assert window.model.data(window.model.index(window.model.row_of(dossier_id), 0), c.PendingRole) is False
    assert "All changes sent" in window.status.outbox.text()


def test_local_validation_error_lands_on_field(qtbot, window: MainWindow, store) -> None:
    select_open_dossier(window)
    form = window.detail.form
    form.ending_date.set_iso("2000-01-01")
    form._on_edited()
    before = len(store.outbox.items())
    assert window.detail.save() is False
    assert "before the starting date" in form.error_text(DossierField.ENDING_DATE)
    assert form.ending_date.property("invalid") is True
    assert form.error_text(DossierField.DESCRIPTION) == ""
    assert len(store.outbox.items()) == before
    assert window.detail.state() == STATE_FAILED


def test_server_validation_error_lands_on_field(qtbot, window: MainWindow, store, bridge) -> None:
    dossier_id = select_open_dossier(window)
    window.detail.form.your_reference.setText("Accepted here, refused there")
    window.detail.form._on_edited()
    assert window.detail.save()
    item = store.outbox.items()[-1]
    refused = ItemError(
        ErrorKind.VALIDATION,
        400,
        "Your Reference is too long",
        field_errors={"your_reference": "At most 35 characters."},
    )
    store.outbox.park_failed(item.id, refused).wait()
    bridge.outbox_changed(*store.outbox.counts())
    assert window.detail.dossier_id() == dossier_id
    assert window.detail.state() == STATE_FAILED
    assert window.detail.form.error_text(DossierField.YOUR_REFERENCE) == "At most 35 characters."
    assert "too long" in window.detail.state_label.text()
    assert "1 failed" in window.status.outbox.text()


def test_new_dossier_dialog_creates_and_selects(qtbot, window: MainWindow, store) -> None:
    dialog = window.new_dossier()
    assert dialog.isVisible()
    assert dialog.windowTitle() == "New dossier"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # required fields missing
    assert dialog.form.error_text(DossierField.DESCRIPTION)
    assert dialog.form.error_text(DossierField.DOSSIER_TYPE_CODE)
    qtbot.keyClicks(dialog.form.description, "Knee surgery absence")
    qtbot.keyClicks(dialog.form.contact, "C0003")
    dialog.form.type.setCurrentIndex(dialog.form.type.findData("ABSENCE"))
    with qtbot.waitSignal(dialog.dossierSaved) as blocker:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    new_id = blocker.args[0]
    assert new_id.startswith("local-")
    assert window.model.total_count() == 201
    assert window.detail.dossier_id() == new_id
    assert window.detail.state() == STATE_PENDING


def test_new_for_contact_prefills_contact(window: MainWindow) -> None:
    dialog = window.new_dossier_for_contact("C0005")
    assert dialog.form.values()[DossierField.PRIMARY_CONTACT_NO] == "C0005"
    assert dialog.form.contact_name.text()
    dialog.reject()


def test_edit_dialog_respects_status_rules(window: MainWindow, store) -> None:
    archived = next(d for d in store.load_dossiers() if d.status == "Archived")
    dialog = window.edit_dossier(archived.id)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert not dialog.form.description.isEnabled()
    assert dialog.notice.isVisibleTo(dialog)
    dialog.reject()
    closed = next(d for d in store.load_dossiers() if d.status == "Closed")
    dialog = window.edit_dossier(closed.id)
    assert dialog.form.status.isEnabled()
    assert not dialog.form.description.isEnabled()
    dialog.form.status.setCurrentIndex(dialog.form.status.findData("Open"))
    dialog.submit()
    assert store.outbox.items()[-1].payload["changes"] == {"status": "Open"}


def test_delete_asks_and_archived_cannot_be_deleted(qtbot, window: MainWindow, store) -> None:
    archived = next(d for d in store.load_dossiers() if d.status == "Archived")
    window.show_dossier(archived.id)
    dialog = window.delete_current()
    assert not dialog.can_delete()
    assert dialog.standardButtons() == QMessageBox.StandardButton.Ok
    dialog.accept()
    victim_id = select_open_dossier(window)
    window.table.setFocus()
    dialog = window.delete_current()
    assert dialog.defaultButton() is dialog.button(QMessageBox.StandardButton.Cancel)
    with qtbot.waitSignal(dialog.dossierDeleted):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert window.model.row_of(victim_id) == -1
    assert store.outbox.items()[-1].kind.value == "delete_dossier"


def test_saved_views_persist_across_restart(qtbot, store, bridge, settings_path: Path) -> None:
    first = build(qtbot, store, bridge, settings_path)
    first.filter_bar.set_filter(DossierFilter(priorities=frozenset({"High"}), open_only=True))
    first.table.sortByColumn(c.COL_DESCRIPTION, Qt.SortOrder.AscendingOrder)
    first.table.set_hidden_columns([c.COL_CATEGORY, c.COL_TYPE])
    first.views.save_current("Urgent open")
    first.close()

    second = build(qtbot, store, bridge, settings_path)
    assert second.table.isColumnHidden(c.COL_CATEGORY)  # header state restored too
    assert second.model.filter().is_empty()
    assert [v.name for v in second.views.views()] == ["Urgent open"]
    with qtbot.waitActive(second):
        second.activateWindow()  # shortcuts only reach the active window
    qtbot.keyClick(second.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert second.model.filter().priorities == {"High"}
    assert second.model.filter().open_only
    assert second.filter_bar.presets["open_only"].isChecked()
    assert second.model.sort_column() == c.COL_DESCRIPTION
    assert second.table.isColumnHidden(c.COL_TYPE)
    descriptions = [second.model.index(r, c.COL_DESCRIPTION).data() for r in range(second.model.rowCount())]
    assert descriptions == sorted(descriptions)
    assert descriptions


def test_column_chooser_and_geometry_remembered(qtbot, store, bridge, settings_path: Path) -> None:
    first = build(qtbot, store, bridge, settings_path)
    first.table._toggle_column(c.COL_DEPARTMENT, True)
    first.table._toggle_column(c.COL_STATUS, False)
    first.set_detail_visible(False)
    first.close()
    second = build(qtbot, store, bridge, settings_path)
    assert not second.table.isColumnHidden(c.COL_DEPARTMENT)
    assert second.table.isColumnHidden(c.COL_STATUS)
    assert second.splitter.sizes()[1] == 0
    assert not second.detail_action.isChecked()


def test_contacts_view_lists_a_contacts_dossiers(qtbot, qtmodeltester, window: MainWindow, store) -> None:
    window.pages.setCurrentWidget(window.contacts_page)
    qtmodeltester.check(window.contacts.contacts_model)
    assert window.contacts.show_contact("C0004")
    expected = {d.id for d in store.load_dossiers() if d.primary_contact_no == "C0004"}
    model = window.contacts.dossier_model
    qtmodeltester.check(model)
    assert {model.dossier_id_at(r) for r in range(model.rowCount())} == expected
    contacts = window.contacts.contacts_model  # counted from the dossier table's columns
    row = contacts.row_of("C0004")
    opened = {
        d.id for d in store.load_dossiers() if d.id in expected and d.status in ("New", "Open", "In Process")
    }
    assert contacts.index(row, 5).data() == str(len(expected))  # all dossiers
    assert contacts.index(row, 4).data() == str(len(opened))  # open ones
    with qtbot.waitSignal(window.contacts.newDossierRequested) as blocker:
        window.contacts.new_button.click()
    assert blocker.args == ["C0004"]
    window.contacts.search.setText("zzz-nobody")
    assert window.contacts.contacts_model.rowCount() == 0


def test_status_bar_follows_bridge(window: MainWindow, bridge: SyncBridge) -> None:
    from datetime import UTC, datetime

    bridge.connectivity_changed(False, True)
    assert "Working offline" in window.status.connectivity.text()
    assert window.offline_action.isChecked()
    bridge.sync_progress("full", 50, 200)
    assert window.status.progress.isVisibleTo(window)
    assert "50 of 200" in window.status.sync_label.text()
    bridge.sync_finished(datetime(2026, 3, 15, 9, 30, tzinfo=UTC), None)
    assert not window.status.progress.isVisibleTo(window)
    assert "Last sync" in window.status.sync_label.text()
    bridge.rate_limit_changed(5800)
    assert "5,800" in window.status.rate.text() or "5800" in window.status.rate.text()
    assert not window.status.outbox.property("attention")
    bridge.outbox_changed(2, 1, 0)
    assert window.status.outbox.property("attention") is True
    assert window.status.outbox.text() == "2 pending · 1 conflict(s)"


def test_outbox_click_is_forwarded(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.outboxRequested):
        qtbot.mouseClick(window.status.outbox, Qt.MouseButton.LeftButton)


def test_extra_tabs_follow_selection(qtbot, store, bridge, settings_path: Path) -> None:
    from PySide6.QtWidgets import QLabel

    tab = QLabel("docs")
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(
        store, FakeSync(), bridge, settings, account="a", profile="p", extra_tabs=[("Documents", tab)]
    )
    qtbot.addWidget(window)
    assert window.detail.tabs.tabText(1) == "Documents"
    with qtbot.waitSignal(window.dossierSelected) as blocker:
        window.table.selectRow(3)
    assert blocker.args == [window.model.dossier_id_at(3)]


def test_local_create_follows_its_server_id(qtbot, window: MainWindow, store, bridge) -> None:
    dialog = window.new_dossier({DossierField.PRIMARY_CONTACT_NO: "C0002"})
    dialog.form.description.setText("Return to work plan")
    dialog.form.type.setCurrentIndex(dialog.form.type.findData("REINT"))
    dialog.submit()
    local_id = window.detail.dossier_id()
    item = store.outbox.items()[-1]
    server = msgspec.structs.replace(
        store.dossier(local_id), id="srv-1", no="D999999", external_document_no=item.client_key, etag='W/"1"'
    )
    store.outbox.complete(item, server_dossier=server).wait()
    bridge.outbox_changed(*store.outbox.counts())
    with qtbot.waitSignal(window.dossierSelected) as blocker:
        bridge.dossiers_changed([server], [local_id])
    assert blocker.args == ["srv-1"]
    assert window.table.current_dossier_id() == "srv-1"
    assert window.detail.state() == STATE_SYNCED
    assert not window.detail.banner.isVisibleTo(window)
