"""Interactive sign-in, silent reuse and refresh, revocation and sign-out: real MSAL, real https,
MSAL's real loopback listener, the sandbox OIDC provider, the demo browser driving its pages."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import msal
import pytest

from dossier_desk.auth import (
    AuthSession,
    DemoBrowser,
    SignInCancelled,
    SignInFailed,
    SignInRequired,
    SignInTimeout,
)
from dossier_desk.auth.cache import open_token_cache
from dossier_sandbox.tokens import InvalidTokenError
from tests.integration.auth_support import NullBrowser, auth_config
from tests.integration.oidc_server import OidcServer, serve_oidc


@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcServer]:
    with serve_oidc(tmp_path_factory.mktemp("idp")) as server:
        yield server


@pytest.fixture
def short_lived(idp: OidcServer) -> Iterator[OidcServer]:
    """Access tokens that live 2 s (MSAL refreshes anything under 5 minutes on every silent call)."""
    idp.tokens.access_lifetime_s = 2
    yield idp
    idp.tokens.access_lifetime_s = 3600


def _demo(idp: OidcServer, username: str | None) -> DemoBrowser:
    return DemoBrowser(username, ca_cert_path=idp.ca_cert_path)


def _listener_port(url: str) -> int:
    redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
    port = urlsplit(redirect).port
    assert port is not None
    return port


def _is_listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_interactive_sign_in_then_silent_reuse(idp: OidcServer, tmp_path: Path) -> None:
    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            with pytest.raises(SignInRequired):
                await session.get_token()
            account = await session.sign_in_interactive(browser=_demo(idp, "caseworker@demo"), timeout=30)
            assert account.username == "caseworker@demo"
            assert session.current_account == account
            token = await session.get_token()
            assert idp.tokens.validate(token).user.username == "caseworker@demo"
            assert await session.get_token() == token  # reused, no new request
            assert await session.accounts() == [account]
        finally:
            await session.aclose()
        restarted = AuthSession(auth_config(idp, tmp_path))  # a new app start on the same cache
        try:
            assert await restarted.get_token() == token
            assert restarted.current_account == account
        finally:
            await restarted.aclose()

    asyncio.run(scenario())


def test_login_hint_signs_in_without_the_chooser(idp: OidcServer, tmp_path: Path) -> None:
    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            # The browser would pick another user on a chooser; the hint must skip the chooser.
            account = await session.sign_in_interactive(
                browser=_demo(idp, "caseworker@demo"), login_hint="occhealth@demo", timeout=30
            )
            assert account.username == "occhealth@demo"
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_declining_on_the_chooser_cancels(idp: OidcServer, tmp_path: Path) -> None:
    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            with pytest.raises(SignInCancelled) as caught:
                await session.sign_in_interactive(browser=_demo(idp, None), timeout=30)
            assert caught.value.code == "access_denied"
            assert await session.accounts() == []
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_silent_refresh_after_expiry(short_lived: OidcServer, tmp_path: Path) -> None:
    idp = short_lived

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            await session.sign_in_interactive(browser=_demo(idp, "auditor@demo"), timeout=30)
            first = await session.get_token()
            await asyncio.sleep(2.2)
            with pytest.raises(InvalidTokenError):
                idp.tokens.validate(first)
            second = await session.get_token()
            assert second != first
            assert idp.tokens.validate(second).user.username == "auditor@demo"
            forced = await session.get_token(force_refresh=True)
            assert idp.tokens.validate(forced).user.username == "auditor@demo"
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_concurrent_refreshes_share_one_refresh_token(
    short_lived: OidcServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    idp = short_lived
    redeemed: list[str] = []
    real_redeem = idp.tokens.redeem_refresh_token

    def counting_redeem(token: str, *, client_id: str):
        redeemed.append(client_id)
        return real_redeem(token, client_id=client_id)

    monkeypatch.setattr(idp.tokens, "redeem_refresh_token", counting_redeem)

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            await session.sign_in_interactive(browser=_demo(idp, "caseworker@demo"), timeout=30)
            # A burst of 401s: every caller forces a refresh. Refresh tokens rotate, so racing
            # refreshes would burn each other's token; one refresh must serve them all.
            tokens = await asyncio.gather(*(session.get_token(force_refresh=True) for _ in range(5)))
            assert len(redeemed) == 1
            assert len(set(tokens)) == 1
            assert idp.tokens.validate(tokens[0]).user.username == "caseworker@demo"
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_revoked_refresh_token_requires_sign_in_again(short_lived: OidcServer, tmp_path: Path) -> None:
    idp = short_lived

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            account = await session.sign_in_interactive(browser=_demo(idp, "linemanager@demo"), timeout=30)
            assert idp.tokens.revoke_user("linemanager@demo") >= 1
            with pytest.raises(SignInRequired) as caught:
                await session.get_token(force_refresh=True)
            assert caught.value.code == "invalid_grant"
            assert await session.accounts() == [account]  # nothing is thrown away
            again = await session.sign_in_interactive(
                browser=_demo(idp, "linemanager@demo"), login_hint=account.username, timeout=30
            )
            assert again == account
            assert idp.tokens.validate(await session.get_token()).user.username == "linemanager@demo"
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_sign_out_removes_the_account_and_its_tokens(idp: OidcServer, tmp_path: Path) -> None:
    config = auth_config(idp, tmp_path)

    async def scenario() -> None:
        session = AuthSession(config)
        try:
            kept = await session.sign_in_interactive(
                browser=_demo(idp, "auditor@demo"), login_hint="auditor@demo", timeout=30
            )
            gone = await session.sign_in_interactive(
                browser=_demo(idp, "caseworker@demo"), login_hint="caseworker@demo", timeout=30
            )
            assert {a.username for a in await session.accounts()} == {"auditor@demo", "caseworker@demo"}
            await session.sign_out(gone)
            assert session.current_account is None
            assert await session.accounts() == [kept]
            with pytest.raises(SignInRequired):
                await session.get_token()  # the current account was signed out: no silent switch
            stored = open_token_cache(config.cache_path).cache  # what is on disk now
            assert {a["username"] for a in stored.search(msal.TokenCache.CredentialType.ACCOUNT)} == {
                "auditor@demo"
            }
            for kind in (
                msal.TokenCache.CredentialType.REFRESH_TOKEN,
                msal.TokenCache.CredentialType.ACCESS_TOKEN,
            ):
                owners = {e["home_account_id"] for e in stored.search(kind)}
                assert owners == {kept.home_account_id}
            await session.select_account(kept)
            assert idp.tokens.validate(await session.get_token()).user.username == "auditor@demo"
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_timeout_stops_the_listener(idp: OidcServer, tmp_path: Path) -> None:
    browser = NullBrowser()

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            started = time.monotonic()
            with pytest.raises(SignInTimeout):
                await session.sign_in_interactive(browser=browser, timeout=0.5)
            assert time.monotonic() - started < 5
            assert not _is_listening(_listener_port(browser.urls[0]))
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_cancel_event_stops_a_waiting_sign_in(idp: OidcServer, tmp_path: Path) -> None:
    browser = NullBrowser()

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        cancel = asyncio.Event()
        try:
            task = asyncio.create_task(
                session.sign_in_interactive(browser=browser, timeout=60, cancel=cancel)
            )
            assert await asyncio.to_thread(browser.opened.wait, 10)
            started = time.monotonic()
            cancel.set()
            with pytest.raises(SignInCancelled):
                await task
            assert time.monotonic() - started < 3
            assert not _is_listening(_listener_port(browser.urls[0]))
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_cancel_before_the_browser_opens(idp: OidcServer, tmp_path: Path) -> None:
    browser = NullBrowser()

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        cancel = asyncio.Event()
        cancel.set()
        try:
            with pytest.raises(SignInCancelled):
                await session.sign_in_interactive(browser=browser, timeout=60, cancel=cancel)
        finally:
            await session.aclose()

    asyncio.run(scenario())
    assert browser.urls == []


def test_cancelling_the_task_aborts_the_sign_in(idp: OidcServer, tmp_path: Path) -> None:
    browser = NullBrowser()

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            task = asyncio.create_task(session.sign_in_interactive(browser=browser, timeout=60))
            assert await asyncio.to_thread(browser.opened.wait, 10)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
        finally:
            await session.aclose()  # waits for the MSAL worker: it must end promptly

    started = time.monotonic()
    asyncio.run(scenario())
    assert time.monotonic() - started < 5
    assert not _is_listening(_listener_port(browser.urls[0]))


def test_unreachable_provider_is_a_network_error_not_a_sign_in(idp: OidcServer, tmp_path: Path) -> None:
    from dossier_desk.auth import AuthConfig, AuthNetworkError

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = AuthConfig(
        client_id="dossier-desk",
        authority=f"https://127.0.0.1:{port}/sandbox",
        cache_path=tmp_path / "cache.bin",
        oidc=True,
        ca_cert_path=idp.ca_cert_path,
        http_timeout_s=2,
    )

    async def scenario() -> None:
        session = AuthSession(config)
        try:
            with pytest.raises(AuthNetworkError):
                await session.sign_in_interactive(browser=NullBrowser(), timeout=5)
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_a_broken_demo_page_fails_fast_instead_of_hanging(
    idp: OidcServer, tmp_path: Path, logging_expected: None
) -> None:
    browser = DemoBrowser("nobody@demo", ca_cert_path=idp.ca_cert_path)  # not on the chooser

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            started = time.monotonic()
            with pytest.raises(SignInFailed) as caught:
                await session.sign_in_interactive(browser=browser, timeout=60)
            assert caught.value.code == "server_error"
            assert time.monotonic() - started < 10
        finally:
            await session.aclose()

    asyncio.run(scenario())
    assert browser.error is not None
    assert "nobody@demo" in browser.error


def test_closing_the_session_stops_a_pending_sign_in(idp: OidcServer, tmp_path: Path) -> None:
    browser = NullBrowser()

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        task = asyncio.create_task(session.sign_in_interactive(browser=browser, timeout=120))
        assert await asyncio.to_thread(browser.opened.wait, 10)
        started = time.monotonic()
        await session.aclose()  # app shutdown while the browser page is still open
        with pytest.raises(SignInCancelled):
            await task
        assert time.monotonic() - started < 5

    asyncio.run(scenario())
    assert not _is_listening(_listener_port(browser.urls[0]))
