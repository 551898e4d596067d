"""Failures of the local disk or database, told apart so the UI can say "NOT saved" and why.

The store raises the driver's own errors (``sqlite3`` or ``sqlcipher3``) and ``OSError``; callers that
write catch :data:`STORAGE_ERRORS` and show :func:`storage_failure` as a code, never the raw text.
"""

from __future__ import annotations

import errno
import sqlite3

from dossier_desk.store import crypto

STORAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, OSError) + (
    (crypto.sqlcipher3.Error,) if crypto.sqlcipher3 is not None else ()
)

DATABASE_ERRORS: tuple[type[Exception], ...] = tuple(e for e in STORAGE_ERRORS if e is not OSError)

DISK_FULL = "disk_full"
READ_ONLY = "read_only"
UNAVAILABLE = "unavailable"


def storage_failure(exc: BaseException) -> str:
    """A code for why a write did not reach the disk: disk full, read-only, or otherwise unavailable."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DISK_FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return READ_ONLY
        return UNAVAILABLE
    text = str(exc).lower()
    if "full" in text:  # SQLITE_FULL: "database or disk is full"
        return DISK_FULL
    if "readonly" in text or "read-only" in text or "read only" in text:  # SQLITE_READONLY
        return READ_ONLY
    return UNAVAILABLE


_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "file is encrypted")


def is_damaged_cache(exc: BaseException) -> bool:
    """True when the cache file itself is unusable (corrupt, not a database, or its key is gone), as
    opposed to a locked or full disk, which a reset would not cure."""
    if isinstance(exc, crypto.CacheUnreadableError):
        return True
    database_errors: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,) + (
        (crypto.sqlcipher3.DatabaseError,) if crypto.sqlcipher3 is not None else ()
    )
    return isinstance(exc, database_errors) and any(w in str(exc).lower() for w in _DAMAGE_WORDS)
