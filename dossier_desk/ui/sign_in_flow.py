"""Signing in at start-up: silent first, then the sign-in dialog (or the scripted demo browser).

Offline start: when the identity provider cannot be reached but the token cache holds an account, the
app opens on its offline cache; requests then fail as "offline" and the outbox keeps every edit until
the network (and with it a token refresh) is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from dossier_desk.auth import (
    Account,
    AuthConfig,
    AuthNetworkError,
    AuthSession,
    BrowserDriver,
    DemoBrowser,
    SignInCancelled,
    SignInRequired,
    SystemBrowser,
)
from dossier_desk.config import Profile
from dossier_desk.demo import DEMO_USER_CHOICES
from dossier_desk.store import profile_root
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog

log = logging.getLogger(__name__)


def auth_config_for(profile: Profile) -> AuthConfig:
    """MSAL settings of a profile; the token cache sits in the profile's private data directory."""
    root = profile_root(profile.name)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return AuthConfig(
        client_id=profile.client_id,
        authority=profile.authority,
        cache_path=root / "token_cache.bin",
        scopes=profile.scopes,
        oidc=profile.oidc_authority,
        ca_cert_path=Path(profile.ca_cert_path) if profile.ca_cert_path else None,
        enable_broker=not profile.demo,
        instance_discovery=not profile.oidc_authority,
    )


async def sign_in(auth: AuthSession, profile: Profile, demo_user: str | None) -> str:
    """Silent first; otherwise the sign-in dialog (or, for ``--demo-user``, the scripted demo browser).

    Returns an access token ("" when starting offline on a cached account); raises
    ``SignInCancelled`` when the user closes the dialog.
    """
    with contextlib.suppress(SignInRequired):
        try:
            return await auth.get_token()
        except AuthNetworkError:
            if not await auth.accounts():
                raise
            log.info("sign-in service unreachable; opening the offline cache")
            return ""
    if profile.demo and demo_user:
        browser = DemoBrowser(demo_user, ca_cert_path=auth.config.ca_cert_path)
        await auth.sign_in_interactive(browser=browser, login_hint=demo_user, timeout=60)
    else:
        await _sign_in_with_dialog(auth, profile)
    return await auth.get_token()


async def _sign_in_with_dialog(auth: AuthSession, profile: Profile) -> Account:
    def browser_for(username: str | None) -> BrowserDriver:
        if profile.demo:
            return DemoBrowser(username, ca_cert_path=auth.config.ca_cert_path)
        return SystemBrowser()

    dialog = SignInDialog(
        auth,
        browser_for,
        demo_users=DEMO_USER_CHOICES if profile.demo else (),
        cache_encrypted=auth.cache_encrypted,
    )
    signed_in: asyncio.Future[Account] = asyncio.get_running_loop().create_future()
    dialog.signedIn.connect(lambda account: signed_in.done() or signed_in.set_result(account))
    dialog.rejected.connect(
        lambda: signed_in.done() or signed_in.set_exception(SignInCancelled("The sign-in was cancelled."))
    )
    dialog.open()  # never exec() inside a coroutine (FACTS.md, qasync)
    try:
        return await signed_in
    finally:
        dialog.deleteLater()
