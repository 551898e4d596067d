"""A label for messages of any length: it fills the lines it has, elides the rest and never asks the
window for more width (one long word or URL used to widen the window past the screen).

``text()`` is the full message; what is painted is wrapped anywhere (so an unbroken URL breaks too)
and elided on the last line. ``is_elided()`` tells the owner to offer a Details button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from dossier_desk.ui.plain_text import tooltip


class ElidedLabel(QLabel):
    """Plain text in at most ``max_lines`` lines (as many as its height allows when 0)."""

    elisionChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, max_lines: int = 0) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)  # the lines are made here, with breaks anywhere
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # never widens its window
        self.setSizePolicy(policy)
        self._full = ""
        self._max_lines = max_lines
        self._elided = False

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(tooltip(text))
        self._relayout()

    def text(self) -> str:
        """The whole message, not only what fits."""
        return self._full

    def clear(self) -> None:
        self.setText("")

    def is_elided(self) -> bool:
        """True when part of the message is not shown."""
        return self._elided

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        width = max(1, self.contentsRect().width() - 2 * self.margin() - 2 * self.indent() - 2)
        metrics = self.fontMetrics()
        lines_fit = self._max_lines or max(1, self.contentsRect().height() // max(1, metrics.lineSpacing()))
        flat = " ".join(self._full.split())  # newlines and runs of spaces: one space
        layout = QTextLayout(flat, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        shown: list[str] = []
        layout.beginLayout()
        while len(shown) < lines_fit:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = line.textStart()
            if len(shown) == lines_fit - 1:  # the last line that fits takes the rest, elided
                rest = flat[start:]
                shown.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
                break
            shown.append(flat[start : start + line.textLength()].rstrip())
        layout.endLayout()
        display = "\n".join(shown)
        elided = display.replace("\n", " ").replace(" ", "") != flat.replace(" ", "") or flat != self._full
        super().setText(display)
        if elided != self._elided:
            self._elided = elided
            self.elisionChanged.emit(elided)
