"""``AuthSession``: one profile's MSAL public client, driven from asyncio without ever blocking the loop.

Every MSAL call, and every touch of the token cache (which may ask the OS keyring), runs on the
session's own worker threads. ``get_token`` (the API client's ``TokenProvider``) is silent only: it
returns a cached token, refreshes it with the refresh token when fewer than five minutes remain,
and otherwise raises :class:`SignInRequired`; it never shows UI. Interactive sign-in (system
browser or the demo browser, or the OS broker), device code sign-in, the account list and
sign-out are explicit calls the UI makes.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlsplit

import msal
import requests
from msal.authority import WELL_KNOWN_AUTHORITY_HOSTS

from dossier_desk.auth.browser import BrowserDriver
from dossier_desk.auth.cache import OpenedCache, open_token_cache
from dossier_desk.auth.call_threads import CLOSE_GRACE_S, CallThreads
from dossier_desk.auth.config import AuthConfig
from dossier_desk.auth.end_session import end_provider_session
from dossier_desk.auth.errors import (
    AuthNetworkError,
    SignInCancelled,
    SignInFailed,
    SignInRequired,
    SignInTimeout,
    describe,
)
from dossier_desk.auth.identity import (
    cached_claims,
    cached_id_token,
    display_name,
    home_account_ids_of,
    sign_in_name,
)
from dossier_desk.auth.loopback import LoopbackSignIn
from dossier_desk.auth.msal_app import build_public_client, http_session, network_error
from dossier_desk.auth.redaction import protect_msal_loggers
from dossier_desk.auth.supervise import supervise
from dossier_desk.auth.types import Account, DeviceCodeInfo

log = logging.getLogger(__name__)
T = TypeVar("T")
_REFRESH_MARGIN_S = 300  # MSAL refreshes an access token with less than 5 minutes left; so do we
_DEVICE_POLL_RETRIES = 3  # lost connections in a row before a device code sign-in gives up


def _short_id(home_account_id: str) -> str:
    """An account id shortened for logs (ids only, never names)."""
    return home_account_id[:8]


class AuthSession:
    """Sign-in state of one profile. Create on the event loop's thread; ``await aclose()`` at the end."""

    def __init__(self, config: AuthConfig) -> None:
        self.config = config
        self._http = http_session(config)
        self._executor = CallThreads("msal")  # never keeps a closed app alive (see call_threads)
        self._lock = threading.Lock()  # guards the lazily built cache and app (worker threads)
        self._opened: OpenedCache | None = None
        self._app: msal.PublicClientApplication | None = None
        self._silent_lock = asyncio.Lock()
        self._current: Account | None = None
        self._last: tuple[str, float] | None = None  # (access token, expires at) in memory only
        self._generation = 0  # bumped whenever _last changes
        self._may_restore = True  # pick the only cached account on first use; never after a sign-out
        self._aborts: set[Callable[[str], None]] = set()  # running flows, stopped by aclose()
        self._closed = False  # set by aclose(): the token cache is neither opened nor written after it
        protect_msal_loggers()

    # -- plumbing ------------------------------------------------------------------------------
    async def _call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))
        except requests.RequestException as exc:
            raise network_error(exc) from exc

    def _token_cache(self) -> OpenedCache:
        """Open the persisted cache on first use (may talk to the OS keyring: worker threads only)."""
        with self._lock:
            if self._opened is None:
                if self._closed:
                    raise RuntimeError("the sign-in session is closed")
                self._opened = open_token_cache(self.config.cache_path)
            return self._opened

    def _msal_app(self) -> msal.PublicClientApplication:
        """Build the MSAL app on first use (it fetches the authority's discovery document)."""
        cache = self._token_cache().cache
        with self._lock:
            if self._app is None:
                self._app = build_public_client(self.config, cache, self._http)
            return self._app

    async def _msal(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call an MSAL method on a worker thread; network failures become AuthNetworkError."""
        return await self._call(lambda: getattr(self._msal_app(), method)(*args, **kwargs))

    @property
    def cache_encrypted(self) -> bool:
        """Whether the token cache is encrypted at rest (False: a 0600 file; tell the user).

        Known without blocking once any other call has run; before that it opens the cache here.
        """
        return self._token_cache().encrypted

    @property
    def cache_protection(self) -> str:
        """A short description of how the token cache is stored (for an about/diagnostics page)."""
        return self._token_cache().protection

    @property
    def broker_enabled(self) -> bool:
        """True when MSAL will use WAM / the macOS broker for interactive sign-in."""
        return bool(self._app is not None and getattr(self._app, "_enable_broker", False))

    @property
    def current_account(self) -> Account | None:
        """The account ``get_token`` speaks for (chosen by sign-in or :meth:`select_account`)."""
        return self._current

    # -- accounts ------------------------------------------------------------------------------
    def _cached_accounts(self) -> list[Account]:
        host = (urlsplit(self.config.authority).hostname or "").lower()
        same_cloud = WELL_KNOWN_AUTHORITY_HOSTS if host in WELL_KNOWN_AUTHORITY_HOSTS else {host}
        entries = self._token_cache().cache.search(msal.TokenCache.CredentialType.ACCOUNT)
        seen: dict[str, Account] = {}
        for entry in entries:
            environment = str(entry.get("environment", "")).lower()
            if environment in same_cloud and entry.get("home_account_id"):
                account = self._account_of(entry, environment)
                seen.setdefault(account.home_account_id, account)
        return sorted(seen.values(), key=lambda a: a.label.lower())

    def _account_of(self, entry: dict[str, Any], environment: str) -> Account:
        """An :class:`Account` for an MSAL account entry, named from its cached ID token's claims."""
        claims = cached_claims(self._token_cache().cache, entry["home_account_id"])
        username = entry.get("username", "") or sign_in_name(claims)
        return Account(entry["home_account_id"], username, environment, display_name(claims))

    async def accounts(self) -> list[Account]:
        """Accounts in this profile's token cache (read locally; works offline)."""
        return await self._call(self._cached_accounts)

    async def select_account(self, account: Account | None = None) -> Account | None:
        """Make ``account`` current; with None, pick the only cached account, if there is exactly one."""
        if account is None:
            cached = await self.accounts()
            account = cached[0] if len(cached) == 1 else None
        if account != self._current:
            self._last = None
        self._current = account
        return account

    def _msal_account(self, account: Account) -> dict[str, Any] | None:
        for entry in self._msal_app().get_accounts():
            if entry.get("home_account_id") == account.home_account_id:
                return entry
        return None

    # -- silent --------------------------------------------------------------------------------
    async def get_token(self, *, force_refresh: bool = False) -> str:
        """A valid access token for the current account, without user interaction.

        Raises :class:`SignInRequired` when there is no account, no refresh token, or the refresh
        token was refused (expired, revoked); :class:`AuthNetworkError` when the provider is offline.
        Concurrent callers share one refresh (refresh tokens rotate: racing refreshes would fail).
        """
        if not force_refresh and (token := self._fresh_token()) is not None:
            return token
        generation = self._generation
        async with self._silent_lock:
            if not force_refresh and (token := self._fresh_token()) is not None:
                return token  # another caller refreshed while we waited
            last = self._last
            if (
                force_refresh
                and generation != self._generation
                and last is not None
                and last[1] > time.time()
            ):
                return last[0]  # a forced refresh finished while we waited (a burst of 401s): share it
            account = self._current
            if account is None and self._may_restore:
                account = await self.select_account()
            if account is None:
                raise SignInRequired("Not signed in.")
            result = await self._call(self._silent, account, force_refresh)
            if self._signed_out(account):  # it signed out while the refresh was on the wire
                raise SignInRequired("Signed out.", code="signed_out")
            if not result or "access_token" not in result:
                message, code = describe(result, "Please sign in again")
                log.info("Silent token acquisition failed: %s", message)
                raise SignInRequired(message, code=code)
            self._remember(result)
            return result["access_token"]

    def _fresh_token(self) -> str | None:
        last = self._last
        if last is not None and last[1] - time.time() > _REFRESH_MARGIN_S:
            return last[0]
        return None

    def _silent(self, account: Account, force_refresh: bool) -> dict[str, Any] | None:
        entry = self._msal_account(account)
        if entry is None:
            return None
        return self._msal_app().acquire_token_silent_with_error(
            list(self.config.scopes), entry, force_refresh=force_refresh
        )

    def _remember(self, result: dict[str, Any]) -> None:
        self._last = (result["access_token"], time.time() + float(result.get("expires_in", 0)))
        self._generation += 1

    async def _adopt(self, result: dict[str, Any]) -> Account:
        """Make the account a successful sign-in produced current, and keep its token in memory."""
        candidates = home_account_ids_of(result)
        entries = {e.get("home_account_id"): e for e in await self._msal("get_accounts")}
        entry = next((entries[c] for c in candidates if c in entries), None)
        if entry is None:
            raise SignInFailed("The sign-in succeeded but no account was stored.")
        claims = result.get("id_token_claims") or {}
        username = entry.get("username", "") or sign_in_name(claims)
        account = Account(
            entry["home_account_id"], username, entry.get("environment", ""), display_name(claims)
        )
        self._current = account
        self._remember(result)
        log.info("Signed in (account %s).", _short_id(account.home_account_id))
        return account

    async def _supervised(
        self,
        work: Callable[[], T],
        limit_s: float | None,
        cancel: asyncio.Event | None,
        abort: Callable[[str], None],
    ) -> T:
        """Run blocking ``work`` on a worker, stoppable through ``abort`` (also by :meth:`aclose`)."""
        running = asyncio.ensure_future(self._call(work))
        self._aborts.add(abort)
        try:
            await supervise(running, limit_s, cancel, abort)
            return await running
        finally:
            self._aborts.discard(abort)

    # -- interactive ---------------------------------------------------------------------------
    async def sign_in_interactive(
        self,
        *,
        browser: BrowserDriver,
        login_hint: str | None = None,
        prompt: str | None = None,
        timeout: float = 300.0,  # noqa: ASYNC109 - expiry aborts the listener (see docstring)
        cancel: asyncio.Event | None = None,
        parent_window_handle: int | None = None,
    ) -> Account:
        """Sign in through the browser (authorization code + PKCE via MSAL's loopback listener).

        ``prompt="select_account"`` lets the user pick another account than ``login_hint``.
        With the OS broker enabled (Windows/macOS, Entra authority) the broker's own window is used
        instead and ``parent_window_handle`` (``int(window.winId())``) is required by MSAL.
        Raises :class:`SignInCancelled` (``cancel`` set, task cancelled, or the user declined),
        :class:`SignInTimeout` after ``timeout`` seconds, :class:`SignInFailed` otherwise.
        """
        if cancel is not None and cancel.is_set():
            raise SignInCancelled("The sign-in was cancelled.", code="cancelled")
        if prompt is None and self.config.prompt_consent:
            prompt = "consent"  # providers that grant a refresh token only with consent
        app = await self._call(self._msal_app)
        self._welcome_sign_ins()
        if self.broker_enabled and sys.platform in ("win32", "darwin"):
            result = await self._msal(
                "acquire_token_interactive",
                list(self.config.scopes),
                login_hint=login_hint,
                prompt=prompt,
                timeout=int(timeout),
                parent_window_handle=parent_window_handle
                or msal.PublicClientApplication.CONSOLE_WINDOW_HANDLE,
            )
            return await self._finish_interactive(result, None)
        flow = LoopbackSignIn(
            app, list(self.config.scopes), browser, timeout_s=timeout, login_hint=login_hint, prompt=prompt
        )
        result = await self._supervised(flow.run, timeout, cancel, flow.abort)
        return await self._finish_interactive(result, flow.abort_reason)

    async def _finish_interactive(self, result: dict[str, Any], abort_reason: str | None) -> Account:
        if "access_token" in result:  # a response that raced an abort still signed the user in
            return await self._adopt(result)
        if abort_reason == "timeout":
            raise SignInTimeout("The sign-in was not completed in time.", code="timeout")
        if abort_reason is not None:
            raise SignInCancelled("The sign-in was cancelled.", code="cancelled")
        message, code = describe(result, "The sign-in did not succeed")
        if code == "access_denied":
            raise SignInCancelled("The sign-in was declined.", code=code)
        if code == "timeout":
            raise SignInTimeout(message, code=code)
        raise SignInFailed(message, code=code)

    # -- device code ---------------------------------------------------------------------------
    async def sign_in_device_code(
        self, on_code: Callable[[DeviceCodeInfo], None], *, cancel: asyncio.Event | None = None
    ) -> Account:
        """Sign in on another device: ``on_code`` (called on the loop) shows the code and URL.

        Polls until the user finishes, the code expires (:class:`SignInTimeout`), the user declines
        or ``cancel`` is set (:class:`SignInCancelled`).
        """
        flow = await self._msal("initiate_device_flow", list(self.config.scopes))
        self._welcome_sign_ins()
        if "user_code" not in flow:
            message, code = describe(flow, "Device sign-in is not available")
            raise SignInFailed(message, code=code)
        expires_at = datetime.now(UTC) + timedelta(seconds=int(flow.get("expires_in", 900)))
        on_code(
            DeviceCodeInfo(flow["user_code"], flow["verification_uri"], expires_at, flow.get("message", ""))
        )
        aborted: list[str] = []

        def stop_polling(reason: str) -> None:
            aborted.append(reason)
            flow["expires_at"] = 0  # MSAL checks this between polls (at least once a second)

        # A poll is safe to repeat. Providers close idle keep-alive connections after a few seconds,
        # about as long as the poll interval: a poll can go out on a connection being closed and
        # fail with a connection error. Poll again instead of failing the sign-in.
        for attempt in range(_DEVICE_POLL_RETRIES + 1):
            try:
                result = await self._supervised(
                    lambda: self._msal_app().acquire_token_by_device_flow(flow), None, cancel, stop_polling
                )
                break
            except AuthNetworkError:
                if aborted:
                    raise SignInCancelled("The sign-in was cancelled.", code="cancelled") from None
                if attempt == _DEVICE_POLL_RETRIES or flow["expires_at"] < time.time():
                    raise
                log.info("device code poll lost its connection; polling again")
                await asyncio.sleep(1.0)  # MSAL warns about polls closer than interval - 1 s
        if "access_token" in result:
            return await self._adopt(result)
        if aborted:
            raise SignInCancelled("The sign-in was cancelled.", code="cancelled")
        message, code = describe(result, "The device sign-in did not succeed")
        if code in ("expired_token", "authorization_pending"):
            raise SignInTimeout("The sign-in code expired before it was used.", code=code)
        if code in ("access_denied", "authorization_declined"):
            raise SignInCancelled("The sign-in was declined.", code=code)
        raise SignInFailed(message, code=code)

    # -- sign-out ------------------------------------------------------------------------------
    async def sign_out(self, account: Account | None = None, *, end_session: bool = True) -> None:
        """Remove ``account`` (default: the current one) and all its tokens from the token cache, then
        end the provider's session where its discovery document names an ``end_session_endpoint``
        (best effort: a provider that cannot be reached does not stop the sign-out).

        The caller wipes the profile's offline data (after warning about unsynced changes).
        """
        account = account or self._current
        if account is None:
            return
        id_token = await self._call(self._remove, account)
        self._may_restore = False
        if account == self._current:
            self._current, self._last = None, None
        log.info("Signed out (account %s).", _short_id(account.home_account_id))
        if end_session:
            await self._call(end_provider_session, self._http, self.config, id_token)

    def _signed_out(self, account: Account) -> bool:
        opened = self._opened
        return opened is not None and opened.cache.forgotten(account.home_account_id)

    def _welcome_sign_ins(self) -> None:
        if self._opened is not None:
            self._opened.cache.welcome_sign_ins()

    def _remove(self, account: Account) -> str:
        """Remove the account from the token cache; returns its last ID token (for the end-session call).
        A refresh of it still on the wire keeps nothing when it returns."""
        self._token_cache().cache.forget(account.home_account_id)
        id_token = cached_id_token(self._token_cache().cache, account.home_account_id)
        entry = self._msal_account(account)
        if entry is not None:
            self._msal_app().remove_account(entry)
        return id_token

    async def aclose(self) -> None:
        """Stop running sign-ins, give calls in flight a short grace, then release the HTTP session.

        A token refresh still waiting for the sign-in service after the grace is left behind: it must not
        keep a quitting app alive until the HTTP timeout (its thread ends with the process)."""
        self._last = None
        loop = asyncio.get_running_loop()
        for abort in list(self._aborts):
            await loop.run_in_executor(None, abort, "cancelled")
        left = await loop.run_in_executor(None, self._executor.close, CLOSE_GRACE_S)
        if left:
            log.info("closing with %d sign-in call(s) still waiting for the sign-in service", left)
        with self._lock:  # a call left behind must not open or write the token cache from now on
            self._closed, opened = True, self._opened
        if opened is not None:
            await loop.run_in_executor(None, opened.cache.close)
        self._http.close()
