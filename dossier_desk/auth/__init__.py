"""Sign-in with MSAL (no Qt): interactive (browser / broker), device code, silent refresh, sign-out.

The API client depends only on :class:`TokenProvider`; the UI drives :class:`AuthSession`.
"""

from __future__ import annotations

from typing import Protocol

from dossier_desk.lazy_exports import lazy_exports


class TokenProvider(Protocol):
    """What the API client needs: a bearer token, refreshed silently (docs/INTERFACES.md)."""

    async def get_token(self, *, force_refresh: bool = False) -> str: ...


# Loaded on first use: see dossier_desk.lazy_exports for why.
_EXPORTS = {
    "browser": (
        "BrowserDriver",
        "SystemBrowser",
    ),
    "config": (
        "BC_SCOPE",
        "AuthConfig",
    ),
    "demo_browser": ("DemoBrowser",),
    "errors": (
        "AuthError",
        "AuthNetworkError",
        "SignInCancelled",
        "SignInFailed",
        "SignInRequired",
        "SignInTimeout",
    ),
    "session": ("AuthSession",),
    "types": (
        "Account",
        "DeviceCodeInfo",
    ),
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = [*__all__, "TokenProvider"]
