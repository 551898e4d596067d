"""Detail pane: typed-but-unsaved edits survive switching dossier, refreshes, promotion and deletion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtWidgets import QMessageBox

from dossier_desk.api.models import Contact
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import DossierStore
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.views.detail_pane import STATE_MODIFIED, DetailPane
from tests.gui.dossier_samples import make_store
from tests.gui.window_setup import window_on_open_dossier

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)


@pytest.fixture
def bridge() -> SyncBridge:
    return SyncBridge()


@pytest.fixture
def store(bridge: SyncBridge):
    store = make_store(bridge, 60, name="unsaved")
    yield store
    store.cache.db.close()


@pytest.fixture
def window(qtbot, store, bridge: SyncBridge, tmp_path: Path) -> MainWindow:
    return window_on_open_dossier(qtbot, store, bridge, tmp_path)


def _type(window: MainWindow, text: str) -> None:
    form = window.detail.form
    form.description.setText(text)
    form._on_edited()
    assert window.detail.state() == STATE_MODIFIED


def _switch_and_answer(qtbot, window: MainWindow, row: int, answer: QMessageBox.StandardButton) -> None:
    with qtbot.waitSignal(window.detail.unsavedPromptShown) as blocker:
        window.table.selectRow(row)
    box: QMessageBox = blocker.args[0]
    assert box.isVisible()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Save)
    box.button(answer).click()


def test_switching_with_unsaved_edits_asks_and_cancel_keeps_them(qtbot, window: MainWindow) -> None:
    first = window.detail.dossier_id()
    _type(window, "Typed but not saved")
    _switch_and_answer(qtbot, window, 1, QMessageBox.StandardButton.Cancel)
    assert window.detail.dossier_id() == first
    assert window.detail.form.description.text() == "Typed but not saved"
    assert window.table.current_dossier_id() == first  # the table follows back


def test_switching_and_saving_queues_the_edit_then_switches(qtbot, window: MainWindow, store) -> None:
    first = window.detail.dossier_id()
    second = window.model.dossier_id_at(1)
    _type(window, "Saved on the way out")
    _switch_and_answer(qtbot, window, 1, QMessageBox.StandardButton.Save)
    item = store.outbox.items()[-1]
    assert item.dossier_id == first
    assert item.payload["changes"] == {"description": "Saved on the way out"}
    assert window.detail.dossier_id() == second


def test_switching_and_discarding_drops_the_edit(qtbot, window: MainWindow, store) -> None:
    second = window.model.dossier_id_at(1)
    _type(window, "Thrown away")
    _switch_and_answer(qtbot, window, 1, QMessageBox.StandardButton.Discard)
    assert window.detail.dossier_id() == second
    assert store.outbox.items() == []
    assert window.detail.form.description.text() != "Thrown away"


def test_refresh_of_other_fields_keeps_the_typing(window: MainWindow, store, bridge: SyncBridge) -> None:
    current = store.dossier(window.detail.dossier_id())
    _type(window, "Still typing")
    fresh = msgspec.structs.replace(current, department="Finance", etag='W/"2"')
    store.cache.upsert_dossiers([fresh]).wait()
    bridge.dossiers_changed([fresh], [])
    form = window.detail.form
    assert form.description.text() == "Still typing"
    assert form.department.text() == "Finance"  # the server's change to another field is shown
    assert form.changes() == {"description": "Still typing"}
    assert window.detail.state() == STATE_MODIFIED


def test_refresh_of_the_same_field_keeps_the_typing(window: MainWindow, store, bridge: SyncBridge) -> None:
    current = store.dossier(window.detail.dossier_id())
    _type(window, "Mine")
    fresh = msgspec.structs.replace(current, description="Theirs", etag='W/"2"')
    store.cache.upsert_dossiers([fresh]).wait()
    bridge.dossiers_changed([fresh], [])
    assert window.detail.form.description.text() == "Mine"
    assert "changed on the server" in window.detail.banner.text()


def test_deletion_keeps_the_typing_on_screen(qtbot, window: MainWindow, bridge: SyncBridge) -> None:
    current = window.detail.dossier_id()
    _type(window, "Notes I still need")
    prompts: list[QMessageBox] = []
    window.detail.unsavedPromptShown.connect(prompts.append)
    bridge.dossiers_changed([], [current])
    assert window.detail.form.description.text() == "Notes I still need"
    assert "deleted" in window.detail.banner.text()
    assert not window.detail.save_button.isEnabled()
    if prompts:  # the table moved on from the removed row: the pane asks before dropping the typing
        assert prompts[-1].button(QMessageBox.StandardButton.Save) is None
        prompts[-1].button(QMessageBox.StandardButton.Cancel).click()
        assert window.detail.form.description.text() == "Notes I still need"


def test_promoted_local_create_keeps_the_typing(qtbot, window: MainWindow, store, bridge: SyncBridge) -> None:
    dialog = window.new_dossier({DossierField.PRIMARY_CONTACT_NO: "C0002"})
    dialog.form.description.setText("Return to work plan")
    dialog.form.type.setCurrentIndex(dialog.form.type.findData("REINT"))
    dialog.submit()
    local_id = window.detail.dossier_id()
    assert local_id.startswith("local-")
    _type(window, "Typed while the create was in flight")
    item = store.outbox.items()[-1]
    server = msgspec.structs.replace(
        store.dossier(local_id), id="srv-1", no="D999999", external_document_no=item.client_key, etag='W/"1"'
    )
    store.outbox.complete(item, server_dossier=server).wait()
    bridge.outbox_changed(*store.outbox.counts())
    with qtbot.waitSignal(window.dossierSelected):
        bridge.dossiers_changed([server], [local_id])
    assert window.detail.dossier_id() == "srv-1"
    assert window.detail.form.description.text() == "Typed while the create was in flight"
    assert window.detail.form.changes() == {"description": "Typed while the create was in flight"}


class _CountingContacts:
    """The store, counting reads of every contact."""

    def __init__(self, store: DossierStore) -> None:
        self._store = store
        self.contact_reads = 0

    def contacts(self) -> list[Contact]:
        self.contact_reads += 1
        return self._store.contacts()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_the_pane_reads_no_contacts_to_build_or_show_a_dossier(qtbot, store) -> None:
    repo = _CountingContacts(store)
    pane = DetailPane(repo)  # type: ignore[arg-type]
    qtbot.addWidget(pane)
    assert repo.contact_reads == 0  # building the window does not read every contact
    for dossier in store.load_dossiers()[:2]:
        pane.set_dossier(dossier.id)
        assert pane.dossier_id() == dossier.id
    # Showing dossiers needs only the names the table has; the list is read when the contact field
    # is used (tests/gui/test_dossier_views_parts.py).
    assert repo.contact_reads == 0


def test_the_number_field_gets_the_height_of_its_read_only_style(
    qtbot, qapp, store, bridge: SyncBridge, tmp_path: Path
) -> None:
    """The form is built while no dossier is shown (editable, empty number field), as the workspace
    builds it after the first paint; once a dossier is shown, the read-only number field is laid out
    with its read-only style's height (the app's style sheet gives it another one)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QStyleFactory

    from dossier_desk.ui.style import apply_style
    from tests.gui.dossier_samples import FakeSync

    saved = (qapp.styleSheet(), qapp.palette(), qapp.font(), qapp.style().name())
    apply_style(qapp, dark=False, follow_os=False)
    try:
        settings = QSettings(str(tmp_path / "profile.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, FakeSync(), bridge, settings, account="caseworker@demo", profile="Sandbox")
        qtbot.addWidget(window)
        number = window.detail.form.no
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.table.selectRow(0)
        assert number.isReadOnly()
        qtbot.waitUntil(lambda: number.height() == number.sizeHint().height(), timeout=2000)
    finally:  # the rest of the session runs with the style it had
        qapp.setStyleSheet(saved[0])
        qapp.setPalette(saved[1])
        qapp.setFont(saved[2])
        qapp.setStyle(QStyleFactory.create(saved[3]))
