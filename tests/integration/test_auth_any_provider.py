"""Sign-in with any standards-conformant provider, with real MSAL against the sandbox's provider:
accounts are identified by ``home_account_id`` and named from ``name``, ``preferred_username``,
``email`` or ``upn`` (whichever the ID token has); ``prompt=consent`` for providers that grant a
refresh token only then; sign-out ends the provider's session at its end-session endpoint."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier_desk.auth import AuthConfig, AuthSession, DemoBrowser, SignInRequired
from dossier_sandbox import SandboxServer
from dossier_sandbox.users import DEMO_USERS

USER = "occhealth@demo"


def _config(server: SandboxServer, directory: Path, **overrides: object) -> AuthConfig:
    return AuthConfig(
        client_id="dossier-desk",
        authority=server.authority,
        cache_path=directory / "tokens.bin",
        oidc=True,
        ca_cert_path=server.ca_cert_path,
        **overrides,  # type: ignore[arg-type]
    )


async def _sign_in(session: AuthSession, server: SandboxServer):
    browser = DemoBrowser(USER, ca_cert_path=server.ca_cert_path)
    return await session.sign_in_interactive(browser=browser, timeout=30)


@pytest.mark.parametrize(
    ("omitted", "shown"),
    [
        (("preferred_username",), DEMO_USERS[USER].display_name),
        (("preferred_username", "name"), DEMO_USERS[USER].email),
    ],
)
def test_sign_in_without_preferred_username(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path, omitted: tuple[str, ...], shown: str
) -> None:
    server = sandbox_factory(dossiers=3, id_token_omit_claims=omitted)

    async def scenario() -> None:
        session = AuthSession(_config(server, tmp_path))
        try:
            account = await _sign_in(session, server)
            assert account.home_account_id
            assert account.label == shown
            assert await session.get_token()
        finally:
            await session.aclose()
        again = AuthSession(_config(server, tmp_path))  # the next start: the account from the cache
        try:
            [cached] = await again.accounts()
            assert cached.home_account_id == account.home_account_id
            assert cached.label == shown
            assert await again.get_token()  # silent, for the only cached account
            assert again.current_account == account
        finally:
            await again.aclose()

    asyncio.run(scenario())


@pytest.mark.parametrize("consent", [False, True])
def test_refresh_token_only_with_consent(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path, consent: bool
) -> None:
    server = sandbox_factory(dossiers=3, refresh_requires_consent=True, token_lifetime_s=2)

    async def scenario() -> None:
        session = AuthSession(_config(server, tmp_path, prompt_consent=consent))
        try:
            await _sign_in(session, server)
            await asyncio.sleep(2.5)  # the access token has expired: only a refresh token helps now
            if consent:
                assert await session.get_token()
            else:
                with pytest.raises(SignInRequired):
                    await session.get_token()
        finally:
            await session.aclose()

    asyncio.run(scenario())


def test_sign_out_ends_the_provider_session(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    server = sandbox_factory(dossiers=3, id_token_omit_claims=("preferred_username",))

    async def scenario() -> None:
        session = AuthSession(_config(server, tmp_path))
        try:
            account = await _sign_in(session, server)
            assert server.end_session_calls == []
            await session.sign_out()
            assert session.current_account is None
            assert await session.accounts() == []
        finally:
            await session.aclose()
        return account

    account = asyncio.run(scenario())
    # The provider recorded the subject of the ID token sent as id_token_hint (the oid part of the id).
    assert server.end_session_calls == [account.home_account_id.split(".")[0]]
