"""The start-up sequence on the qasync loop: environment, sign-in, company, workspace, run, shut down.

Blocking steps (starting the demo sandbox, MSAL, opening the cache) run in executors; the window
never waits on the network. ``--smoke`` runs the same sequence and exits 0 once the table has painted
with data, which is what the packaging checks need to know.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QApplication, QMessageBox

from dossier_desk.api import DossierApi
from dossier_desk.api.profile import ApiProfile
from dossier_desk.auth import (
    AuthSession,
    SignInCancelled,
)
from dossier_desk.config import Profile, ProfileError, ProfileStore, config_dir
from dossier_desk.demo import DEMO_CASE_MANAGER_CODES, DEMO_PROFILE_NAME, demo_profile, start_demo_sandbox
from dossier_desk.store import CacheUnreadableError, SchemaTooNewError
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.errors import MessageBridge, is_environment_error, user_message
from dossier_desk.ui.plain_text import plain_message_box
from dossier_desk.ui.rights_state import RightsState
from dossier_desk.ui.sign_in_flow import SignInAgainPrompt, auth_config_for, sign_in
from dossier_desk.ui.sign_out import confirm_sign_out, sign_out_and_wipe
from dossier_desk.ui.workspace import Workspace, open_workspace, profile_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartupOptions:
    demo: bool
    demo_user: str | None
    dossiers: int
    profile_name: str | None
    smoke: bool


def api_profile_for(profile: Profile) -> ApiProfile:
    verify: bool | Path = Path(profile.ca_cert_path) if profile.ca_cert_path else True
    return ApiProfile(profile.api_root, profile.company_id, verify, profile.companies_url)


async def choose_company(api: DossierApi, profile: Profile) -> Profile:
    """The profile's company, or the first one the environment lists (a chooser comes with profiles UI)."""
    if profile.company_id:
        return profile
    companies = await api.list_companies()
    if not companies:
        raise RuntimeError("This Business Central environment has no companies you can open.")
    return profile.with_company(companies[0].id)


async def run_app(app: QApplication, options: StartupOptions, messages: MessageBridge) -> int:
    """Run one session of the app; returns the process exit code.

    A failure before the window exists (profile unknown, cache unreadable, sign-in service down with no
    cached account...) is shown in a dialog before the app leaves, never lost in a log.
    """
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, context: _background_failure(messages, context))
    try:
        return await _run(app, options, messages)
    except SignInCancelled:
        log.info("sign-in cancelled; quitting")
        return 0
    except Exception as exc:
        await _show_startup_error(exc, messages)
        return 1


async def _run(app: QApplication, options: StartupOptions, messages: MessageBridge) -> int:
    async with contextlib.AsyncExitStack() as stack:
        loop = asyncio.get_running_loop()
        profile_name = DEMO_PROFILE_NAME if options.demo else (options.profile_name or "")
        stack.enter_context(_single_instance(profile_name))
        if options.demo:
            sandbox = await loop.run_in_executor(None, start_demo_sandbox, options.dossiers)
            stack.callback(sandbox.stop)
            profile = await loop.run_in_executor(None, demo_profile, sandbox)
        else:
            profile = ProfileStore().get(profile_name)
        auth = AuthSession(auth_config_for(profile))
        stack.push_async_callback(auth.aclose)
        token = await sign_in(auth, profile, options.demo_user)
        bridge = SyncBridge()

        def new_api(for_profile: Profile) -> DossierApi:
            return DossierApi(
                api_profile_for(for_profile),
                auth,
                on_rate_limit=lambda info: bridge.rate_limit_changed(info.remaining),
            )

        if not profile.company_id:
            async with new_api(profile) as discovery:
                profile = await choose_company(discovery, profile)
        api = new_api(profile)
        stack.push_async_callback(api.aclose)
        accounts = [auth.current_account] if auth.current_account else await auth.accounts()
        username = accounts[0].username if accounts else ""
        if profile.demo and not profile.case_manager_code:
            profile = replace(profile, case_manager_code=DEMO_CASE_MANAGER_CODES.get(username, ""))
        rights = RightsState(
            token, username, profile_settings(profile), profile_role=profile.extra.get("role", "")
        )
        workspace = await open_workspace(profile, api, bridge, username, rights, messages)
        stack.push_async_callback(workspace.aclose)
        stack.callback(workspace.window.deleteLater)
        stack.callback(workspace.window.close)  # first on the way out: layout saved, then the cache closes
        prompt = SignInAgainPrompt(auth, profile, workspace.window, workspace.engine.request_sync)
        bridge.syncFinished.connect(prompt.on_sync_finished)
        workspace.window.show()
        workspace.start_sync()
        if options.smoke:
            return await _smoke(workspace)
        if await _until_closed_or_signed_out(workspace) == "sign-out":
            await workspace.aclose()
            await sign_out_and_wipe(auth, profile)
            workspace.window.close()
    return 0


async def _until_closed_or_signed_out(workspace: Workspace) -> str:
    """Wait for the main window to close ("closed") or a confirmed sign-out ("sign-out")."""
    ended: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    workspace.window.closed.connect(lambda: ended.done() or ended.set_result("closed"))

    async def request_sign_out() -> None:
        unsent = len(workspace.store.outbox_items())
        if await confirm_sign_out(workspace.window, unsent) and not ended.done():
            ended.set_result("sign-out")

    workspace.window.signOutRequested.connect(lambda: workspace.spawn(request_sign_out()))
    return await ended


@contextlib.contextmanager
def _single_instance(profile_name: str) -> Iterator[None]:
    """One running app per profile: two would push the same outbox items twice."""
    lock = QLockFile(str(config_dir() / f"{_safe_file_name(profile_name)}.lock"))
    lock.setStaleLockTime(0)  # a crashed instance's lock is taken over (its PID is gone)
    if not lock.tryLock(200):
        raise AlreadyRunningError(
            QCoreApplication.translate(
                "Startup", "Dossier Desk is already open for the profile “%1”."
            ).replace("%1", profile_name)
        )
    try:
        yield
    finally:
        lock.unlock()


def _safe_file_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "profile"


class AlreadyRunningError(RuntimeError):
    """Another Dossier Desk process holds this profile."""


# Start-up failures whose message is written for the user.
_SHOWABLE = (AlreadyRunningError, ProfileError, CacheUnreadableError, SchemaTooNewError)


async def _show_startup_error(exc: Exception, messages: MessageBridge) -> None:
    if isinstance(exc, _SHOWABLE):
        log.info("start-up stopped: %s", type(exc).__name__)
        text = str(exc)
    else:
        text = user_message(exc)
        if is_environment_error(exc):
            log.info("start-up stopped: %s", type(exc).__name__)
        else:
            log.error("start-up failed", exc_info=exc)
    if not messages.interactive:
        return
    title = QCoreApplication.translate("Startup", "Dossier Desk could not start")
    box = plain_message_box(
        QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close)
    )
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda _r: closed.done() or closed.set_result(None))
    box.open()
    await closed


def _background_failure(messages: MessageBridge, context: dict[str, Any]) -> None:
    """asyncio's handler for exceptions nobody retrieved (background tasks): tell the user once."""
    exc = context.get("exception")
    if isinstance(exc, Exception):
        messages.show_error(exc, context="background task")
    else:
        log.error("background task problem: %s", context.get("message", "unknown"))


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
