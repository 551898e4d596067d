"""The upload queue's dock: at the bottom, a few rows high, shown when an upload starts and reopenable
from View > Uploads."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from dossier_desk.ui.documents.upload_queue import UploadQueueWidget

_ROWS_SHOWN = 3


def dock_upload_queue(
    window: QMainWindow, uploads: UploadQueueWidget, view_menu: QMenu | None
) -> QDockWidget:
    """Put ``uploads`` in a bottom dock of ``window`` (hidden until an upload starts)."""
    dock = QDockWidget(QCoreApplication.translate("Workspace", "Uploads"), window)
    dock.setObjectName("uploadsDock")
    dock.setWidget(uploads)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()

    def show_small() -> None:
        if dock.isVisible():
            return
        dock.show()
        # Header, a few rows and the buttons: the table above keeps most of the height.
        rows = uploads.view.verticalHeader().defaultSectionSize() * _ROWS_SHOWN
        height = (
            uploads.view.horizontalHeader().sizeHint().height()
            + rows
            + uploads.cancel_button.sizeHint().height()
        )
        window.resizeDocks([dock], [height + 24], Qt.Orientation.Vertical)

    uploads.model.rowsInserted.connect(show_small)
    if view_menu is not None:
        action = dock.toggleViewAction()
        action.setText(QCoreApplication.translate("Workspace", "&Uploads"))
        view_menu.addAction(action)
    return dock
