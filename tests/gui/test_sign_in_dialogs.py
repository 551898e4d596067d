"""The sign-in and device code dialogs on a qasync loop: with a scripted session, and once for real."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from dossier_desk.auth import (
    Account,
    AuthSession,
    DemoBrowser,
    DeviceCodeInfo,
    SignInCancelled,
    SignInFailed,
)
from dossier_desk.ui.dialogs.device_code_dialog import DeviceCodeDialog
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_sandbox.users import DEMO_USERS
from tests.integration.auth_support import NullBrowser, auth_config
from tests.integration.oidc_server import serve_oidc

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
USERS = [(u.username, u.display_name) for u in DEMO_USERS.values()]
ACCOUNT = Account("uid.sandbox", "occhealth@demo", "127.0.0.1")


class ScriptedAuth:
    """Stands in for AuthSession: each sign-in waits until the test resolves it or it is cancelled."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.outcome: asyncio.Future[Account] | None = None
        self.cancel: asyncio.Event | None = None

    async def _wait(self, cancel: asyncio.Event | None) -> Account:
        self.cancel = cancel
        self.outcome = asyncio.get_running_loop().create_future()
        waiters = [self.outcome, asyncio.ensure_future(cancel.wait())] if cancel else [self.outcome]
        done, pending = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for other in pending:
            if other is not self.outcome:
                other.cancel()
        if self.outcome not in done:
            raise SignInCancelled("The sign-in was cancelled.")
        return self.outcome.result()

    async def sign_in_interactive(self, **kwargs: Any) -> Account:
        self.calls.append(kwargs)
        return await self._wait(kwargs.get("cancel"))

    async def sign_in_device_code(
        self, on_code: Callable[[DeviceCodeInfo], None], *, cancel: asyncio.Event | None = None
    ) -> Account:
        self.calls.append({"device": True})
        on_code(DeviceCodeInfo("BCDF-GHJK", "https://idp.example/devicelogin", _in(90), "msg"))
        return await self._wait(cancel)


def _in(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


def _dialog(qtbot, auth: Any, browsers: list[Any] | None = None, **kwargs: Any) -> SignInDialog:
    made = browsers if browsers is not None else []

    def factory(user: str | None) -> NullBrowser:
        browser = NullBrowser()
        made.append((user, browser))
        return browser

    dialog = SignInDialog(auth, factory, **kwargs)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_demo_user_sign_in_emits_the_account(qtbot, loop) -> None:
    auth = ScriptedAuth()
    browsers: list[Any] = []
    dialog = _dialog(qtbot, auth, browsers, demo_users=USERS)
    assert dialog.user_list.count() == len(USERS) == 5  # every demo user of the sandbox, admin too
    assert not dialog.cache_notice.isVisibleTo(dialog)
    dialog.user_list.setCurrentRow([u for u, _ in USERS].index("occhealth@demo"))
    dialog.sign_in_button.click()
    assert dialog.pages.currentIndex() == SignInDialog.BUSY
    qtbot.waitUntil(lambda: auth.outcome is not None)
    assert browsers[0][0] == "occhealth@demo"
    assert auth.calls[0]["login_hint"] == "occhealth@demo"
    assert auth.calls[0]["browser"] is browsers[0][1]
    with qtbot.waitSignal(dialog.signedIn, timeout=2000) as signal:
        auth.outcome.set_result(ACCOUNT)
    assert signal.args == [ACCOUNT]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_cancel_really_cancels_the_running_sign_in(qtbot, loop) -> None:
    auth = ScriptedAuth()
    dialog = _dialog(qtbot, auth, demo_users=USERS)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: auth.cancel is not None)
    dialog.cancel_button.click()
    assert auth.cancel.is_set()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.pages.currentIndex() == SignInDialog.CHOOSE
    assert dialog.error_label.text() == "Sign-in cancelled."
    assert dialog.isVisible()  # the user can try again
    dialog.sign_in_button.click()
    assert dialog.busy


