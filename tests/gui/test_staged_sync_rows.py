"""Sync batches staged in the dossier table and shown together: the table's rows, counts and selection
stay right, and many batches cost one layout change (one repaint) instead of one each."""

from __future__ import annotations

import msgspec
import pytest
from PySide6.QtCore import QAbstractItemModel, QPersistentModelIndex, Qt

from dossier_desk.api.models import Dossier
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models import dossier_table_model as m
from dossier_desk.ui.models.dossier_filter import DossierFilter
from tests.gui.dossier_samples import TODAY, big_table, dossiers
from tests.gui.test_dossier_table_batches import Signals, expected_ids, shown_ids

big = pytest.fixture(big_table, name="big")  # 20,000 of 26,000 sample dossiers in a table


def stage(model: m.DossierTableModel, rows: list[Dossier], size: int = 1000) -> None:
    for start in range(0, len(rows), size):
        model.stage(model.row_builder().build(rows[start : start + size]))


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_five_staged_batches_show_with_one_layout_change_in_sort_order(big, order) -> None:
    model, pool = big
    model.sort(c.COL_DESCRIPTION, order)
    model.set_filter(DossierFilter(statuses=frozenset({"Open", "New", "In Process"})))
    held_id = model.dossier_id_at(1234)
    held = QPersistentModelIndex(model.index(1234, c.COL_STATUS))
    shown_before = model.rowCount()
    signals = Signals(model)
    counts: list[tuple[int, int]] = []
    model.countsChanged.connect(lambda shown, total: counts.append((shown, total)))
    stage(model, pool[20_000:25_000])
    assert model.rowCount() == shown_before  # staged: nothing shown or signalled yet
    assert set(signals.counts.values()) == {0}
    assert model.total_count() == 25_000  # but counted and listed
    assert len(model.dossier_ids()) == 25_000
    model.place_staged()
    assert signals.counts["layout"] == 1  # five batches, one layout change
    assert signals.counts["inserted"] == signals.counts["reset"] == 0
    assert shown_ids(model) == expected_ids(model, c.COL_DESCRIPTION, order, pool[:25_000])
    assert counts == [(model.rowCount(), 25_000)]
    assert model.dossier_id_at(held.row()) == held_id  # the selection stays on its dossier
    assert held.column() == c.COL_STATUS


def test_staged_rows_that_all_go_to_one_place_are_one_ranged_insert(big) -> None:
    model, pool = big  # unsorted: sync rows go at the end
    signals = Signals(model)
    stage(model, pool[20_000:23_000])
    model.place_staged()
    assert signals.counts == {"inserted": 1, "removed": 0, "moved": 0, "layout": 0, "reset": 0, "data": 0}
    assert shown_ids(model)[-3_000:] == [d.id for d in pool[20_000:23_000]]


Current = dict[str, Dossier]


def _remove(model: m.DossierTableModel, pool: list[Dossier], current: Current) -> None:
    gone = [pool[5].id, pool[20_010].id]
    model.remove(gone)
    for dossier_id in gone:
        del current[dossier_id]


def _edit(model: m.DossierTableModel, pool: list[Dossier], current: Current) -> None:
    edited = msgspec.structs.replace(pool[3], description="Zz moved")
    model.upsert([edited])
    current[edited.id] = edited


def _known_row_in_a_page(model: m.DossierTableModel, pool: list[Dossier], current: Current) -> None:
    again = msgspec.structs.replace(pool[20_001], description="again")
    model.stage(model.row_builder().build([again]))
    current[again.id] = again


@pytest.mark.parametrize(
    "change",
    [
        lambda model, pool, current: model.sort(c.COL_CONTACT),
        lambda model, pool, current: model.set_filter(DossierFilter(text="d0")),
        lambda model, pool, current: model.set_filter(DossierFilter(statuses=frozenset({"Open"}))),
        _remove,
        _edit,
        _known_row_in_a_page,
        lambda model, pool, current: model.refresh_derived(
            model.row_builder(locale_now=True).build(list(current.values())), model.watch_changes()
        ),
    ],
    ids=["sort", "narrowing search", "filter", "remove", "local edit", "known row in a page", "derived"],
)
def test_every_other_change_shows_the_staged_rows_first(big, change) -> None:
    model, pool = big
    current = {d.id: d for d in pool[:22_000]}
    model.sort(c.COL_NO, Qt.SortOrder.DescendingOrder)
    stage(model, pool[20_000:22_000])
    change(model, pool, current)
    model.place_staged()  # nothing left to place: a no-op
    shown = shown_ids(model)
    assert len(shown) == len(set(shown))  # no staged row shown twice
    column, order = model.sort_column(), model.sort_order()
    expected = expected_ids(model, column, order, list(current.values()))
    # Rows with equal keys (contact names) keep the order they had before the sort: compare keys.
    assert [model.sort_key(i, column) for i in shown] == [model.sort_key(i, column) for i in expected]
    assert set(shown) == set(expected)
    assert pool[20_000].id in model.dossier_ids()


def test_row_of_a_staged_dossier_shows_it(big) -> None:
    model, pool = big
    model.sort(c.COL_NO)
    stage(model, pool[20_000:20_500])
    row = model.row_of(pool[20_100].id)  # selecting a dossier in the table: it is shown now
    assert row >= 0
    assert model.dossier_id_at(row) == pool[20_100].id


def test_model_contract_through_staging(qtmodeltester) -> None:
    pool = dossiers(400)
    model = m.DossierTableModel(today=lambda: TODAY)
    qtmodeltester.check(model)
    stage(model, pool[:100], size=50)  # a first batch into an empty table: applied (one reset)
    model.sort(c.COL_DESCRIPTION, Qt.SortOrder.DescendingOrder)
    selection = [QPersistentModelIndex(model.index(r, c.COL_NO)) for r in (0, 42, 99)]
    held = [model.dossier_id_at(p.row()) for p in selection]
    stage(model, pool[100:300], size=40)
    model.place_staged()
    model.set_filter(DossierFilter(statuses=frozenset({"Open", "New"})))
    stage(model, pool[300:], size=30)
    model.place_staged()
    qtmodeltester.check(model)
    assert [model.dossier_id_at(p.row()) for p in selection if p.isValid()] == [
        h for h, p in zip(held, selection, strict=True) if p.isValid()
    ]
    assert model.total_count() == 400


def test_layout_changes_say_that_only_rows_move(big) -> None:
    """The horizontal header then skips its own bookkeeping (columns never change here)."""
    model, pool = big
    hints: list[object] = []
    hinted = model.layoutChanged["QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint"]
    hinted.connect(lambda _parents, hint: hints.append(hint))
    model.sort(c.COL_DESCRIPTION)
    stage(model, pool[20_000:21_000])
    model.place_staged()
    assert hints == [QAbstractItemModel.LayoutChangeHint.VerticalSortHint] * 2
