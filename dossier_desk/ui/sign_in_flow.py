"""Signing in at start-up: silent first, then the sign-in dialog (or the scripted demo browser).

Offline start: when the identity provider cannot be reached but the token cache holds an account, the
app opens on its offline cache; requests then fail as "offline" and the outbox keeps every edit until
the network (and with it a token refresh) is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from dossier_desk.api.errors import AuthenticationError
from dossier_desk.auth import (
    Account,
    AuthNetworkError,
    BrowserDriver,
    SignInCancelled,
    SignInRequired,
    SystemBrowser,
)
from dossier_desk.config import Profile
from dossier_desk.demo import DEMO_USER_CHOICES
from dossier_desk.session_config import auth_config_for  # noqa: F401 - re-exported for the UI
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_desk.ui.task_scope import TaskScope

if TYPE_CHECKING:  # MSAL is imported with it: a returning start builds it after the first paint
    from dossier_desk.auth import AuthSession

log = logging.getLogger(__name__)


async def sign_in(
    auth: AuthSession,
    profile: Profile,
    demo_user: str | None,
    browser_factory: Callable[[str | None], BrowserDriver] | None = None,
) -> str:
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
        from dossier_desk.auth import DemoBrowser  # the demo's scripted browser (httpx): demo only

        browser = DemoBrowser(demo_user, ca_cert_path=auth.config.ca_cert_path)
        await auth.sign_in_interactive(browser=browser, login_hint=demo_user, timeout=60)
    else:
        await _sign_in_with_dialog(auth, profile, browser_factory)
    return await auth.get_token()


def sign_in_dialog(
    auth: AuthSession,
    profile: Profile,
    parent: QWidget | None = None,
    browser_factory: Callable[[str | None], BrowserDriver] | None = None,
) -> SignInDialog:
    """The sign-in dialog for ``profile`` (demo users to pick from in demo mode); ``browser_factory``
    replaces the system browser (tests script the sandbox's sign-in pages)."""

    def browser_for(username: str | None) -> BrowserDriver:
        if browser_factory is not None:
            return browser_factory(username)
        if profile.demo:
            from dossier_desk.auth import DemoBrowser

            return DemoBrowser(username, ca_cert_path=auth.config.ca_cert_path)
        return SystemBrowser()

    return SignInDialog(
        auth,
        browser_for,
        demo_users=DEMO_USER_CHOICES if profile.demo else (),
        cache_encrypted=auth.cache_encrypted,
        parent=parent,
    )


async def _sign_in_with_dialog(
    auth: AuthSession, profile: Profile, browser_factory: Callable[[str | None], BrowserDriver] | None
) -> Account:
    dialog = sign_in_dialog(auth, profile, browser_factory=browser_factory)
    signed_in: asyncio.Future[Account] = asyncio.get_running_loop().create_future()
    dialog.signedIn.connect(lambda account: signed_in.done() or signed_in.set_result(account))
    dialog.rejected.connect(
        lambda: signed_in.done() or signed_in.set_exception(SignInCancelled("The sign-in was cancelled."))
    )
    dialog.open()  # never exec() inside a coroutine: qasync refuses to re-enter the running task
    try:
        return await signed_in
    finally:
        dialog.deleteLater()


class SignInAgainPrompt:
    """Mid-session: when the server no longer accepts the session (refresh token revoked or expired),
    ask the user to sign in again — once, non-blocking — and sync as soon as they have.

    Nothing is lost meanwhile: edits wait in the outbox, the window keeps working from the cache.
    Connect :meth:`on_sync_finished` to ``SyncBridge.syncFinished``. ``on_token`` receives the new
    access token before ``on_signed_in`` runs (the rights follow it: it may carry other roles).
    """

    def __init__(
        self,
        auth: AuthSession,
        profile: Profile,
        parent: QWidget | None,
        on_signed_in: Callable[[], None],
        on_token: Callable[[str], None] | None = None,
        tasks: TaskScope | None = None,
        browser_factory: Callable[[str | None], BrowserDriver] | None = None,
    ):
        self._auth = auth
        self._profile = profile
        self._parent = parent
        self._on_signed_in = on_signed_in
        self._on_token = on_token
        self._tasks = tasks if tasks is not None else TaskScope("sign-in again")  # own one: standalone use
        self._browser_factory = browser_factory  # tests script the sandbox's pages; else the system browser
        self.dialog: SignInDialog | None = None

    def on_sync_finished(self, _finished_at: object, error: object) -> None:
        if isinstance(error, AuthenticationError) and self.dialog is None:
            self.ask()

    def ask(self) -> SignInDialog:
        log.info("the server refused the session; asking the user to sign in again")
        dialog = self.dialog = sign_in_dialog(self._auth, self._profile, self._parent, self._browser_factory)
        dialog.signedIn.connect(lambda _account: self._signed_in())
        dialog.finished.connect(self._closed)
        dialog.open()
        return dialog

    def _signed_in(self) -> None:
        self._tasks.spawn(self._renewed(), key="sign-in-again.renewal")

    async def _renewed(self) -> None:
        if self._on_token is not None:
            try:
                self._on_token(await self._auth.get_token())
            except (SignInRequired, AuthNetworkError) as exc:  # the sync that follows says so
                log.info("no token after signing in again: %s", type(exc).__name__)
        self._on_signed_in()

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
