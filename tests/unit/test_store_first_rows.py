"""The start-up reads: the first screenful in a sort order, and every row in pages, both overlaid."""

from __future__ import annotations

import pytest

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import profile_paths
from dossier_desk.store.events import NullListener
from dossier_desk.store.first_rows import all_rows, can_order_by, first_rows
from dossier_desk.store.session import open_session
from tests.unit.store_helpers import make_dossier

NEW = {
    DossierField.DESCRIPTION: "New case",
    DossierField.DOSSIER_TYPE_CODE: "ABSENCE",
    DossierField.PRIMARY_CONTACT_NO: "C0001",
}


@pytest.fixture
def env():
    session = open_session(profile_paths("p", "c"), None, NullListener()).wait()
    cache, outbox = session.cache, session.outbox
    cache.upsert_dossiers(
        [
            make_dossier(i, status=("Open", "Closed", "New")[i % 3], ending_date=f"2026-02-{1 + i % 28:02d}")
            for i in range(40)
        ]
    ).wait()
    yield cache, outbox, session.store
    session.close()


def test_first_rows_are_the_top_of_the_sort_order(env) -> None:
    cache, outbox, _store = env
    assert [d.no for d in first_rows(cache, outbox, "no", True, 3)] == ["D00039", "D00038", "D00037"]
    assert [d.no for d in first_rows(cache, outbox, "no", False, 2)] == ["D00000", "D00001"]
    # Status sorts in workflow order (New before Open before Closed), not alphabetically.
    assert {d.status for d in first_rows(cache, outbox, "status", False, 13)} == {"New"}
    assert {d.status for d in first_rows(cache, outbox, "status", True, 13)} == {"Closed"}
    ending = [d.ending_date for d in first_rows(cache, outbox, "ending_date", False, 5)]
    assert ending == sorted(ending)
    assert ending[0] == "2026-02-01"


def test_keys_sql_cannot_order_fall_back_to_the_number(env) -> None:
    cache, outbox, _store = env
    assert not can_order_by("contact")
    assert can_order_by("no")
    assert [d.no for d in first_rows(cache, outbox, "contact", True, 2)] == ["D00039", "D00038"]


def test_first_rows_show_queued_edits_creates_and_deletions(env) -> None:
    cache, outbox, store = env
    store.save_dossier_changes(make_dossier(39).id, {DossierField.DESCRIPTION: "Edited"}).wait()
    store.delete_dossier(make_dossier(38).id).wait()
    created = store.create_dossier(NEW).wait()
    shown = first_rows(cache, outbox, "no", True, 3)
    by_id = {d.id: d for d in shown}
    assert by_id[make_dossier(39).id].description == "Edited"
    assert make_dossier(38).id not in by_id
    assert created.dossier_id in by_id  # a queued create shows from the first paint on


def test_all_rows_in_pages_are_what_the_store_loads(env) -> None:
    cache, outbox, store = env
    store.save_dossier_changes(make_dossier(3).id, {DossierField.DESCRIPTION: "Edited"}).wait()
    store.delete_dossier(make_dossier(4).id).wait()
    store.create_dossier(NEW).wait()
    assert all_rows(cache, outbox, page_size=7) == store.load_dossiers()
