"""The dossier table keeps its columns, never the dossiers: whoever needs a dossier reads it by id."""

from __future__ import annotations

import asyncio
import uuid
from array import array
from collections import Counter
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import Qt

from dossier_desk.api.models import Dossier
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models import dossier_table_model as m
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.models.number_keys import number_key, number_text
from dossier_desk.ui.table_loader import fill_rest
from tests.gui.dossier_samples import TODAY, dossiers


def reachable(root: Any) -> list[Any]:
    """Every object reachable from ``root`` through containers and plain objects' attributes."""
    seen: set[int] = set()
    out: list[Any] = []
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, str | bytes | int | float | array | bytearray):
            continue
        seen.add(id(obj))
        out.append(obj)
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, list | tuple | set | frozenset):
            stack.extend(obj)
        elif isinstance(obj, msgspec.Struct):
            stack.extend(getattr(obj, f) for f in obj.__struct_fields__)
        elif hasattr(obj, "__slots__"):
            stack.extend(getattr(obj, s) for s in obj.__slots__ if hasattr(obj, s))
        elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("dossier_desk"):
            stack.extend(vars(obj).values())
    return out


def test_the_table_keeps_no_dossier_through_fill_updates_and_background_read(qtmodeltester) -> None:
    pool = dossiers(600)
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(pool[:100])
    changed = model.watch_changes()
    asyncio.run(fill_rest(model, lambda: [pool[100:400], pool[400:500]], lambda: (), changed))
    model.sort(c.COL_DESCRIPTION, Qt.SortOrder.DescendingOrder)
    model.upsert([*pool[500:], msgspec.structs.replace(pool[3], description="Changed")])
    model.set_filter(DossierFilter(text="changed"))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.total_count() == 600
    kept = reachable(model._store)
    assert len(kept) > 10  # the walk does look inside the store
    assert not [o for o in kept if isinstance(o, Dossier)]
    assert not [o for o in reachable(model.row_builder().build(pool[:50])) if isinstance(o, Dossier)]


def test_cells_show_the_dossiers_values_from_the_columns() -> None:
    odd = Dossier(
        id="odd",
        no="d-7a",  # lower case: kept as typed (an upper-case number is shown from its sort key)
        description="Knie",
        primary_contact_no="C9",  # no name cached: the number is shown
        dossier_type_code="SAFETY",
        status="Pending Approval",  # unknown to this client: shown as sent
        priority="High",
        starting_date="2026-03-01",
        ending_date="2026-03-10",
        department="R&D",
        case_manager_code="PJ",
    )
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers([*dossiers(3), odd])
    row = model.row_of("odd")

    def cell(column: int) -> str:
        return model.data(model.index(row, column))

    assert (cell(c.COL_NO), cell(c.COL_DESCRIPTION), cell(c.COL_CONTACT)) == ("d-7a", "Knie", "C9")
    assert (cell(c.COL_TYPE), cell(c.COL_STATUS), cell(c.COL_PRIORITY)) == (
        "SAFETY",
        "Pending Approval",
        "High",
    )
    assert (cell(c.COL_DEPARTMENT), cell(c.COL_CASE_MANAGER)) == ("R&D", "PJ")
    assert cell(c.COL_STARTING_DATE) == c.format_date(TODAY.replace(day=1))
    assert cell(c.COL_DAYS_OPEN) == "14"
    assert cell(c.COL_DOCUMENT_DATE) == ""
    first = model.row_of(dossiers(1)[0].id)
    assert model.data(model.index(first, c.COL_NO)) == "D000001"
    model.set_filter(DossierFilter(statuses=frozenset({"Pending Approval"})))
    assert [model.dossier_id_at(r) for r in range(model.rowCount())] == ["odd"]
    model.set_filter(DossierFilter(date_field="ending_date", date_from=TODAY.replace(day=10), date_to=TODAY))
    assert "odd" in {model.dossier_id_at(r) for r in range(model.rowCount())}


def test_ids_matching_reads_any_filter_without_touching_the_table() -> None:
    pool = dossiers(200)
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(pool)
    model.set_filter(DossierFilter(text="knee"))
    shown = model.rowCount()
    wanted = DossierFilter(open_only=True, types=frozenset({"ABSENCE"}))
    expected = {
        d.id for d in pool if d.status in ("New", "Open", "In Process") and d.dossier_type_code == "ABSENCE"
    }
    assert set(model.ids_matching(wanted)) == expected
    assert expected
    assert model.rowCount() == shown
    assert model.dossier_id_at(model.rowCount()) == ""
    of_c1 = {d.id for d in pool if d.primary_contact_no == "C0001"}
    assert set(model.ids_with("contact_no", "C0001")) == of_c1
    assert model.ids_with("contact_no", "nobody") == []
    assert model.count_by("contact_no")["C0001"] == len(of_c1)
    assert model.count_by("contact_no", wanted) == Counter(
        d.primary_contact_no for d in pool if d.id in expected
    )
    assert model.has_dossier(pool[0].id)
    assert not model.has_dossier("unknown")


