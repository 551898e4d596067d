"""The filter bar: instant search, multi-value filters, date range, presets and the result count."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from dossier_desk.api.models import CATEGORY_VALUES, PRIORITY_VALUES, STATUS_VALUES
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models.dossier_columns import header_text
from dossier_desk.ui.models.dossier_filter import DossierFilter
from dossier_desk.ui.models.vocab import caption
from dossier_desk.ui.plain_text import plain_labels
from dossier_desk.ui.views.stay_open_menu import StayOpenMenu
from dossier_desk.ui.views.steady_label import set_steady_text

SEARCH_DEBOUNCE_MS = 120  # fast enough to feel instant, slow enough to skip keystrokes of a fast typist


class _ChoiceButton(QToolButton):
    """A drop-down of checkable values; the button text summarises the choice ("Status: Open +1")."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName(title)
        self.setMenu(StayOpenMenu(self))  # several values can be ticked in one go
        self._actions: dict[str, QAction] = {}
        self._refresh_text()

    def set_values(self, values: Sequence[tuple[str, str]]) -> None:
        """Replace the values: (value, caption) pairs; the checked state of kept values survives."""
        keep = self.selected()
        menu = self.menu()
        menu.clear()
        self._actions = {}
        for value, text in values:
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setChecked(value in keep)
            action.toggled.connect(self._on_toggled)
            menu.addAction(action)
            self._actions[value] = action
        self._refresh_text()

    def selected(self) -> frozenset[str]:
        """The checked values."""
        return frozenset(v for v, a in self._actions.items() if a.isChecked())

    def set_selected(self, values: Iterable[str]) -> None:
        """Check exactly ``values`` without emitting ``changed``."""
        wanted = set(values)
        for value, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(value in wanted)
            action.blockSignals(False)
        self._refresh_text()

    def _on_toggled(self) -> None:
        self._refresh_text()
        self.changed.emit()

    def _refresh_text(self) -> None:
        chosen = [a.text() for a in self._actions.values() if a.isChecked()]
        if not chosen:
            self.setText(self._title)
        elif len(chosen) == 1:
            self.setText(f"{self._title}: {chosen[0]}")
        else:
            self.setText(f"{self._title}: {chosen[0]} +{len(chosen) - 1}")
        self.setProperty("active", bool(chosen))  # the style sheet highlights active filters
        self.style().unpolish(self)
        self.style().polish(self)


class _DateRange(QWidget):
    """Date field + optional from/to dates, shown inside the "Dates" drop-down."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.field = QComboBox(self)
        for value, text in (
            ("starting_date", header_text(c.COL_STARTING_DATE)),
            ("ending_date", header_text(c.COL_ENDING_DATE)),
            ("document_date", header_text(c.COL_DOCUMENT_DATE)),
            ("date_closed", self.tr("Date closed")),
            ("next_deadline", header_text(c.COL_NEXT_DEADLINE)),
        ):
            self.field.addItem(text, value)
        self.field.setAccessibleName(self.tr("Date field"))
        form.addRow(self.tr("Date:"), self.field)
        self.use_from, self.date_from = self._row(form, self.tr("From"))
        self.use_to, self.date_to = self._row(form, self.tr("To"))
        self.field.currentIndexChanged.connect(self.changed)

    def _row(self, form: QFormLayout, label: str) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(label, self)
        edit = QDateEdit(QDate.currentDate(), self)
        edit.setCalendarPopup(True)
        edit.setEnabled(False)
        edit.setAccessibleName(label)
        check.toggled.connect(edit.setEnabled)
        check.toggled.connect(self.changed)
        edit.dateChanged.connect(lambda _d: check.isChecked() and self.changed.emit())
        form.addRow(check, edit)
        return check, edit

    def values(self) -> tuple[str, date | None, date | None]:
        """(field, from, to); a bound is None when unchecked."""
        lo = self.date_from.date().toPython() if self.use_from.isChecked() else None
        hi = self.date_to.date().toPython() if self.use_to.isChecked() else None
        return str(self.field.currentData()), lo, hi

    def set_values(self, field: str, lo: date | None, hi: date | None) -> None:
        """Show a filter's range without emitting ``changed``."""
        widgets = (self.field, self.use_from, self.use_to, self.date_from, self.date_to)
        for w in widgets:
            w.blockSignals(True)
        self.field.setCurrentIndex(max(0, self.field.findData(field)))
        for check, edit, value in ((self.use_from, self.date_from, lo), (self.use_to, self.date_to, hi)):
            check.setChecked(value is not None)
            edit.setEnabled(value is not None)
            if value is not None:
                edit.setDate(QDate(value.year, value.month, value.day))
        for w in widgets:
            w.blockSignals(False)


