"""Secure removal of a profile's local data (sign-out, profile removal).

Files are overwritten with zeros and fsynced before being unlinked: the database, its ``-wal``,
``-shm`` and ``-journal`` files, migration backups and the private copies of queued uploads. On SSDs
and copy-on-write file systems overwriting is best effort; the database is also encrypted at rest
when a keyring is available, and its key is deleted from the keyring here.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dossier_desk.store import crypto
from dossier_desk.store.db import keyring_account, open_database
from dossier_desk.store.paths import DB_NAME, ProfilePaths, account_root, profile_paths, profile_root

log = logging.getLogger(__name__)
_CHUNK = 1 << 20


def _overwrite_and_unlink(path: Path) -> bool:
    try:
        size = path.stat().st_size
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return False
    try:
        zeros = bytes(min(_CHUNK, max(size, 1)))
        written = 0
        while written < size:
            written += os.write(fd, zeros[: min(len(zeros), size - written)])
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink(missing_ok=True)
    return True


def _wipe_tree(root: Path) -> int:
    count = 0
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            if _overwrite_and_unlink(Path(dirpath) / name):
                count += 1
        Path(dirpath).rmdir()
    return count


def wipe_profile_data(path: Path | ProfilePaths) -> int:
    """Overwrite and delete everything under a profile's data directory; returns the files removed.

    ``path`` is a :class:`ProfilePaths` or its root directory. Close the database first.
    """
    paths = path if isinstance(path, ProfilePaths) else ProfilePaths(Path(path))
    account = keyring_account(paths)
    if not paths.root.exists():
        crypto.delete_key(account)
        return 0
    count = 0
    db = paths.database
    for suffix in ("", "-wal", "-shm", "-journal"):
        if _overwrite_and_unlink(Path(str(db) + suffix)):
            count += 1
    count += _wipe_tree(paths.root)
    crypto.delete_key(account)
    log.info("wiped local profile data (%d files)", count)
    return count


def _store_dirs(base: Path) -> list[Path]:
    """Every directory under ``base`` that holds a cache database (any account, any company)."""
    return sorted({db.parent for db in base.rglob(DB_NAME)}, key=lambda p: len(p.parts), reverse=True)


def wipe_tree_with_stores(base: Path) -> int:
    """Wipe every store under ``base`` (dropping their keys), then everything else there, then ``base``."""
    if not base.exists():
        return 0
    count = sum(wipe_profile_data(ProfilePaths(d)) for d in _store_dirs(base))
    return count + _wipe_tree(base)


def wipe_account(profile: str, home_account_id: str, *, root: Path | None = None) -> int:
    """Sign-out: wipe one account's data on ``profile`` (every company's store and key, its window state
    and saved searches); other accounts' stores stay. Returns the files removed."""
    return wipe_tree_with_stores(account_root(profile, home_account_id, root=root))


def wipe_profile(profile: str, *, root: Path | None = None) -> int:
    """Profile removal: wipe every account's and company's data of ``profile`` (and their keys)."""
    return wipe_tree_with_stores(profile_root(profile, root=root))


def retire_shared_store(profile: str, company_id: str, *, root: Path | None = None) -> bool:
    """A store made before data belonged to accounts (one per profile and company) has no owner: it is
    wiped when nothing in it waits to be sent (it is only a copy of the server). One with queued
    writes is kept, and never opened for an account (whose writes they are is unknown). Blocking."""
    paths = profile_paths(profile, company_id, root=root)
    if not paths.database.exists():
        return False
    try:
        with open_database(paths) as db:
            queued = db.query("SELECT count(*) FROM outbox")[0][0]
    except Exception as exc:  # unreadable (key gone, damaged): leave it to the user's reset
        log.info("kept an older shared cache (%s)", type(exc).__name__)
        return False
    if queued:
        log.info("kept an older shared cache with %d queued writes", queued)
        return False
    wipe_profile_data(paths)
    return True
