"""The device code sign-in through the real dialog, real MSAL and the sandbox provider: the very
first attempt of a fresh session signs the user in, also when a poll's connection is lost (the
provider closing an idle keep-alive connection as the next poll goes out: it failed the first
attempt in the demo under a real X server)."""

from __future__ import annotations

import asyncio
import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from dossier_desk.auth import AuthSession, DeviceCodeInfo
from dossier_desk.auth.html_forms import parse_forms
from dossier_desk.ui.dialogs.device_code_dialog import DeviceCodeDialog
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from tests.integration.auth_support import NullBrowser, auth_config
from tests.integration.oidc_server import OidcServer, serve_oidc
from tests.integration.test_auth_device_code import _DropsOnePoll

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


async def _enter_code(idp: OidcServer, info: DeviceCodeInfo, username: str) -> int:
    """The user on the other device: open the verification page, type the code, choose a user."""
    context = ssl.create_default_context(cafile=str(idp.ca_cert_path))
    async with httpx.AsyncClient(verify=context, trust_env=False, timeout=10) as client:
        page = await client.get(info.verification_uri)
        [form] = parse_forms(page.text, info.verification_uri)
        button = form.button("username", username)
        response = await client.post(form.action, data=form.submission(button, user_code=info.user_code))
        return response.status_code


def test_first_device_code_attempt_signs_in(qtbot, loop, tmp_path: Path) -> None:
    with serve_oidc(tmp_path / "idp") as idp:
        session = AuthSession(auth_config(idp, tmp_path))
        transport = _DropsOnePoll()
        session._http.mount("https://", transport)
        dialog = SignInDialog(session, lambda _user: NullBrowser(), timeout_s=30)
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.device_button.click()
        device = dialog.device_dialog
        assert device is not None
        qtbot.waitUntil(lambda: device.info is not None, timeout=10000)
        info = device.info
        assert info is not None
        assert device.code_label.text() == info.user_code
        assert device.instructions.text().startswith("On this computer")  # the sandbox is on loopback
        with qtbot.waitSignal(dialog.signedIn, timeout=20000) as signal:
            entered = asyncio.ensure_future(_enter_code(idp, info, "caseworker@demo"))
            qtbot.waitUntil(entered.done, timeout=10000)
            assert entered.result() == 200
        assert signal.args[0].username == "caseworker@demo"
        assert not dialog.error_label.isVisibleTo(dialog)
        assert transport.dropped == 1
        close = asyncio.ensure_future(session.aclose())
        qtbot.waitUntil(close.done, timeout=5000)


def _centre_offset(dialog: QWidget, anchor: QRect) -> int:
    centre = dialog.frameGeometry().center()
    return max(abs(centre.x() - anchor.center().x()), abs(centre.y() - anchor.center().y()))


def test_device_code_dialog_stays_centred_when_the_code_arrives(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setGeometry(200, 150, 900, 700)
    parent.show()
    qtbot.waitExposed(parent)
    device = DeviceCodeDialog(parent)
    device.open()
    qtbot.waitExposed(device)
    url = "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicelogin-" + "x" * 40
    device.show_code(DeviceCodeInfo("BCDF-GHJK", url, datetime.now(UTC) + timedelta(minutes=5), ""))
    qtbot.wait(50)  # the layout grows the dialog for the longer text
    assert device.code_label.width() >= device.code_label.sizeHint().width()
    assert _centre_offset(device, parent.frameGeometry()) <= 2
    device.reject()

    alone = DeviceCodeDialog()  # no parent: centred on its screen
    qtbot.addWidget(alone)
    alone.open()
    qtbot.waitExposed(alone)
    alone.show_code(DeviceCodeInfo("BCDF-GHJK", url, datetime.now(UTC) + timedelta(minutes=5), ""))
    qtbot.wait(50)
    assert _centre_offset(alone, alone.screen().availableGeometry()) <= 2
    alone.reject()