class FilterBar(QWidget):
    """Builds a :class:`DossierFilter` from its controls and emits it; shows "n of total"."""

    filterChanged = Signal(object)  # DossierFilter
    atRiskRequested = Signal()  # the "At risk" button: open the At risk page

    def __init__(self, parent: QWidget | None = None, *, views_menu: QMenu | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        # Two rows: search and value filters above, presets and views below, so that neither a longer
        # language nor a summarised choice ("Status: Open +2") pushes the window wider than 1366 px.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 6, 8, 6)
        rows.setSpacing(4)
        layout = QHBoxLayout()
        layout.setSpacing(4)
        lower = QHBoxLayout()
        lower.setSpacing(4)
        rows.addLayout(layout)
        rows.addLayout(lower)

        self.search = QLineEdit(self)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText(self.tr("Search number, description, contact, reference…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search dossiers"))
        self.search.setMinimumWidth(170)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.search, 3)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._emit_now)

        self.statuses = _ChoiceButton(header_text(c.COL_STATUS), self)
        self.statuses.set_values([(s, caption(s)) for s in STATUS_VALUES])
        self.types = _ChoiceButton(header_text(c.COL_TYPE), self)
        self.categories = _ChoiceButton(header_text(c.COL_CATEGORY), self)
        self.categories.set_values([(c, caption(c)) for c in CATEGORY_VALUES])
        self.priorities = _ChoiceButton(header_text(c.COL_PRIORITY), self)
        self.priorities.set_values([(p, caption(p)) for p in PRIORITY_VALUES])
        self.dates = QToolButton(self)
        self.dates.setText(self.tr("Dates"))
        self.dates.setAccessibleName(self.tr("Date range"))
        self.dates.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._date_range: _DateRange | None = None  # built when first used (the menu opens, a filter sets it)
        date_menu = QMenu(self.dates)
        date_menu.aboutToShow.connect(self._build_date_range)
        self.dates.setMenu(date_menu)
        for button in (self.statuses, self.types, self.categories, self.priorities):
            button.changed.connect(self._emit_now)
            layout.addWidget(button)
        layout.addWidget(self.dates)
        self.presets: dict[str, QToolButton] = {}
        for key, text, tip in (
            ("mine", self.tr("My dossiers"), self.tr("Dossiers you are the case manager of")),
            (
                "overdue",
                self.tr("Overdue"),
                self.tr("Unfinished dossiers past their ending date or a deadline"),
            ),
            ("open_only", self.tr("Open"), self.tr("Dossiers that are New, Open or In Process")),
            ("closed_this_month", self.tr("Closed this month"), self.tr("Dossiers closed since the 1st")),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
            button.setCheckable(True)
            button.setAccessibleName(text)
            button.setObjectName(f"preset_{key}")
            button.toggled.connect(self._emit_now)
            lower.addWidget(button)
            self.presets[key] = button

        # Not a filter of this table: opens the At risk page (sickness dossiers with file gaps).
        self.at_risk_button = QToolButton(self)
        self.at_risk_button.setObjectName("preset_at_risk")
        self.at_risk_button.setText(self.tr("At risk"))
        self.at_risk_button.setToolTip(self.tr("Sickness dossiers with gaps in the re-integration file"))
        self.at_risk_button.setAccessibleName(self.tr("At risk"))
        self.at_risk_button.clicked.connect(self.atRiskRequested)
        lower.addWidget(self.at_risk_button)

        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
        self.clear_button.clicked.connect(lambda: self.set_filter(DossierFilter(), emit=True))
        lower.addStretch(1)
        lower.addWidget(self.clear_button)
        if views_menu is not None:
            self.views_button = QToolButton(self)
            self.views_button.setText(self.tr("Views"))
            self.views_button.setAccessibleName(self.tr("Saved views"))
            self.views_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.views_button.setMenu(views_menu)
            lower.addWidget(self.views_button)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.count_label.setAccessibleName(self.tr("Number of dossiers shown"))
        layout.addSpacing(10)
        layout.addWidget(self.count_label)
        plain_labels(self)
        self._filter = DossierFilter()
        self.clear_button.setEnabled(False)

    def set_dossier_types(self, codes: Iterable[tuple[str, str]]) -> None:
        """Offer these (code, description) dossier types in the Type filter."""
        self.types.set_values([(code, f"{code} – {text}" if text else code) for code, text in codes])

    @property
    def date_range(self) -> _DateRange:
        """The Dates drop-down's controls (built at their first use)."""
        if self._date_range is None:
            self._date_range = _DateRange()
            plain_labels(self._date_range)
            holder = QWidgetAction(self.dates.menu())
            holder.setDefaultWidget(self._date_range)
            self.dates.menu().addAction(holder)
            self._date_range.changed.connect(self._emit_now)
        return self._date_range

    def _build_date_range(self) -> None:
        _ = self.date_range

    def current_filter(self) -> DossierFilter:
        """The filter the controls describe."""
        unset = (DossierFilter().date_field, None, None)  # what the Dates controls show until changed
        field, lo, hi = self.date_range.values() if self._date_range is not None else unset
        return DossierFilter(
            text=self.search.text().strip(),
            statuses=self.statuses.selected(),
            types=self.types.selected(),
            categories=self.categories.selected(),
            priorities=self.priorities.selected(),
            date_field=field,
            date_from=lo,
            date_to=hi,
            **{key: button.isChecked() for key, button in self.presets.items()},
        )

    def set_filter(self, flt: DossierFilter, *, emit: bool = True) -> None:
        """Show ``flt`` in the controls (a saved view, "clear"), then emit it once."""
        self._debounce.stop()
        self.search.blockSignals(True)
        self.search.setText(flt.text)
        self.search.blockSignals(False)
        self.statuses.set_selected(flt.statuses)
        self.types.set_selected(flt.types)
        self.categories.set_selected(flt.categories)
        self.priorities.set_selected(flt.priorities)
        dates = (flt.date_field, flt.date_from, flt.date_to)
        if self._date_range is not None or dates != (DossierFilter().date_field, None, None):
            self.date_range.set_values(*dates)
        for key, button in self.presets.items():
            button.blockSignals(True)
            button.setChecked(bool(getattr(flt, key)))
            button.blockSignals(False)
        if emit:
            self._emit_now()

    def set_counts(self, visible: int, total: int) -> None:
        """Show "1,234 of 100,000" in the user's number format."""
        locale = QLocale()
        set_steady_text(  # changes several times a second in a sync: never re-lay out the window for it
            self.count_label,
            self.tr("%1 of %2").replace("%1", locale.toString(visible)).replace("%2", locale.toString(total)),
        )

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search field with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        flt = self.current_filter()
        self.dates.setProperty("active", flt.date_from is not None or flt.date_to is not None)
        self.clear_button.setEnabled(not flt.is_empty())
        if flt != self._filter:
            self._filter = flt
            self.filterChanged.emit(flt)
