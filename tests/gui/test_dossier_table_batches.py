"""DossierTableModel with sync-sized batches: one merge per page, ranged signals, persistent indexes kept.

These check the *shape* of the work (signals per batch, no per-row filter objects, no full-table maps on
sort) rather than wall-clock time; the timings are the benchmark harness's business (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import asyncio
import random

import msgspec
import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from dossier_desk.api.models import Dossier
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models import dossier_table_model as m
from dossier_desk.ui.models.dossier_filter import DossierFilter, apply_filter
from dossier_desk.ui.models.row_store import RowStore
from dossier_desk.ui.models.rows import RowBuilder
from dossier_desk.ui.table_loader import refresh_derived
from tests.gui.dossier_samples import TODAY, big_table, dossiers


class Signals:
    """Counts the model's structural signals."""

    def __init__(self, model: m.DossierTableModel) -> None:
        self.counts = {"inserted": 0, "removed": 0, "moved": 0, "layout": 0, "reset": 0, "data": 0}
        model.rowsInserted.connect(lambda *_: self._bump("inserted"))
        model.rowsRemoved.connect(lambda *_: self._bump("removed"))
        model.rowsMoved.connect(lambda *_: self._bump("moved"))
        model.layoutChanged.connect(lambda *_: self._bump("layout"))
        model.modelReset.connect(lambda *_: self._bump("reset"))
        model.dataChanged.connect(lambda *_: self._bump("data"))

    def _bump(self, name: str) -> None:
        self.counts[name] += 1


def holding(*batches: list[Dossier]) -> list[Dossier]:
    """The dossiers a model holds after ``batches`` (the last version of each wins)."""
    return list({d.id: d for batch in batches for d in batch}.values())


def expected_ids(
    model: m.DossierTableModel, column: int, order: Qt.SortOrder, current: list[Dossier]
) -> list[str]:
    """What a fresh sort + filter of every cached dossier (``current``) shows."""
    assert model.dossier_ids() == {d.id for d in current}
    ids = [d.id for d in current]
    ids.sort(key=lambda i: model.sort_key(i, column), reverse=order == Qt.SortOrder.DescendingOrder)
    store = RowStore()  # a fresh build of every dossier decides what passes the filter
    store.put(RowBuilder(today=TODAY).build(current))
    passing = {
        store.ids[s] for s in apply_filter(store.live_slots(), model.filter(), store, today=TODAY, my_code="")
    }
    return [i for i in ids if i in passing]


def shown_ids(model: m.DossierTableModel) -> list[str]:
    return [model.dossier_id_at(r) for r in range(model.rowCount())]


def shown_keys(model: m.DossierTableModel, column: int) -> list[object]:
    return [model.sort_key(model.dossier_id_at(r), column) for r in range(model.rowCount())]


def text(model: m.DossierTableModel, row: int, column: int) -> str:
    return model.data(model.index(row, column))


big = pytest.fixture(big_table, name="big")  # 20,000 of 26,000 sample dossiers in a table


