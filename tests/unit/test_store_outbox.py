"""The durable outbox and the optimistic overlay the UI sees (no network here)."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path

import pytest

from dossier_desk.api.models import Contact, DossierType
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import (
    Conflict,
    LocalValidationError,
    OutboxError,
    OutboxKind,
    OutboxState,
    profile_paths,
)
from dossier_desk.store.outbox_errors import ErrorKind, ItemError
from dossier_desk.store.outbox_model import conflict_side, dossier_values, is_local_id
from dossier_desk.store.session import open_session
from tests.unit.store_helpers import make_dossier

NEW = {
    DossierField.DESCRIPTION: "New case",
    DossierField.DOSSIER_TYPE_CODE: "ABSENCE",
    DossierField.PRIMARY_CONTACT_NO: "C0001",
}


class Recorder:
    """A SyncListener that records the calls it gets."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []

    def __getattr__(self, name: str):
        return lambda *args: self.calls.append((name, args))


@pytest.fixture
def env():
    paths = profile_paths("p", "c")
    listener = Recorder()
    session = open_session(paths, None, listener).wait()
    cache = session.cache
    cache.upsert_dossiers([make_dossier(i) for i in range(5)]).wait()
    cache.replace_dossier_types([DossierType(id="t", code="ABSENCE")]).wait()
    cache.replace_contacts([Contact(id="c", no="C0001")]).wait()
    kicks: list[int] = []
    session.engine.request_sync = lambda: kicks.append(1)  # type: ignore[method-assign]  # a queued write wakes the sync
    yield session.store, listener, kicks, paths
    session.close()


def test_edit_is_durable_and_shown_at_once(env) -> None:
    store, listener, kicks, paths = env
    target = make_dossier(2)
    item = store.save_dossier_changes(target.id, {DossierField.DESCRIPTION: "Edited"}).wait()
    assert item.state is OutboxState.PENDING
    assert item.kind is OutboxKind.UPDATE
    assert item.payload["baseEtag"] == target.etag
    assert item.payload["base"]["description"] == "Dossier 2"
    assert store.dossier(target.id).description == "Edited"
    assert store.cache.dossier(target.id).description == "Dossier 2"  # server copy untouched
    assert store.pending_ids() == {target.id}
    assert kicks == [1]
    changed = [args for name, args in listener.calls if name == "dossiers_changed"]
    assert changed[-1][0][0].description == "Edited"
    assert ("outbox_changed", (1, 0, 0)) in listener.calls
    store.cache.db.close()
    reopened = open_session(paths, None, Recorder()).wait()  # committed: survives a reopen
    try:
        assert reopened.store.dossier(target.id).description == "Edited"
        assert [i.id for i in reopened.store.outbox_items()] == [item.id]
    finally:
        reopened.close()


def test_local_validation_refuses_before_queuing(env) -> None:
    store, *_ = env
    with pytest.raises(LocalValidationError) as info:
        store.save_dossier_changes(make_dossier(1).id, {DossierField.DOSSIER_TYPE_CODE: "UNKNOWN"}).wait()
    assert info.value.fields == [DossierField.DOSSIER_TYPE_CODE]
    assert store.outbox_items() == []


def test_create_then_edit_and_delete_overlay(env) -> None:
    store, *_ = env
    created = store.create_dossier(NEW).wait()
    assert is_local_id(created.dossier_id)
    assert created.client_key.startswith("DD-")
    assert len(created.client_key) == 19
    assert "externalDocumentNo" not in created.payload["fields"]  # nothing is written into user fields
    store.save_dossier_changes(created.dossier_id, {DossierField.PRIORITY: "High"}).wait()
    store.delete_dossier(make_dossier(0).id).wait()
    rows = {d.id: d for d in store.load_dossiers()}
    assert rows[created.dossier_id].priority == "High"
    assert rows[created.dossier_id].description == "New case"
    assert make_dossier(0).id not in rows
    assert len(rows) == 5  # 5 server rows - 1 deleted + 1 created
    kinds = [i.kind for i in store.outbox_items()]
    assert kinds == [OutboxKind.CREATE, OutboxKind.UPDATE, OutboxKind.DELETE]


def test_discarding_a_create_drops_its_followers(env) -> None:
    store, *_ = env
    created = store.create_dossier(NEW).wait()
    store.save_dossier_changes(created.dossier_id, {DossierField.PRIORITY: "High"}).wait()
    other = store.save_dossier_changes(make_dossier(1).id, {DossierField.PRIORITY: "Low"}).wait()
    assert len(store.discard(created.id).wait()) == 2
    assert [i.id for i in store.outbox_items()] == [other.id]
    assert store.dossier(created.dossier_id) is None


