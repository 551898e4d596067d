"""Data belongs to the account: one store per account, queued writes carry their author and wait for
them, and a profile-level index tells who has writes waiting (names and counts only)."""

from __future__ import annotations

import asyncio
import stat

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import Cache, Outbox, open_database, profile_paths, profile_root
from dossier_desk.store.accounts import AccountIndex, WaitingWrites
from dossier_desk.store.paths import account_key, account_root
from dossier_desk.store.replay import OutboxPusher
from dossier_desk.store.wipe import wipe_account
from tests.unit.store_helpers import make_dossier

ANNA, BEN = "oid-anna.tenant", "oid-ben.tenant"


class NoApi:
    """Any call fails the test: nothing may be sent."""

    def __getattr__(self, name: str):
        raise AssertionError(f"the pusher called the API ({name}) for another account's item")


def test_each_account_has_its_own_store_named_by_a_hash() -> None:
    anna, ben = profile_paths("Work", "c1", account=ANNA), profile_paths("Work", "c1", account=BEN)
    assert anna.root != ben.root
    assert anna.root.is_relative_to(profile_root("Work"))
    assert "anna" not in str(anna.root)
    assert account_key(ANNA) in str(anna.root)
    assert profile_paths("Work", "c1").root.parent == profile_root("Work")  # no account: shared


def test_queued_writes_record_their_author_and_wait_for_them() -> None:
    paths = profile_paths("Work", "c1", account=ANNA)
    db = open_database(paths)
    try:
        Cache(db).upsert_dossiers([make_dossier(1)]).wait()
        item = (
            Outbox(db, author=ANNA)
            .enqueue_update(make_dossier(1).id, {DossierField.DESCRIPTION: "x"}, make_dossier(1))
            .wait()
        )
        assert item.author == ANNA
        other = Outbox(db, author=BEN)  # another account somehow on this store: sends nothing of Anna's
        assert other.written_by_others()
        report = asyncio.run(OutboxPusher(NoApi(), Cache(db), other, now=lambda: 0.0).push_all())  # type: ignore[arg-type]
        assert report.done == 0
        assert other.get(item.id) is not None
    finally:
        db.close()


def test_index_names_other_accounts_with_waiting_writes() -> None:
    index = AccountIndex("Work")
    index.record(ANNA, "Anna de Vries", 3)
    index.record(BEN, "Ben", 0)
    assert index.waiting_for_others(BEN) == [WaitingWrites("Anna de Vries", 3)]
    assert index.waiting_for_others(ANNA) == []
    assert stat.S_IMODE(index.path.stat().st_mode) == 0o600
    assert "oid-anna" not in index.path.read_text(encoding="utf-8")  # keyed by hash, not by id
    index.forget(ANNA)
    assert index.waiting_for_others(BEN) == []


def test_sign_out_wipes_only_that_account() -> None:
    for account in (ANNA, BEN):
        with open_database(profile_paths("Work", "c1", account=account)) as db:
            Cache(db).upsert_dossiers([make_dossier(1)]).wait()
    (account_root("Work", ANNA) / "ui.ini").write_text("[x]\n", encoding="utf-8")
    assert wipe_account("Work", ANNA) >= 2
    assert not account_root("Work", ANNA).exists()
    assert profile_paths("Work", "c1", account=BEN).database.exists()


def test_an_ownerless_shared_store_is_retired_unless_writes_wait_in_it() -> None:
    from dossier_desk.store.wipe import retire_shared_store

    with open_database(profile_paths("Work", "c1")) as db:
        Cache(db).upsert_dossiers([make_dossier(1)]).wait()
    assert retire_shared_store("Work", "c1")
    assert not profile_paths("Work", "c1").database.exists()
    with open_database(profile_paths("Work", "c2")) as db:
        Cache(db).upsert_dossiers([make_dossier(1)]).wait()
        Outbox(db).enqueue_update(make_dossier(1).id, {DossierField.DESCRIPTION: "x"}, make_dossier(1)).wait()
    assert not retire_shared_store("Work", "c2")
    assert profile_paths("Work", "c2").database.exists()
