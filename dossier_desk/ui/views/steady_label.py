"""Counters that change often without re-laying out the window.

A label whose size may change asks every layout around it, up to the window, to recompute when its text
changes, and the main window answers by repainting the dossier table: during a sync the row count and
the progress text change several times a second, and each change cost a full table paint. A steady label has
a fixed size that only grows when a longer text needs it, so a new text repaints the label alone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's QWIDGETSIZE_MAX, not exported by PySide


def set_steady_text(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label``, relaying out only when the text no longer fits (the label never
    shrinks: a count that goes up and down keeps the room of its longest text)."""
    if label.text() == text:
        return
    label.setText(text)
    needed = label.sizeHint()
    fixed = label.minimumSize() == label.maximumSize()
    room = label.minimumSize() if fixed else None
    if room is None or needed.width() > room.width() or needed.height() > room.height():
        width = max(needed.width(), room.width() if room else 0)
        label.setFixedSize(width, max(needed.height(), room.height() if room else 0))


def release_steady(label: QLabel) -> None:
    """Let ``label`` take its natural size again (the counting is over)."""
    if label.minimumSize() == label.maximumSize():
        label.setMinimumSize(0, 0)
        label.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
