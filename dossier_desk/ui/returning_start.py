"""Sign-in around a session's workspace: a returning caseworker's window opens before the sign-in.

For the profile used last (or named on the command line) with an account that signed in on this
computer and did not sign out (:meth:`~dossier_desk.config.ProfileStore.remembered_account`),
``run_app`` opens that account's workspace from its cache at once, as an offline start does (rights
from an empty token, "Signing in…" in the status bar, sync waiting), and signs in behind it once the
table has painted (:meth:`SessionSignIn.sign_in_behind`):

* a token: the rights follow it and sync starts;
* the sign-in service cannot be reached: the window stays offline; sync starts and retries as offline;
* the refresh token is refused (expired, revoked): the sign-in-again prompt over the window; sync
  starts too, so after a cancel the prompt comes back with a later pass, as during a session;
* the account is no longer in the token cache: the session ends with ``SIGN_IN_FIRST`` and the app
  signs in first, as on a first start (queued writes stay in that account's outbox).

An account other than the workspace's signing in at the prompt ends the session with
``OTHER_ACCOUNT``: its data is not this cache, so the app opens that account's workspace instead.
Until then :class:`AccountTokens` refuses the other account's token to this workspace's requests.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dossier_desk.api.errors import AuthenticationError
from dossier_desk.auth import Account, AuthNetworkError, SignInRequired
from dossier_desk.config import Profile, ProfileStore, RememberedAccount
from dossier_desk.session_config import auth_config_for
from dossier_desk.ui.sign_in_flow import SignInAgainPrompt
from dossier_desk.ui.sign_out import sign_out_and_wipe
from dossier_desk.ui.table_loader import after_first_paint

if TYPE_CHECKING:
    from dossier_desk.auth import AuthSession
    from dossier_desk.ui.errors import MessageBridge
    from dossier_desk.ui.session.choice import BrowserFactory
    from dossier_desk.ui.workspace import Workspace

log = logging.getLogger(__name__)


class SessionEnd(enum.Enum):
    """How one session (one profile's main window) ended."""

    CLOSED = "closed"  # the window was closed: the app quits
    SIGNED_OUT = "signed-out"  # signed out: back to the start window
    SWITCH = "switch"  # File > Switch profile or company: back to the start window
    OTHER_ACCOUNT = "other-account"  # another account signed in at the prompt: open its workspace
    SIGN_IN_FIRST = "sign-in-first"  # the remembered account is gone: sign in, then open


class AuthSlot:
    """The profile's :class:`~dossier_desk.auth.AuthSession`, built at its first use: importing MSAL
    takes a noticeable part of a start, so a returning start builds it after the table has painted."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile
        self._auth: AuthSession | None = None

    def get(self) -> AuthSession:
        if self._auth is None:
            from dossier_desk.auth import AuthSession

            self._auth = AuthSession(auth_config_for(self._profile))
        return self._auth

    async def aclose(self) -> None:
        if self._auth is not None:
            await self._auth.aclose()


class AccountTokens:
    """The API client's tokens for one account's workspace, and only for that account: after another
    account signed in at a prompt, this workspace's requests (queued writes included) are refused
    instead of being sent with the other account's token."""

    def __init__(self, auth: Callable[[], AuthSession], account: Account) -> None:
        self._auth = auth
        self._account = account

    async def get_token(self, *, force_refresh: bool = False) -> str:
        auth = self._auth()
        current = auth.current_account
        if current is None:
            await auth.select_account(self._account)  # no I/O: the account this workspace belongs to
        elif current.home_account_id != self._account.home_account_id:
            raise SignInRequired("Another account is signed in.")
        token = await auth.get_token(force_refresh=force_refresh)
        # Another account may have signed in at a prompt while this call waited for the token.
        current = auth.current_account
        if current is None or current.home_account_id != self._account.home_account_id:
            raise SignInRequired("Another account is signed in.")
        return token


def remembered_identity(store: ProfileStore, profile: Profile) -> Account | None:
    """The account a start opens ``profile`` for before signing in; None: sign in first (the demo, a
    profile without a company yet, or no account remembered)."""
    if profile.demo or not profile.company_id:
        return None
    found = store.remembered_account(profile.name)
    if found is None:
        return None
    return Account(found.home_account_id, found.username, found.environment, found.name)


async def signed_in_account(auth: AuthSession) -> Account | None:
    """The account a sign-in (or an offline start on a cached account) speaks for."""
    accounts = [auth.current_account] if auth.current_account else await auth.accounts()
    return accounts[0] if accounts else None


def remember(store: ProfileStore, profile: Profile, account: Account) -> None:
    """``account`` signed in on ``profile``: the next start opens its workspace at once (not the demo's:
    it is set up afresh at every start)."""
    if not profile.demo:
        remembered = RememberedAccount(
            account.home_account_id, account.username, account.environment, account.name
        )
        store.remember_account(profile.name, remembered)


class SessionSignIn:
    """The sign-in side of one session: the sign-in-again prompt over the window (checked for the
    account that signs in) and, for a returning start, the sign-in behind the open window."""

    def __init__(
        self,
        auth: AuthSlot,
        profile: Profile,
        identity: Account,
        workspace: Workspace,
        store: ProfileStore,
        end: Callable[[SessionEnd], None],
        browser_factory: BrowserFactory | None = None,
    ) -> None:
        self._auth = auth
        self._profile = profile
        self._identity = identity
        self._workspace = workspace
        self._store = store
        self._end = end
        self._browser_factory = browser_factory
        self.prompt: SignInAgainPrompt | None = None
        self._painted = after_first_paint(workspace.window.table.viewport())  # watched from before show()

    def start(self, *, behind: bool, messages: MessageBridge) -> None:
        """With the window shown: sync (signed in already), or sign in behind the window, then sync."""
        if not behind:
            self.watch()
            self._workspace.start_sync()
            return
        self._workspace.tasks.spawn(
            self.sign_in_behind(),
            on_error=lambda exc: messages.show_error(exc, context="signing in"),
        )

    def watch(self) -> SignInAgainPrompt:
        """Build the prompt and let failing syncs open it (for the session's whole life)."""
        if self.prompt is None:
            self.prompt = SignInAgainPrompt(
                self._auth.get(),
                self._profile,
                self._workspace.window,
                self._signed_in_again,
                on_token=self._token_again,
                tasks=self._workspace.tasks,
                browser_factory=self._browser_factory,
            )
            bridge = self._workspace.bridge
            bridge.syncFinished.connect(self.prompt.on_sync_finished)
            bridge.syncFinished.connect(self._on_sync_finished)
        return self.prompt

    async def sign_in_behind(self) -> None:
        """A returning start: once the table has painted, get a token for the window's account, then
        start the sync (unless the session ends: the account is gone)."""
        self._workspace.window.status.show_signing_in()
        await self._painted
        await asyncio.sleep(0)  # input that arrived with the first paint goes first
        try:
            ended = await self._sign_in()
        except Exception:
            self._workspace.start_sync()  # as an offline start: the sync's passes say what fails
            raise
        if not ended:
            self._workspace.start_sync()

    async def _sign_in(self) -> bool:
        """Sign in silently for the window's account; True when the session ends instead."""
        auth = self._auth.get()
        prompt = self.watch()
        cached = {a.home_account_id for a in await auth.accounts()}  # the token cache, read locally
        if self._identity.home_account_id not in cached:
            log.info("the remembered account is no longer signed in; signing in first")
            self._store.forget_account(self._profile.name)
            self._end(SessionEnd.SIGN_IN_FIRST)
            return True
        await auth.select_account(self._identity)
        try:
            token = await auth.get_token()
        except AuthNetworkError as exc:
            log.info("sign-in service unreachable; working from the offline cache")
            self._workspace.engine.note_outcome(exc)  # offline, said everywhere the sync's state is
        except SignInRequired:
            self._show_signed_out()
            prompt.ask()  # the sync starts too: after a cancel, a later pass asks again
        else:
            self._accept(token)
        return False

    async def sign_out(self, log_file: Path | None) -> None:
        """Sign the window's account out and wipe its data; the next start shows the start window."""
        auth = self._auth.get()
        if auth.current_account is None:
            await auth.select_account(self._identity)  # signed out before the sign-in answered
        if not self._profile.demo:  # first: a failed wipe must not open this cache at the next start
            self._store.set_last_used(None)
            self._store.forget_account(self._profile.name)
        await sign_out_and_wipe(auth, self._profile, log_file)

    def _show_signed_out(self) -> None:
        self._workspace.window.status.show_not_signed_in()  # until a new token (see _accept)

    def _on_sync_finished(self, _finished_at: object, error: object) -> None:
        if isinstance(error, AuthenticationError):
            self._show_signed_out()

    def _accept(self, token: str) -> None:
        assert self._workspace.rights is not None
        self._workspace.window.status.show_signed_in()
        self._workspace.rights.set_token(token)
        current = self._auth.get().current_account
        remember(self._store, self._profile, current or self._identity)  # its name may have changed

    def _other_account(self) -> bool:
        """True (and the session ends) when the prompt signed in another account than the window's."""
        current = self._auth.get().current_account
        if current is None or current.home_account_id == self._identity.home_account_id:
            return False
        log.info("another account signed in; opening its own workspace")
        remember(self._store, self._profile, current)
        self._end(SessionEnd.OTHER_ACCOUNT)
        return True

    def _token_again(self, token: str) -> None:
        if not self._other_account():
            self._accept(token)

    def _signed_in_again(self) -> None:
        if not self._other_account():
            self._workspace.start_sync()  # once: a returning start may not have started it yet
            self._workspace.engine.request_sync()