def test_model_contract_through_batch_merge_and_ranged_removal(qtmodeltester) -> None:
    pool = dossiers(240)
    model = m.DossierTableModel(today=lambda: TODAY)
    qtmodeltester.check(model)
    model.set_dossiers(pool[:120])
    model.sort(c.COL_DESCRIPTION, Qt.SortOrder.DescendingOrder)
    selection = [QPersistentModelIndex(model.index(r, c.COL_NO)) for r in (0, 17, 119)]
    model.set_filter(DossierFilter(statuses=frozenset({"Open", "New"})))
    model.upsert([*pool[120:200], *(msgspec.structs.replace(d, status="Open") for d in pool[:30])])
    model.remove([d.id for d in pool[::7]])
    model.upsert(pool[200:])
    model.set_filter(DossierFilter())
    model.sort(-1)
    model.upsert([msgspec.structs.replace(d, description="moved") for d in pool[40:70]])
    qtmodeltester.check(model)
    assert all(not p.isValid() or model.dossier_id_at(p.row()) for p in selection)


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sync_page_is_one_merge_with_selection_kept(big, order, monkeypatch: pytest.MonkeyPatch) -> None:
    model, pool = big
    model.sort(c.COL_DESCRIPTION, order)
    model.set_filter(DossierFilter(statuses=frozenset({"Open", "New", "In Process"})))
    held = QPersistentModelIndex(model.index(1234, c.COL_STATUS))
    held_id = model.dossier_id_at(1234)
    rng = random.Random(5)
    page = list(pool[20_000:25_000])  # 5,000 new rows (the table is far above the reset threshold)
    for d in rng.sample(pool[:20_000], 300):  # plus updates: moved, leaving and entering the filter
        page.append(
            msgspec.structs.replace(
                d, description=f"Zz {d.description}", status=rng.choice(["Open", "Closed"])
            )
        )
    rng.shuffle(page)
    calls = {"is_empty": 0}
    original = DossierFilter.is_empty

    def counting(self: DossierFilter) -> bool:
        calls["is_empty"] += 1
        return original(self)

    monkeypatch.setattr(DossierFilter, "is_empty", counting)
    signals = Signals(model)
    model.upsert(page)
    assert signals.counts["reset"] == 0
    assert signals.counts["layout"] == 1  # one merge, not 5,000 row inserts
    assert signals.counts["inserted"] == 0
    assert calls["is_empty"] < 10  # hoisted out of the per-row loop
    assert shown_ids(model) == expected_ids(model, c.COL_DESCRIPTION, order, holding(pool[:20_000], page))
    assert model.total_count() == 25_000
    assert held.isValid() == (model.row_of(held_id) >= 0)
    if held.isValid():
        assert model.dossier_id_at(held.row()) == held_id
        assert held.column() == c.COL_STATUS


def test_sync_page_into_unsorted_table_appends_in_one_block(big) -> None:
    model, pool = big
    signals = Signals(model)
    model.upsert(pool[20_000:25_000])
    assert signals.counts == {"inserted": 1, "removed": 0, "moved": 0, "layout": 0, "reset": 0, "data": 0}
    assert shown_ids(model)[-5_000:] == [d.id for d in pool[20_000:25_000]]


def test_updates_in_place_are_ranged_data_changes(big) -> None:
    model, pool = big
    model.sort(c.COL_NO)
    page = [msgspec.structs.replace(d, department="Finance") for d in pool[100:600]]  # same sort key
    signals = Signals(model)
    model.upsert(page)
    assert signals.counts["layout"] == signals.counts["inserted"] == signals.counts["moved"] == 0
    assert signals.counts["data"] == 1  # rows 100..599 are contiguous under "No."
    assert text(model, 100, c.COL_DEPARTMENT) == "Finance"


def test_remove_many_is_one_pass_and_keeps_the_selection(big) -> None:
    model, _pool = big
    model.sort(c.COL_STARTING_DATE, Qt.SortOrder.DescendingOrder)
    keep_id = model.dossier_id_at(777)
    held = QPersistentModelIndex(model.index(777, 2))
    victims = [model.dossier_id_at(r) for r in range(0, 20_000, 20) if r != 777]  # 1,000 scattered rows
    signals = Signals(model)
    model.remove(victims)
    assert signals.counts["removed"] + signals.counts["layout"] == 1
    assert model.total_count() == 19_000
    assert model.rowCount() == 19_000
    assert all(model.row_of(v) == -1 for v in victims)
    assert model.dossier_id_at(held.row()) == keep_id
    keys = shown_keys(model, c.COL_STARTING_DATE)
    assert keys == sorted(keys, reverse=True)


def test_remove_a_few_contiguous_rows_is_one_ranged_removal(big) -> None:
    model, _pool = big
    model.sort(c.COL_NO)
    victims = [model.dossier_id_at(r) for r in range(50, 60)]
    signals = Signals(model)
    model.remove([*victims, "unknown"])
    assert signals.counts["removed"] == 1
    assert signals.counts["layout"] == 0
    assert text(model, 50, c.COL_NO) > text(model, 49, c.COL_NO)


