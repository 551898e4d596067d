"""Who has writes waiting on a profile: a small index beside the per-account stores.

Each account's data lives in its own encrypted store that no other account opens. To tell the person
signed in now that someone else's changes are still queued on this computer ("waiting for Anna"),
the profile keeps ``accounts.json``: per account key, the name to show and how many writes wait.
It holds no dossier content, no ids of records and no tokens; it is private (0600) and written
atomically. A missing or damaged index only hides that notice.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from dossier_desk.store.paths import account_key, make_private_dir, profile_root

log = logging.getLogger(__name__)
INDEX_NAME = "accounts.json"


@dataclass(frozen=True, slots=True)
class WaitingWrites:
    """Another account's queued writes on this profile (sent only when that account signs in)."""

    name: str
    count: int


class AccountIndex:
    """The ``accounts.json`` of one profile."""

    def __init__(self, profile: str, *, root: Path | None = None) -> None:
        self._dir = profile_root(profile, root=root)
        self.path = self._dir / INDEX_NAME

    def _load(self) -> dict[str, dict[str, object]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.info("ignoring an unreadable account index (%s)", type(exc).__name__)
            return {}
        return raw if isinstance(raw, dict) else {}

    def _save(self, entries: dict[str, dict[str, object]]) -> None:
        make_private_dir(self._dir)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entries, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def record(self, home_account_id: str, name: str, pending: int) -> None:
        """Remember how many writes of this account wait in its store (0 removes the entry)."""
        entries = self._load()
        key = account_key(home_account_id)
        if pending > 0:
            entries[key] = {"name": name, "pending": int(pending)}
        elif key not in entries:
            return
        else:
            entries.pop(key)
        try:
            self._save(entries)
        except OSError as exc:
            log.info("could not update the account index (%s)", type(exc).__name__)

    def forget(self, home_account_id: str) -> None:
        """Drop the account (its store was wiped at sign-out)."""
        self.record(home_account_id, "", 0)

    def waiting_for_others(self, home_account_id: str) -> list[WaitingWrites]:
        """Writes queued by other accounts on this profile, by name."""
        mine = account_key(home_account_id) if home_account_id else ""
        waiting = []
        for key, entry in self._load().items():
            if key == mine or not isinstance(entry, dict):
                continue
            count = entry.get("pending", 0)
            if isinstance(count, int) and count > 0:
                waiting.append(WaitingWrites(str(entry.get("name", "")), count))
        return sorted(waiting, key=lambda w: w.name.lower())
