"""Which upload rules apply: the server's when it offers them, else the profile's, else the defaults
of the FlowOn upload action (the only reference that defines them).

The answer is kept in the cache, so the first upload of a session is checked at once, even offline.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import msgspec

from dossier_desk.api.models import DEFAULT_UPLOAD_RULES, UploadRules
from dossier_desk.store.cache import Cache
from dossier_desk.store.pending_write import PendingWrite

log = logging.getLogger(__name__)

K_SERVER_RULES = "upload_rules.server"  # JSON of the server's rules; "" when it offers none
K_RULES_CHECKED = "upload_rules.checked"


def rules_from_mapping(values: Mapping[str, Any] | None) -> UploadRules | None:
    """Upload rules from a profile's ``upload_rules`` (wire names: ``allowedExtensions``,
    ``maxFileSize``, ``maxFilesPerRequest``); ``None`` when absent or unreadable (logged)."""
    if not values:
        return None
    try:
        return msgspec.convert(dict(values), UploadRules)
    except msgspec.ValidationError as exc:
        log.warning("the profile's upload rules are not readable (%s); using the defaults", exc)
        return None


class UploadRulesKeeper:
    """The upload rules in force (``UploadRulesSource`` for the documents tab) and their source."""

    def __init__(self, cache: Cache, profile_rules: UploadRules | None = None) -> None:
        self.cache = cache
        self.profile_rules = profile_rules

    def current(self) -> tuple[UploadRules, str]:
        """The rules and where they come from: ``"server"``, ``"profile"`` or ``"default"``."""
        stored = self.cache.get_state(K_SERVER_RULES)
        if stored:
            try:
                return msgspec.json.decode(stored, type=UploadRules), "server"
            except msgspec.DecodeError:
                log.info("cached upload rules unreadable; falling back")
        if self.profile_rules is not None:
            return self.profile_rules, "profile"
        return DEFAULT_UPLOAD_RULES, "default"

    async def upload_rules(self) -> UploadRules:
        """The rules in force, from the cache (never waits on the network)."""
        return self.current()[0]

    def store_server_rules(self, rules: UploadRules | None) -> PendingWrite[None]:
        """Remember what the server offers (``None``: nothing, so the fallbacks apply)."""
        blob = msgspec.json.encode(rules).decode() if rules is not None else ""
        return self.cache.set_state({K_SERVER_RULES: blob, K_RULES_CHECKED: "1"})
