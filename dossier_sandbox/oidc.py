"""The sandbox's OpenID Connect provider: enough of Microsoft Entra ID for real MSAL to sign in.

``build_oidc_app(tokens, tenant)`` serves, under ``/{tenant}``: discovery, an authorize endpoint
(PKCE S256 required, answers with ``response_mode=form_post`` to a loopback redirect URI, a "choose
demo user" page unless ``login_hint`` names a demo user), a token endpoint (authorization code,
refresh token with rotation, device code), device authorization plus its verification page, JWKS
and logout. MSAL accepts it as ``oidc_authority`` when ``tokens.issuer`` is exactly
``https://<host>:<port>/{tenant}`` and the client trusts the sandbox certificate (``tls.py``).

No token, code or verifier is ever logged or put in an error message.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from dossier_sandbox import oidc_html
from dossier_sandbox.oidc_common import (
    GRANT_AUTH_CODE,
    GRANT_DEVICE_CODE,
    GRANT_REFRESH,
    NO_STORE,
    PAGE_HEADERS,
    AuthCode,
    AuthRequest,
    OAuthError,
    OidcSettings,
    ProviderState,
    b64url,
    pkce_s256,
    validate_client_id,
    validate_redirect_uri,
)
from dossier_sandbox.oidc_device import DeviceCodeEndpoints
from dossier_sandbox.tokens import API_AUDIENCE, InvalidTokenError, TokenService
from dossier_sandbox.users import DEMO_USERS


class OidcProvider(DeviceCodeEndpoints):
    """State and endpoints of the identity provider. Thread-safe; one instance per sandbox."""

    def __init__(self, tokens: TokenService, tenant: str, settings: OidcSettings | None = None) -> None:
        self.tokens = tokens
        self.tenant = tenant
        self.settings = settings or OidcSettings()
        self._state = ProviderState()
        self.end_session_calls: list[str | None] = []  # subject ids, in call order

    # -- wiring --------------------------------------------------------------------------------
    @property
    def routes(self) -> list[Route]:
        """Starlette routes under ``/{tenant}``, for inclusion in a bigger app."""
        t = f"/{self.tenant}"
        return [
            Route(f"{t}/.well-known/openid-configuration", self.discovery, methods=["GET"]),
            Route(f"{t}/v2.0/.well-known/openid-configuration", self.discovery, methods=["GET"]),
            Route(f"{t}/oauth2/v2.0/authorize", self.authorize, methods=["GET", "POST"]),
            Route(f"{t}/oauth2/v2.0/token", self.token, methods=["POST"]),
            Route(f"{t}/oauth2/v2.0/devicecode", self.device_authorization, methods=["POST"]),
            Route(f"{t}/devicelogin", self.device_login, methods=["GET", "POST"]),
            Route(f"{t}/discovery/v2.0/keys", self.keys, methods=["GET"]),
            Route(f"{t}/oauth2/v2.0/logout", self.logout, methods=["GET", "POST"]),
        ]

    def endpoint(self, name: str) -> str:
        """Absolute URL of an endpoint, derived from the issuer (``https://host:port/{tenant}``)."""
        base = self.tokens.issuer.rstrip("/")
        paths = {
            "authorize": "/oauth2/v2.0/authorize",
            "token": "/oauth2/v2.0/token",
            "devicecode": "/oauth2/v2.0/devicecode",
            "devicelogin": "/devicelogin",
            "keys": "/discovery/v2.0/keys",
            "logout": "/oauth2/v2.0/logout",
        }
        return base + paths[name]

    # -- discovery and keys --------------------------------------------------------------------
    async def discovery(self, request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "issuer": self.tokens.issuer,
                "authorization_endpoint": self.endpoint("authorize"),
                "token_endpoint": self.endpoint("token"),
                "device_authorization_endpoint": self.endpoint("devicecode"),
                "end_session_endpoint": self.endpoint("logout"),
                "jwks_uri": self.endpoint("keys"),
                "response_types_supported": ["code"],
                "response_modes_supported": ["form_post"],
                "grant_types_supported": [GRANT_AUTH_CODE, GRANT_REFRESH, GRANT_DEVICE_CODE],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["none"],
                "scopes_supported": [
                    "openid",
                    "profile",
                    "offline_access",
                    f"{API_AUDIENCE}/user_impersonation",
                ],
                "claims_supported": [
                    "iss",
                    "aud",
                    "sub",
                    "oid",
                    "tid",
                    "preferred_username",
                    "name",
                    "email",
                    "upn",
                    "roles",
                    "nonce",
                ],
                "tenant_region_scope": "EU",
            }
        )

    async def keys(self, request: Request) -> JSONResponse:
        return JSONResponse(self.tokens.jwks())

    # -- authorize -----------------------------------------------------------------------------
    async def authorize(self, request: Request) -> Response:
        params: dict[str, str] = dict(request.query_params)
        if request.method == "POST":
            form = await request.form()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
            if "request_id" in params:
                return self._chooser_submitted(params)
        try:
            validate_client_id(params.get("client_id"))
            redirect_uri = validate_redirect_uri(params.get("redirect_uri"))
        except OAuthError as exc:  # never redirect to an unvalidated URI
            return HTMLResponse(oidc_html.error_page("Sign-in request rejected", exc.description), 400)
        state = params.get("state")
        try:
            auth_request = self._parse_authorize(params, redirect_uri)
        except OAuthError as exc:
            return self._form_post_error(redirect_uri, state, exc.error, exc.description)
        hint = params.get("login_hint", "")
        prompt = params.get("prompt")
        if hint in DEMO_USERS and self.settings.login_hint_skips_chooser and prompt in (None, "none"):
            return self._issue_code(auth_request, hint)
        if prompt == "none":
            return self._form_post_error(
                redirect_uri, state, "login_required", "User interaction is required."
            )
        request_id = secrets.token_urlsafe(24)
        with self._state.lock:
            self._state.purge(time.time())
            self._state.requests[request_id] = auth_request
        page = oidc_html.chooser_page(
            action=self.endpoint("authorize"),
            request_id=request_id,
            client_id=auth_request.client_id,
            users=DEMO_USERS.values(),
        )
        return HTMLResponse(page, headers=PAGE_HEADERS)

    def _parse_authorize(self, params: dict[str, str], redirect_uri: str) -> AuthRequest:
        if params.get("response_type") != "code":
            raise OAuthError("unsupported_response_type", "Only response_type=code is supported.")
        if params.get("response_mode", "form_post") != "form_post":
            raise OAuthError("invalid_request", "Only response_mode=form_post is supported.")
        challenge = params.get("code_challenge", "")
        if params.get("code_challenge_method") != "S256" or not re.fullmatch(r"[A-Za-z0-9_-]{43}", challenge):
            raise OAuthError("invalid_request", "PKCE with code_challenge_method=S256 is required.")
        scope = params.get("scope", "").strip()
        if not scope:
            raise OAuthError("invalid_scope", "The scope parameter is required.")
        return AuthRequest(
            client_id=params["client_id"],
            redirect_uri=redirect_uri,
            scope=scope,
            state=params.get("state"),
            nonce=params.get("nonce"),
            code_challenge=challenge,
            expires_at=time.time() + self.settings.pending_request_lifetime_s,
            prompt=params.get("prompt"),
        )

    def _chooser_submitted(self, params: dict[str, str]) -> Response:
        with self._state.lock:
            auth_request = self._state.requests.pop(params["request_id"], None)
        if auth_request is None or auth_request.expires_at < time.time():
            page = oidc_html.error_page("Sign-in expired", "This sign-in page has expired. Start again.")
            return HTMLResponse(page, 400, headers=PAGE_HEADERS)
        if params.get("decision") == "deny":
            return self._form_post_error(
                auth_request.redirect_uri,
                auth_request.state,
                "access_denied",
                "The user cancelled the sign-in.",
            )
        username = params.get("username", "")
        if username not in DEMO_USERS:
            return self._form_post_error(
                auth_request.redirect_uri, auth_request.state, "access_denied", "No demo user was chosen."
            )
        return self._issue_code(auth_request, username)

    def _issue_code(self, auth_request: AuthRequest, username: str) -> HTMLResponse:
        code = secrets.token_urlsafe(32)
        with self._state.lock:
            self._state.codes[code] = AuthCode(
                auth_request, username, time.time() + self.settings.code_lifetime_s
            )
        fields = {"code": code}
        if auth_request.state is not None:
            fields["state"] = auth_request.state
        return HTMLResponse(oidc_html.form_post_page(auth_request.redirect_uri, fields), headers=PAGE_HEADERS)

    def _form_post_error(
        self, redirect_uri: str, state: str | None, error: str, description: str
    ) -> HTMLResponse:
        fields = {"error": error, "error_description": description}
        if state is not None:
            fields["state"] = state
        return HTMLResponse(oidc_html.form_post_page(redirect_uri, fields), headers=PAGE_HEADERS)

    # -- token ---------------------------------------------------------------------------------
    async def token(self, request: Request) -> JSONResponse:
        form = await request.form()
        params = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            client_id = validate_client_id(params.get("client_id"))
            grant_type = params.get("grant_type")
            if grant_type == GRANT_AUTH_CODE:
                body = self._redeem_code(client_id, params)
            elif grant_type == GRANT_REFRESH:
                await self._held_refresh()
                body = self._redeem_refresh(client_id, params)
            elif grant_type == GRANT_DEVICE_CODE:
                body = self._redeem_device_code(client_id, params)
            else:
                raise OAuthError("unsupported_grant_type", "The grant_type is not supported.")
        except OAuthError as exc:
            return exc.response()
        return JSONResponse(body, headers=NO_STORE)

    async def _held_refresh(self) -> None:
        hold = self.settings.refresh_hold
        if hold is not None:
            await asyncio.to_thread(hold.wait, 60)

    def _redeem_code(self, client_id: str, params: dict[str, str]) -> dict[str, Any]:
        with self._state.lock:
            grant = self._state.codes.pop(params.get("code", ""), None)
        if grant is None or grant.expires_at < time.time():
            raise OAuthError("invalid_grant", "The authorization code is invalid, expired or already used.")
        req = grant.request
        if req.client_id != client_id:
            raise OAuthError("invalid_grant", "The authorization code was issued to another client.")
        if params.get("redirect_uri") != req.redirect_uri:
            raise OAuthError("invalid_grant", "The redirect_uri does not match the authorization request.")
        verifier = params.get("code_verifier", "")
        if not re.fullmatch(r"[A-Za-z0-9._~-]{43,128}", verifier) or not secrets.compare_digest(
            pkce_s256(verifier), req.code_challenge
        ):
            raise OAuthError("invalid_grant", "The PKCE code_verifier does not match the code_challenge.")
        scope = req.scope
        if self.settings.refresh_requires_consent and req.prompt != "consent":
            # Generic providers drop offline_access unless the user was asked to consent to it.
            scope = " ".join(s for s in scope.split() if s != "offline_access")
        return self._token_response(grant.username, client_id, scope, nonce=req.nonce)

    def _redeem_refresh(self, client_id: str, params: dict[str, str]) -> dict[str, Any]:
        try:
            grant = self.tokens.redeem_refresh_token(params.get("refresh_token", ""), client_id=client_id)
        except InvalidTokenError as exc:
            raise OAuthError("invalid_grant", str(exc)) from exc
        requested = params.get("scope", "").split()
        granted = set(grant.scope.split()) | {"openid", "profile", "offline_access"}
        if any(s not in granted for s in requested):
            raise OAuthError("invalid_scope", "The refresh token was not granted for the requested scope.")
        scope = " ".join(requested) or grant.scope
        return self._token_response(grant.username, client_id, scope, grant_scope=grant.scope)

    def _token_response(
        self,
        username: str,
        client_id: str,
        scope: str,
        *,
        nonce: str | None = None,
        grant_scope: str | None = None,
    ) -> dict:
        """Tokens for ``scope``; a refresh token (bound to ``grant_scope``, default ``scope``) when
        the grant includes ``offline_access``."""
        user = DEMO_USERS[username]
        grant_scope = grant_scope or scope
        scopes = scope.split()
        prefix = API_AUDIENCE + "/"
        api_scopes = (
            " ".join(s[len(prefix) :] for s in scopes if s.startswith(prefix)) or "user_impersonation"
        )
        lifetime = self.tokens.access_lifetime_s
        body: dict[str, Any] = {
            "token_type": "Bearer",
            "scope": scope,
            "expires_in": lifetime,
            "ext_expires_in": lifetime,
            "access_token": self.tokens.issue_access_token(username, client_id=client_id, scope=api_scopes),
            "client_info": b64url(json.dumps({"uid": user.subject, "utid": self.tenant}).encode()),
        }
        if "offline_access" in grant_scope.split():
            body["refresh_token"] = self.tokens.issue_refresh_token(
                username, client_id=client_id, scope=grant_scope
            )
            body["refresh_token_expires_in"] = self.tokens.refresh_lifetime_s
        if "openid" in scopes:
            body["id_token"] = self._id_token(username, client_id, nonce)
        return body

    def _id_token(self, username: str, client_id: str, nonce: str | None) -> str:
        user = DEMO_USERS[username]
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.tokens.issuer,
            "aud": client_id,
            **self.tokens.identity_claims(user),
            "ver": "2.0",
            "iat": now,
            "nbf": now,
            "exp": now + self.tokens.access_lifetime_s,
        }
        if nonce:
            claims["nonce"] = nonce
        # Signed with the TokenService key so the JWKS verifies it (TokenService has no public signer).
        return self.tokens.sign(claims)

    # -- logout --------------------------------------------------------------------------------
    async def logout(self, request: Request) -> Response:
        """End session (GET or POST form): recorded with the subject of ``id_token_hint`` (None
        without a valid one), then back to a loopback ``post_logout_redirect_uri`` if given."""
        params: dict[str, str] = dict(request.query_params)
        if request.method == "POST":
            form = await request.form()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
        subject = self.tokens.subject_of_id_token(params.get("id_token_hint", ""))
        with self._state.lock:
            self.end_session_calls.append(subject)
        target = params.get("post_logout_redirect_uri")
        if target:
            try:
                validate_redirect_uri(target)
            except OAuthError:
                return HTMLResponse(oidc_html.signed_out_page())
            state = params.get("state")
            if state:
                target += ("&" if "?" in target else "?") + urlencode({"state": state})
            return RedirectResponse(target, status_code=302)
        return HTMLResponse(oidc_html.signed_out_page())


__all__ = ["OAuthError", "OidcProvider", "OidcSettings", "build_oidc_app", "pkce_s256"]


def build_oidc_app(tokens: TokenService, tenant: str, settings: OidcSettings | None = None) -> Starlette:
    """A Starlette app serving the identity provider; the provider is ``app.state.oidc``."""
    provider = OidcProvider(tokens, tenant, settings)
    app = Starlette(routes=provider.routes)
    app.state.oidc = provider
    return app
