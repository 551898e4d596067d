"""Ending the provider's session at sign-out (OpenID Connect RP-initiated logout).

The provider's discovery document may name an ``end_session_endpoint``; when it does, sign-out calls
it with the account's last ID token as ``id_token_hint``, so the provider ends its session too and
the next sign-in asks for credentials again. Blocking (run on a worker thread); best effort: a
provider that cannot be reached, or has no such endpoint, never stops a sign-out.
"""

from __future__ import annotations

import logging
import secrets

import requests

from dossier_desk.auth.config import AuthConfig

log = logging.getLogger(__name__)
_TIMEOUT_S = 10.0


def discovery_url(config: AuthConfig) -> str:
    """The OIDC discovery document of the profile's authority (Entra ID serves it under ``/v2.0``)."""
    base = config.authority.rstrip("/")
    if not config.oidc and not base.endswith("/v2.0"):
        base += "/v2.0"
    return base + "/.well-known/openid-configuration"


def end_session_endpoint(http: requests.Session, config: AuthConfig) -> str:
    """The provider's ``end_session_endpoint`` ("" when it has none or cannot be reached)."""
    try:
        response = http.get(discovery_url(config), timeout=_TIMEOUT_S)
        response.raise_for_status()
        endpoint = response.json().get("end_session_endpoint", "")
    except (requests.RequestException, ValueError, AttributeError) as exc:
        log.info("no end-session endpoint found (%s)", type(exc).__name__)
        return ""
    return endpoint if isinstance(endpoint, str) and endpoint.startswith("https://") else ""


def end_provider_session(http: requests.Session, config: AuthConfig, id_token: str) -> bool:
    """Call the provider's end-session endpoint; True when it answered with success."""
    endpoint = end_session_endpoint(http, config)
    if not endpoint:
        return False
    params = {"client_id": config.client_id, "state": secrets.token_urlsafe(16)}
    if id_token:
        params["id_token_hint"] = id_token
    try:
        # POST (a form body, which RP-initiated logout requires providers to accept): the ID token
        # then never sits in a URL, where HTTP libraries' debug logs would record it.
        response = http.post(endpoint, data=params, timeout=_TIMEOUT_S, allow_redirects=False)
    except requests.RequestException as exc:
        log.info("the end-session call failed (%s)", type(exc).__name__)
        return False
    ok = response.status_code < 400
    log.info("end-session call answered %d", response.status_code)
    return ok
