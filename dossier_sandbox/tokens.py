"""Access and refresh tokens of the sandbox's identity provider.

Access tokens are RS256 JWTs signed with a key generated at start; the API validates them with
:meth:`TokenService.validate`. The OIDC endpoints (``oidc.py``) mint tokens through the same service,
so tests may also call :meth:`issue_access_token` directly to get a real, validated token.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from dossier_sandbox.users import DEMO_USERS, USERS_BY_SUBJECT, DemoUser

API_AUDIENCE = "https://api.businesscentral.dynamics.com"


class InvalidTokenError(Exception):
    """The bearer token is missing, malformed, expired or not ours; ``str(exc)`` is safe to show."""


@dataclass(frozen=True)
class Principal:
    user: DemoUser
    scopes: frozenset[str]


@dataclass
class _RefreshGrant:
    username: str
    client_id: str
    scope: str
    expires_at: float


@dataclass
class TokenService:
    """Signs, validates and revokes tokens. Thread-safe (uvicorn and tests share one instance)."""

    issuer: str
    access_lifetime_s: int = 3600
    refresh_lifetime_s: int = 90 * 24 * 3600
    tenant: str = "sandbox"
    # Claims left out of every token (``SandboxConfig.id_token_omit_claims``).
    omit_claims: tuple[str, ...] = ()
    # False: no ``roles`` claim in any token (as Entra ID tokens for BC); the API never reads it anyway.
    roles_claim: bool = True
    _key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))
    _kid: str = field(default_factory=lambda: secrets.token_hex(8))
    _refresh: dict[str, _RefreshGrant] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- access tokens -------------------------------------------------------------------------
    def issue_access_token(
        self,
        username: str,
        *,
        client_id: str = "dossier-desk",
        scope: str = "",
        lifetime_s: int | None = None,
    ) -> str:
        user = DEMO_USERS[username]
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": API_AUDIENCE,
            **self.identity_claims(user),
            "azp": client_id,
            "scp": scope or "user_impersonation",
            "iat": now,
            "nbf": now,
            "jti": secrets.token_hex(8),  # two tokens issued in the same second still differ
            "exp": now + (self.access_lifetime_s if lifetime_s is None else lifetime_s),
        }
        return self.sign(claims)

    def identity_claims(self, user: DemoUser) -> dict[str, object]:
        """Who the user is, as ID and access tokens carry it, minus the omitted claims."""
        claims: dict[str, object] = {
            "sub": user.subject,
            "oid": user.subject,
            "tid": self.tenant,
            "name": user.display_name,
            "preferred_username": user.username,
            "email": user.email,
            "upn": user.username,
        }
        if self.roles_claim:
            claims["roles"] = [user.role]
        return {k: v for k, v in claims.items() if k not in self.omit_claims}

    def sign(self, claims: dict) -> str:
        """Sign any claims (id tokens too) with the provider's key; RS256, ``kid`` in the header."""
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self._kid})

    def validate(self, token: str) -> Principal:
        """Return who the token speaks for, or raise :class:`InvalidTokenError` with the reason."""
        try:
            claims = jwt.decode(
                token,
                self._key.public_key(),
                algorithms=["RS256"],
                audience=API_AUDIENCE,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidTokenError("The access token has expired.") from exc
        except jwt.InvalidTokenError as exc:
            raise InvalidTokenError("The access token is not valid for this service.") from exc
        # Identified by object id, as BC does: names and roles in a token are never trusted for rights.
        user = USERS_BY_SUBJECT.get(str(claims.get("oid", "")))
        if user is None:
            raise InvalidTokenError("The access token names an unknown user.")
        return Principal(user=user, scopes=frozenset(str(claims.get("scp", "")).split()))

    def subject_of_id_token(self, token: str) -> str | None:
        """The ``sub`` of an ID token we signed (expired or not: logout hints are often old), else None."""
        if not token:
            return None
        try:
            claims = jwt.decode(
                token,
                self._key.public_key(),
                algorithms=["RS256"],
                issuer=self.issuer,
                options={"verify_exp": False, "verify_aud": False, "verify_nbf": False},
            )
        except jwt.InvalidTokenError:
            return None
        subject = claims.get("sub")
        return subject if isinstance(subject, str) else None

    # -- refresh tokens (opaque) --------------------------------------------------------------
    def issue_refresh_token(self, username: str, *, client_id: str, scope: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._refresh[token] = _RefreshGrant(
                username, client_id, scope, time.time() + self.refresh_lifetime_s
            )
        return token

    def redeem_refresh_token(self, token: str, *, client_id: str) -> _RefreshGrant:
        """Rotate: the old refresh token is consumed. Raise InvalidTokenError when unknown/revoked."""
        with self._lock:
            grant = self._refresh.pop(token, None)
        if grant is None or grant.client_id != client_id or grant.expires_at < time.time():
            raise InvalidTokenError("The refresh token is invalid, expired or revoked.")
        return grant

    def revoke_user(self, username: str) -> int:
        """Revoke every refresh token of a user (admin action; tests use it). Returns how many."""
        with self._lock:
            doomed = [t for t, g in self._refresh.items() if g.username == username]
            for t in doomed:
                del self._refresh[t]
        return len(doomed)

    # -- keys ------------------------------------------------------------------------------------
    def jwks(self) -> dict:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        public.update({"kid": self._kid, "use": "sig", "alg": "RS256"})
        return {"keys": [public]}

    def public_key_pem(self) -> bytes:
        return self._key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
