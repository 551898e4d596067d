"""Mid-session sign-in: a refused session opens the sign-in dialog once; signing in triggers a sync."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from dossier_desk.api.errors import AuthenticationError, NetworkError
from dossier_desk.auth import AuthSession
from dossier_desk.demo import demo_profile
from dossier_desk.ui.sign_in_flow import SignInAgainPrompt, auth_config_for

pytestmark = pytest.mark.slow


def test_refused_session_asks_once_and_syncs_after_sign_in(qtbot, loop, sandbox_factory) -> None:
    server = sandbox_factory()
    profile = demo_profile(server)
    auth = AuthSession(auth_config_for(profile))
    syncs: list[bool] = []
    prompt = SignInAgainPrompt(auth, profile, None, lambda: syncs.append(True))

    prompt.on_sync_finished(datetime.now(UTC), NetworkError("offline"))
    assert prompt.dialog is None, "being offline is not a reason to sign in again"

    prompt.on_sync_finished(datetime.now(UTC), AuthenticationError(status=401))
    dialog = prompt.dialog
    assert dialog is not None
    prompt.on_sync_finished(datetime.now(UTC), AuthenticationError(status=401))
    assert prompt.dialog is dialog, "one dialog, however many sync passes fail"

    dialog.start_browser_sign_in()  # the first demo user: the caseworker
    qtbot.waitUntil(lambda: bool(syncs), timeout=30_000)
    qtbot.waitUntil(lambda: prompt.dialog is None, timeout=5_000)
    assert auth.current_account is not None
    assert auth.current_account.username == "caseworker@demo"
    closing = asyncio.ensure_future(auth.aclose())
    qtbot.waitUntil(closing.done, timeout=10_000)
