"""Encryption at rest and private file creation for the cache database.

The database key is a random 256-bit value kept in the OS keyring (``keyring``), one per profile
directory. When a keyring backend can hold it and ``sqlcipher3`` is installed the database is
opened with SQLCipher (raw key, so opening costs no key derivation). Otherwise the database is
plain SQLite and :attr:`OpenedConnection.encrypted` is ``False`` so the UI can warn the user.

The file is created with mode 0600 before SQLite touches it (SQLite gives ``-wal``/``-shm`` the
database file's mode), and a 0o077 umask is held while the connection opens.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # pragma: no cover - depends on the platform wheel
    import sqlcipher3
except ImportError:  # pragma: no cover
    sqlcipher3 = None

log = logging.getLogger(__name__)

KEYRING_SERVICE = "DossierDesk cache key"
# keyring's own switch (read before its config file and backend discovery): these two backends mean
# "no keyring". ``fail`` raises on every call, ``null`` stores nothing and finds nothing.
KEYRING_ENV = "PYTHON_KEYRING_BACKEND"
_FAIL_BACKEND = "keyring.backends.fail.Keyring"
_NULL_BACKEND = "keyring.backends.null.Keyring"
SQLITE_MAGIC = b"SQLite format 3\x00"
_umask_lock = threading.Lock()


class CacheUnreadableError(RuntimeError):
    """The database is encrypted but its key is not available (keyring gone or key deleted)."""


def sqlcipher_available() -> bool:
    """True when the SQLCipher driver is installed."""
    return sqlcipher3 is not None


def get_or_create_key(account: str, *, may_create: bool = True) -> str | None:
    """The hex key for ``account`` from the keyring, creating it on first use.

    Returns ``None`` when no usable keyring backend exists (or it refuses): the caller then stores
    the cache unencrypted. ``may_create=False`` (an encrypted database already exists) raises
    :class:`CacheUnreadableError` when the keyring works but holds no key: a new key could never open
    that file, and storing one would only hide the problem.
    """
    switched_off = keyring_switched_off()
    if switched_off is not None:  # keyring's own answer, without importing it (~25 ms of a start)
        if switched_off == _NULL_BACKEND and not may_create:
            raise CacheUnreadableError(_KEY_GONE)
        log.info("No OS keyring for the cache key (switched off); the cache stays unencrypted")
        return None
    try:
        import keyring  # here, not at the top: a slow import (jaraco, more_itertools) only when needed

        key = keyring.get_password(KEYRING_SERVICE, account)
        if key:
            return key
        if not may_create:
            raise CacheUnreadableError(_KEY_GONE)
        key = secrets.token_hex(32)
        keyring.set_password(KEYRING_SERVICE, account, key)
        stored = keyring.get_password(KEYRING_SERVICE, account)
    except CacheUnreadableError:
        raise
    except Exception as exc:  # keyring backends (D-Bus, Keychain, WinCred) raise all sorts
        log.info("No OS keyring for the cache key (%s); the cache stays unencrypted", type(exc).__name__)
        return None
    return stored if stored == key else None


_KEY_GONE = (
    "The local cache is encrypted, but its key is no longer in the system keyring, so it cannot be "
    "opened. Resetting the local cache downloads everything again."
)


def keyring_switched_off() -> str | None:
    """keyring's fail or null backend when ``$PYTHON_KEYRING_BACKEND`` names one and keyring has not
    been imported (once it has, a backend set in code wins, so keyring itself is asked); else None."""
    name = os.environ.get(KEYRING_ENV, "").strip()
    if name in (_FAIL_BACKEND, _NULL_BACKEND) and "keyring" not in sys.modules:
        return name
    return None


def delete_key(account: str) -> None:
    """Remove the key of ``account`` from the keyring (ignored when absent or no keyring)."""
    with contextlib.suppress(Exception):
        import keyring

        keyring.delete_password(KEYRING_SERVICE, account)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist; tighten the mode if it does."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)


def is_encrypted_database(path: Path) -> bool:
    """True when ``path`` is an existing, non-empty file that is not plaintext SQLite."""
    try:
        return path.stat().st_size > 0 and not is_plaintext_sqlite(path)
    except FileNotFoundError:
        return False


def is_plaintext_sqlite(path: Path) -> bool:
    """True when the file starts with SQLite's plaintext header."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Hold umask 0o077 (files SQLite creates are private). Process-wide, so serialised."""
    if os.name != "posix":
        yield
        return
    with _umask_lock:
        old = os.umask(0o077)
        try:
            yield
        finally:
            os.umask(old)


@dataclass(slots=True)
class OpenedConnection:
    """A DB-API connection plus whether it is encrypted and the driver's base ``Error`` class."""

    conn: Any
    encrypted: bool
    error_class: type[Exception]


def _key_pragma(key: str) -> str:
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key.lower()):
        raise ValueError("cache key must be 64 hex digits")
    return f"PRAGMA key = \"x'{key}'\""


def _connect_plain(path: Path) -> OpenedConnection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    return OpenedConnection(conn, False, sqlite3.Error)


def _connect_cipher(path: Path, key: str) -> OpenedConnection:
    assert sqlcipher3 is not None
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(_key_pragma(key))
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise CacheUnreadableError("The local cache cannot be decrypted with the stored key.") from exc
    return OpenedConnection(conn, True, sqlcipher3.Error)


def _encrypt_in_place(path: Path, key: str) -> None:
    """Convert a plaintext database (a cache made before a keyring existed) to SQLCipher."""
    assert sqlcipher3 is not None
    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ATTACH DATABASE ? AS enc KEY ?", (str(tmp), f"x'{key}'"))
        conn.execute("SELECT sqlcipher_export('enc')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    log.info("Local cache converted to encrypted storage")


def connect(path: Path, key: str | None) -> OpenedConnection:
    """Open (creating with mode 0600) the database at ``path``, encrypted when ``key`` is given.

    An existing plaintext file is encrypted in place when a key is now available. An encrypted file
    without a key raises :class:`CacheUnreadableError`.
    """
    with private_umask():
        existed = path.exists() and path.stat().st_size > 0
        create_private_file(path)
        use_cipher = key is not None and sqlcipher3 is not None
        if existed and is_plaintext_sqlite(path):
            if use_cipher:
                assert key is not None
                _encrypt_in_place(path, key)
            else:
                return _connect_plain(path)
        elif existed and not use_cipher:
            raise CacheUnreadableError("The local cache is encrypted and its key is not available.")
        if use_cipher:
            assert key is not None
            return _connect_cipher(path, key)
        return _connect_plain(path)