def test_sort_remaps_only_the_persistent_indexes(big, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sort must not build a position map of every row to move the view's few persistent indexes."""
    model, _pool = big
    held = [QPersistentModelIndex(model.index(r, c.COL_NO)) for r in (3, 9_999)]
    held_ids = [model.dossier_id_at(p.row()) for p in held]
    full_maps = {"n": 0}

    def counting_enumerate(iterable, start=0):
        if isinstance(iterable, list) and len(iterable) == model.rowCount():
            full_maps["n"] += 1
        return enumerate(iterable, start)

    monkeypatch.setattr(m, "enumerate", counting_enumerate, raising=False)
    model.sort(c.COL_CONTACT)
    model.sort(c.COL_PRIORITY, Qt.SortOrder.DescendingOrder)
    assert full_maps["n"] == 0
    assert [model.dossier_id_at(p.row()) for p in held] == held_ids


def test_first_keystroke_matching_everything_changes_no_layout(big) -> None:
    model, _pool = big
    model.sort(c.COL_NO)
    signals = Signals(model)
    model.set_filter(DossierFilter(text="d"))  # every number starts with "D"
    assert signals.counts["layout"] == 0
    assert model.rowCount() == 20_000
    model.set_filter(DossierFilter(text="d00001"))
    assert signals.counts["layout"] == 1
    assert all("d00001" in text(model, r, c.COL_NO).lower() for r in range(model.rowCount()))


def test_refresh_derived_recomputes_and_resorts_keeping_selection(qtmodeltester) -> None:
    deadline = {"on": False}

    def provider(d: Dossier):
        return TODAY if deadline["on"] and d.id.endswith("7") else None

    model = m.DossierTableModel(today=lambda: TODAY, next_deadline=provider)
    pool = dossiers(300)
    model.set_dossiers(pool)
    model.sort(c.COL_NEXT_DEADLINE)
    held_id = model.dossier_id_at(250)
    held = QPersistentModelIndex(model.index(250, 0))
    assert model.data(model.index(0, c.COL_NEXT_DEADLINE)) == ""
    deadline["on"] = True
    pages = [pool[:100], pool[100:], [Dossier(id="not-in-the-table")]]
    asyncio.run(refresh_derived(model, lambda: pages))  # built in a worker thread
    qtmodeltester.check(model)
    assert model.total_count() == 300
    first = {d.id: d for d in pool}[model.dossier_id_at(0)]
    if first.status in ("New", "Open", "In Process"):
        assert model.data(model.index(0, c.COL_NEXT_DEADLINE)) != ""
    assert model.dossier_id_at(held.row()) == held_id


def test_prepared_rows_built_off_the_model_fill_in_one_reset_then_merge(qtmodeltester) -> None:
    """The worker-thread interface: a first fill is one reset, a later batch a merge like upsert."""
    pool = dossiers(3_000)
    model = m.DossierTableModel(today=lambda: TODAY)
    qtmodeltester.check(model)
    signals = Signals(model)
    prepared = model.row_builder().build(pool[:2_500], pending_ids={pool[0].id})
    assert len(prepared) == 2_500
    assert prepared.ids[0] == pool[0].id
    model.apply(prepared)
    assert signals.counts["reset"] == 1
    assert model.total_count() == 2_500
    assert model.index(model.row_of(pool[0].id), 0).data(c.PendingRole) is True
    model.sort(c.COL_NO, Qt.SortOrder.AscendingOrder)
    model.apply(model.row_builder().build(pool[2_500:]))
    assert signals.counts["reset"] == 1
    assert model.total_count() == 3_000
    assert shown_ids(model) == expected_ids(model, c.COL_NO, Qt.SortOrder.AscendingOrder, pool)
    qtmodeltester.check(model)
