"""Bring a cache database to :data:`~dossier_desk.store.schema.SCHEMA_VERSION`.

The version lives in ``PRAGMA user_version``. Before migrating a database that already holds data
(version >= 1) a copy is taken into the profile's ``backups`` directory (0600; encrypted files stay
encrypted since the bytes are copied after a WAL checkpoint). Each step runs in one transaction
together with the version bump, so a crash mid-migration leaves the old version intact.
"""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dossier_desk.store.crypto import create_private_file
from dossier_desk.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)
KEEP_BACKUPS = 3


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer Dossier Desk; it is not touched."""


def current_version(conn: Any) -> int:
    """The database's ``user_version``."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_database(conn: Any, db_path: Path, backups_dir: Path, version: int) -> Path:
    """Copy the database (after a WAL checkpoint) to ``backups_dir``; keep the newest few."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups_dir / f"{db_path.stem}-v{version}-{stamp}.db"
    create_private_file(target)
    with db_path.open("rb") as src, target.open("r+b") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
    old = sorted(backups_dir.glob(f"{db_path.stem}-v*.db"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target


def migrate(conn: Any, db_path: Path, backups_dir: Path) -> int:
    """Apply the missing steps; return the number applied. Raises :class:`SchemaTooNewError`."""
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"The local cache has schema version {version}; "
            f"this version of Dossier Desk knows {SCHEMA_VERSION}."
        )
    if version == SCHEMA_VERSION:
        return 0
    if version >= 1:
        path = backup_database(conn, db_path, backups_dir, version)
        log.info("Backed up cache schema v%d to %s before migrating", version, path.name)
    applied = 0
    for step in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied += 1
    log.info("Cache schema migrated from v%d to v%d", version, SCHEMA_VERSION)
    return applied
