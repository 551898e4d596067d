"""One open cache database: a writer thread that owns every write, and reader connections.

:func:`open_database` is the single way the store opens a profile's database: it creates the
directory (0700) and file (0600), picks SQLCipher or plain SQLite (:mod:`.crypto`), sets WAL with
``synchronous=FULL`` (a commit is on disk before it returns) and applies migrations.

Writes never run on the caller's thread: :meth:`Database.write` hands ``fn(conn)`` to the one writer
thread, which runs it inside ``BEGIN IMMEDIATE`` ... ``COMMIT`` (fsync included) and resolves the
returned future once the commit is on disk. Loop code awaits :meth:`Database.awrite`; code off the
loop (CLI tools, workers, tests) may block in :meth:`Database.write_sync`. A write started on the
writer thread itself (a write helper called from inside another write) joins the open transaction.

Reads (:meth:`Database.query`, :meth:`Database.read`) use a read-only connection of the calling
thread (opened on first use, same key and pragmas), so in WAL mode a read returns at once even while
the writer holds a long transaction; each query is its own read transaction and sees every commit
made before it. On the writer thread reads use the writer's connection (they see its open transaction).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hashlib
import logging
import queue
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from dossier_desk.store import crypto
from dossier_desk.store.migrations import migrate
from dossier_desk.store.paths import ProfilePaths
from dossier_desk.store.sealed_files import derive_file_key

log = logging.getLogger(__name__)
T = TypeVar("T")


def keyring_account(paths: ProfilePaths) -> str:
    """The keyring account name holding the key of the database in ``paths``."""
    return "cache-" + hashlib.sha256(str(paths.root.resolve()).encode()).hexdigest()[:32]


def _set_pragmas(conn: Any) -> None:
    """The per-connection settings every connection to the cache gets (the writer and each reader)."""
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")


class _Job:
    __slots__ = ("fn", "future", "in_transaction")

    def __init__(self, fn: Callable[[Any], Any], *, in_transaction: bool = True) -> None:
        self.fn = fn
        self.in_transaction = in_transaction
        self.future: concurrent.futures.Future[Any] = concurrent.futures.Future()


def _serve(jobs: queue.SimpleQueue[_Job | None], ref: weakref.ref[Database]) -> None:
    """The writer thread: run each job in turn until the end-of-jobs mark."""
    while (job := jobs.get()) is not None:
        if job.future.set_running_or_notify_cancel():
            db, result = ref(), None
            try:
                if db is None:
                    raise RuntimeError("the local cache is gone")
                result = db._run(job.fn) if job.in_transaction else job.fn(db._writer_conn)
            except BaseException as exc:  # handed to whoever waits on the future
                job.future.set_exception(exc)
            else:
                job.future.set_result(result)
            del db, result
        del job  # nothing of it (its function may hold the database) outlives the job


class Database:
    """A profile's cache: one writer thread (every write) and a read-only connection per reading thread.

    ``encrypted`` tells whether the file is encrypted at rest (the UI warns when it is not).
    """

    def __init__(
        self,
        writer: crypto.OpenedConnection,
        paths: ProfilePaths,
        *,
        key: str | None = None,
        file_key: bytes | None = None,
    ) -> None:
        self.encrypted: bool = writer.encrypted
        # Encrypts queued upload copies (derived from the cache key; None when the cache is plain).
        self.file_key: bytes | None = file_key if writer.encrypted else None
        self.Error: type[Exception] = writer.error_class
        self.paths = paths
        self._key = key if writer.encrypted else None
        self._writer_conn: Any = writer.conn
        self._in_tx = False  # writer thread only: a transaction is open
        self._after: list[Callable[[], None]] = []  # writer thread only: see after_commit
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._local = threading.local()
        self._readers: list[Any] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        self._close_lock = threading.Lock()
        # The thread holds the database only while it runs a job: one that was never closed is
        # collected, and then its thread ends too.
        args = (self._jobs, weakref.ref(self))
        self._thread = threading.Thread(target=_serve, args=args, name="cache-writer", daemon=True)
        weakref.finalize(self, self._jobs.put, None)
        self._thread.start()
        try:
            self._reader()  # open the opening thread's reader now: a bad key fails here, not later
        except BaseException:
            self.close()
            raise

    # -- writes -------------------------------------------------------------------------------

    def _run(self, fn: Callable[[Any], T]) -> T:
        """``fn(conn)`` in a transaction on the writer thread (joining the open one, if any)."""
        conn = self._writer_conn
        if self._in_tx:
            return fn(conn)
        conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            result = fn(conn)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):  # a failed COMMIT may already have rolled back
                conn.execute("ROLLBACK")
            raise
        finally:
            self._in_tx = False
            after, self._after = self._after, []
        for callback in after:
            callback()
        return result

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Inside a write: call ``callback`` (on the writer thread) once the transaction has committed,
        before the write's future resolves; dropped when it rolls back."""
        if not (self.on_writer_thread() and self._in_tx):
            raise RuntimeError("after_commit belongs inside a write")
        self._after.append(callback)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has begun (writes handed over before it still land)."""
        return self._closed

    def on_writer_thread(self) -> bool:
        """True when called from the writer thread (inside a write)."""
        return threading.current_thread() is self._thread

    def write(self, fn: Callable[[Any], T]) -> concurrent.futures.Future[T]:
        """Run ``fn(conn)`` on the writer thread inside ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back
        when it raises). The future resolves with ``fn``'s result once the commit is on disk.

        Writes run one at a time in submission order. Called on the writer thread, ``fn`` runs at once
        (in the open transaction, if any).
        """
        if self.on_writer_thread():
            done: concurrent.futures.Future[T] = concurrent.futures.Future()
            try:
                done.set_result(self._run(fn))
            except Exception as exc:
                done.set_exception(exc)
            return done
        return self._submit(_Job(fn))

    def _submit(self, job: _Job) -> concurrent.futures.Future[Any]:
        with self._close_lock:
            if self._closed:
                raise self.Error("the local cache is closed")
            self._jobs.put(job)
        return job.future

    def checkpoint(self) -> None:
        """Copy the WAL into the database file and truncate it (waits; between writes)."""
        if self.on_writer_thread():
            raise RuntimeError("a checkpoint cannot run inside a write")
        job = _Job(
            lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall(), in_transaction=False
        )
        self._submit(job).result()

    def write_sync(self, fn: Callable[[Any], T]) -> T:
        """:meth:`write` and wait for the commit. Blocks the caller: not for the event-loop thread."""
        if self.on_writer_thread():
            return self._run(fn)
        return self.write(fn).result()

    async def awrite(self, fn: Callable[[Any], T]) -> T:
        """:meth:`write`, awaited: the loop keeps running while the writer commits."""
        return await asyncio.wrap_future(self.write(fn))

    # -- reads --------------------------------------------------------------------------------

    def _reader(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with self._readers_lock:
                if self._closed:
                    raise self.Error("the local cache is closed")
                conn = crypto.connect(self.paths.database, self._key).conn
                try:
                    _set_pragmas(conn)
                    conn.execute("PRAGMA query_only = ON")  # a write here is a bug: writes go to the writer
                except BaseException:
                    conn.close()
                    raise
                self._readers.append(conn)
            self._local.conn = conn
        return conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Any]:
        """The calling thread's connection, for cursors read piecemeal (close them before leaving)."""
        yield self._writer_conn if self.on_writer_thread() else self._reader()

    def query(self, sql: str, params: Any = ()) -> list[Any]:
        """Run a read query and return all rows (on the writer thread: inside its transaction)."""
        with self.read() as conn:
            return conn.execute(sql, params).fetchall()

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` says ``ok``."""
        rows = self.query("PRAGMA integrity_check")
        return [r[0] for r in rows] == ["ok"]

    # -- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        """Finish every write already handed to the writer, checkpoint and close (idempotent)."""
        if self.on_writer_thread():
            raise RuntimeError("the cache cannot be closed from inside a write")
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(None)
        self._thread.join()
        with self._readers_lock:
            for conn in self._readers:
                with contextlib.suppress(Exception):
                    conn.close()
            self._readers.clear()
        with contextlib.suppress(Exception):
            self._writer_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._writer_conn.close()

    async def aclose(self) -> None:
        """:meth:`close` without holding up the event loop while the writer finishes its queue."""
        await asyncio.to_thread(self.close)

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
        _set_pragmas(conn)
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        migrate(conn, paths.database, paths.backups)
        return Database(opened, paths, key=key, file_key=derive_file_key(key) if key else None)
    except BaseException:
        conn.close()
        raise
