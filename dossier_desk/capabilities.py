"""What the signed-in user may do, as far as the UI needs to know (no Qt).

The server enforces every rule; the client only uses these to avoid offering what would be refused
(upload and edit buttons for read-only roles) and to keep medical content off disk for roles that may
not see it. The role comes from the access token's ``roles`` claim when the issuer sets one (the demo
sandbox does); a token without roles (BC online: permissions live in BC permission sets) gets the
caseworker defaults and the server decides.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Capabilities:
    role: str
    can_write: bool
    can_see_medical: bool

    @property
    def read_only(self) -> bool:
        return not self.can_write


_ROLES = {
    "caseworker": Capabilities("caseworker", can_write=True, can_see_medical=False),
    "occupationalhealth": Capabilities("occupationalhealth", can_write=True, can_see_medical=True),
    "linemanager": Capabilities("linemanager", can_write=False, can_see_medical=False),
    "auditor": Capabilities("auditor", can_write=False, can_see_medical=False),
}
DEFAULT_CAPABILITIES = _ROLES["caseworker"]


def capabilities_from_token(access_token: str) -> Capabilities:
    """Read (without verifying: this is a UI hint, not a security decision) the token's role."""
    try:
        payload = access_token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return DEFAULT_CAPABILITIES
    roles = claims.get("roles") if isinstance(claims, dict) else None
    if isinstance(roles, list):
        for role in roles:
            if isinstance(role, str) and role in _ROLES:
                return _ROLES[role]
    return DEFAULT_CAPABILITIES
