"""The real start-up sequence in-process: demo sandbox, the sign-in dialog, MSAL over https, sync, window."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtWidgets import QApplication

from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.startup import StartupOptions, run_app

pytestmark = pytest.mark.slow


def _top_level(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _options(**overrides: object) -> StartupOptions:
    values = {"demo": True, "demo_user": None, "dossiers": 120, "profile_name": None, "smoke": True}
    values.update(overrides)
    return StartupOptions(**values)  # type: ignore[arg-type]


def _new_main_windows(before: set[int]) -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and id(w) not in before]


def test_sign_in_dialog_then_window_for_chosen_demo_user(qapp, qtbot, loop) -> None:
    before = {id(w) for w in QApplication.topLevelWidgets()}
    messages = MessageBridge()
    messages.interactive = False
    task = asyncio.ensure_future(run_app(qapp, _options(smoke=False), messages))
    qtbot.waitUntil(lambda: bool(_top_level(SignInDialog)), timeout=20_000)
    dialog = _top_level(SignInDialog)[0]
    usernames = [dialog.user_list.item(i).text() for i in range(dialog.user_list.count())]
    assert any("linemanager@demo" in text for text in usernames)
    row = next(i for i, text in enumerate(usernames) if "linemanager@demo" in text)
    dialog.user_list.setCurrentRow(row)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: any(w.model.rowCount() for w in _new_main_windows(before)), timeout=60_000)
    windows = _new_main_windows(before)
    assert len(windows) == 1, "exactly one main window is built"
    window = windows[0]
    assert "Pieter Jansen" in window.status.account.text()  # the ID token's name claim comes first
    window.model.set_filter(DossierFilter(mine=True))  # "My dossiers": Pieter Jansen's code, PJ
    mine = [window._repo.dossier(window.model.dossier_id_at(r)) for r in range(window.model.rowCount())]
    assert mine
    assert all(d.case_manager_code == "PJ" for d in mine)
    window.close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def test_closing_the_sign_in_dialog_quits_cleanly(qapp, qtbot, loop) -> None:
    before = {id(w) for w in QApplication.topLevelWidgets()}
    messages = MessageBridge()
    messages.interactive = False
    task = asyncio.ensure_future(run_app(qapp, _options(), messages))
    qtbot.waitUntil(lambda: bool(_top_level(SignInDialog)), timeout=20_000)
    _top_level(SignInDialog)[0].reject()
    qtbot.waitUntil(task.done, timeout=20_000)
    assert task.result() == 0
    assert not _new_main_windows(before)
