"""Exceptions of the sign-in layer. ``str(exc)`` is always safe to show and to log: never a token."""

from __future__ import annotations


class AuthError(Exception):
    """Base class; ``code`` is the OAuth/MSAL error code when there is one (e.g. ``invalid_grant``)."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class SignInRequired(AuthError):
    """No usable token without user interaction: the caller decides when to show a sign-in UI."""


class SignInCancelled(AuthError):
    """The user (or the app) cancelled a running sign-in, or declined it on the sign-in page."""


class SignInTimeout(AuthError):
    """The sign-in was not completed in time (browser left open, device code expired)."""


class SignInFailed(AuthError):
    """The identity provider refused the sign-in for another reason."""


class AuthNetworkError(AuthError):
    """The identity provider could not be reached; cached data stays usable (offline mode)."""

    # Read by dossier_desk.api (which must not import auth): nothing reached the server, like a
    # NetworkError, so callers treat it as "offline" rather than "signed out".
    is_network_error = True


def describe(result: dict | None, fallback: str) -> tuple[str, str | None]:
    """``(message, code)`` for an MSAL error result, without any token material."""
    if not result:
        return fallback, None
    code = result.get("error")
    description = str(result.get("error_description") or "").strip()
    first_line = description.splitlines()[0] if description else ""
    message = f"{fallback} ({code}: {first_line})" if first_line else f"{fallback} ({code})"
    return message, code
