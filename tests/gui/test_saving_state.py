"""The form says "Saving…" while an edit is on its way to the disk, and the window keeps running.

The database's writer is kept busy by a transaction held open (as a big sync page being written):
the save waits its turn on the writer thread, while the GUI thread goes on painting and reading.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

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


def test_saving_shows_until_the_edit_is_on_disk(qtbot, window) -> None:
    window, store = window
    pane = window.detail
    dossier = next(d for d in store.load_dossiers() if d.status == "Open")
    window.show_dossier(dossier.id)
    pane.form.description.setText("Typed while the writer is busy")
    pane.form.description.textEdited.emit(pane.form.description.text())
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


def test_typing_during_the_save_stays_unsaved(qtbot, window) -> None:
    window, store = window
    pane = window.detail
    dossier = next(d for d in store.load_dossiers() if d.status == "Open")
    window.show_dossier(dossier.id)
    form = pane.form
    form.description.setText("First")
    form.description.textEdited.emit("First")
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
    dialog = window.new_dossier({"primaryContactNo": "C0002"})
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
