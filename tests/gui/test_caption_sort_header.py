"""The table header keeps its section sizes between Qt's many asks, and follows what they depend on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView

from dossier_desk.ui.views.caption_sort_header import _GAP, CaptionSortHeader

_Index = QModelIndex | QPersistentModelIndex


class _Captions(QAbstractTableModel):
    """Three columns whose captions can change; counts the header's round trips."""

    def __init__(self) -> None:
        super().__init__()
        self.captions = ["No.", "Description", "Status"]
        self.asked = 0

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 2

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.captions)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        self.asked += 1
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.captions[section]
        return None

    def rename(self, section: int, caption: str) -> None:
        self.captions[section] = caption
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, section, section)


def _uncached(header: CaptionSortHeader, section: int) -> int:
    """The width the header computed before it kept sizes: Qt's own plus the arrow after the caption."""
    width = QHeaderView.sectionSizeFromContents(header, section).width()
    return width + header.fontMetrics().horizontalAdvance("▲") + _GAP


def _header(qtbot) -> tuple[CaptionSortHeader, _Captions]:
    header = CaptionSortHeader()
    qtbot.addWidget(header)
    model = _Captions()
    header.setModel(model)
    return header, model


def test_sizes_are_asked_of_the_model_once_and_stay_right(qtbot, qtmodeltester) -> None:
    header, model = _header(qtbot)
    qtmodeltester.check(model)
    first = [header.sectionSizeFromContents(s).width() for s in range(3)]
    asked = model.asked
    assert [header.sectionSizeFromContents(s).width() for s in range(3)] == first
    assert model.asked == asked  # no new round trips
    assert first == [_uncached(header, s) for s in range(3)]


def test_sizes_follow_captions_font_and_the_sort_indicator(qtbot) -> None:
    header, model = _header(qtbot)
    before = header.sectionSizeFromContents(1).width()
    model.rename(1, "A much longer description caption")
    assert header.sectionSizeFromContents(1).width() > before
    assert header.sectionSizeFromContents(1).width() == _uncached(header, 1)

    font = header.font()
    font.setPointSize(font.pointSize() * 2)
    header.setFont(font)
    assert header.sectionSizeFromContents(0).width() == _uncached(header, 0)

    for shown in (True, False):
        header.setSortIndicatorShown(shown)
        assert header.sectionSizeFromContents(2).width() == _uncached(header, 2)


def test_a_new_model_brings_its_own_sizes(qtbot) -> None:
    header, model = _header(qtbot)
    header.sectionSizeFromContents(1)
    other = _Captions()
    other.captions[1] = "Omschrijving van het dossier"
    header.setModel(other)
    assert header.sectionSizeFromContents(1).width() == _uncached(header, 1)
    model.rename(1, "x")  # the old model no longer reaches the header
    assert header.sectionSizeFromContents(1).width() == _uncached(header, 1)


def test_a_model_deleted_before_the_next_one_is_set_is_no_error(qtbot) -> None:
    header, model = _header(qtbot)
    model.deleteLater()
    qtbot.wait(10)  # deleted on the next loop turn
    other = _Captions()
    header.setModel(other)
    assert header.sectionSizeFromContents(0).width() == _uncached(header, 0)
