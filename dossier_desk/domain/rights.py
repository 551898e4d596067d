"""What the signed-in user may do, as far as the client needs to know (no Qt, no I/O).

The server enforces every rule and decides what is *shown*: the client lists whatever the server
returns and never hides documents or dossiers on its own guess. Rights only decide what is *offered*
(edit, delete, upload, workflow actions), so a read-only user is not led into typing what will be
refused. Where write rights come from, strongest first:

1. the access token's ``roles`` claim, when the issuer sets one (the demo sandbox does);
2. a 403 the server gave this account on a write, remembered per account (BC online: permissions live
   in BC permission sets and Entra tokens carry no roles);
3. the profile's ``role`` setting (an administrator may mark a profile read-only);
4. otherwise: may write, and the server decides.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

# Where the decision came from (shown nowhere; tests and logs use it).
FROM_TOKEN, FROM_SERVER, FROM_PROFILE, FROM_DEFAULT = "token", "server", "profile", "default"

# Known roles: may they write?
ROLE_WRITES = {
    "caseworker": True,
    "occupationalhealth": True,
    "linemanager": False,
    "auditor": False,
    "readonly": False,
}


@dataclass(frozen=True)
class Rights:
    """``role`` is "" when unknown; ``can_write`` covers dossier edits, deletes, uploads and workflow."""

    can_write: bool
    role: str = ""
    source: str = FROM_DEFAULT

    @property
    def read_only(self) -> bool:
        return not self.can_write


DEFAULT_RIGHTS = Rights(can_write=True)


def token_claims(access_token: str) -> dict[str, Any]:
    """The token's payload, read without verifying (a UI hint, never a security decision)."""
    try:
        payload = access_token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return {}
    return claims if isinstance(claims, dict) else {}


def role_from_token(access_token: str) -> str:
    """The first known role in the token's ``roles`` claim; "" when there is none."""
    roles = token_claims(access_token).get("roles")
    if isinstance(roles, list):
        for role in roles:
            if isinstance(role, str) and role.lower() in ROLE_WRITES:
                return role.lower()
    return ""


def resolve_rights(access_token: str, *, refused_by_server: bool = False, profile_role: str = "") -> Rights:
    """Combine the sources in their order of strength (see the module docstring)."""
    role = role_from_token(access_token)
    if role:
        return Rights(ROLE_WRITES[role], role, FROM_TOKEN)
    if refused_by_server:
        return Rights(False, "", FROM_SERVER)
    wanted = profile_role.strip().lower()
    if wanted in ROLE_WRITES:
        return Rights(ROLE_WRITES[wanted], wanted, FROM_PROFILE)
    return DEFAULT_RIGHTS


# A dossier the server blanked for this user (a line manager on a medical-category dossier): the
# description is required on every dossier, so a server dossier without one was restricted (the
# blanked fields: domain.dossier_rules.RESTRICTED_FIELDS).


def is_restricted(description: str, server_side: bool) -> bool:
    """True for a dossier whose details the server withheld from this user."""
    return server_side and not description.strip()
