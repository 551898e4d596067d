"""A table header whose sort arrow sits right after the column caption, as in the Business Central web
client: ▲ ascending, ▼ descending (some styles draw the opposite, at the far edge of the column)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
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

    def sectionSizeFromContents(self, logical_index: int):
        size = super().sectionSizeFromContents(logical_index)
        size.setWidth(size.width() + self.fontMetrics().horizontalAdvance("▲") + _GAP)
        return size
