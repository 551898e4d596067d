"""Accepting files dropped from Explorer / Finder / a file manager.

:func:`paths_from_mime` turns a drag's (or the clipboard's) ``QMimeData`` into local paths.
:class:`FileDropFilter` is an event filter the app installs on any widget that should take drops —
the documents tab, a row of the dossier table, the detail pane — without subclassing those widgets.
It only reports *what* was dropped *where*; deciding which dossier gets the files is the owner's job.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def paths_from_mime(mime: QMimeData | None) -> list[Path]:
    """Local file paths carried by ``mime`` (``file://`` URLs); remote URLs are ignored."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class FileDropFilter(QObject):
    """Event filter that accepts drags carrying local files and emits :attr:`filesDropped`.

    ``filesDropped(paths: list[Path], pos: QPoint)``: ``pos`` is in the coordinates of the watched widget
    (for item views: the viewport, so ``view.indexAt(pos)`` finds the row the files were dropped on).
    """

    filesDropped = Signal(list, QPoint)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if paths_from_mime(event.mimeData()):
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = paths_from_mime(event.mimeData())
            if not paths:
                return False
            event.acceptProposedAction()
            self.filesDropped.emit(paths, event.position().toPoint())
            return True
        return False


def install_file_drop(widget: QWidget) -> FileDropFilter:
    """Make ``widget`` accept file drops and return the filter whose signal reports them.

    Item views and other scroll areas receive drag events on their viewport, so the filter goes there.
    The filter is parented to the widget and lives as long as it does.
    """
    target = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget
    target.setAcceptDrops(True)
    drop_filter = FileDropFilter(widget)
    target.installEventFilter(drop_filter)
    return drop_filter
