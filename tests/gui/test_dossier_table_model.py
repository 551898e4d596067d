"""DossierTableModel: Qt model contract, sorting, filtering and incremental updates, without a window."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec
import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from dossier_desk.api.models import Dossier
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models import dossier_table_model as m
from dossier_desk.ui.models.dossier_filter import DossierFilter
from tests.gui.dossier_samples import TODAY, dossiers


def ids(model: m.DossierTableModel) -> list[str]:
    return [model.dossier_id_at(r) for r in range(model.rowCount())]


SAMPLES = {d.id: d for d in dossiers(300)}  # what the ``model`` fixture holds, by id


def shown(model: m.DossierTableModel, row: int) -> Dossier:
    """The sample dossier in ``row`` (the model keeps ids, not dossiers)."""
    return SAMPLES[model.dossier_id_at(row)]


@pytest.fixture
def model(qtmodeltester) -> m.DossierTableModel:
    model = m.DossierTableModel(today=lambda: TODAY, my_case_manager_code="CM1")
    model.set_dossiers(dossiers(300))  # enough rows for ties in every column
    qtmodeltester.check(model)
    return model


def test_model_contract_through_sort_filter_and_updates(qtmodeltester) -> None:
    model = m.DossierTableModel(today=lambda: TODAY)
    qtmodeltester.check(model)  # empty
    data = dossiers(120)
    model.set_dossiers(data[:100])
    model.sort(c.COL_DESCRIPTION, Qt.SortOrder.DescendingOrder)
    model.set_filter(DossierFilter(text="knee"))
    model.upsert(data[100:])
    model.upsert([msgspec.structs.replace(data[3], description="Knee zzz")])
    model.remove([data[5].id, data[110].id])
    model.set_filter(DossierFilter())
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("column", "key"),
    [
        (c.COL_NO, lambda d: d.no),
        (c.COL_DESCRIPTION, lambda d: d.description),
        (c.COL_STATUS, lambda d: ("New", "Open", "In Process", "Closed", "Archived").index(d.status)),
        (c.COL_PRIORITY, lambda d: ("Low", "Normal", "High").index(d.priority)),
        (c.COL_ENDING_DATE, lambda d: d.ending_date),
    ],
)
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sort_orders_rows_by_column(model: m.DossierTableModel, column: int, key, order) -> None:
    model.sort(column, order)
    keys = [key(shown(model, r)) for r in range(model.rowCount())]
    assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 300


def test_sort_keeps_selection_via_persistent_index(model: m.DossierTableModel) -> None:
    index = QPersistentModelIndex(model.index(10, c.COL_DESCRIPTION))
    chosen = model.dossier_id_at(10)
    model.sort(c.COL_NO, Qt.SortOrder.DescendingOrder)
    assert index.isValid()
    assert model.data(model.index(index.row(), 0), c.DossierIdRole) == chosen
    assert index.column() == c.COL_DESCRIPTION


def test_text_filter_searches_number_description_contact_and_reference(model: m.DossierTableModel) -> None:
    data = {d.id: d for d in dossiers(300)}
    model.set_filter(DossierFilter(text="KNEE"))
    assert ids(model) == [d.id for d in dossiers(300) if "knee" in d.description.lower()]
    model.set_filter(DossierFilter(text="d000042"))
    assert ids(model) == ["id-000042"]
    ref = data["id-000007"].your_reference
    model.set_filter(DossierFilter(text=ref.lower()))
    assert "id-000007" in ids(model)
    contact = data["id-000009"].primary_contact_name
    model.set_filter(DossierFilter(text=contact))
    assert all(shown(model, r).primary_contact_name == contact for r in range(model.rowCount()))
    model.set_filter(DossierFilter(text="knee  back"))  # every word must occur
    assert all(
        {"knee", "back"} <= set(shown(model, r).description.lower().split()) for r in range(model.rowCount())
    )


def test_typing_narrows_and_backspace_widens(model: m.DossierTableModel) -> None:
    counts = []
    for text in ("k", "kn", "kne", "knee", "kne", ""):
        model.set_filter(DossierFilter(text=text))
        counts.append(model.rowCount())
    assert counts[0] >= counts[1] >= counts[3]
    assert counts[4] == counts[2]
    assert counts[5] == 300


def test_structured_filters_and_presets(model: m.DossierTableModel) -> None:
    everything = dossiers(300)
    model.set_filter(DossierFilter(statuses=frozenset({"Closed"}), priorities=frozenset({"High"})))
    assert set(ids(model)) == {d.id for d in everything if d.status == "Closed" and d.priority == "High"}
    model.set_filter(DossierFilter(types=frozenset({"SAFETY"}), categories=frozenset({"Safety"})))
    assert set(ids(model)) == {d.id for d in everything if d.dossier_type_code == "SAFETY"}
    model.set_filter(DossierFilter(mine=True, open_only=True))
    expected = {
        d.id for d in everything if d.case_manager_code == "CM1" and d.status in {"New", "Open", "In Process"}
    }
    assert set(ids(model)) == expected
    assert expected
    model.set_filter(DossierFilter(closed_this_month=True))
    assert set(ids(model)) == {
        d.id for d in everything if d.status == "Closed" and d.date_closed[:7] == "2026-03"
    }
    lo, hi = TODAY - timedelta(days=30), TODAY
    model.set_filter(DossierFilter(date_field="starting_date", date_from=lo, date_to=hi))
    assert set(ids(model)) == {
        d.id for d in everything if lo.isoformat() <= d.starting_date <= hi.isoformat()
    }
    model.set_filter(DossierFilter(overdue=True))
    assert model.rowCount() > 0
    for r in range(model.rowCount()):
        d = shown(model, r)
        assert d.status in {"New", "Open", "In Process"}
        assert d.ending_date < TODAY.isoformat()


def test_counts_signal_reports_visible_of_total(qtbot, model: m.DossierTableModel) -> None:
    with qtbot.waitSignal(model.countsChanged) as blocker:
        model.set_filter(DossierFilter(statuses=frozenset({"Archived"})))
    assert blocker.args == [model.rowCount(), 300]
    assert 0 < model.rowCount() < 300


def test_filter_round_trips_through_dict() -> None:
    flt = DossierFilter(text="x", statuses=frozenset({"Open"}), date_from=date(2026, 1, 1), mine=True)
    assert DossierFilter.from_dict(flt.to_dict()) == flt
    assert DossierFilter.from_dict({"date_field": "bogus", "date_from": "not a date"}) == DossierFilter()


def test_upsert_inserts_in_sort_position_with_row_signals(qtbot, model: m.DossierTableModel) -> None:
    model.sort(c.COL_NO, Qt.SortOrder.DescendingOrder)
    new = Dossier(id="new-1", no="D000150a", description="Fresh", status="Open", starting_date="2026-03-01")
    with qtbot.waitSignal(model.rowsInserted) as blocker, qtbot.assertNotEmitted(model.modelReset):
        model.upsert([new])
    row = blocker.args[1]
    assert model.dossier_id_at(row) == "new-1"
    assert shown(model, row - 1).no > "D000150a" > shown(model, row + 1).no
    assert model.data(model.index(row, c.COL_NO)) == "D000150a"


def test_upsert_moves_changed_row_and_keeps_persistent_index(qtbot, model: m.DossierTableModel) -> None:
    model.sort(c.COL_DESCRIPTION, Qt.SortOrder.AscendingOrder)
    first = shown(model, 0)
    held = QPersistentModelIndex(model.index(0, 0))
    changed = msgspec.structs.replace(first, description="Zzz last of all")
    with qtbot.waitSignal(model.rowsMoved), qtbot.assertNotEmitted(model.modelReset):
        model.upsert([changed])
    assert model.dossier_id_at(model.rowCount() - 1) == first.id
    assert held.row() == model.rowCount() - 1


def test_upsert_same_key_only_signals_data_changed(qtbot, model: m.DossierTableModel) -> None:
    model.sort(c.COL_NO)
    d = shown(model, 5)
    with qtbot.waitSignal(model.dataChanged) as blocker, qtbot.assertNotEmitted(model.rowsMoved):
        model.upsert([msgspec.structs.replace(d, department="Finance")])
    assert blocker.args[0].row() == 5


def test_upsert_that_leaves_the_filter_removes_the_row(qtbot, model: m.DossierTableModel) -> None:
    model.set_filter(DossierFilter(statuses=frozenset({"Open"})))
    d = shown(model, 0)
    with qtbot.waitSignal(model.rowsRemoved):
        model.upsert([msgspec.structs.replace(d, status="Closed")])
    assert model.row_of(d.id) == -1
    assert model.has_dossier(d.id)
    model.set_filter(DossierFilter())
    assert model.data(model.index(model.row_of(d.id), c.COL_STATUS)) == "Closed"


def test_remove_drops_rows(qtbot, model: m.DossierTableModel) -> None:
    victim = model.dossier_id_at(3)
    with qtbot.waitSignal(model.rowsRemoved):
        model.remove([victim, "unknown-id"])
    assert model.row_of(victim) == -1
    assert model.total_count() == 299


def test_bulk_upsert_resets_once(qtbot) -> None:
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(dossiers(10))
    with qtbot.waitSignal(model.modelReset), qtbot.assertNotEmitted(model.rowsInserted):
        model.upsert(dossiers(5000))
    assert model.rowCount() == 5000
    assert model.row_of("id-004999") >= 0


def test_presentation_roles(model: m.DossierTableModel) -> None:
    model.set_pending_ids({"id-000001"})
    row = model.row_of("id-000001")
    assert isinstance(model.data(model.index(row, 0), Qt.ItemDataRole.FontRole), QFont)
    assert "Pending" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(row, 0), c.PendingRole) is True
    status_index = model.index(row, c.COL_STATUS)
    # Colour always comes with text.
    assert isinstance(model.data(status_index, Qt.ItemDataRole.DecorationRole), QColor)
    assert model.data(status_index) == shown(model, row).status
    model.set_filter(DossierFilter(overdue=True))
    assert model.data(model.index(0, 0), c.OverdueRole) is True
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.headerData(c.COL_NEXT_DEADLINE, Qt.Orientation.Horizontal) == "Next deadline"


def test_next_deadline_provider_feeds_column_and_overdue() -> None:
    open_one = Dossier(id="a", no="D1", status="Open", starting_date="2026-01-01", ending_date="2027-01-01")
    model = m.DossierTableModel(today=lambda: TODAY, next_deadline=lambda d: date(2026, 3, 1))
    model.set_dossiers([open_one])
    assert model.data(model.index(0, c.COL_NEXT_DEADLINE)) != ""
    assert model.data(model.index(0, 0), c.OverdueRole) is True
    assert model.data(model.index(0, c.COL_DAYS_OPEN)) == str((TODAY - date(2026, 1, 1)).days)


def test_only_past_dates_are_red() -> None:
    late_end = Dossier(id="a", no="D1", status="Open", starting_date="2026-01-01", ending_date="2026-02-01")
    model = m.DossierTableModel(today=lambda: TODAY, next_deadline=lambda d: date(2026, 4, 1))
    model.set_dossiers([late_end])
    assert model.data(model.index(0, 0), c.OverdueRole) is True
    assert model.data(model.index(0, c.COL_ENDING_DATE), Qt.ItemDataRole.ForegroundRole) == c.OVERDUE_TEXT
    assert model.data(model.index(0, c.COL_NEXT_DEADLINE), Qt.ItemDataRole.ForegroundRole) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_updates_keep_rows_filtered_and_sorted(seed: int) -> None:
    """Incremental inserts/moves/removals must leave exactly what a fresh sort + filter would show."""
    import random

    from dossier_desk.ui.models.dossier_filter import apply_filter
    from dossier_desk.ui.models.row_store import RowStore
    from dossier_desk.ui.models.rows import RowBuilder

    rng = random.Random(seed)
    pool = dossiers(400, seed=seed)
    current = {d.id: d for d in pool[:150]}
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(current.values())
    filters = [
        DossierFilter(),
        DossierFilter(text="knee"),
        DossierFilter(statuses=frozenset({"Open", "New"})),
        DossierFilter(open_only=True, priorities=frozenset({"High"})),
    ]
    for step in range(300):
        action = rng.random()
        if action < 0.35:
            d = rng.choice(pool)
            changed = msgspec.structs.replace(
                d,
                description=rng.choice(["Knee a", "Back b", "Zed knee", "Audit"]) + str(step),
                status=rng.choice(["New", "Open", "In Process", "Closed"]),
                priority=rng.choice(["Low", "Normal", "High"]),
            )
            current[d.id] = changed
            model.upsert([changed])
        elif action < 0.5 and current:
            victim = rng.choice(sorted(current))
            del current[victim]
            model.remove([victim])
        elif action < 0.7:
            order = rng.choice([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
            model.sort(rng.choice([c.COL_NO, c.COL_DESCRIPTION, c.COL_STATUS, c.COL_PRIORITY]), order)
        else:
            model.set_filter(rng.choice(filters))
        store = RowStore()  # what a fresh build of the current dossiers passes
        store.put(RowBuilder(today=TODAY).build(list(current.values())))
        passing = apply_filter(store.live_slots(), model.filter(), store, today=TODAY, my_code="")
        expected = {store.ids[s] for s in passing}
        shown_ids = [model.dossier_id_at(i) for i in range(model.rowCount())]
        assert set(shown_ids) == expected, f"step {step}"
        assert model.total_count() == len(current)
        if model.sort_column() >= 0:
            keys = [
                store.sort_value(store.ids.slot(i), c.SORT_KEY_NAMES[model.sort_column()]) for i in shown_ids
            ]
            descending = model.sort_order() == Qt.SortOrder.DescendingOrder
            assert keys == sorted(keys, reverse=descending), f"step {step}"
