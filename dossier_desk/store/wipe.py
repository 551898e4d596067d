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
from dossier_desk.store.db import keyring_account
from dossier_desk.store.paths import ProfilePaths, profile_root

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


def wipe_profile(profile: str, *, root: Path | None = None) -> int:
    """Profile removal: wipe every company's data of ``profile`` (and their keys), then its directory."""
    base = profile_root(profile, root=root)
    if not base.exists():
        return 0
    count = 0
    for company_dir in sorted(p for p in base.iterdir() if p.is_dir()):
        count += wipe_profile_data(ProfilePaths(company_dir))
    count += _wipe_tree(base)
    return count
