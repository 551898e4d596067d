"""Who an account is, for any standards-conformant provider (not only Entra ID).

An account is identified by MSAL's ``home_account_id`` (``<oid>.<tid>`` from Entra's ``client_info``,
else the ID token's ``sub``). The name shown is the first of ``name``, ``preferred_username``,
``email`` and ``upn`` that the ID token carries: none of them is required by OpenID Connect.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import msal

NAME_CLAIMS = ("name", "preferred_username", "email", "upn")
USERNAME_CLAIMS = ("preferred_username", "upn", "email")


def display_name(claims: dict[str, Any]) -> str:
    """The name to show for an account: ``name``, ``preferred_username``, ``email`` or ``upn``."""
    for claim in NAME_CLAIMS:
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def sign_in_name(claims: dict[str, Any]) -> str:
    """The account's sign-in name (``preferred_username``, ``upn`` or ``email``), "" when absent."""
    for claim in USERNAME_CLAIMS:
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _b64_json(part: str) -> dict[str, Any]:
    try:
        data = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (ValueError, binascii.Error):
        return {}
    return data if isinstance(data, dict) else {}


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT read without verification (only for tokens MSAL already validated)."""
    parts = token.split(".")
    return _b64_json(parts[1]) if len(parts) == 3 else {}


def home_account_ids_of(result: dict[str, Any]) -> list[str]:
    """The ``home_account_id`` MSAL files a token response under (see ``TokenCache.__parse_account``):
    ``uid.utid`` from ``client_info`` (Entra ID, also ``oid.tid`` of the ID token), else ``sub``."""
    candidates = []
    client_info = result.get("client_info")
    if isinstance(client_info, str):
        info = _b64_json(client_info)
        if info.get("uid") and info.get("utid"):
            candidates.append(f"{info['uid']}.{info['utid']}")
    claims = result.get("id_token_claims") or {}
    if claims.get("oid") and claims.get("tid"):
        candidates.append(f"{claims['oid']}.{claims['tid']}")
    if claims.get("sub"):
        candidates.append(str(claims["sub"]))
    return candidates


def cached_id_token(cache: msal.TokenCache, home_account_id: str) -> str:
    """The newest raw ID token of an account in MSAL's cache ("" when there is none)."""
    entries = cache.search(
        msal.TokenCache.CredentialType.ID_TOKEN, query={"home_account_id": home_account_id}
    )
    for entry in entries:
        secret = entry.get("secret")
        if isinstance(secret, str) and secret:
            return secret
    return ""


def cached_claims(cache: msal.TokenCache, home_account_id: str) -> dict[str, Any]:
    """The claims of an account's cached ID token ({} when there is none)."""
    token = cached_id_token(cache, home_account_id)
    return jwt_claims(token) if token else {}
