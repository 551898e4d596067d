"""Sign-out wipe: the database, its WAL/SHM, backups and queued upload copies are gone."""

from __future__ import annotations

from pathlib import Path

from dossier_desk.store import Cache, Outbox, open_database, profile_paths, wipe_profile_data
from tests.unit.store_helpers import make_dossier, memory_keyring  # noqa: F401


def test_wipe_removes_everything(tmp_path: Path, memory_keyring) -> None:  # noqa: F811
    paths = profile_paths("p", "c")
    db = open_database(paths)
    Cache(db).upsert_dossiers([make_dossier(1)]).wait()
    source = tmp_path / "a.txt"
    source.write_text("private")
    item = Outbox(db).enqueue_upload(make_dossier(1).id, source)
    copy = Outbox(db).file_path(item)
    (paths.backups / "cache-v1-x.db").write_bytes(b"old")
    db.close()
    assert copy.exists()
    assert memory_keyring.store
    removed = wipe_profile_data(paths)
    assert removed >= 3
    assert not paths.root.exists()
    assert not memory_keyring.store  # the key is gone too
    assert wipe_profile_data(paths.root) == 0  # idempotent


def test_wipe_overwrites_before_unlinking(monkeypatch, tmp_path: Path) -> None:
    import dossier_desk.store.wipe as wipe

    paths = profile_paths("p", "c").ensure()
    target = paths.root / "cache.db"
    target.write_bytes(b"secret" * 1000)
    seen: list[bytes] = []
    real_unlink = Path.unlink

    def spy(self: Path, missing_ok: bool = False) -> None:
        if self == target:
            seen.append(self.read_bytes())
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", spy)
    wipe.wipe_profile_data(paths)
    assert seen == [bytes(6000)]


def test_profile_removal_wipes_every_company(memory_keyring) -> None:  # noqa: F811
    from dossier_desk.store import profile_root, wipe_profile

    for company in ("c1", "c2"):
        with open_database(profile_paths("gone", company)) as db:
            Cache(db).upsert_dossiers([make_dossier(1)]).wait()
    keep = open_database(profile_paths("kept", "c1"))
    keep.close()
    assert len(memory_keyring.store) == 3
    assert wipe_profile("gone") >= 2
    assert not profile_root("gone").exists()
    assert profile_paths("kept", "c1").database.exists()
    assert len(memory_keyring.store) == 1  # only the kept profile's key remains
