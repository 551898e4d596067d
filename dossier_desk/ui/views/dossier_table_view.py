"""The dossier table: column chooser on the header, remembered widths/order, uniform rows."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QPainter, QPaintEvent, QPalette, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from dossier_desk.ui.gui_turn import GuiTurn
from dossier_desk.ui.models.dossier_columns import (
    COL_NO,
    COLUMN_COUNT,
    DEFAULT_COLUMN_ORDER,
    DEFAULT_COLUMN_WIDTHS,
    DEFAULT_HIDDEN_COLUMNS,
    DossierIdRole,
)
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.views.caption_sort_header import CaptionSortHeader

__all__ = ["DEFAULT_COLUMN_ORDER", "DEFAULT_COLUMN_WIDTHS", "DossierTableView", "saved_sort"]

HEADER_KEY = "dossierTable/header"
DEFAULT_SORT = (COL_NO, Qt.SortOrder.DescendingOrder)  # newest numbers first


def saved_sort(settings: QSettings, key: str = HEADER_KEY) -> tuple[int, Qt.SortOrder]:
    """The sort column and order a :class:`DossierTableView` on ``settings`` will restore, read before
    any view exists (the first screenful at start-up is read in this order)."""
    state = settings.value(key)
    if isinstance(state, QByteArray | bytes) and state:
        header = QHeaderView(Qt.Orientation.Horizontal)
        header.setModel(QStandardItemModel(0, COLUMN_COUNT, header))
        if header.restoreState(QByteArray(state)):
            return header.sortIndicatorSection(), header.sortIndicatorOrder()
    return DEFAULT_SORT


class DossierTableView(QTableView):
    """Shows a :class:`DossierTableModel`; emits the current dossier's id as the selection moves.

    Header state (order, widths, hidden columns, sort indicator) is saved under ``settings_key`` in the
    given ``QSettings``, so each profile keeps its own layout.
    """

    currentDossierChanged = Signal(str)  # dossier id, "" when nothing is selected
    dossierActivated = Signal(str)  # double-click / Enter on a dossier (opens the edit dialog)

    def __init__(
        self,
        model: DossierTableModel,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        settings_key: str = HEADER_KEY,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._key = settings_key
        self._current_id = ""
        self._empty_text = ""
        # Held while painting; the window shares its bridge's, so page workers hold back meanwhile.
        self.paint_turn = GuiTurn()
        self.setHorizontalHeader(CaptionSortHeader(self))  # the arrow after the caption, as in BC
        self.setModel(model)
        self.setObjectName("dossierTable")
        self.setAccessibleName(self.tr("Dossiers"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Uniform row heights: a fixed vertical header means Qt never measures rows, which is what
        # keeps scrolling smooth at 200k rows (QTableView's answer to QTreeView.uniformRowHeights).
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vertical.hide()
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        header.setToolTip(self.tr("Right-click to choose columns"))
        self._apply_defaults()
        self.restore_header()
        # Order and widths are stored as they change, so a crash or power cut keeps the layout too.
        header.sectionMoved.connect(self.save_header)
        header.sectionResized.connect(self.save_header)
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)
        model.modelReset.connect(self._reselect_after_reset)
        self.doubleClicked.connect(self._on_double_clicked)

    def dossier_model(self) -> DossierTableModel:
        """The model, typed."""
        model = self.model()
        assert isinstance(model, DossierTableModel)
        return model

    def current_dossier_id(self) -> str:
        """Id of the dossier under the cursor, "" when none."""
        return self._current_id

    def selected_dossier_ids(self) -> list[str]:
        """Ids of all selected rows, in view order."""
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [self.model().index(r, 0).data(DossierIdRole) for r in rows]

    def select_dossier(self, dossier_id: str) -> bool:
        """Make ``dossier_id`` current and scroll to it; False when it is filtered out."""
        row = self.dossier_model().row_of(dossier_id)
        if row < 0:
            return False
        self.selectRow(row)
        self.scrollTo(self.model().index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    # -- columns ------------------------------------------------------------------------------------
    def set_empty_text(self, text: str) -> None:
        """What the table says while it has no rows (why it is empty); "" says nothing."""
        if text != self._empty_text:
            self._empty_text = text
            self.setAccessibleDescription(text)  # painted text is invisible to a screen reader
            self.viewport().update()

    def empty_text(self) -> str:
        return self._empty_text

    def paintEvent(self, event: QPaintEvent) -> None:
        with self.paint_turn.busy():
            super().paintEvent(event)
        if self._empty_text and self.model().rowCount() == 0:
            area = self.viewport().rect().adjusted(24, 32, -24, -24)
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), self._empty_text)
            painter.end()

    def hidden_columns(self) -> list[int]:
        """Logical indexes of hidden columns (for saved views)."""
        return [c for c in range(COLUMN_COUNT) if self.isColumnHidden(c)]

    def set_hidden_columns(self, hidden: list[int]) -> None:
        """Show every column except ``hidden``; at least one column always stays visible."""
        if len(set(hidden)) >= COLUMN_COUNT:
            return
        for column in range(COLUMN_COUNT):
            self.setColumnHidden(column, column in hidden)

    def save_header(self, *_args: object) -> None:
        """Remember order, widths, hidden columns and sort indicator."""
        self._settings.setValue(self._key, self.horizontalHeader().saveState())

    def restore_header(self) -> bool:
        """Apply the remembered header state; False when there is none (or it is unreadable)."""
        state = self._settings.value(self._key)
        if not isinstance(state, QByteArray | bytes) or not state:
            return False
        header = self.horizontalHeader()
        if not header.restoreState(QByteArray(state)):
            return False
        # restoreState sets the indicator but does not sort: do it so data and arrow agree.
        self.dossier_model().sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        return True

    def _apply_defaults(self) -> None:
        header = self.horizontalHeader()
        for visual, column in enumerate(DEFAULT_COLUMN_ORDER):
            header.moveSection(header.visualIndex(column), visual)
        for column in DEFAULT_HIDDEN_COLUMNS:
            self.setColumnHidden(column, True)
        for column, width in DEFAULT_COLUMN_WIDTHS.items():
            self.setColumnWidth(column, width)
        self.sortByColumn(*DEFAULT_SORT)

    def column_menu(self) -> QMenu:
        """The header's context menu: one checkable entry per column, then "Reset columns"."""
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Columns"))
        visible = COLUMN_COUNT - len(self.hidden_columns())
        for column in range(COLUMN_COUNT):
            title = self.model().headerData(column, Qt.Orientation.Horizontal)
            action = QAction(str(title), menu)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            # The last visible column cannot be hidden: an empty table looks broken.
            action.setEnabled(self.isColumnHidden(column) or visible > 1)
            action.toggled.connect(lambda on, c=column: self._toggle_column(c, on))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Reset columns"), self._reset_columns)
        return menu

    def _show_column_menu(self, pos: QPoint) -> None:
        menu = self.column_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.horizontalHeader().mapToGlobal(pos))

    def _toggle_column(self, column: int, shown: bool) -> None:
        self.setColumnHidden(column, not shown)
        self.save_header()

    def _reset_columns(self) -> None:
        for column in range(COLUMN_COUNT):
            self.setColumnHidden(column, False)
        self._apply_defaults()
        self.save_header()

    # -- selection ----------------------------------------------------------------------------------
    def _on_current_changed(self, current, _previous) -> None:
        dossier_id = current.data(DossierIdRole) if current.isValid() else ""
        if dossier_id != self._current_id:
            self._current_id = dossier_id or ""
            self.currentDossierChanged.emit(self._current_id)

    def _reselect_after_reset(self) -> None:
        # A bulk sync resets the model; keep the caseworker on the dossier they were reading.
        if self._current_id and not self.select_dossier(self._current_id):
            self._current_id = ""
            self.currentDossierChanged.emit("")

    def _on_double_clicked(self, index) -> None:
        dossier_id = index.data(DossierIdRole)
        if dossier_id:
            self.dossierActivated.emit(dossier_id)
