"""The start-up sequence on the qasync loop: start window, sign-in, company, workspace, run, shut down.

Without ``--demo``/``--profile`` the app opens the profile used last, or the start window when there
is none. A returning start (that profile, or the one ``--profile`` names, with an account remembered
for it) opens the account's workspace from its cache first and signs in behind the window
(:mod:`dossier_desk.ui.returning_start`); every other start signs in first. A session ends as its
:class:`SessionEnd` says: the window was closed (the app quits), the user signed out or asked to switch
profile or company (back to the start window), or the sign-in has the profile opened again. Blocking
steps (the demo sandbox, MSAL, opening the cache) run in executors; the window never waits on the
network. ``--smoke`` exits 0 once the table has painted with data (what packaging checks need to know).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QApplication, QMessageBox

from dossier_desk.api.deferred import DeferredApi
from dossier_desk.auth import SignInCancelled
from dossier_desk.config import Profile, ProfileError, ProfileStore, SignInSettings, config_dir
from dossier_desk.demo import (
    DEMO_AVAILABLE,
    DEMO_CASE_MANAGER_CODES,
    DEMO_PROFILE_NAME,
    DemoUnavailableError,
    demo_profile,
    start_demo_sandbox,
)
from dossier_desk.session_config import api_profile_for
from dossier_desk.store import CacheUnreadableError, SchemaTooNewError
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.errors import MessageBridge, is_environment_error, user_message
from dossier_desk.ui.plain_text import plain_message_box
from dossier_desk.ui.returning_start import (
    AccountTokens,
    AuthSlot,
    SessionEnd,
    SessionSignIn,
    remember,
    remembered_identity,
    signed_in_account,
)
from dossier_desk.ui.rights_state import RightsState
from dossier_desk.ui.session.choice import BrowserFactory, StartChoice
from dossier_desk.ui.sign_in_flow import sign_in
from dossier_desk.ui.sign_out import confirm_sign_out
from dossier_desk.ui.workspace import Workspace, open_workspace, profile_settings

if TYPE_CHECKING:
    from dossier_desk.api import DossierApi
    from dossier_desk.auth import TokenProvider

log = logging.getLogger(__name__)


# Set to 1 (packaging checks): when the start window is shown, log "smoke: start window" and exit 0.
SMOKE_START_ENV = "DOSSIER_DESK_SMOKE_START"


@dataclass(frozen=True)
class StartupOptions:
    """What the command line asked for. ``sign_in``, ``profiles`` and ``browser_factory`` replace the
    start window's defaults (Entra ID, the user's and site's profile files, the system browser)."""

    demo: bool
    demo_user: str | None
    dossiers: int
    profile_name: str | None
    smoke: bool
    # Called once a confirmed sign-out has finished (tokens removed, provider session ended, the
    # account's data wiped); run_app then shows the start window again.
    on_signed_out: Callable[[], None] | None = None
    log_file: Path | None = None  # emptied at sign-out
    sign_in: SignInSettings | None = None
    profiles: ProfileStore | None = None
    browser_factory: BrowserFactory | None = None


async def choose_company(api: DossierApi, profile: Profile) -> Profile:
    """The profile's company: its id, else the one named ``company_name`` (site profiles), else the
    only one; with several and no name, the first (the start window's "Other company" changes it)."""
    if profile.company_id:
        return profile
    companies = await api.list_companies()
    if not companies:
        raise ProfileError(
            QCoreApplication.translate(
                "Startup", "This Business Central environment has no companies you can open."
            )
        )
    if profile.company_name:
        wanted = profile.company_name.casefold()
        named = [c for c in companies if wanted in {c.name.casefold(), c.display_name.casefold()}]
        if not named:
            raise ProfileError(
                QCoreApplication.translate(
                    "Startup", "The company “%1” of the profile “%2” does not exist in its environment."
                )
                .replace("%1", profile.company_name)
                .replace("%2", profile.name)
            )
        companies = named
    return profile.with_company(companies[0].id, companies[0].display_name or companies[0].name)


