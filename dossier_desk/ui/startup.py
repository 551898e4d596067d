"""The start-up sequence on the qasync loop: environment, sign-in, company, workspace, run, shut down.

Blocking steps (starting the demo sandbox, MSAL, opening the cache) run in executors; the window
never waits on the network. ``--smoke`` runs the same sequence and exits 0 once the table has painted
with data, which is what the packaging checks need to know.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from dossier_desk.api import DossierApi
from dossier_desk.api.profile import ApiProfile
from dossier_desk.auth import (
    Account,
    AuthConfig,
    AuthSession,
    BrowserDriver,
    DemoBrowser,
    SignInCancelled,
    SignInRequired,
    SystemBrowser,
)
from dossier_desk.capabilities import capabilities_from_token
from dossier_desk.config import Profile, ProfileStore
from dossier_desk.demo import DEMO_USER_CHOICES, demo_profile, start_demo_sandbox
from dossier_desk.store import profile_root
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.workspace import Workspace, open_workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartupOptions:
    demo: bool
    demo_user: str | None
    dossiers: int
    profile_name: str | None
    smoke: bool


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


def api_profile_for(profile: Profile) -> ApiProfile:
    verify: bool | Path = Path(profile.ca_cert_path) if profile.ca_cert_path else True
    return ApiProfile(profile.api_root, profile.company_id, verify, profile.companies_url)


async def sign_in(auth: AuthSession, profile: Profile, options: StartupOptions) -> str:
    """Silent first; otherwise the sign-in dialog (or, for ``--demo-user``, the scripted demo browser).

    Returns an access token; raises ``SignInCancelled`` when the user closes the dialog.
    """
    with contextlib.suppress(SignInRequired):
        return await auth.get_token()
    if profile.demo and options.demo_user:
        browser = DemoBrowser(options.demo_user, ca_cert_path=auth.config.ca_cert_path)
        await auth.sign_in_interactive(browser=browser, login_hint=options.demo_user, timeout=60)
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


async def choose_company(api: DossierApi, profile: Profile) -> Profile:
    """The profile's company, or the first one the environment lists (a chooser comes with profiles UI)."""
    if profile.company_id:
        return profile
    companies = await api.list_companies()
    if not companies:
        raise RuntimeError("This Business Central environment has no companies you can open.")
    return profile.with_company(companies[0].id)


async def run_app(app: QApplication, options: StartupOptions, messages: MessageBridge) -> int:
    """Run one session of the app; returns the process exit code."""
    async with contextlib.AsyncExitStack() as stack:
        loop = asyncio.get_running_loop()
        if options.demo:
            sandbox = await loop.run_in_executor(None, start_demo_sandbox, options.dossiers)
            stack.callback(sandbox.stop)
            profile = demo_profile(sandbox)
        else:
            profile = ProfileStore().get(options.profile_name or "")
        auth = AuthSession(auth_config_for(profile))
        stack.push_async_callback(auth.aclose)
        try:
            token = await sign_in(auth, profile, options)
        except SignInCancelled:
            log.info("sign-in cancelled; quitting")
            return 0
        bridge = SyncBridge()

        def new_api(for_profile: Profile) -> DossierApi:
            return DossierApi(
                api_profile_for(for_profile),
                auth,
                on_rate_limit=lambda info: bridge.rate_limit_changed(info.remaining),
            )

        api = new_api(profile)
        profile = await choose_company(api, profile)
        if profile.company_id != api.profile.company_id:
            await api.aclose()
            api = new_api(profile)
        account = auth.current_account
        workspace = await open_workspace(
            profile,
            api,
            bridge,
            account.username if account else "",
            capabilities_from_token(token),
            messages,
        )
        stack.push_async_callback(workspace.aclose)
        workspace.window.show()
        workspace.start_sync()
        if options.smoke:
            return await _smoke(workspace)
        closed = loop.create_future()
        app.lastWindowClosed.connect(lambda: closed.done() or closed.set_result(None))
        await closed
    return 0


async def _smoke(workspace: Workspace, timeout_s: float = 60.0) -> int:
    """Wait until the first sync has filled the table and it has painted; 0 on success."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while workspace.window.model.rowCount() == 0:
        if asyncio.get_running_loop().time() > deadline:
            log.error("smoke: no dossiers arrived within %.0f s", timeout_s)
            return 1
        await asyncio.sleep(0.05)
    workspace.window.table.viewport().repaint()
    log.info("smoke: %d dossiers shown", workspace.window.model.rowCount())
    return 0
