"""A profile's silent session for the commands without a window: token, API client, account store."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from dossier_desk.api import DossierApi
from dossier_desk.api import errors as api_errors
from dossier_desk.auth import Account, AuthNetworkError, AuthSession, SignInRequired
from dossier_desk.cli.common import Exit
from dossier_desk.config import Profile
from dossier_desk.session_config import api_profile_for, auth_config_for
from dossier_desk.store import NullListener, profile_paths
from dossier_desk.store.session import StoreSession, open_session
from dossier_desk.store.upload_rules import rules_from_mapping


class CommandStopped(Exception):
    """A command cannot go on; ``exit`` is its exit code and ``code`` a short machine-readable reason."""

    def __init__(self, exit_code: Exit, code: str, message: str) -> None:
        super().__init__(message)
        self.exit = exit_code
        self.code = code


def exit_for(exc: BaseException) -> tuple[Exit, str]:
    """The exit code and reason for an error from the API or sign-in layers."""
    if isinstance(exc, SignInRequired | api_errors.AuthenticationError):
        return Exit.SIGN_IN, "sign_in_required"
    if isinstance(exc, AuthNetworkError | api_errors.NetworkError | api_errors.RequestTimeoutError):
        return Exit.UNREACHABLE, "unreachable"
    if isinstance(exc, api_errors.ExtensionMissingError):
        return Exit.SETUP, getattr(exc, "code", "") or "missing_extension"
    return Exit.PROBLEM, type(exc).__name__


async def silent_account(auth: AuthSession) -> Account:
    """Sign in without any UI (cached account, refresh token) or raise :class:`CommandStopped`."""
    try:
        await auth.get_token()
    except (SignInRequired, AuthNetworkError) as exc:
        code, reason = exit_for(exc)
        raise CommandStopped(code, reason, str(exc)) from exc
    account = auth.current_account
    if account is None:
        raise CommandStopped(Exit.SIGN_IN, "sign_in_required", "Not signed in.")
    return account


async def check_company(api: DossierApi, profile: Profile) -> None:
    """Raise :class:`CommandStopped` unless the profile's company exists in its environment."""
    if not profile.company_id:
        raise CommandStopped(
            Exit.SETUP, "no_company", "The profile names no company; open it in the app once."
        )
    companies = await api.list_companies()
    if profile.company_id not in {c.id for c in companies}:
        raise CommandStopped(Exit.SETUP, "company_not_found", "The profile's company does not exist there.")


@contextlib.asynccontextmanager
async def account_store(
    profile: Profile, account: Account, api: DossierApi | None = None
) -> AsyncIterator[StoreSession]:
    """The signed-in account's own store of the profile's company, opened as the app opens it (its
    engine talks to ``api``; without one it must not sync). Closed at the end."""
    paths = profile_paths(profile.name, profile.company_id, account=account.home_account_id)
    rules = rules_from_mapping(profile.upload_rules)
    session = await open_session(
        paths, api, NullListener(), author=account.home_account_id, upload_rules=rules
    )
    try:
        yield session
    finally:
        await session.aclose()


@contextlib.asynccontextmanager
async def profile_session(profile: Profile) -> AsyncIterator[tuple[AuthSession, DossierApi]]:
    """The profile's AuthSession and API client, closed at the end."""
    auth = AuthSession(auth_config_for(profile))
    try:
        async with DossierApi(api_profile_for(profile), auth, max_retries=1, timeout=30) as api:
            yield auth, api
    finally:
        await auth.aclose()
