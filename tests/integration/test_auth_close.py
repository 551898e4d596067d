"""Quitting while the sign-in service is slow: closing the sign-in waits only a short grace for a token
refresh in flight, and the call it leaves behind runs on a daemon thread, so it cannot keep the closed
app's process (and its single-instance lock) alive until the HTTP timeout. When that call ends later, it
writes nothing: the token cache and its lock file are as the session left them."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path

import msal

from dossier_desk.auth import AuthSession, DemoBrowser, SignInRequired
from dossier_desk.auth.cache import open_token_cache
from dossier_desk.auth.call_threads import CLOSE_GRACE_S
from dossier_sandbox import SandboxServer
from tests.integration.auth_support import auth_config


def test_closing_leaves_a_held_refresh_behind_on_a_daemon_thread(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    server = sandbox_factory(dossiers=3)
    config = auth_config(server, tmp_path)  # type: ignore[arg-type]  # the sandbox serves OIDC too
    hold = server.oidc.settings.refresh_hold = threading.Event()

    async def scenario() -> tuple[float, list[threading.Thread]]:
        session = AuthSession(config)
        browser = DemoBrowser("caseworker@demo", ca_cert_path=server.ca_cert_path)
        await session.sign_in_interactive(browser=browser, timeout=30)
        refresh = asyncio.create_task(session.get_token(force_refresh=True))  # held by the service
        await asyncio.sleep(0.5)
        assert not refresh.done()
        held = [t for t in threading.enumerate() if t.name == "msal"]
        started = time.monotonic()
        await session.aclose()
        took = time.monotonic() - started
        refresh.cancel()
        return took, held

    try:
        took, held = asyncio.run(scenario())
        assert took < CLOSE_GRACE_S + 1.5, f"closing waited {took:.1f} s for the held refresh"
        assert held, "the refresh runs on a sign-in thread"
        assert all(t.daemon and t.is_alive() for t in held), "a left-behind call must not block the exit"
        saved = config.cache_path.read_bytes()
    finally:
        hold.set()
    for thread in held:
        thread.join(30)  # the refresh is answered now and the left-behind call ends
    assert config.cache_path.read_bytes() == saved, "a call left behind wrote the closed session's cache"
    assert not list(config.cache_path.parent.glob("*.lockfile")), "a lock file was left behind"


def test_a_refresh_on_the_wire_at_sign_out_keeps_none_of_its_tokens(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    """Signing out while a token refresh waits for the sign-in service: when the refresh returns, the
    signed-out account's tokens are neither written back to the cache nor handed to the caller."""
    server = sandbox_factory(dossiers=3)
    config = auth_config(server, tmp_path)  # type: ignore[arg-type]  # the sandbox serves OIDC too
    hold = server.oidc.settings.refresh_hold = threading.Event()

    async def scenario() -> tuple[BaseException | None, str]:
        session = AuthSession(config)
        try:
            browser = DemoBrowser("caseworker@demo", ca_cert_path=server.ca_cert_path)
            account = await session.sign_in_interactive(browser=browser, timeout=30)
            refresh = asyncio.create_task(session.get_token(force_refresh=True))  # held by the service
            await asyncio.sleep(0.5)
            assert not refresh.done()
            await session.sign_out(account, end_session=False)
            hold.set()  # the refresh now returns, after the sign-out
            outcome = (await asyncio.gather(refresh, return_exceptions=True))[0]
            return (outcome if isinstance(outcome, BaseException) else None), account.home_account_id
        finally:
            hold.set()
            await session.aclose()

    error, home_id = asyncio.run(scenario())
    assert isinstance(error, SignInRequired), "the signed-out account's token was handed out"
    stored = open_token_cache(config.cache_path).cache  # what is on disk now
    for kind in (
        msal.TokenCache.CredentialType.ACCOUNT,
        msal.TokenCache.CredentialType.REFRESH_TOKEN,
        msal.TokenCache.CredentialType.ACCESS_TOKEN,
    ):
        assert not [e for e in stored.search(kind) if e.get("home_account_id") == home_id], kind
