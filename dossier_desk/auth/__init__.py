"""Sign-in with MSAL (no Qt): interactive (browser / broker), device code, silent refresh, sign-out.

The API client depends only on :class:`TokenProvider`; the UI drives :class:`AuthSession`.
"""

from __future__ import annotations

from typing import Protocol

from dossier_desk.auth.browser import BrowserDriver, SystemBrowser
from dossier_desk.auth.config import BC_SCOPE, AuthConfig
from dossier_desk.auth.demo_browser import DemoBrowser
from dossier_desk.auth.errors import (
    AuthError,
    AuthNetworkError,
    SignInCancelled,
    SignInFailed,
    SignInRequired,
    SignInTimeout,
)
from dossier_desk.auth.session import AuthSession
from dossier_desk.auth.types import Account, DeviceCodeInfo


class TokenProvider(Protocol):
    """What the API client needs: a bearer token, refreshed silently (docs/INTERFACES.md)."""

    async def get_token(self, *, force_refresh: bool = False) -> str: ...


__all__ = [
    "BC_SCOPE",
    "Account",
    "AuthConfig",
    "AuthError",
    "AuthNetworkError",
    "AuthSession",
    "BrowserDriver",
    "DemoBrowser",
    "DeviceCodeInfo",
    "SignInCancelled",
    "SignInFailed",
    "SignInRequired",
    "SignInTimeout",
    "SystemBrowser",
    "TokenProvider",
]
