"""What the sign-in layer needs to know about a profile (:class:`AuthConfig`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dossier_desk.config import BC_SCOPE


@dataclass(frozen=True, kw_only=True)
class AuthConfig:
    """One profile's MSAL settings.

    * ``authority``: ``https://login.microsoftonline.com/<tenant>`` for Entra ID, or a generic OIDC
      issuer (the sandbox: ``https://127.0.0.1:<port>/sandbox``) with ``oidc=True``.
    * ``ca_cert_path``: extra trust anchor for the authority (the sandbox's self-signed certificate).
      When set, proxy and CA-bundle environment variables are ignored for identity traffic, because
      requests lets ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` override an explicit ``verify=``.
    * ``cache_path``: the profile's token cache file (encrypted where the OS allows, else mode 0600).
    * ``enable_broker``: use WAM (Windows) / the macOS broker when MSAL supports it (never with ``oidc``).
    * ``instance_discovery``: ask login.microsoftonline.com to validate a non-Microsoft ``authority``;
      turn off for private authorities used without ``oidc``.
    * ``prompt_consent``: interactive sign-in asks ``prompt=consent`` (with ``offline_access``), for
      providers that issue a refresh token only when consent was asked for.
    """

    client_id: str
    authority: str
    cache_path: Path
    scopes: tuple[str, ...] = (BC_SCOPE,)
    oidc: bool = False
    ca_cert_path: Path | None = None
    enable_broker: bool = True
    instance_discovery: bool = True
    http_timeout_s: float = 30.0
    prompt_consent: bool = False  # ask prompt=consent: generic providers grant refresh tokens only then

    def __post_init__(self) -> None:
        parts = urlsplit(self.authority)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError("The sign-in authority must be an https URL.")
        if not self.client_id.strip():
            raise ValueError("The client id is empty.")
        if not self.scopes:
            raise ValueError("At least one scope is required.")