def test_numbers_sort_ignoring_case_and_upper_case_ones_are_stored_once() -> None:
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(Dossier(id=no, no=no) for no in ("D-7B", "d-7a", "D-7c", "Ä-1"))
    model.sort(c.COL_NO, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, c.COL_NO)) for r in range(4)] == ["Ä-1", "d-7a", "D-7B", "D-7c"]
    store = model._store
    slot = store.ids.slot("D-7B")
    assert store.key_column("no")[slot] == number_key("D-7B")  # an integer: no str at all
    assert number_text(number_key("D-7B")) == "D-7B"
    assert store.shown["no"][slot] == ""  # shown from the sort key


def test_numbers_that_fit_no_integer_key_turn_the_column_into_texts_in_the_same_order() -> None:
    numbers = ["D-10", "D-9", "D-100", "", "D-1", "DOSSIER-2026-0001", "Z", "D-1Ä"]
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(Dossier(id=f"r{i}", no=no) for i, no in enumerate(numbers[:5]))
    assert isinstance(model.sort_key_column(c.COL_NO), array)
    model.upsert([Dossier(id="r5", no=numbers[5])])  # one at a time: stored row by row
    model.upsert(Dossier(id=f"r{i}", no=no) for i, no in enumerate(numbers) if i > 5)
    model.remove(["r4"])
    assert isinstance(model.sort_key_column(c.COL_NO), list)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(c.COL_NO, order)
        shown = [model.data(model.index(r, c.COL_NO)) for r in range(model.rowCount())]
        kept = [n for n in numbers if n != "D-1"]
        assert shown == sorted(kept, key=str.upper, reverse=order == Qt.SortOrder.DescendingOrder)
    assert model.outline("r5").no == "DOSSIER-2026-0001"


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_a_long_number_arriving_while_sorted_by_number_keeps_the_order(qtmodeltester, order) -> None:
    """The first number that fits no integer key turns the column into texts before the rows the batch
    replaces are looked up by their old keys (a small batch, placed row by row, and a larger one)."""
    pool = dossiers(60)
    for size in (2, 40):
        model = m.DossierTableModel(today=lambda: TODAY)
        model.set_dossiers(pool[:50])
        model.sort(c.COL_NO, order)
        changed = [
            msgspec.structs.replace(d, description=f"changed {d.no}") for d in pool[10 : 10 + size - 1]
        ]
        model.upsert([msgspec.structs.replace(pool[55], id="long-number", no="D2024-000001"), *changed])
        shown = [model.data(model.index(r, c.COL_NO)) for r in range(model.rowCount())]
        assert shown == sorted(shown, key=str.upper, reverse=order == Qt.SortOrder.DescendingOrder)
        assert "D2024-000001" in shown
        assert len(shown) == 51
        qtmodeltester.check(model)


def test_a_small_batch_while_sorted_by_contact_descending(qtmodeltester) -> None:
    """Contact keys are collation keys, which only answer ``<``: a row placed in a descending sort must
    not compare them any other way."""
    pool = dossiers(60)
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(pool[:50])
    model.sort(c.COL_CONTACT, Qt.SortOrder.DescendingOrder)
    model.upsert([pool[55], msgspec.structs.replace(pool[3], description="changed")])
    names = [model.data(model.index(r, c.COL_CONTACT)) for r in range(model.rowCount())]
    assert len(names) == 51
    model.sort(c.COL_CONTACT, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, c.COL_CONTACT)) for r in range(model.rowCount())] == names[::-1]
    qtmodeltester.check(model)


def test_outline_is_what_the_table_holds_of_a_dossier() -> None:
    pool = dossiers(50)
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(pool)
    d = pool[7]
    outline = model.outline(d.id)
    assert outline is not None
    fields = ("id", "no", "description", "primary_contact_no", "primary_contact_name", "dossier_type_code")
    fields += ("status", "category", "priority", "department", "case_manager_code")
    assert {f: getattr(outline, f) for f in fields} == {f: getattr(d, f) for f in fields}
    assert model.outline("unknown") is None


def strings_in(root: Any) -> list[str]:
    """Every str reachable from ``root`` (as :func:`reachable` walks it)."""
    out: list[str] = []
    for obj in reachable(root):
        if isinstance(obj, dict):
            out.extend(o for o in (*obj.keys(), *obj.values()) if isinstance(o, str))
        elif isinstance(obj, list | tuple | set | frozenset):
            out.extend(o for o in obj if isinstance(o, str))
        elif hasattr(obj, "__slots__"):
            out.extend(v for s in obj.__slots__ if isinstance(v := getattr(obj, s, None), str))
    return out


