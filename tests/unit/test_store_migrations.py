"""Versioned schema: fresh creation, backup before migrating, refusal of newer schemas."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from dossier_desk.store import Cache, Outbox, SchemaTooNewError, open_database, profile_paths
from dossier_desk.store import migrations as migrations_module
from dossier_desk.store.outbox_errors import ErrorKind, ItemError
from dossier_desk.store.schema import SCHEMA_VERSION
from tests.unit.store_helpers import make_dossier


def test_fresh_database_gets_current_schema() -> None:
    paths = profile_paths("p", "c")
    with open_database(paths) as db:
        assert db.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
        assert db.query("PRAGMA journal_mode")[0][0] == "wal"
        assert db.query("PRAGMA synchronous")[0][0] == 2  # FULL
    assert list(paths.backups.iterdir()) == []  # nothing to back up on creation


def test_migration_backs_up_first_and_keeps_data(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = profile_paths("p", "c")
    with open_database(paths) as db:
        Cache(db).upsert_dossiers([make_dossier(1)]).wait()
    extra = ("CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT)",)
    monkeypatch.setattr(migrations_module, "MIGRATIONS", (*migrations_module.MIGRATIONS, extra))
    monkeypatch.setattr(migrations_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with open_database(paths) as db:
        assert db.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION + 1
        assert db.query("SELECT count(*) FROM notes")[0][0] == 0
        assert Cache(db).dossier(make_dossier(1).id) is not None
    backups = list(paths.backups.iterdir())
    assert len(backups) == 1
    assert f"-v{SCHEMA_VERSION}-" in backups[0].name
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    with sqlite3.connect(backups[0]) as old:  # a usable copy of the pre-migration database
        assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert old.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 1
    old.close()


def test_failed_migration_step_leaves_old_version(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = profile_paths("p", "c")
    open_database(paths).close()
    broken = ("CREATE TABLE ok_table (x)", "THIS IS NOT SQL")
    monkeypatch.setattr(migrations_module, "MIGRATIONS", (*migrations_module.MIGRATIONS, broken))
    monkeypatch.setattr(migrations_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        open_database(paths)
    monkeypatch.undo()
    with open_database(paths) as db:
        assert db.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
        assert db.query("SELECT count(*) FROM sqlite_master WHERE name = 'ok_table'")[0][0] == 0


def test_newer_schema_is_refused() -> None:
    paths = profile_paths("p", "c")
    with open_database(paths) as db:
        db.write_sync(lambda conn: conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}"))
    with pytest.raises(SchemaTooNewError):
        open_database(paths)


def test_outbox_rows_parked_with_a_sentence_keep_it_as_the_server_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Items parked by a version that stored an English sentence still show it (kind "unknown"); field
    messages stored under the API's names are read under the field's name."""
    paths = profile_paths("p", "c")
    monkeypatch.setattr(migrations_module, "MIGRATIONS", migrations_module.MIGRATIONS[:3])
    monkeypatch.setattr(migrations_module, "SCHEMA_VERSION", 3)

    def old_rows(conn) -> None:
        for state, text, fields in (
            ("failed", "Your Reference is too long.", b'{"yourReference": "At most 35 characters."}'),
            ("pending", "", None),
        ):
            conn.execute(
                "INSERT INTO outbox (kind, dossier_id, state, payload, last_error, field_errors, created_at, "
                "updated_at) VALUES ('update_dossier', 'd1', ?, '{}', ?, ?, 't', 't')",
                (state, text, fields),
            )

    with open_database(paths) as db:
        db.write_sync(old_rows)
    monkeypatch.undo()
    with open_database(paths) as db:
        failed, pending = Outbox(db).items()
    assert failed.error == ItemError(
        ErrorKind.UNKNOWN,
        server_text="Your Reference is too long.",
        field_errors={"your_reference": "At most 35 characters."},
    )
    assert failed.field_errors == {"your_reference": "At most 35 characters."}
    assert pending.error is None
    assert [b.name for b in paths.backups.iterdir() if "-v3-" in b.name]  # backed up before migrating


def test_a_cache_keeps_only_the_dossier_indexes_its_queries_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every index costs full-sync write time: the status index (no query reads by status) is gone
    from new caches and from caches made before, whose rows stay."""
    wanted = ["dossiers_external", "dossiers_modified", "dossiers_no", "dossiers_type"]
    indexes = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers' AND sql IS NOT NULL"
    )
    with open_database(profile_paths("new", "c")) as db:
        assert sorted(r[0] for r in db.query(indexes)) == wanted
    paths = profile_paths("old", "c")
    monkeypatch.setattr(migrations_module, "MIGRATIONS", migrations_module.MIGRATIONS[:4])
    monkeypatch.setattr(migrations_module, "SCHEMA_VERSION", 4)
    with open_database(paths) as db:
        Cache(db).upsert_dossiers([make_dossier(1)]).wait()
        assert "dossiers_status" in [r[0] for r in db.query(indexes)]
    monkeypatch.undo()
    with open_database(paths) as db:
        assert sorted(r[0] for r in db.query(indexes)) == wanted
        assert Cache(db).dossier(make_dossier(1).id) is not None
