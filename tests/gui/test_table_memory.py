"""The dossier table keeps its columns, never the dossiers: whoever needs a dossier reads it by id."""

from __future__ import annotations

import asyncio
from array import array
from collections import Counter
from typing import Any

import msgspec
from PySide6.QtCore import Qt

from dossier_desk.api.models import Dossier
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models import dossier_table_model as m
from dossier_desk.ui.models.dossier_filter import DossierFilter
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
    assert store.key_column("no")[slot] == "D-7B"
    assert store.shown["no"][slot] == ""  # shown from the sort key: no second str


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