def test_upload_keeps_a_private_copy(env, tmp_path: Path) -> None:
    store, *_ = env
    original = tmp_path / "report.pdf"
    original.write_bytes(b"%PDF-1.4 content")
    item = store.queue_upload(
        make_dossier(1).id, original, description="Report", document_type="Legal"
    ).wait()
    original.unlink()  # the user moves the file away: nothing is lost
    copy = store.outbox.file_path(item)
    assert copy.name == "report.pdf"
    assert copy.read_bytes() == b"%PDF-1.4 content"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert item.payload["size"] == 16
    assert item.payload["sha256"] == hashlib.sha256(b"%PDF-1.4 content").hexdigest()
    store.discard(item.id).wait()
    assert not copy.exists()


def test_orphan_upload_copies_are_removed(env) -> None:
    store, *_ = env
    orphan = store.outbox.files_dir / "deadbeef"
    orphan.mkdir()
    (orphan / "x.pdf").write_bytes(b"x")
    assert store.outbox.remove_orphan_files() == 1
    assert not orphan.exists()


def test_conflict_resolution_and_retry(env) -> None:
    store, *_ = env
    outbox = store.outbox
    target = make_dossier(3)
    item = store.save_dossier_changes(target.id, {DossierField.DESCRIPTION: "Mine"}).wait()
    theirs = make_dossier(3, description="Theirs", etag='W/"v3-9"')
    base = dossier_values(target)
    conflict = Conflict(
        base=base,
        mine={**base, "description": "Mine"},
        theirs=dossier_values(theirs),
        theirs_etag=theirs.etag,
    )
    outbox.park_conflict(item.id, conflict, ItemError(ErrorKind.CONFLICT, 412)).wait()
    parked = store.parked_items()
    assert [p.state for p in parked] == [OutboxState.CONFLICT]
    assert parked[0].conflict == conflict
    assert parked[0].conflict.differing_fields() == ["description"]
    assert outbox.counts() == (0, 1, 0)
    resolved = store.resolve_conflict(item.id, {"description": "Merged"}, theirs.etag).wait()
    assert resolved.state is OutboxState.PENDING
    assert resolved.payload["baseEtag"] == theirs.etag
    assert resolved.payload["changes"] == {"description": "Merged"}
    assert store.dossier(target.id).description == "Merged"
    with pytest.raises(OutboxError):
        outbox.resolve_conflict(item.id, {}, "").wait()  # not parked any more
    refused = ItemError(ErrorKind.VALIDATION, 400, "Bad value.", "corr-1", {"description": "Too long."})
    outbox.park_failed(item.id, refused).wait()
    failed = outbox.get(item.id)
    assert failed.state is OutboxState.FAILED
    assert failed.error == refused
    assert failed.field_errors == {"description": "Too long."}
    assert store.retry(item.id).wait().state is OutboxState.PENDING
    assert store.outbox.get(item.id).error is None  # a retry forgets the failure
    outbox.park_conflict(item.id, conflict, ItemError(ErrorKind.CONFLICT, 412)).wait()
    assert store.resolve_conflict(item.id, {}, theirs.etag).wait() is None  # keep theirs
    assert store.outbox_items() == []


def test_complete_rebases_later_edits_and_maps_local_ids(env) -> None:
    store, *_ = env
    outbox = store.outbox
    created = store.create_dossier(NEW).wait()
    follow = store.save_dossier_changes(created.dossier_id, {DossierField.PRIORITY: "High"}).wait()
    assert follow.payload["baseEtag"] == ""
    server = make_dossier(77, etag='W/"s-1"')
    outbox.complete(outbox.get(created.id), server_dossier=server).wait()
    follow = outbox.get(follow.id)
    assert follow.dossier_id == server.id
    assert follow.payload["baseEtag"] == 'W/"s-1"'
    assert store.created_id(created.dossier_id) == server.id
    assert outbox.result_ids() == {server.id}  # never taken for another create's result
    assert store.dossier(server.id).priority == "High"
    second = store.save_dossier_changes(server.id, {DossierField.DESCRIPTION: "Two"}).wait()
    newer = make_dossier(77, priority="High", etag='W/"s-2"')
    outbox.complete(outbox.get(follow.id), server_dossier=newer, old_etag='W/"s-1"').wait()
    # ``second`` was made on s-1 plus the pending follow-up; once that lands it is based on s-2.
    assert outbox.get(second.id).payload["baseEtag"] == 'W/"s-2"'
    assert outbox.get(second.id).payload["base"]["priority"] == "High"


