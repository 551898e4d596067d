"""Device code sign-in through real MSAL against the sandbox OIDC provider's device endpoints."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import requests

from dossier_desk.auth import AuthSession, DeviceCodeInfo, SignInCancelled, SignInTimeout
from dossier_desk.auth.html_forms import parse_forms
from dossier_sandbox.oidc import OidcSettings
from tests.integration.auth_support import ShownCodes, auth_config
from tests.integration.oidc_server import OidcServer, serve_oidc


@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcServer]:
    with serve_oidc(
        tmp_path_factory.mktemp("idp"), settings=OidcSettings(device_poll_interval_s=1)
    ) as server:
        yield server


async def _enter_code(idp: OidcServer, info: DeviceCodeInfo, username: str | None) -> int:
    """Play the user on the other device: open the verification page, type the code, choose."""
    context = ssl.create_default_context(cafile=str(idp.ca_cert_path))
    async with httpx.AsyncClient(verify=context, trust_env=False, timeout=10) as client:
        page = await client.get(info.verification_uri)
        [form] = parse_forms(page.text, info.verification_uri)
        button = form.button("username", username) if username else form.button("decision", "deny")
        response = await client.post(form.action, data=form.submission(button, user_code=info.user_code))
        return response.status_code


def test_device_code_sign_in(idp: OidcServer, tmp_path: Path) -> None:
    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        shown = ShownCodes()
        try:
            sign_in = asyncio.create_task(session.sign_in_device_code(shown))
            info = await shown.first()
            assert info.verification_uri == f"{idp.authority}/devicelogin"
            assert info.user_code in info.message
            assert await _enter_code(idp, info, "occhealth@demo") == 200
            account = await asyncio.wait_for(sign_in, 10)
            assert account.username == "occhealth@demo"
            assert idp.tokens.validate(await session.get_token()).user.username == "occhealth@demo"
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_device_code_declined(idp: OidcServer, tmp_path: Path) -> None:
    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        shown = ShownCodes()
        try:
            sign_in = asyncio.create_task(session.sign_in_device_code(shown))
            await _enter_code(idp, await shown.first(), None)
            with pytest.raises(SignInCancelled):
                await asyncio.wait_for(sign_in, 10)
            assert await session.accounts() == []
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_device_code_cancel(idp: OidcServer, tmp_path: Path) -> None:
    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        shown = ShownCodes()
        cancel = asyncio.Event()
        try:
            sign_in = asyncio.create_task(session.sign_in_device_code(shown, cancel=cancel))
            await shown.first()
            started = time.monotonic()
            cancel.set()
            with pytest.raises(SignInCancelled):
                await sign_in
            assert time.monotonic() - started < 3  # MSAL looks at the flow at least once a second
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_device_code_expiry(idp: OidcServer, tmp_path: Path) -> None:
    idp.provider.settings.device_code_lifetime_s = 1

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        shown = ShownCodes()
        try:
            with pytest.raises(SignInTimeout):
                await asyncio.wait_for(session.sign_in_device_code(shown), 10)
            assert len(shown.infos) == 1
        finally:
            await session.aclose()

    try:
        asyncio.run(scenario())
    finally:
        idp.provider.settings.device_code_lifetime_s = 900


class _DropsOnePoll(requests.adapters.HTTPAdapter):
    """Transport that loses the connection of the first device code poll, as when the provider closes
    an idle keep-alive connection just as the next poll goes out (its poll interval equals the
    sandbox server's keep-alive time: with the app's own work on the CPU the two collide)."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0

    def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:  # type: ignore[override]
        body = request.body if isinstance(request.body, str) else (request.body or b"").decode()
        if not self.dropped and "device_code" in body and request.url.endswith("/token"):
            self.dropped += 1
            raise requests.ConnectionError("Connection aborted: the server closed the connection")
        return super().send(request, **kwargs)  # type: ignore[arg-type]


def test_device_code_survives_a_dropped_poll_connection(idp: OidcServer, tmp_path: Path) -> None:
    """The first attempt signs in although one poll lost its connection (a poll is safe to repeat)."""

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        transport = _DropsOnePoll()
        session._http.mount("https://", transport)
        shown = ShownCodes()
        try:
            sign_in = asyncio.create_task(session.sign_in_device_code(shown))
            info = await shown.first()
            assert await _enter_code(idp, info, "caseworker@demo") == 200
            account = await asyncio.wait_for(sign_in, 15)
            assert account.username == "caseworker@demo"
            assert transport.dropped == 1
        finally:
            await session.aclose()

    asyncio.run(scenario())