def test_ids_and_search_text_are_not_kept_as_a_str_per_row() -> None:
    # Server ids are GUIDs (other ids, a queued create's, are few and kept as they are).
    pool = [msgspec.structs.replace(d, id=str(uuid.UUID(int=i + 1))) for i, d in enumerate(dossiers(3000))]
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(pool[:200])
    changed = model.watch_changes()
    asyncio.run(fill_rest(model, lambda: [pool[200:]], lambda: (), changed))
    kept = set(strings_in(model._store))
    assert len(kept) > 100  # the walk finds the table's texts (numbers, descriptions, contacts...)
    assert not kept & {d.id for d in pool}
    assert not [s for s in kept if "\x1f" in s]  # a row's search text joins its fields with \x1f
    assert model.dossier_id_at(0) in {d.id for d in pool}
    model.set_filter(DossierFilter(text=pool[2500].no))
    assert [model.dossier_id_at(r) for r in range(model.rowCount())] == [pool[2500].id]


def test_removed_rows_are_not_found_and_their_slots_are_used_again() -> None:
    pool = dossiers(300)
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(pool)
    slots = model._store.slot_count()
    gone = pool[10:60]
    model.remove(d.id for d in gone)
    for d in gone:
        model.set_filter(DossierFilter(text=d.no))
        assert model.rowCount() == 0
        assert not model.has_dossier(d.id)
    newcomers = [
        msgspec.structs.replace(d, id=f"new-{i}", no=f"N{i:04d}", description=f"Nieuw {i}")
        for i, d in enumerate(gone)
    ]
    model.set_filter(DossierFilter())
    model.upsert(newcomers)
    assert model._store.slot_count() == slots  # the freed slots hold the newcomers
    model.set_filter(DossierFilter(text="nieuw"))
    assert {model.dossier_id_at(r) for r in range(model.rowCount())} == {d.id for d in newcomers}
    model.upsert([msgspec.structs.replace(newcomers[0], description="Anders")])
    assert {model.dossier_id_at(r) for r in range(model.rowCount())} == {d.id for d in newcomers[1:]}
    model.set_filter(DossierFilter(text="anders"))
    assert [model.dossier_id_at(r) for r in range(model.rowCount())] == ["new-0"]


def test_renewing_rows_after_a_fill_keeps_every_value_in_new_objects(qtmodeltester) -> None:
    pool = dossiers(500)
    model = m.DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(pool[:50])
    model.upsert(pool[50:])
    model.remove([pool[5].id])
    model.sort(c.COL_CONTACT, Qt.SortOrder.AscendingOrder)
    model.set_filter(DossierFilter(statuses=frozenset({"Open", "New"})))
    store = model._store

    def cells() -> list[list[Any]]:
        return [
            [model.data(model.index(r, col)) for col in range(c.COLUMN_COUNT)]
            for r in range(model.rowCount())
        ]

    before = cells()
    old_texts, old_values = list(store.texts["description"]), list(store.vocab["contact_no"].values)
    model.renew_rows()
    assert cells() == before
    assert store.texts["description"] == old_texts
    assert not [a for a, b in zip(old_texts, store.texts["description"], strict=True) if a is b and a]
    assert not [a for a, b in zip(old_values, store.vocab["contact_no"].values, strict=True) if a is b and a]
    names = [r[c.COL_CONTACT] for r in before]
    assert len(set(names)) > 5  # enough different names for the sort below to mean something
    model.sort(c.COL_CONTACT, Qt.SortOrder.DescendingOrder)  # by the renewed contact keys
    assert [r[c.COL_CONTACT] for r in cells()] == names[::-1]
    assert model.ids_with("contact_no", pool[7].primary_contact_no)
    qtmodeltester.check(model)


def test_the_fill_drops_the_deadline_memo_it_made_and_keeps_the_rows() -> None:
    class Deadlines:
        def __init__(self) -> None:
            self.forgotten = 0

        def __call__(self, dossier: Dossier) -> None:
            return None

        def forget(self) -> None:
            self.forgotten += 1

    deadlines = Deadlines()
    pool = dossiers(400)
    model = m.DossierTableModel(today=lambda: TODAY, next_deadline=deadlines)
    model.set_dossiers(pool[:20])
    changed = model.watch_changes()
    asyncio.run(fill_rest(model, lambda: [pool[20:]], lambda: (), changed))
    assert deadlines.forgotten == 1  # made during the fill, among its garbage (see row_renewal)
    assert model.total_count() == 400
    assert {model.dossier_id_at(r) for r in range(model.rowCount())} == {d.id for d in pool}
