"""The whole path on the real sandbox service: MSAL sign-in against its OIDC provider, then its API
accepts the token; a revoked refresh token means SignInRequired, not a broken API call."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from dossier_desk.auth import AuthConfig, AuthSession, DemoBrowser, SignInRequired
from dossier_sandbox import SandboxServer


def test_sign_in_and_call_the_api(sandbox_factory: Callable[..., SandboxServer], tmp_path: Path) -> None:
    sandbox = sandbox_factory(dossiers=5, token_lifetime_s=2)
    config = AuthConfig(
        client_id="dossier-desk",
        authority=sandbox.authority,
        cache_path=tmp_path / "tokens.bin",
        oidc=True,
        ca_cert_path=sandbox.ca_cert_path,
    )

    async def scenario() -> None:
        session = AuthSession(config)
        try:
            browser = DemoBrowser("caseworker@demo", ca_cert_path=sandbox.ca_cert_path)
            await session.sign_in_interactive(browser=browser, timeout=30)
            async with httpx.AsyncClient(trust_env=False) as client:
                headers = {"Authorization": f"Bearer {await session.get_token()}"}
                response = await client.get(
                    f"{sandbox.company_url}/dossiers", params={"$top": "1"}, headers=headers
                )
                assert response.status_code == 200, response.text
                assert len(response.json()["value"]) == 1
            sandbox.tokens.revoke_user("caseworker@demo")
            with pytest.raises(SignInRequired):
                await session.get_token()  # the 2 s token is refreshed on every silent call
        finally:
            await session.aclose()

    asyncio.run(scenario())