def test_sign_in_errors_are_shown_in_the_dialog(qtbot, loop) -> None:
    auth = ScriptedAuth()
    dialog = _dialog(qtbot, auth, cache_encrypted=False, login_hint="caseworker@demo")
    assert not dialog.user_list.isVisibleTo(dialog)  # real mode: no demo users
    assert dialog.cache_notice.isVisibleTo(dialog)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: auth.outcome is not None)
    assert auth.calls[0]["login_hint"] == "caseworker@demo"
    auth.outcome.set_exception(SignInFailed("The sign-in did not succeed (invalid_client: nope)"))
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog))
    assert "invalid_client" in dialog.error_label.text()


def test_an_unexpected_error_is_logged_and_shown_plainly(qtbot, loop, logging_expected, caplog) -> None:
    auth = ScriptedAuth()
    dialog = _dialog(qtbot, auth, demo_users=USERS)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: auth.outcome is not None)
    auth.outcome.set_exception(KeyError("home_account_id"))
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog))
    assert dialog.error_label.text().startswith("Something went wrong inside Dossier Desk.")
    assert any(r.levelname == "ERROR" and r.exc_info for r in caplog.records)


def test_closing_the_dialog_cancels_the_sign_in(qtbot, loop) -> None:
    auth = ScriptedAuth()
    dialog = _dialog(qtbot, auth, demo_users=USERS)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: auth.cancel is not None)
    dialog.reject()
    assert auth.cancel.is_set()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_device_code_dialog_copy_and_cancel(qtbot, loop, qapp: QApplication) -> None:
    auth = ScriptedAuth()
    dialog = _dialog(qtbot, auth)
    dialog.device_button.click()
    qtbot.waitUntil(lambda: auth.cancel is not None)
    device = dialog.device_dialog
    assert device is not None
    assert device.isVisible()
    assert device.code_label.text() == "BCDF-GHJK"
    assert "https://idp.example/devicelogin" in device.instructions.text()
    assert device.expiry_label.text().startswith("The code expires in 1:")
    device.copy_button.click()
    assert qapp.clipboard().text() == "BCDF-GHJK"
    device.buttons.rejected.emit()  # the dialog's Cancel button
    assert auth.cancel.is_set()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.device_dialog is None
    assert dialog.error_label.text() == "Sign-in cancelled."


def test_device_code_expiry_is_shown(qtbot) -> None:
    device = DeviceCodeDialog()
    qtbot.addWidget(device)
    device.show_code(DeviceCodeInfo("BCDF-GHJK", "https://x/devicelogin", _in(-1), ""))
    assert device.expiry_label.text() == "The code has expired."
    with qtbot.waitSignal(device.cancelRequested, timeout=1000):
        device.reject()


def test_real_demo_sign_in_through_the_dialog(qtbot, loop, tmp_path: Path) -> None:
    """Real AuthSession, real MSAL loopback listener, the demo browser: the UI stays responsive."""
    with serve_oidc(tmp_path / "idp") as idp:
        session = AuthSession(auth_config(idp, tmp_path))
        dialog = SignInDialog(
            session,
            lambda user: DemoBrowser(user, ca_cert_path=idp.ca_cert_path),
            demo_users=USERS,
            timeout_s=30,
        )
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.user_list.setCurrentRow([u for u, _ in USERS].index("auditor@demo"))
        ticks: list[float] = []
        with qtbot.waitSignal(dialog.signedIn, timeout=20000) as signal:
            dialog.sign_in_button.click()
            while dialog.busy:  # the Qt thread keeps processing events during the whole sign-in
                qtbot.wait(20)
                ticks.append(loop.time())
        assert signal.args[0].username == "auditor@demo"
        assert len(ticks) > 5
        assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.5
        close = asyncio.ensure_future(session.aclose())
        qtbot.waitUntil(close.done, timeout=5000)
