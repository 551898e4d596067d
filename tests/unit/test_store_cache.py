"""The cache: round trips, bulk speed, reference data, sync state."""

from __future__ import annotations

import time

import pytest

from dossier_desk.api.models import Contact, Document, DossierType, WorkflowEntry
from dossier_desk.store import Cache, open_database, profile_paths
from tests.unit.store_helpers import make_dossier


@pytest.fixture
def cache():
    db = open_database(profile_paths("p", "c"))
    yield Cache(db)
    db.close()


def test_upsert_and_load_round_trip(cache: Cache) -> None:
    rows = [make_dossier(i) for i in range(10)]
    cache.upsert_dossiers(rows).wait()
    assert sorted(cache.load_dossiers(), key=lambda d: d.id) == rows
    changed = make_dossier(3, description="Changed", etag='W/"v3-2"')
    cache.upsert_dossiers([changed]).wait()
    assert cache.dossier(changed.id) == changed
    assert cache.dossier_count() == 10
    assert cache.find_by_external_no("nothing") is None
    cache.delete_dossiers([rows[0].id, rows[1].id]).wait()
    assert cache.dossier_ids() == {d.id for d in rows[2:]}
    assert cache.dossier("missing") is None


def test_state_is_written_with_the_page(cache: Cache) -> None:
    cache.upsert_dossiers([make_dossier(1)], state={"full.cursor_id": "x"}).wait()
    assert cache.get_state("full.cursor_id") == "x"
    cache.set_state({"a": "1"}).wait()
    cache.delete_state("a").wait()
    assert cache.get_state("a", "default") == "default"


def test_max_last_modified(cache: Cache) -> None:
    assert cache.max_last_modified() == ""
    cache.upsert_dossiers([make_dossier(1), make_dossier(59)]).wait()
    assert cache.max_last_modified() == "2026-03-01T10:00:59.000000Z"


def test_reference_and_detail_tables(cache: Cache) -> None:
    cache.replace_dossier_types([DossierType(id="t2", code="B"), DossierType(id="t1", code="A")]).wait()
    assert [t.code for t in cache.dossier_types()] == ["A", "B"]
    cache.replace_contacts([Contact(id="c1", no="C1", name="X")]).wait()
    cache.replace_contacts([Contact(id="c2", no="C2")]).wait()
    assert [c.no for c in cache.contacts()] == ["C2"]
    cache.replace_documents("d1", [Document(id="doc1", dossier_id="d1", file_name="a.pdf")]).wait()
    assert [d.file_name for d in cache.documents("d1")] == ["a.pdf"]
    entries = [WorkflowEntry(id=f"w{n}", dossier_id="d1", line_no=n) for n in (20000, 10000)]
    cache.replace_workflow_log("d1", entries).wait()
    assert [e.line_no for e in cache.workflow_log("d1")] == [10000, 20000]
    cache.upsert_dossiers([make_dossier(1, id="d1")]).wait()
    cache.delete_dossiers(["d1"]).wait()
    assert cache.documents("d1") == []
    assert cache.workflow_log("d1") == []


def test_100k_dossiers_load_well_under_a_second(cache: Cache) -> None:
    rows = [make_dossier(i) for i in range(100_000)]
    for start in range(0, len(rows), 20_000):
        cache.upsert_dossiers(rows[start : start + 20_000]).wait()
    cache.db.checkpoint()
    # CPU time, not wall time: a busy CI machine must not fail this, a slow decoder must.
    started = time.process_time()
    loaded = cache.load_dossiers()
    elapsed = time.process_time() - started
    assert len(loaded) == 100_000
    assert loaded[12345] == rows[12345]
    assert elapsed < 0.8, f"load took {elapsed:.2f}s of CPU"
