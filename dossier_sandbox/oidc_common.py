"""Shared pieces of the sandbox OIDC provider: settings, OAuth errors, grant records, request checks."""

from __future__ import annotations

import base64
import hashlib
import re
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from starlette.responses import JSONResponse

GRANT_AUTH_CODE = "authorization_code"
GRANT_REFRESH = "refresh_token"
GRANT_DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code"
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"  # no vowels (no words), no look-alikes
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
PAGE_HEADERS = {**NO_STORE, "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


@dataclass
class OidcSettings:
    """Knobs tests turn; mutable at run time through ``app.state.oidc.settings``."""

    code_lifetime_s: float = 120.0
    pending_request_lifetime_s: float = 600.0
    device_code_lifetime_s: int = 900
    device_poll_interval_s: int = 5
    login_hint_skips_chooser: bool = True
    # As generic OIDC providers: offline_access (a refresh token) only with prompt=consent.
    refresh_requires_consent: bool = False
    # While this event is not set, refresh-token grants wait for it (at most 60 s): a slow sign-in
    # service, so tests can see what the client does before its token arrives.
    refresh_hold: threading.Event | None = None


class OAuthError(Exception):
    """An OAuth 2.0 error response (RFC 6749 section 5.2); the description is safe to show."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error, self.description, self.status = error, description, status

    def response(self) -> JSONResponse:
        body = {"error": self.error, "error_description": self.description}
        return JSONResponse(body, status_code=self.status, headers=NO_STORE)


@dataclass
class AuthRequest:
    client_id: str
    redirect_uri: str
    scope: str
    state: str | None
    nonce: str | None
    code_challenge: str
    expires_at: float
    prompt: str | None = None


@dataclass
class AuthCode:
    request: AuthRequest
    username: str
    expires_at: float


@dataclass
class DeviceGrant:
    client_id: str
    scope: str
    user_code: str
    expires_at: float
    status: str = "pending"  # pending | approved | denied
    username: str | None = None


@dataclass
class ProviderState:
    requests: dict[str, AuthRequest] = field(default_factory=dict)
    codes: dict[str, AuthCode] = field(default_factory=dict)
    devices: dict[str, DeviceGrant] = field(default_factory=dict)  # by device_code
    lock: threading.Lock = field(default_factory=threading.Lock)

    def purge(self, now: float) -> None:
        for table in (self.requests, self.codes, self.devices):
            for key in [k for k, v in table.items() if v.expires_at < now - 60]:
                del table[key]


def validate_client_id(client_id: str | None) -> str:
    """Return the client id or raise ``invalid_client`` when it is missing or malformed."""
    if not client_id or not CLIENT_ID_RE.match(client_id):
        raise OAuthError("invalid_client", "The client_id is missing or malformed.", 401)
    return client_id


def validate_redirect_uri(redirect_uri: str | None) -> str:
    """Accept only native-app loopback redirects (RFC 8252 section 7.3): ``http://localhost:<port>/...``."""
    if not redirect_uri:
        raise OAuthError("invalid_request", "The redirect_uri is missing.")
    try:
        parts = urlsplit(redirect_uri)
        port = parts.port
    except ValueError as exc:
        raise OAuthError("invalid_request", "The redirect_uri is malformed.") from exc
    if (
        parts.scheme != "http"
        or parts.hostname not in LOOPBACK_HOSTS
        or port is None
        or parts.username
        or parts.password
        or parts.fragment
    ):
        raise OAuthError("invalid_request", "The redirect_uri must be a loopback http URI with a port.")
    return redirect_uri


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def pkce_s256(verifier: str) -> str:
    """The S256 code challenge of a PKCE code verifier (RFC 7636)."""
    return b64url(hashlib.sha256(verifier.encode("ascii")).digest())
