"""Building a profile's MSAL ``PublicClientApplication`` (blocking: it fetches discovery metadata)."""

from __future__ import annotations

from typing import Any

import msal
import requests

from dossier_desk.auth.config import AuthConfig
from dossier_desk.auth.errors import AuthNetworkError, SignInFailed
from dossier_desk.auth.redaction import protect_msal_loggers


def http_session(config: AuthConfig) -> requests.Session:
    """The HTTP session MSAL uses; with a private CA, environment CA bundles and proxies are ignored."""
    session = requests.Session()
    if config.ca_cert_path is not None:
        session.trust_env = False  # REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE would override verify=
        session.verify = str(config.ca_cert_path)
    return session


def network_error(exc: requests.RequestException) -> AuthNetworkError:
    """The exception to raise when the identity provider cannot be reached (no URL, no token)."""
    return AuthNetworkError(f"The sign-in service is unreachable ({type(exc).__name__}).")


def build_public_client(
    config: AuthConfig, cache: msal.TokenCache, http: requests.Session
) -> msal.PublicClientApplication:
    """A public client for ``config``; raises AuthNetworkError offline, SignInFailed for a bad authority.

    Brokers (WAM, macOS) are requested for Entra authorities only; MSAL enables them where the
    platform and ``msal[broker]`` allow, and ignores them for OIDC authorities.
    """
    common: dict[str, Any] = {"token_cache": cache, "http_client": http, "timeout": config.http_timeout_s}
    try:
        if config.oidc:
            app = msal.PublicClientApplication(config.client_id, oidc_authority=config.authority, **common)
        else:
            app = msal.PublicClientApplication(
                config.client_id,
                authority=config.authority,
                instance_discovery=config.instance_discovery,
                enable_broker_on_windows=config.enable_broker,
                enable_broker_on_mac=config.enable_broker,
                **common,
            )
    except requests.RequestException as exc:
        raise network_error(exc) from exc
    except ValueError as exc:
        raise SignInFailed(f"The sign-in authority is not usable: {exc}") from exc
    protect_msal_loggers()  # MSAL creates some loggers lazily
    return app
