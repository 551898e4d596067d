"""Plain values the sign-in layer hands to its callers (no secrets in any of them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Account:
    """A signed-in identity in the token cache."""

    home_account_id: str
    username: str  # the sign-in name (preferred_username / upn / email); may be "" on generic providers
    environment: str
    name: str = field(default="", compare=False)  # name / preferred_username / email / upn

    @property
    def label(self) -> str:
        """What to show for the account: its name, else its sign-in name, else its id."""
        return self.name or self.username or self.home_account_id


@dataclass(frozen=True)
class DeviceCodeInfo:
    """What the user needs to finish a device code sign-in elsewhere."""

    user_code: str
    verification_uri: str
    expires_at: datetime
    message: str
