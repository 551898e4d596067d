"""Sign-in and the network: when the identity provider cannot be reached while a token needs refreshing,
the app must say "offline, your changes are kept" and retry, not "your sign-in expired" (which sends the
user to sign in again while the laptop simply has no network)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier_desk.api import ApiProfile, DossierApi, NetworkError, RequestTimeoutError
from dossier_desk.auth import AuthConfig, AuthSession, DemoBrowser
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import profile_paths
from dossier_desk.store.session import open_session
from dossier_sandbox import SandboxServer
from tests.fault.support import FAST, check_user_error
from tests.fault_summary import record
from tests.integration.store_support import Recorder

pytestmark = pytest.mark.usefixtures("logging_expected")


def test_unreachable_identity_provider_reads_as_offline(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    server = sandbox_factory(dossiers=20, token_lifetime_s=120)  # < 5 min: every call refreshes
    config = AuthConfig(
        client_id="dossier-desk",
        authority=server.authority,
        cache_path=tmp_path / "tokens.bin",
        oidc=True,
        ca_cert_path=server.ca_cert_path,
    )

    async def run() -> None:
        auth = AuthSession(config)
        api = DossierApi(
            ApiProfile(server.api_root, server.company_id), auth, max_retries=1, retry_policy=FAST, timeout=2
        )
        session = await open_session(profile_paths("auth-offline", server.company_id), api, Recorder())
        try:
            browser = DemoBrowser("caseworker@demo", ca_cert_path=server.ca_cert_path)
            await auth.sign_in_interactive(browser=browser, timeout=30)
            engine, store, outbox = session.engine, session.store, session.outbox
            assert await engine.sync_now() is None
            target = next(d for d in store.load_dossiers() if d.status in ("New", "Open", "In Process"))
            store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "kept offline"}).wait()
            await _stop_identity_provider(server)  # the sign-in service cannot be reached
            error = await engine.sync_now()
            assert len(outbox.items()) == 1  # the edit is kept either way
            check_user_error(error, NetworkError, RequestTimeoutError)
            assert engine.online is False
        finally:
            await api.aclose()
            await auth.aclose()
            await session.aclose()

    asyncio.run(run())
    record("scenarios")


async def _stop_identity_provider(server: SandboxServer) -> None:
    """Shut the sandbox's OIDC provider (its own uvicorn server) down; the API keeps running."""
    oidc = server._servers[1]
    oidc.should_exit = True
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while loop.time() < deadline:
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", server.https_port)
        except OSError:
            return  # refused: it is down
        writer.close()
        await writer.wait_closed()
        await asyncio.sleep(0.05)
    raise AssertionError("the identity provider did not stop")
