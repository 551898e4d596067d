"""The device code half of the sandbox OIDC provider (RFC 8628): device authorization, the
verification page where a user code is entered and a demo user chosen, and the polling grant."""

from __future__ import annotations

import re
import secrets
import time
from abc import ABC, abstractmethod
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse

from dossier_sandbox import oidc_html
from dossier_sandbox.oidc_common import (
    NO_STORE,
    PAGE_HEADERS,
    USER_CODE_ALPHABET,
    DeviceGrant,
    OAuthError,
    OidcSettings,
    ProviderState,
    validate_client_id,
)
from dossier_sandbox.users import DEMO_USERS


class DeviceCodeEndpoints(ABC):
    """Mixin for :class:`~dossier_sandbox.oidc.OidcProvider`, which supplies what is declared here."""

    settings: OidcSettings
    _state: ProviderState

    @abstractmethod
    def endpoint(self, name: str) -> str:
        """Absolute URL of the named endpoint."""

    @abstractmethod
    def _token_response(self, username: str, client_id: str, scope: str) -> dict[str, Any]:
        """The token endpoint's success body for a user."""

    def _redeem_device_code(self, client_id: str, params: dict[str, str]) -> dict[str, Any]:
        device_code = params.get("device_code", "")
        with self._state.lock:
            grant = self._state.devices.get(device_code)
            if grant is None or grant.client_id != client_id:
                raise OAuthError("invalid_grant", "The device code is unknown or was already used.")
            if grant.expires_at < time.time():
                del self._state.devices[device_code]
                raise OAuthError("expired_token", "The device code has expired.")
            if grant.status == "denied":
                del self._state.devices[device_code]
                raise OAuthError("access_denied", "The user declined the sign-in.")
            if grant.status != "approved" or grant.username is None:
                raise OAuthError("authorization_pending", "The user has not finished signing in yet.")
            del self._state.devices[device_code]
        return self._token_response(grant.username, client_id, grant.scope)

    # -- device code ---------------------------------------------------------------------------
    async def device_authorization(self, request: Request) -> JSONResponse:
        form = await request.form()
        params = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            client_id = validate_client_id(params.get("client_id"))
            scope = params.get("scope", "").strip()
            if not scope:
                raise OAuthError("invalid_scope", "The scope parameter is required.")
        except OAuthError as exc:
            return exc.response()
        device_code = secrets.token_urlsafe(32)
        user_code = "-".join("".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(4)) for _ in range(2))
        lifetime = self.settings.device_code_lifetime_s
        with self._state.lock:
            self._state.purge(time.time())
            self._state.devices[device_code] = DeviceGrant(
                client_id, scope, user_code, time.time() + lifetime
            )
        uri = self.endpoint("devicelogin")
        return JSONResponse(
            {
                "device_code": device_code,
                "user_code": user_code,
                "verification_uri": uri,
                "expires_in": lifetime,
                "interval": self.settings.device_poll_interval_s,
                "message": f"To sign in, use a web browser to open the page {uri} "
                f"and enter the code {user_code} to authenticate.",
            },
            headers=NO_STORE,
        )

    def decide_device_code(self, user_code: str, username: str | None) -> bool:
        """Approve (``username`` given) or deny (``None``) a pending device code; False if unknown."""
        wanted = re.sub(r"[^A-Z]", "", user_code.upper())
        with self._state.lock:
            for grant in self._state.devices.values():
                live = grant.status == "pending" and grant.expires_at >= time.time()
                if live and grant.user_code.replace("-", "") == wanted:
                    grant.status = "approved" if username else "denied"
                    grant.username = username
                    return True
        return False

    async def device_login(self, request: Request) -> HTMLResponse:
        users = DEMO_USERS.values()
        action = self.endpoint("devicelogin")
        if request.method == "GET":
            code = request.query_params.get("user_code", "")
            return HTMLResponse(oidc_html.device_login_page(action=action, users=users, user_code=code))
        form = await request.form()
        user_code = str(form.get("user_code", ""))
        deny = form.get("decision") == "deny"
        username = str(form.get("username", ""))
        if not deny and username not in DEMO_USERS:
            page = oidc_html.device_login_page(
                action=action, users=users, user_code=user_code, message="Choose a demo user."
            )
            return HTMLResponse(page, 400)
        if not self.decide_device_code(user_code, None if deny else username):
            page = oidc_html.device_login_page(
                action=action,
                users=users,
                message="That code is not valid or has expired. Check it and try again.",
            )
            return HTMLResponse(page, 400)
        return HTMLResponse(oidc_html.device_done_page(approved=not deny), headers=PAGE_HEADERS)