def test_deleting_an_unsent_create_just_drops_it(env) -> None:
    store, *_ = env
    created = store.create_dossier(NEW).wait()
    store.save_dossier_changes(created.dossier_id, {DossierField.PRIORITY: "High"}).wait()
    store.delete_dossier(created.dossier_id).wait()
    assert store.outbox_items() == []
    assert store.dossier(created.dossier_id) is None


def test_deleting_a_create_of_unknown_outcome_queues_a_delete(env) -> None:
    store, *_ = env
    created = store.create_dossier(NEW).wait()
    store.outbox.mark_in_flight(created.id).wait()  # it may have reached the server
    store.delete_dossier(created.dossier_id).wait()
    assert [i.kind for i in store.outbox_items()] == [OutboxKind.CREATE, OutboxKind.DELETE]
    assert store.dossier(created.dossier_id) is None


def test_claiming_an_item_is_compare_and_set(env) -> None:
    store, *_ = env
    item = store.save_dossier_changes(make_dossier(1).id, {DossierField.DESCRIPTION: "Once"}).wait()
    assert store.outbox.mark_in_flight(item.id).wait() is True
    assert store.outbox.mark_in_flight(item.id).wait() is False  # another instance claimed it first
    assert store.outbox.get(item.id).attempts == 1
    assert store.outbox.release_in_flight(claimed_before="0000").wait() == 0  # claimed after that: left alone
    assert store.outbox.release_in_flight(claimed_before="9999").wait() == 1  # left by a killed process
    assert store.outbox.get(item.id).state is OutboxState.PENDING
    assert store.outbox.get(item.id).attempts == 1
    assert store.outbox.get(item.id).unsure  # the replay still checks the server first


def test_the_store_tidies_old_orphan_upload_copies_on_start(env) -> None:
    store, *_ = env
    old = store.outbox.files_dir / "0ld"
    young = store.outbox.files_dir / "young"  # maybe another instance between copy and commit
    for folder in (old, young):
        folder.mkdir()
        (folder / "x.pdf").write_bytes(b"x")
    hours_ago = time.time() - 7200
    for path in (old, old / "x.pdf"):
        os.utime(path, (hours_ago, hours_ago))
    open_session(store.cache.db.paths, None, Recorder()).wait().close()  # the next start
    assert not old.exists()
    assert young.exists()


def test_the_external_document_no_is_kept_as_typed(env) -> None:
    store, *_ = env
    created = store.create_dossier({**NEW, DossierField.EXTERNAL_DOCUMENT_NO: "HR-2026-17"}).wait()
    assert created.payload["fields"]["externalDocumentNo"] == "HR-2026-17"
    assert store.dossier(created.dossier_id).external_document_no == "HR-2026-17"


def test_an_answer_that_proves_nothing_was_applied_clears_the_unknown_outcome(env) -> None:
    store, *_ = env
    item = store.save_dossier_changes(make_dossier(1).id, {DossierField.DESCRIPTION: "Once"}).wait()
    store.outbox.mark_in_flight(item.id).wait()
    sent_at = store.outbox.get(item.id).sent_at
    store.outbox.defer(item.id, 0.0, ItemError(ErrorKind.SERVER, 503)).wait()
    assert store.outbox.get(item.id).unsure
    store.outbox.mark_in_flight(item.id).wait()
    assert store.outbox.get(item.id).sent_at == sent_at  # the first send is what a check looks back to
    store.outbox.defer(item.id, 0.0, ItemError(ErrorKind.RATE_LIMITED, 429), unsent=True).wait()
    assert not store.outbox.get(item.id).unsure


def test_an_unknown_outcome_is_parked_until_the_user_decides(env) -> None:
    store, *_ = env
    created = store.create_dossier(NEW).wait()
    store.outbox.mark_in_flight(created.id).wait()
    store.outbox.park_unknown(created.id, ["srv-1", "srv-2"]).wait()
    parked = store.outbox.get(created.id)
    assert parked.state is OutboxState.UNKNOWN
    assert parked.parked
    assert parked.found_ids == ["srv-1", "srv-2"]
    assert store.parked_items() == [parked]
    assert store.outbox.counts() == (0, 0, 1)
    again = store.retry(created.id).wait()  # "send it again": the user checked that it did not land
    assert again.state is OutboxState.PENDING
    assert not again.unsure
    assert again.found_ids == []


def test_conflicts_stored_by_older_versions_read_by_field_name() -> None:
    """Older versions stored a conflict's three versions under the API's names."""
    stored = {"yourReference": "UWV-17", "@odata.etag": 'W/"2"', "no": "D1", "somethingNew": 1}
    assert conflict_side(stored) == {"your_reference": "UWV-17", "etag": 'W/"2"', "no": "D1"}
