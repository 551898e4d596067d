"""Closing with typing, queued or failed edits, or running uploads asks first and says what happens;
a Save the disk refuses says NOT saved and keeps the typed values."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store.outbox import Outbox
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.views.detail_pane import STATE_FAILED, STATE_MODIFIED
from tests.gui.dossier_samples import make_store
from tests.gui.window_setup import window_on_open_dossier

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def bridge() -> SyncBridge:
    return SyncBridge()


@pytest.fixture
def store(bridge: SyncBridge):
    store = make_store(bridge, 40, name="lost")
    yield store
    store.cache.db.close()


@pytest.fixture
def window(qtbot, store, bridge: SyncBridge, tmp_path: Path) -> MainWindow:
    return window_on_open_dossier(qtbot, store, bridge, tmp_path)


def _type(window: MainWindow, text: str) -> None:
    window.detail.form.description.setText(text)
    window.detail.form._on_edited()
    assert window.detail.state() == STATE_MODIFIED


def _close_and_get_prompt(qtbot, window: MainWindow) -> QMessageBox:
    with qtbot.waitSignal(window.close_guard.promptShown) as blocker:
        window.close()
    box: QMessageBox = blocker.args[0]
    assert box.isVisible()
    assert window.isVisible(), "the window must stay open while the user decides"
    return box


def _button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text() == text)


def test_closing_with_typing_asks_and_keep_working_keeps_it(qtbot, window: MainWindow) -> None:
    _type(window, "Typed but not saved")
    box = _close_and_get_prompt(qtbot, window)
    assert "not saved" in box.informativeText()
    _button(box, "Keep working").click()
    assert window.isVisible()
    assert window.detail.form.description.text() == "Typed but not saved"


def test_save_and_close_queues_the_edit_then_closes(qtbot, window: MainWindow, store) -> None:
    dossier_id = window.detail.dossier_id()
    _type(window, "Saved on the way out")
    box = _close_and_get_prompt(qtbot, window)
    with qtbot.waitSignal(window.closed):
        _button(box, "Save and close").click()
    assert store.dossier(dossier_id).description == "Saved on the way out"


def test_closing_with_queued_and_uploads_says_what_happens(qtbot, window: MainWindow, store) -> None:
    store.save_dossier_changes(window.detail.dossier_id(), {DossierField.DESCRIPTION: "Queued"}).wait()
    window.running_uploads = lambda: 2
    box = _close_and_get_prompt(qtbot, window)
    text = box.informativeText()
    assert "wait in the outbox" in text
    assert "sent the next time" in text
    assert "upload" in text
    assert "stops them" in text
    with qtbot.waitSignal(window.closed):
        _button(box, "Close").click()


def test_closing_with_nothing_at_risk_does_not_ask(qtbot, window: MainWindow) -> None:
    prompts: list[object] = []
    window.close_guard.promptShown.connect(prompts.append)
    with qtbot.waitSignal(window.closed):
        window.close()
    assert prompts == []


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (sqlite3.OperationalError("database or disk is full"), "disk is full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "cannot be written to"),
    ],
)
def test_save_the_disk_refuses_says_not_saved_and_keeps_typing(
    qtbot, window: MainWindow, store, monkeypatch, error: Exception, reason: str
) -> None:
    dossier_id = window.detail.dossier_id()
    before = store.dossier(dossier_id).description

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Outbox, "enqueue_update", refuse)
    _type(window, "Typed on a full disk")
    assert window.detail.save() is False
    assert window.detail.form.description.text() == "Typed on a full disk"
    assert window.detail.form.is_modified()
    assert window.detail.state() == STATE_FAILED
    notice = window.detail.banner.text()
    assert "NOT saved" in notice
    assert reason in notice
    assert "outbox" not in notice
    assert store.dossier(dossier_id).description == before
    assert store.outbox.items() == []


def test_any_write_the_disk_refuses_is_never_called_safe_in_the_outbox() -> None:
    import errno

    from dossier_desk.ui.errors import is_environment_error, user_message

    for exc in (
        sqlite3.OperationalError("database or disk is full"),
        OSError(errno.ENOSPC, "No space left on device"),
    ):
        text = user_message(exc)  # e.g. a workflow action queued on a full disk
        assert "NOT saved" in text
        assert "disk is full" in text
        assert "safe in the outbox" not in text
        assert is_environment_error(exc)  # logged as the world's failure, not a bug


def test_edit_dialog_on_a_full_disk_stays_open_with_the_typing(
    qtbot, window: MainWindow, store, monkeypatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Outbox, "enqueue_update", refuse)
    dialog = window.edit_current()
    assert dialog is not None
    dialog.form.description.setText("Typed in the dialog")
    dialog.submit()
    assert dialog.isVisible()
    assert dialog.form.description.text() == "Typed in the dialog"
    assert "NOT saved" in dialog.notice.text()
    assert store.outbox.items() == []
    dialog.reject()
