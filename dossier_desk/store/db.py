"""One open cache database: connection, lock, transactions.

:func:`open_database` is the single way the store opens a profile's database: it creates the
directory (0700) and file (0600), picks SQLCipher or plain SQLite (:mod:`.crypto`), sets WAL with
``synchronous=FULL`` (a commit is on disk before it returns) and applies migrations.

The connection is shared between the event-loop thread and worker threads (bulk writes run in an
executor), so every use goes through :attr:`Database.lock`.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterator
from typing import Any

from dossier_desk.store import crypto
from dossier_desk.store.migrations import migrate
from dossier_desk.store.paths import ProfilePaths
from dossier_desk.store.sealed_files import derive_file_key


def keyring_account(paths: ProfilePaths) -> str:
    """The keyring account name holding the key of the database in ``paths``."""
    return "cache-" + hashlib.sha256(str(paths.root.resolve()).encode()).hexdigest()[:32]


class Database:
    """A connection to a profile's cache with a lock and a transaction helper.

    ``encrypted`` tells whether the file is encrypted at rest (the UI warns when it is not).
    """

    def __init__(
        self, opened: crypto.OpenedConnection, paths: ProfilePaths, *, file_key: bytes | None = None
    ) -> None:
        self.conn: Any = opened.conn
        self.encrypted: bool = opened.encrypted
        # Encrypts queued upload copies (derived from the cache key; None when the cache is plain).
        self.file_key: bytes | None = file_key if opened.encrypted else None
        self.Error: type[Exception] = opened.error_class
        self.paths = paths
        self.lock = threading.RLock()
        self._closed = False

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error) under the lock; yields the connection.

        With ``synchronous=FULL`` the commit has reached the disk when the block exits.
        """
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: Any = ()) -> list[Any]:
        """Run a read query under the lock and return all rows."""
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` says ``ok``."""
        rows = self.query("PRAGMA integrity_check")
        return [r[0] for r in rows] == ["ok"]

    def close(self) -> None:
        """Checkpoint and close (idempotent)."""
        with self.lock:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(Exception):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(paths: ProfilePaths, *, use_keyring: bool = True) -> Database:
    """Open (creating and migrating as needed) the cache in ``paths``.

    With ``use_keyring`` the key comes from the OS keyring when one is available; otherwise, or when
    it is not, the file is plain SQLite (``Database.encrypted`` is then ``False``). An encrypted file
    whose key is missing raises :class:`~dossier_desk.store.crypto.CacheUnreadableError`.
    """
    paths.ensure()
    key = None
    if use_keyring:
        # A key is only ever made for a new (or still plaintext) file: an encrypted file whose key is
        # gone raises CacheUnreadableError (the UI offers to reset the cache).
        may_create = not crypto.is_encrypted_database(paths.database)
        key = crypto.get_or_create_key(keyring_account(paths), may_create=may_create)
    opened = crypto.connect(paths.database, key)
    conn = opened.conn
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        migrate(conn, paths.database, paths.backups)
    except BaseException:
        conn.close()
        raise
    return Database(opened, paths, file_key=derive_file_key(key) if key else None)
