"""Saved views: a named filter + sort + column set, persisted in the profile's QSettings.

:class:`SavedViewStore` is the persistence (JSON under one key, so a view is saved atomically);
:class:`SavedViewsController` connects it to the filter bar and table, builds the "Views" menu and
applies a view (also from Ctrl+1..9 in the main window).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QWidget

from dossier_desk.ui.models.dossier_columns import COLUMN_COUNT
from dossier_desk.ui.models.dossier_filter import DossierFilter

log = logging.getLogger(__name__)
_KEY = "savedViews/v1"
MAX_SHORTCUT_VIEWS = 9


@dataclass(frozen=True)
class SavedView:
    """One saved view. ``sort_column`` -1 means unsorted; ``hidden_columns`` are logical indexes."""

    name: str
    filter: DossierFilter = field(default_factory=DossierFilter)
    sort_column: int = 0
    descending: bool = True
    hidden_columns: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "name": self.name,
            "filter": self.filter.to_dict(),
            "sort_column": self.sort_column,
            "descending": self.descending,
            "hidden_columns": list(self.hidden_columns),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SavedView:
        """Inverse of :meth:`to_dict`; out-of-range columns from another version are dropped."""
        column = int(data.get("sort_column", 0))
        return cls(
            name=str(data["name"]),
            filter=DossierFilter.from_dict(dict(data.get("filter", {}))),
            sort_column=column if -1 <= column < COLUMN_COUNT else 0,
            descending=bool(data.get("descending", True)),
            hidden_columns=tuple(c for c in data.get("hidden_columns", ()) if 0 <= int(c) < COLUMN_COUNT),
        )


class SavedViewStore:
    """The list of saved views of one profile (its QSettings file)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def views(self) -> list[SavedView]:
        """Saved views in the order they were created."""
        raw = self._settings.value(_KEY, "")
        if not raw:
            return []
        try:
            return [SavedView.from_dict(v) for v in json.loads(str(raw))]
        except (ValueError, KeyError, TypeError):
            # A damaged entry must not stop the window from opening; the views are rebuilt on save.
            log.info("ignoring unreadable saved views")
            return []

    def save(self, view: SavedView) -> None:
        """Add ``view``, replacing a view of the same name."""
        views = [v for v in self.views() if v.name != view.name]
        views.append(view)
        self._write(views)

    def delete(self, name: str) -> None:
        """Forget the view called ``name``."""
        self._write([v for v in self.views() if v.name != name])

    def _write(self, views: list[SavedView]) -> None:
        self._settings.setValue(_KEY, json.dumps([v.to_dict() for v in views]))
        self._settings.sync()


class SavedViewsController(QObject):
    """Captures and applies views between the filter bar and the table view."""

    viewsChanged = Signal()
    viewApplied = Signal(str)  # name

    def __init__(self, store: SavedViewStore, filter_bar: Any, table: Any, parent: QWidget) -> None:
        """``filter_bar`` is a :class:`FilterBar`, ``table`` a :class:`DossierTableView`."""
        super().__init__(parent)
        self._store = store
        self._bar = filter_bar
        self._table = table
        self._parent = parent
        self._dialog: QInputDialog | None = None

    def views(self) -> list[SavedView]:
        """The stored views."""
        return self._store.views()

    def capture(self, name: str) -> SavedView:
        """The current filter, sort and columns as a view called ``name``."""
        header = self._table.horizontalHeader()
        return SavedView(
            name=name,
            filter=self._bar.current_filter(),
            sort_column=header.sortIndicatorSection(),
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            hidden_columns=tuple(self._table.hidden_columns()),
        )

    def save_current(self, name: str) -> SavedView | None:
        """Store the current state under ``name`` (blank names are ignored)."""
        name = name.strip()
        if not name:
            return None
        view = self.capture(name)
        self._store.save(view)
        self.viewsChanged.emit()
        return view

    def apply(self, view: SavedView) -> None:
        """Show ``view``: filter, then columns, then sort."""
        self._bar.set_filter(view.filter)
        self._table.set_hidden_columns(list(view.hidden_columns))
        order = Qt.SortOrder.DescendingOrder if view.descending else Qt.SortOrder.AscendingOrder
        self._table.sortByColumn(view.sort_column, order)
        self.viewApplied.emit(view.name)

    def apply_number(self, number: int) -> bool:
        """Apply the ``number``-th view (1-based, for Ctrl+1..9); False when there is none."""
        views = self._store.views()
        if not 1 <= number <= len(views):
            return False
        self.apply(views[number - 1])
        return True

    def delete(self, name: str) -> None:
        """Remove a view."""
        self._store.delete(name)
        self.viewsChanged.emit()

    def ask_and_save(self) -> None:
        """Ask for a name without blocking the event loop (``open()``), then save."""
        dialog = QInputDialog(self._parent)
        dialog.setWindowTitle(self.tr("Save view"))
        dialog.setLabelText(self.tr("Name of this view:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setObjectName("saveViewDialog")
        dialog.textValueSelected.connect(self.save_current)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def populate_menu(self, menu: QMenu) -> None:
        """Fill ``menu`` with the views (with their Ctrl+n hint), "Save current view…" and "Delete"."""
        menu.clear()
        views = self._store.views()
        for number, view in enumerate(views, start=1):
            action = QAction(view.name, menu)
            if number <= MAX_SHORTCUT_VIEWS:
                # Shown for discoverability; the main window owns the actual shortcuts.
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, v=view: self.apply(v))
            menu.addAction(action)
        if views:
            menu.addSeparator()
        menu.addAction(self.tr("Save current view…"), self.ask_and_save)
        if views:
            delete_menu = menu.addMenu(self.tr("Delete view"))
            for view in views:
                delete_menu.addAction(view.name, lambda v=view: self.delete(v.name))