async def run_app(app: QApplication, options: StartupOptions, messages: MessageBridge) -> int:
    """Run the app until the user quits; returns the process exit code.

    Sessions follow one another: the start window (or the profile the command line / last start
    named), then that profile's main window; signing out or "Switch profile or company" comes back
    to the start window. A failure before a main window exists (profile unknown, cache unreadable,
    sign-in service down with no cached account...) is shown in a dialog, never lost in a log; when
    the app was started on a profile the command line named, it then exits 1, else the start window
    comes back.
    """
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, context: _background_failure(messages, context))
    store = options.profiles or ProfileStore()
    named = options.demo or bool(options.profile_name)
    try:
        choice = _first_choice(options, store)
    except ProfileError as exc:
        await _show_startup_error(exc, messages)
        return 1
    problem = ""
    returning = True  # the profile used last or named: opened at once for its remembered account
    while True:
        if choice is None:
            if os.environ.get(SMOKE_START_ENV) == "1":
                return await _smoke_start_window(options, store)
            choice = await _start_window(options, store, problem)
            if choice is None:
                return 0
            returning = False  # chosen in the start window: sign in first
        problem = ""
        try:
            end = await _run(app, choice, options, messages, store, returning=returning)
        except SignInCancelled:
            log.info("sign-in cancelled")
            if named:
                return 0
            end = SessionEnd.SWITCH
        except Exception as exc:
            await _show_startup_error(exc, messages)
            if named:
                return 1
            problem = _problem_text(exc)
            end = SessionEnd.SWITCH
        if end is SessionEnd.CLOSED:
            return 0
        if end in (SessionEnd.OTHER_ACCOUNT, SessionEnd.SIGN_IN_FIRST) and not choice.demo:
            returning = end is SessionEnd.OTHER_ACCOUNT  # the same profile again, for the right account
            if choice.profile is not None:  # as stored now (a company found by name is kept)
                choice = StartChoice(profile=store.get(choice.profile.name))
            continue  # (the demo, set up afresh at each start, goes back to the start window instead)
        named = False  # from now on failures come back to the start window
        choice = None


def _first_choice(options: StartupOptions, store: ProfileStore) -> StartChoice | None:
    """What the command line asked for; else the profile used last; else the one profile IT set up for
    this computer, if that is all there is (nothing to choose: the first start asks only for the
    account); else None (the start window)."""
    if options.demo:
        return StartChoice(demo=True)
    if options.profile_name:
        return StartChoice(profile=store.get(options.profile_name))
    last = store.last_used()
    if last:
        return StartChoice(profile=store.get(last))
    profiles = store.load()
    if len(profiles) == 1 and profiles[0].site:
        return StartChoice(profile=profiles[0])
    return None


async def _start_window(options: StartupOptions, store: ProfileStore, problem: str) -> StartChoice | None:
    from dossier_desk.ui.session.start_flow import StartFlow  # with the API client: only when shown
    from dossier_desk.ui.session.start_window import StartWindow

    window = StartWindow()
    window.set_demo_available(DEMO_AVAILABLE)
    flow = StartFlow(
        window, store, options.sign_in or store.sign_in_settings(), browser_factory=options.browser_factory
    )
    try:
        return await flow.run(problem)
    finally:
        window.hide()
        window.deleteLater()


async def _smoke_start_window(options: StartupOptions, store: ProfileStore) -> int:
    """Packaging check: show the start window, paint it, report it and leave."""
    from dossier_desk.ui.session.start_flow import StartFlow
    from dossier_desk.ui.session.start_window import StartWindow

    window = StartWindow()
    StartFlow(window, store, options.sign_in or store.sign_in_settings()).welcome()
    window.show()
    window.repaint()
    await asyncio.sleep(0.2)
    log.info("smoke: start window shown (%s)", window.windowTitle())
    window.close()
    window.deleteLater()
    return 0


