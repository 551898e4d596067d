"""A table header whose sort arrow sits right after the column caption, as in the Business Central web
client: ▲ ascending, ▼ descending (some styles draw the opposite, at the far edge of the column)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QAbstractItemModel, QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

_GAP = 4  # pixels between caption and arrow


def arrow_for(order: Qt.SortOrder) -> str:
    """The arrow BC shows for ``order``."""
    return "▲" if order == Qt.SortOrder.AscendingOrder else "▼"


class CaptionSortHeader(QHeaderView):
    """Horizontal header; everything but the sort indicator's place and shape is the style's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        # Qt asks for every section's size again at each layout step (~200 times before the window's
        # first paint, each a round trip through the model's headerData): sizes are kept until
        # something they depend on changes (captions, font, style, the sort indicator being shown).
        self._sizes: dict[tuple[int, bool], QSize] = {}
        self._watched: QAbstractItemModel | None = None
        self.sectionCountChanged.connect(self._forget_sizes)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # the old model may be gone already
                for signal, slot in self._size_signals(self._watched):
                    signal.disconnect(slot)
        super().setModel(model)
        self._watched = model
        if model is not None:
            for signal, slot in self._size_signals(model):
                signal.connect(slot)
        self._forget_sizes()

    def _size_signals(self, model: QAbstractItemModel) -> tuple:
        forget = self._forget_sizes
        return (
            (model.headerDataChanged, forget),
            (model.modelReset, forget),
            (model.layoutChanged, self._on_layout_changed),
            (model.columnsInserted, forget),
            (model.columnsRemoved, forget),
            (model.columnsMoved, forget),
        )

    def _forget_sizes(self, *_args: object) -> None:
        self._sizes.clear()

    def _on_layout_changed(self, _parents: object = None, hint: object = None) -> None:
        if hint != QAbstractItemModel.LayoutChangeHint.VerticalSortHint:  # rows sorted: columns as they were
            self._sizes.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            self._forget_sizes()
        super().changeEvent(event)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOptionForIndex(option, logical_index)
        option.rect = rect
        sorted_here = self.isSortIndicatorShown() and self.sortIndicatorSection() == logical_index
        option.sortIndicator = QStyleOptionHeader.SortIndicator.None_  # drawn below, after the caption
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        if not sorted_here:
            return
        text_rect = self.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, self)
        metrics = painter.fontMetrics()
        caption = metrics.elidedText(option.text, Qt.TextElideMode.ElideRight, text_rect.width())
        x = text_rect.left() + metrics.horizontalAdvance(caption) + _GAP
        arrow = QRect(x, rect.top(), rect.right() - x, rect.height())
        painter.save()
        painter.setPen(option.palette.color(option.palette.ColorRole.ButtonText))
        painter.drawText(
            arrow,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            arrow_for(self.sortIndicatorOrder()),
        )
        painter.restore()

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        key = (logical_index, self.isSortIndicatorShown())
        size = self._sizes.get(key)
        if size is None:
            size = super().sectionSizeFromContents(logical_index)
            size.setWidth(size.width() + self.fontMetrics().horizontalAdvance("▲") + _GAP)
            self._sizes[key] = size
        return QSize(size)
