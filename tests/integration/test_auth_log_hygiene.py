"""A whole sign-in session with every logger at DEBUG: no credential may appear in any log record."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dossier_desk.auth import AuthError, AuthSession
from dossier_desk.auth.html_forms import parse_forms
from dossier_sandbox.oidc import OidcSettings
from tests.integration.auth_support import NullBrowser, RecordingDemoBrowser, ShownCodes, auth_config
from tests.integration.oidc_server import OidcServer, serve_oidc

_LOUD = ("", "msal", "msal_extensions", "urllib3", "requests", "httpx", "httpcore", "asyncio", "dossier_desk")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def capture() -> Iterator[_Capture]:
    handler = _Capture()
    saved = {name: logging.getLogger(name).level for name in _LOUD}
    for name in _LOUD:
        logging.getLogger(name).setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcServer]:
    with serve_oidc(
        tmp_path_factory.mktemp("idp"), settings=OidcSettings(device_poll_interval_s=1)
    ) as server:
        yield server


def _recording(secrets: set[str], fn: Callable[..., Any], pick: Callable[[Any], str]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        value = fn(*args, **kwargs)
        secrets.add(pick(value))
        return value

    return wrapper


def test_no_credential_reaches_the_logs(
    idp: OidcServer, tmp_path: Path, capture: _Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets: set[str] = set()
    monkeypatch.setattr(
        idp.tokens, "issue_access_token", _recording(secrets, idp.tokens.issue_access_token, str)
    )
    monkeypatch.setattr(
        idp.tokens, "issue_refresh_token", _recording(secrets, idp.tokens.issue_refresh_token, str)
    )
    monkeypatch.setattr(idp.provider, "_id_token", _recording(secrets, idp.provider._id_token, str))
    browsers = [
        RecordingDemoBrowser(u, ca_cert_path=idp.ca_cert_path) for u in ("caseworker@demo", "auditor@demo")
    ]
    messages: list[str] = []

    async def device_sign_in(session: AuthSession) -> None:
        shown = ShownCodes()
        task = asyncio.create_task(session.sign_in_device_code(shown))
        info = await shown.first()
        secrets.update(idp.provider._state.devices)  # the pending device codes
        context = ssl.create_default_context(cafile=str(idp.ca_cert_path))
        async with httpx.AsyncClient(verify=context, trust_env=False) as client:
            [form] = parse_forms((await client.get(info.verification_uri)).text, info.verification_uri)
            data = form.submission(form.button("username", "occhealth@demo"), user_code=info.user_code)
            await client.post(form.action, data=data)
        await task

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            await session.sign_in_interactive(browser=browsers[0], timeout=30)
            await session.get_token()
            await session.get_token(force_refresh=True)
            idp.tokens.revoke_user("caseworker@demo")
            try:
                await session.get_token(force_refresh=True)
            except AuthError as exc:
                messages.append(str(exc))
            await session.sign_in_interactive(browser=browsers[1], login_hint="auditor@demo", timeout=30)
            await session.get_token(force_refresh=True)
            await device_sign_in(session)
            await session.get_token()
            try:
                await session.sign_in_interactive(browser=NullBrowser(), timeout=0.3)
            except AuthError as exc:
                messages.append(str(exc))
            for account in await session.accounts():
                await session.sign_out(account)
        finally:
            await session.aclose()

    asyncio.run(scenario())
    for browser in browsers:
        assert browser.codes, "the demo browser carried no authorization code"
        secrets.update(browser.codes)
    assert len(secrets) >= 10
    text = "\n".join(capture.lines + messages)
    assert "Got auth response" in text, "MSAL's DEBUG records were not captured"
    assert "POST /sandbox/oauth2/v2.0/token" in text, "urllib3's DEBUG records were not captured"
    leaked = sorted(s[:12] + "..." for s in secrets if s in text)
    # where they came from: level and logger name (or the message's first word), never the secret
    sources = {" ".join(line.split(" ")[:2]) for line in text.splitlines() if any(x in line for x in secrets)}
    assert not leaked, f"credentials found in the logs: {leaked} from {sorted(sources)}"
