"""Plain values the sign-in layer hands to its callers (no secrets in any of them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Account:
    """A signed-in identity in the token cache."""

    home_account_id: str
    username: str
    environment: str


@dataclass(frozen=True)
class DeviceCodeInfo:
    """What the user needs to finish a device code sign-in elsewhere."""

    user_code: str
    verification_uri: str
    expires_at: datetime
    message: str
