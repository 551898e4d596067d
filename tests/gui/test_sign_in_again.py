"""Mid-session sign-in: a refused session opens the sign-in dialog once; signing in triggers a sync."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from dossier_desk.api.errors import AuthenticationError, NetworkError
from dossier_desk.auth import AuthSession
from dossier_desk.demo import DEMO_USER_CHOICES, demo_profile
from dossier_desk.domain.rights import FROM_TOKEN, Rights
from dossier_desk.ui.rights_state import RightsState
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


def test_rights_follow_the_token_of_signing_in_again(qtbot, loop, sandbox_factory) -> None:
    """Started on a token without roles (default rights: may write), the user signs in again as the
    auditor: the new token's role makes the window read-only before the sync runs."""
    server = sandbox_factory()
    profile = demo_profile(server)
    auth = AuthSession(auth_config_for(profile))
    rights = RightsState("", "account-1")
    changes: list[Rights] = []
    rights.changed.connect(changes.append)
    syncs: list[bool] = []
    prompt = SignInAgainPrompt(
        auth, profile, None, lambda: syncs.append(rights.can_write), on_token=rights.set_token
    )
    assert rights.can_write

    dialog = prompt.ask()
    dialog.user_list.setCurrentRow([u for u, _ in DEMO_USER_CHOICES].index("auditor@demo"))
    dialog.start_browser_sign_in()
    qtbot.waitUntil(lambda: bool(syncs), timeout=30_000)
    assert syncs == [False], "the rights changed before the sync that follows the sign-in"
    assert not rights.can_write
    assert rights.rights.role == "auditor"
    assert rights.rights.source == FROM_TOKEN
    assert [r.can_write for r in changes] == [False]
    closing = asyncio.ensure_future(auth.aclose())
    qtbot.waitUntil(closing.done, timeout=10_000)
