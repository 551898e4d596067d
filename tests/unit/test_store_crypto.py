"""Cache file privacy and encryption at rest."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dossier_desk.store import Cache, CacheUnreadableError, open_database, profile_paths
from dossier_desk.store.crypto import SQLITE_MAGIC, sqlcipher_available
from tests.fresh_process import printed_json
from tests.unit.store_helpers import make_dossier, memory_keyring  # noqa: F401

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_cache_files_are_private_from_creation() -> None:
    paths = profile_paths("work", "company-1")
    old = os.umask(0o022)  # a permissive umask must not matter
    try:
        with open_database(paths) as db:
            Cache(db).upsert_dossiers([make_dossier(1)]).wait()
            wal = paths.database.with_name(paths.database.name + "-wal")
            shm = paths.database.with_name(paths.database.name + "-shm")
            assert wal.exists()
            assert shm.exists()
            assert _mode(paths.database) == 0o600
            assert _mode(wal) == 0o600
            assert _mode(shm) == 0o600
            assert _mode(paths.root) == 0o700
            assert _mode(paths.outbox_files) == 0o700
    finally:
        os.umask(old)


def test_without_keyring_the_cache_is_plain_and_says_so() -> None:
    paths = profile_paths("work", "company-1")
    with open_database(paths) as db:
        assert db.encrypted is False
        assert Cache(db).encrypted is False
        Cache(db).upsert_dossiers([make_dossier(1)]).wait()
    assert paths.database.read_bytes()[:16] == SQLITE_MAGIC


@pytest.mark.skipif(not sqlcipher_available(), reason="sqlcipher3 not installed")
def test_with_keyring_the_cache_is_encrypted(memory_keyring) -> None:  # noqa: F811
    paths = profile_paths("work", "company-1")
    with open_database(paths) as db:
        assert db.encrypted is True
        Cache(db).upsert_dossiers([make_dossier(7, description="Secret case text")]).wait()
    raw = paths.database.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Secret case text" not in raw
    assert len(memory_keyring.store) == 1
    with open_database(paths) as db:  # reopens with the stored key
        assert Cache(db).dossier(make_dossier(7).id).description == "Secret case text"


@pytest.mark.skipif(not sqlcipher_available(), reason="sqlcipher3 not installed")
def test_plain_cache_is_encrypted_once_a_keyring_appears(memory_keyring) -> None:  # noqa: F811
    import keyring
    import keyring.backends.fail

    paths = profile_paths("work", "company-1")
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with open_database(paths) as db:
        assert not db.encrypted
        Cache(db).upsert_dossiers([make_dossier(3)]).wait()
    assert paths.database.read_bytes()[:16] == SQLITE_MAGIC
    keyring.set_keyring(memory_keyring)
    with open_database(paths) as db:
        assert db.encrypted
        assert Cache(db).dossier(make_dossier(3).id) is not None
        assert db.integrity_ok()
    assert not paths.database.read_bytes().startswith(b"SQLite format 3")
    assert _mode(paths.database) == 0o600


@pytest.mark.skipif(not sqlcipher_available(), reason="sqlcipher3 not installed")
def test_encrypted_cache_without_its_key_is_refused(memory_keyring) -> None:  # noqa: F811
    paths = profile_paths("work", "company-1")
    with open_database(paths) as db:
        Cache(db).upsert_dossiers([make_dossier(1)]).wait()
    memory_keyring.store.clear()  # key lost
    for _attempt in range(2):  # every later start says the same, and no new (useless) key is stored
        with pytest.raises(CacheUnreadableError, match="key"):
            open_database(paths)
        assert memory_keyring.store == {}
    assert not paths.database.read_bytes().startswith(b"SQLite format 3")  # the file is left alone


@pytest.mark.skipif(not sqlcipher_available(), reason="sqlcipher3 not installed")
def test_a_wrong_key_in_the_keyring_is_refused_too(memory_keyring) -> None:  # noqa: F811
    paths = profile_paths("work", "company-1")
    with open_database(paths) as db:
        Cache(db).upsert_dossiers([make_dossier(1)]).wait()
    (account,) = [a for _s, a in memory_keyring.store]
    memory_keyring.store = {k: "ab" * 32 for k in memory_keyring.store}
    with pytest.raises(CacheUnreadableError):
        open_database(paths)
    assert [a for _s, a in memory_keyring.store] == [account]


def _open_in_fresh_process(home: Path, backend: str) -> dict[str, object]:
    """Open the cache of ``home`` in a new interpreter with ``$PYTHON_KEYRING_BACKEND`` = ``backend``
    (this process has imported keyring already); returns how it opened and whether keyring was imported."""
    code = (
        "import json, sys\n"
        "from dossier_desk.store import CacheUnreadableError, open_database, profile_paths\n"
        "try:\n"
        "    with open_database(profile_paths('work', 'company-1')) as db:\n"
        "        opened = 'encrypted' if db.encrypted else 'plain'\n"
        "except CacheUnreadableError:\n"
        "    opened = 'refused'\n"
        "print(json.dumps({'opened': opened, 'keyring_imported': 'keyring' in sys.modules}))\n"
    )
    env = {**os.environ, "DOSSIER_DESK_HOME": str(home), "PYTHON_KEYRING_BACKEND": backend}
    return printed_json(["-c", code], env)


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"])
def test_a_switched_off_keyring_is_not_imported_and_the_cache_stays_plain(
    tmp_path: Path, backend: str
) -> None:
    assert _open_in_fresh_process(tmp_path, backend) == {"opened": "plain", "keyring_imported": False}
    assert _open_in_fresh_process(tmp_path, backend) == {"opened": "plain", "keyring_imported": False}


@pytest.mark.skipif(not sqlcipher_available(), reason="sqlcipher3 not installed")
@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"])
def test_an_encrypted_cache_is_refused_when_the_keyring_is_switched_off(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring,  # noqa: F811
    backend: str,
) -> None:
    monkeypatch.setenv("DOSSIER_DESK_HOME", str(tmp_path))
    with open_database(profile_paths("work", "company-1")) as db:
        assert db.encrypted
    assert _open_in_fresh_process(tmp_path, backend) == {"opened": "refused", "keyring_imported": False}


def test_any_other_keyring_setting_is_left_to_keyring(tmp_path: Path) -> None:
    """Only keyring's own "off" backends are answered without it; it reads every other setting itself
    (here one it cannot load: no keyring, so the cache stays plain)."""
    opened = _open_in_fresh_process(tmp_path, "keyring.backends.no_such_module.Keyring")
    assert opened == {"opened": "plain", "keyring_imported": True}