async def _run(
    app: QApplication,
    choice: StartChoice,
    options: StartupOptions,
    messages: MessageBridge,
    store: ProfileStore,
    *,
    returning: bool = False,
) -> SessionEnd:
    async with contextlib.AsyncExitStack() as stack:
        loop = asyncio.get_running_loop()
        profile_name = DEMO_PROFILE_NAME if choice.demo else choice.profile.name if choice.profile else ""
        stack.enter_context(_single_instance(profile_name))
        if choice.demo:
            sandbox = await loop.run_in_executor(None, start_demo_sandbox, options.dossiers)
            stack.callback(sandbox.stop)
            profile = await loop.run_in_executor(None, demo_profile, sandbox)
        else:
            assert choice.profile is not None
            profile = choice.profile
        auth = AuthSlot(profile)
        stack.push_async_callback(auth.aclose)
        # A returning caseworker's workspace opens from its cache first; the sign-in follows behind it.
        remembered = remembered_identity(store, profile) if returning else None
        token = ""
        if remembered is None:
            token = await sign_in(
                auth.get(),
                profile,
                options.demo_user if choice.demo else None,
                None if choice.demo else options.browser_factory,
            )
        bridge = SyncBridge()

        def new_api(for_profile: Profile, tokens: TokenProvider) -> DeferredApi:
            def make() -> DossierApi:
                from dossier_desk.api.client import DossierApi

                return DossierApi(
                    api_profile_for(for_profile),
                    tokens,
                    on_rate_limit=lambda info: bridge.rate_limit_changed(info.remaining),
                )

            return DeferredApi(make)  # built at its first request, after the table has painted

        if not profile.company_id:
            async with new_api(profile, auth.get()) as discovery:
                profile = await choose_company(discovery, profile)
            if not profile.demo:
                store.put(profile)  # the company found by name (site profile) is kept for next time
        identity = remembered
        if identity is None:
            identity = await signed_in_account(auth.get())
            if identity is None:
                raise SignInCancelled("No account is signed in.")
            if token:
                remember(store, profile, identity)  # the next start opens this account's cache at once
        api = new_api(profile, AccountTokens(auth.get, identity))
        stack.push_async_callback(api.aclose)
        if profile.demo and not profile.case_manager_code:
            code = DEMO_CASE_MANAGER_CODES.get(identity.username, "")
            profile = replace(profile, case_manager_code=code)
        rights = RightsState(
            token,  # "" until a returning start's sign-in (or, offline, a later one) brings a token
            identity.home_account_id or identity.username,
            profile_settings(profile, identity.home_account_id),
            profile_role=profile.extra.get("role", ""),
        )
        workspace = await open_workspace(
            profile,
            api,
            bridge,
            identity.label,
            rights,
            messages,
            identity=identity,
            parts_after_paint=True,  # the table paints first; tabs and docks follow at once
        )
        stack.push_async_callback(workspace.aclose)
        stack.callback(workspace.window.deleteLater)
        stack.callback(workspace.window.close)  # first on the way out: layout saved, then the cache closes
        ended: asyncio.Future[SessionEnd] = loop.create_future()
        session_sign_in = SessionSignIn(
            auth,
            profile,
            identity,
            workspace,
            store,
            lambda end: ended.done() or ended.set_result(end),
            None if choice.demo else options.browser_factory,
        )
        workspace.window.show()
        if not profile.demo:
            store.set_last_used(profile.name)  # the next start without arguments opens it
        session_sign_in.start(behind=remembered is not None, messages=messages)  # and the sync
        if options.smoke:
            await _smoke(workspace)  # raises when no data arrived
            return SessionEnd.CLOSED
        end = await _until_session_ends(workspace, ended)
        if end in (SessionEnd.OTHER_ACCOUNT, SessionEnd.SIGN_IN_FIRST):
            workspace.window.close_guard.release()  # on purpose: queued writes stay in the outbox
        if end is SessionEnd.SIGNED_OUT:
            workspace.window.close_guard.release()  # the user chose to sign out: no second question
            workspace.window.close()  # saves the window state first: the wipe then removes it
            await workspace.aclose()
            await session_sign_in.sign_out(options.log_file)  # the next start shows the start window
    if end is SessionEnd.SIGNED_OUT and options.on_signed_out is not None:
        options.on_signed_out()
    return end


async def _until_session_ends(workspace: Workspace, ended: asyncio.Future[SessionEnd]) -> SessionEnd:
    """Wait for the main window to close, a confirmed sign-out, File > Switch profile or company, or
    the sign-in to end the session (``ended``: another account, or the remembered one gone)."""
    workspace.window.closed.connect(lambda: ended.done() or ended.set_result(SessionEnd.CLOSED))
    workspace.window.switchProfileRequested.connect(
        lambda: ended.done() or ended.set_result(SessionEnd.SWITCH)
    )

    async def request_sign_out() -> None:
        unsent = len(workspace.store.outbox_items())
        if await confirm_sign_out(workspace.window, unsent) and not ended.done():
            ended.set_result(SessionEnd.SIGNED_OUT)

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


def _problem_text(exc: Exception) -> str:
    if isinstance(exc, DemoUnavailableError):
        return QCoreApplication.translate(
            "Startup", "The demo is not part of this installation of Dossier Desk."
        )
    return str(exc) if isinstance(exc, _SHOWABLE) else user_message(exc)


async def _show_startup_error(exc: Exception, messages: MessageBridge) -> None:
    if isinstance(exc, SmokeFailed):
        log.error("%s", exc)
        return
    if isinstance(exc, (*_SHOWABLE, DemoUnavailableError)):
        log.info("start-up stopped: %s", type(exc).__name__)
        text = _problem_text(exc)
    else:
        text = user_message(exc)
        if is_environment_error(exc):
            log.info("start-up stopped: %s", type(exc).__name__)
        else:
            log.error("start-up failed", exc_info=exc)
    smoke_start = os.environ.get(SMOKE_START_ENV) == "1"
    if not messages.interactive and not smoke_start:
        return
    title = QCoreApplication.translate("Startup", "Dossier Desk could not start")
    box = plain_message_box(
        QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close)
    )
    if smoke_start:  # packaging checks: prove the dialog appears, then go on
        box.show()
        log.info("smoke: dialog shown: %s", box.windowTitle())
        box.close()
        box.deleteLater()
        return
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


async def _smoke(workspace: Workspace, timeout_s: float = 60.0) -> None:
    """Wait until the first sync has filled the table and it has painted; raise when it did not."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while workspace.window.model.rowCount() == 0:
        if asyncio.get_running_loop().time() > deadline:
            raise SmokeFailed(f"smoke: no dossiers arrived within {timeout_s:.0f} s")
        await asyncio.sleep(0.05)
    workspace.window.table.viewport().repaint()
    log.info("smoke: %d dossiers shown", workspace.window.model.rowCount())


class SmokeFailed(RuntimeError):
    """``--smoke``: the window showed no data in time."""
