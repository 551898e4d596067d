"""Sign-out from the running app: warns about unsent changes, removes tokens, wipes the offline data."""

from __future__ import annotations

import asyncio
import json

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from dossier_desk.demo import DEMO_PROFILE_NAME
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import profile_root
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.session.start_window import StartWindow
from dossier_desk.ui.startup import StartupOptions, run_app

pytestmark = pytest.mark.slow


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_sign_out_warns_then_wipes_cache_and_tokens(qapp, qtbot, loop) -> None:
    messages = MessageBridge()
    messages.interactive = False
    options = StartupOptions(
        demo=True, demo_user="caseworker@demo", dossiers=80, profile_name=None, smoke=False
    )
    task = asyncio.ensure_future(run_app(qapp, options, messages))
    qtbot.waitUntil(lambda: any(w.model.rowCount() for w in _visible(MainWindow)), timeout=30_000)
    window = _visible(MainWindow)[0]
    root = profile_root(DEMO_PROFILE_NAME)
    company_dirs = [p.parent for p in root.rglob("cache.db")]  # the signed-in account's store
    assert company_dirs
    assert company_dirs[0].parent.parent.name == "accounts"

    window.offline_action.setChecked(True)  # keep the edit unsent
    dossier = next(  # an editable one whose seeded dates pass validation (the seed has hostile ones)
        d
        for d in window._repo.load_dossiers()
        if d.status in ("New", "Open", "In Process")
        and not (d.ending_date and d.starting_date and d.ending_date < d.starting_date)
    )
    window.detail.set_dossier(dossier.id)
    window._repo.save_dossier_changes(dossier.id, {DossierField.YOUR_REFERENCE: "kept until sign-out"}).wait()

    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: bool(_visible(QMessageBox)), timeout=5_000)
    box = _visible(QMessageBox)[0]
    assert "1 change" in box.text()
    sign_out = next(b for b in box.buttons() if b.text() == "Sign out")
    sign_out.click()
    # signing out returns to the start window; closing it quits
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)), timeout=30_000)
    assert not task.done()
    assert not _visible(MainWindow)
    _visible(StartWindow)[0].close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0
    assert not company_dirs[0].exists(), "the offline cache directory survived sign-out"
    assert not company_dirs[0].parent.exists(), "the account's folder (settings, searches) survived"
    cache = json.loads((root / "token_cache.bin").read_text(encoding="utf-8"))
    assert not cache.get("RefreshToken")
    assert not cache.get("AccessToken")
    assert not cache.get("Account")


def test_cancelling_sign_out_keeps_everything(qapp, qtbot, loop) -> None:
    messages = MessageBridge()
    messages.interactive = False
    options = StartupOptions(
        demo=True, demo_user="caseworker@demo", dossiers=60, profile_name=None, smoke=False
    )
    task = asyncio.ensure_future(run_app(qapp, options, messages))
    qtbot.waitUntil(lambda: any(w.model.rowCount() for w in _visible(MainWindow)), timeout=30_000)
    window = _visible(MainWindow)[0]
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: bool(_visible(QMessageBox)), timeout=5_000)
    _visible(QMessageBox)[0].button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(100)
    assert not task.done()
    company_dirs = [p.parent for p in profile_root(DEMO_PROFILE_NAME).rglob("cache.db")]
    assert company_dirs
    window.close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0
