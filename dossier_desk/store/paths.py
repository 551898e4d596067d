"""Where a profile's local data lives.

Local data belongs to the signed-in account, not to the profile: each (profile, account, company)
gets its own private directory (mode 0700) under the platform's user data directory, or under
``$DOSSIER_DESK_HOME/data`` when that variable is set (tests, portable installs)::

    profiles/<profile>/token_cache.bin                  the profile's MSAL token cache (all accounts)
    profiles/<profile>/accounts.json                    who has writes waiting (names and counts only)
    profiles/<profile>/accounts/<account key>/ui.ini    the account's window state and saved searches
    profiles/<profile>/accounts/<account key>/<company>/  cache database, backups, upload copies

The account key is a hash of MSAL's ``home_account_id`` (no name or e-mail address in a path).
Without an account (tests, tools) a company directory sits directly under the profile's directory.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from dossier_desk.config import data_root

DB_NAME = "cache.db"
ACCOUNTS_DIR = "accounts"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_name(value: str) -> str:
    """A directory name for an arbitrary string: readable prefix plus a short hash (no collisions)."""
    readable = _SAFE.sub("_", value).strip("._")[:40] or "x"
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}"


def make_private_dir(path: Path) -> Path:
    """Create ``path`` and every missing parent with mode 0700 (``mkdir(parents=True)`` would give the
    parents the umask's mode) and return it."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)
        if os.name == "posix":
            directory.chmod(0o700)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


@dataclass(frozen=True, slots=True)
class ProfilePaths:
    """The files of one profile/company's local data."""

    root: Path

    @property
    def database(self) -> Path:
        """The SQLite cache (also holds the outbox and sync state)."""
        return self.root / DB_NAME

    @property
    def backups(self) -> Path:
        """Copies of the database taken before a schema migration."""
        return self.root / "backups"

    @property
    def outbox_files(self) -> Path:
        """Private copies of files queued for upload."""
        return self.root / "outbox-files"

    def ensure(self) -> ProfilePaths:
        """Create the directories (0700) and return ``self``."""
        make_private_dir(self.root)
        make_private_dir(self.backups)
        make_private_dir(self.outbox_files)
        return self


def account_key(home_account_id: str) -> str:
    """The directory name of an account: a hash of its ``home_account_id``, never its name."""
    if not home_account_id:
        raise ValueError("an account key needs a home_account_id")
    return hashlib.sha256(home_account_id.encode("utf-8")).hexdigest()[:24]


def account_root(profile: str, home_account_id: str, *, root: Path | None = None) -> Path:
    """The directory holding everything of one account on one profile (wiped on its sign-out)."""
    return profile_root(profile, root=root) / ACCOUNTS_DIR / account_key(home_account_id)


def profile_paths(
    profile: str, company_id: str, *, account: str = "", root: Path | None = None
) -> ProfilePaths:
    """The paths for ``profile``, the signed-in ``account`` (its ``home_account_id``) and ``company_id``
    (not created; call :meth:`ProfilePaths.ensure`). Every account gets its own store."""
    if account:
        return ProfilePaths(account_root(profile, account, root=root) / _safe_name(company_id))
    return ProfilePaths(profile_root(profile, root=root) / _safe_name(company_id))


def profile_root(profile: str, *, root: Path | None = None) -> Path:
    """The directory holding all companies of one profile (wiped on profile removal)."""
    base = root if root is not None else data_root()
    return base / "profiles" / _safe_name(profile)
