"""The form says "Saving…" while an edit is on its way to the disk, and the window keeps running.

The database's writer is kept busy by a transaction held open (as a big sync page being written):
the save waits its turn on the writer thread, while the GUI thread goes on painting and reading.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtTest import QTest

from dossier_desk.api.models import Dossier
from dossier_desk.ui import i18n
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.views.detail_pane import STATE_PENDING, STATE_SAVING
from tests.gui.dossier_samples import FakeSync, make_store

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def window(qtbot, loop, tmp_path: Path):
    bridge = SyncBridge()
    store = make_store(bridge, 50, name="saving")
    settings = QSettings(str(tmp_path / "saving.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, FakeSync(), bridge, settings, account="caseworker@demo", profile="Sandbox")
    qtbot.addWidget(window)
    window.show()
    yield window, store
    window.close_guard.release()
    window.close()
    store.cache.db.close()


def busy_writer(store) -> threading.Event:
    """Occupy the writer thread until the returned event is set."""
    started, release = threading.Event(), threading.Event()

    def held(_conn) -> None:
        started.set()
        assert release.wait(10)

    store.cache.db.write(held)
    assert started.wait(10)
    return release


def _type_description(window, store, text: str) -> Dossier:
    """Show an open dossier and type ``text`` into its description, as the user would."""
    dossier = next(d for d in store.load_dossiers() if d.status == "Open")
    window.show_dossier(dossier.id)
    window.detail.form.description.setText(text)
    window.detail.form.description.textEdited.emit(text)
    return dossier


def test_saving_shows_until_the_edit_is_on_disk(qtbot, window) -> None:
    window, store = window
    pane = window.detail
    dossier = _type_description(window, store, "Typed while the writer is busy")
    release = busy_writer(store)
    try:
        assert pane.save()
        assert pane.state() == STATE_SAVING
        assert pane.state_label.text() == "Saving…"
        assert not pane.save_button.isEnabled()
        qtbot.wait(100)  # the loop runs on: Qt events are processed, the GUI thread reads freely
        assert pane.state() == STATE_SAVING
        assert dossier.id not in store.pending_ids()  # nothing committed yet
    finally:
        release.set()
    with qtbot.waitSignal(pane.saved, timeout=5000):
        pass
    assert pane.state() == STATE_PENDING
    assert "Pending" in pane.state_label.text()
    assert store.outbox.items()[-1].payload["changes"] == {"description": "Typed while the writer is busy"}
    assert not pane.form.is_modified()


def test_clicking_save_saves_without_an_error(qtbot, window) -> None:
    """The button's ``clicked(checked)`` must not reach ``save`` as its ``then`` callback (calling
    ``False`` once the edit was on disk raised, and the user saw an error after every click)."""
    window, store = window
    pane = window.detail
    _type_description(window, store, "Saved with the button")
    failures: list[dict] = []
    asyncio.get_event_loop().set_exception_handler(lambda _loop, context: failures.append(context))
    with qtbot.waitSignal(pane.saved, timeout=5000):
        QTest.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)  # whatever runs after "saved" has run
    assert failures == []
    assert pane.state() == STATE_PENDING
    assert store.outbox.items()[-1].payload["changes"] == {"description": "Saved with the button"}


def test_typing_during_the_save_stays_unsaved(qtbot, window) -> None:
    window, store = window
    pane = window.detail
    _type_description(window, store, "First")
    form = pane.form
    release = busy_writer(store)
    try:
        assert pane.save()
        form.description.setText("Second")  # typed while "Saving…" shows
        form.description.textEdited.emit("Second")
        assert pane.state() == STATE_SAVING
    finally:
        release.set()
    with qtbot.waitSignal(pane.saved, timeout=5000):
        pass
    assert store.outbox.items()[-1].payload["changes"] == {"description": "First"}
    assert form.description.text() == "Second"
    assert form.is_modified()
    assert form.changes() == {"description": "Second"}


def test_the_new_dossier_dialog_says_saving_and_closes_once_on_disk(qtbot, window) -> None:
    window, store = window
    dialog = window.new_dossier_for_contact("C0002")
    form = dialog.form
    form.description.setText("Created while the writer is busy")
    form.type.setCurrentIndex(form.type.findData("REINT"))
    assert not form.validate()
    release = busy_writer(store)
    try:
        dialog.submit()
        assert dialog.notice.text() == "Saving…"
        assert dialog.isVisible()
        assert not dialog.buttons.isEnabled()
    finally:
        release.set()
    with qtbot.waitSignal(dialog.dossierSaved, timeout=5000) as saved:
        pass
    assert saved.args[0].startswith("local-")
    assert not dialog.isVisible()


def test_saving_and_the_unsaved_prompt_in_dutch(qtbot, qapp, window) -> None:
    window, store = window
    previous = QLocale()
    translators = i18n.install_translators(qapp, i18n.locale_for("nl"))
    try:
        pane = window.detail
        dossier = _type_description(window, store, "Getypt")
        with qtbot.waitSignal(pane.unsavedPromptShown) as shown:
            pane.set_dossier(next(d.id for d in store.load_dossiers() if d.id != dossier.id))
        prompt = shown.args[0]
        assert prompt.windowTitle() == "Niet-opgeslagen wijzigingen"
        assert prompt.text().startswith("Uw wijzigingen in")
        prompt.reject()
        release = busy_writer(store)
        try:
            assert pane.save()
            assert pane.state_label.text() == "Opslaan…"
        finally:
            release.set()
        with qtbot.waitSignal(pane.saved, timeout=5000):
            pass
    finally:
        i18n.remove_translators(qapp, translators)
        QLocale.setDefault(previous)
