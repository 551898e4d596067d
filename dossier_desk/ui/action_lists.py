"""Filling menus and toolbars from lists of actions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar


def fill_actions(target: QMenu | QToolBar, actions: Sequence[QAction | None]) -> None:
    """Add ``actions`` to a menu or toolbar; ``None`` is a separator."""
    for action in actions:
        if action is None:
            target.addSeparator()
        else:
            target.addAction(action)
