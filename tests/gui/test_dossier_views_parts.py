"""Smaller pieces of the main window: column chooser, saved-view storage, filter bar, form rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.views.dossier_form import DossierForm
from dossier_desk.ui.views.dossier_table_view import DossierTableView
from dossier_desk.ui.views.filter_bar import FilterBar
from dossier_desk.ui.views.saved_views import SavedView, SavedViewStore
from tests.gui.dossier_samples import TODAY, TYPES, contacts, dossiers


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)


def test_column_menu_toggles_and_keeps_one_column(qtbot, settings: QSettings) -> None:
    model = DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(dossiers(10))
    table = DossierTableView(model, settings)
    qtbot.addWidget(table)
    menu = table.column_menu()
    actions = [a for a in menu.actions() if a.isCheckable()]
    assert len(actions) == c.COLUMN_COUNT
    assert actions[c.COL_DEPARTMENT].isChecked() is False  # hidden by default
    actions[c.COL_DEPARTMENT].setChecked(True)
    assert not table.isColumnHidden(c.COL_DEPARTMENT)
    table.set_hidden_columns([col for col in range(c.COLUMN_COUNT) if col != c.COL_NO])
    last = [a for a in table.column_menu().actions() if a.isCheckable()][c.COL_NO]
    assert last.isChecked()
    assert not last.isEnabled()
    assert settings.value("dossierTable/header") is not None


def test_saved_view_store_replaces_deletes_and_survives_garbage(settings: QSettings) -> None:
    store = SavedViewStore(settings)
    store.save(SavedView("A", DossierFilter(text="x"), sort_column=c.COL_STATUS, descending=False))
    store.save(SavedView("B"))
    store.save(SavedView("A", DossierFilter(text="y")))
    assert [v.name for v in store.views()] == ["B", "A"]
    assert store.views()[1].filter.text == "y"
    store.delete("B")
    assert [v.name for v in store.views()] == ["A"]
    settings.setValue("savedViews/v1", "{not json")
    assert store.views() == []
    assert SavedView.from_dict({"name": "n", "sort_column": 99, "hidden_columns": [1, 42]}).sort_column == 0


def test_filter_bar_presets_choices_and_dates(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_dossier_types([(t.code, t.description) for t in TYPES])
    with qtbot.waitSignal(bar.filterChanged) as blocker:
        bar.presets["overdue"].click()
    assert blocker.args[0] == DossierFilter(overdue=True)
    with qtbot.waitSignal(bar.filterChanged) as blocker:
        bar.statuses.menu().actions()[1].trigger()  # "Open"
    assert blocker.args[0].statuses == {"Open"}
    assert bar.statuses.text() == "Status: Open"
    with qtbot.waitSignal(bar.filterChanged) as blocker:
        bar.date_range.use_from.setChecked(True)
    assert blocker.args[0].date_from is not None
    flt = DossierFilter(types=frozenset({"SAFETY"}), date_to=date(2026, 1, 31), mine=True)
    with qtbot.assertNotEmitted(bar.filterChanged):
        bar.set_filter(flt, emit=False)
    assert bar.current_filter() == flt
    assert bar.types.text().startswith("Type: SAFETY")
    bar.clear_button.click()
    assert bar.current_filter().is_empty()
    assert not bar.clear_button.isEnabled()


def test_the_dates_controls_are_built_when_first_used(qtbot) -> None:
    """The Dates drop-down's controls are built when its menu opens or a filter sets dates (not with the
    bar, which is built before the window's first paint); until then the filter has no dates."""
    bar = FilterBar()
    qtbot.addWidget(bar)
    assert bar._date_range is None
    bar.set_filter(DossierFilter(mine=True), emit=False)  # no dates: nothing to show in them
    assert bar._date_range is None
    assert bar.current_filter() == DossierFilter(mine=True)
    bar.dates.menu().aboutToShow.emit()
    assert bar._date_range is not None
    assert len(bar.dates.menu().actions()) == 1  # built once, held in the menu
    bar.dates.menu().aboutToShow.emit()
    assert len(bar.dates.menu().actions()) == 1
    with qtbot.waitSignal(bar.filterChanged) as blocker:
        bar.date_range.use_to.setChecked(True)
    assert blocker.args[0].date_to is not None
    other = FilterBar()
    qtbot.addWidget(other)
    other.set_filter(DossierFilter(date_field="ending_date"), emit=False)
    assert other.current_filter().date_field == "ending_date"


def test_form_reports_only_changed_fields_and_unknown_contact(qtbot) -> None:
    form = DossierForm()
    qtbot.addWidget(form)
    form.set_choices(list(TYPES), contacts(5))
    d = Dossier(id="x", no="D1", description="A", primary_contact_no="C0001", dossier_type_code="ABSENCE")
    form.load(d)
    assert form.changes() == {}
    assert not form.is_modified()
    form.description.setText("B")
    form._on_edited()
    assert form.changes() == {"description": "B"}
    assert form.is_modified()
    form.contact.setText("C9999")
    assert "No contact" in form.validate()[DossierField.PRIMARY_CONTACT_NO]
    form.contact.setText("C0002 – B. de Vries")  # what the completer inserts
    assert form.values()[DossierField.PRIMARY_CONTACT_NO] == "C0002"
    assert form.show_errors({"unknownField": "x"}) == ["unknownField"]


def test_form_reads_contacts_only_when_needed(qtbot) -> None:
    """The detail pane's form keeps contact names, read on first need (tens of thousands in a cache)."""
    reads: list[int] = []

    def read_contacts() -> list:
        reads.append(1)
        return contacts(5)

    form = DossierForm()
    qtbot.addWidget(form)
    form.set_choices(list(TYPES), read_contacts)
    d = Dossier(id="x", no="D1", primary_contact_no="C0001", primary_contact_name="A. Jansen")
    form.load(d)
    assert form.contact_name.text() == "A. Jansen"  # the dossier's own copy
    form.load(None)
    assert reads == []
    form.contact.setText("C0002")  # typed: looked up among the contacts
    assert form.contact_name.text() == "C. Bakker"
    assert reads == [1]
    form.set_choices(list(TYPES), read_contacts)  # after a sync: read again when next needed
    assert reads == [1]
    form.show()
    form.contact.setFocus()
    qtbot.waitUntil(lambda: reads == [1, 1])
    assert form.contact.completer().model().rowCount() == 5
