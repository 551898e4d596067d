"""The documents tab of the detail pane: list, open, save as, add / drop / paste files.

Reads documents from the cache (never waits on the network to show the list). Opening downloads the
content into the app's private temp directory and hands it to the system's default application; "Save
as…" uses the native file dialog. New files — from "Add files…", a drop, or the clipboard — are
checked against the server's upload rules and confirmed in :class:`UploadDialog`, then handed to the
upload queue.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import Document
from dossier_desk.domain.safe_open import FLOWON_DEFAULT_EXTENSIONS, open_verdict
from dossier_desk.domain.safe_open import OK as OPEN_OK
from dossier_desk.ui.documents.drop import paths_from_mime
from dossier_desk.ui.documents.mark_of_web import mark_of_the_web
from dossier_desk.ui.documents.model import DocumentsModel
from dossier_desk.ui.documents.open_texts import no_viewer_text, refused_open_box
from dossier_desk.ui.documents.ports import (
    DocumentFetcher,
    DocumentSource,
    DossierLookup,
    ErrorReporter,
    UploadRulesSource,
    UploadSink,
)
from dossier_desk.ui.documents.temp_files import PrivateTempDir
from dossier_desk.ui.documents.upload_dialog import UploadDialog
from dossier_desk.ui.documents.validation import check_files
from dossier_desk.ui.following import REFRESH_DELAY_S, refresh_later
from dossier_desk.ui.plain_text import plain_labels
from dossier_desk.ui.task_scope import TaskScope

log = logging.getLogger(__name__)


class DocumentsTab(QWidget):
    """Documents of the current dossier. ``set_dossier`` selects it; ``refresh`` re-reads the cache.

    ``uploadDialogOpened(UploadDialog)`` lets tests (and the window, for focus) reach the open dialog;
    ``documentOpened(Path)`` fires after a document was handed to the default application.
    Background work (downloads, the debounced list refresh) runs in ``tasks``, the workspace's scope.
    """

    REFRESH_KEY = "documents.refresh"

    uploadDialogOpened = Signal(object)
    documentOpened = Signal(object)
    documentSaved = Signal(object)
    openRefused = Signal(object)  # the "save it instead" QMessageBox
    noViewer = Signal(object)  # Path: no application on this computer opens that type
    saveDialogOpened = Signal(object)  # QFileDialog

    def __init__(
        self,
        source: DocumentSource,
        fetcher: DocumentFetcher,
        rules: UploadRulesSource,
        uploads: UploadSink,
        temp_dir: PrivateTempDir,
        errors: ErrorReporter,
        *,
        can_see_medical: bool,
        can_upload: bool,
        today: Callable[[], date] = date.today,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        dossiers: DossierLookup | None = None,
        refresh: Callable[[str], Awaitable[object]] | None = None,
        tasks: TaskScope | None = None,
        refresh_delay_s: float = REFRESH_DELAY_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentsTab")
        self._source = source
        self._fetcher = fetcher
        self._rules = rules
        self._uploads = uploads
        self._temp = temp_dir
        self._errors = errors
        self._can_upload = can_upload
        self._hidden_uploads: dict[str, int] = {}  # this session's uploads the server does not list
        self._today = today
        self._open_url = open_url
        self._dossiers = dossiers
        self._refresh = refresh  # e.g. DossierStore.refresh_documents: fetch when a dossier is shown
        self._dossier_id = ""
        self._dossier_label = ""
        self._allowed: tuple[str, ...] | None = None  # the server's allowed extensions, once known
        self._tasks = tasks if tasks is not None else TaskScope("documents")  # own one: standalone use
        self._refresh_delay_s = refresh_delay_s
        self._dialogs: list[QWidget] = []  # keeps non-blocking dialogs alive while open

        self.model = DocumentsModel(can_see_medical, self)
        self.view = QTableView(self)
        self.view.setObjectName("documentsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.doubleClicked.connect(lambda index: self._open_row(index.row()))

        self.open_button = QPushButton(self.tr("Open"), self)
        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.add_button = QPushButton(self.tr("Add files…"), self)
        self.open_button.clicked.connect(lambda: self._open_row(self._current_row()))
        self.save_button.clicked.connect(self.save_selected_as)
        self.add_button.clicked.connect(self.choose_files)
        self.add_button.setEnabled(False)
        self.status = QLabel(self)
        self.status.setObjectName("documentsStatus")

        paste = QShortcut(QKeySequence.StandardKey.Paste, self)
        # Only while focus is in this tab: a window-wide Ctrl+V would be ambiguous with other widgets'.
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste_from_clipboard)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.open_button, self.save_button, self.add_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        plain_labels(self)
        layout.addLayout(buttons)

        self.setAcceptDrops(can_upload)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # -- dossier and refresh ---------------------------------------------------------------------
    def set_dossier(self, dossier_id: str, label: str = "") -> None:
        """Show ``dossier_id``'s documents; ``label`` (e.g. "D0042") names it in dialogs."""
        self._dossier_id = dossier_id
        self._dossier_label = label or dossier_id
        self.add_button.setEnabled(self._can_upload and bool(dossier_id))
        self.refresh()

    def dossier_id(self) -> str:
        return self._dossier_id

    def set_can_upload(self, can_upload: bool) -> None:
        """Rights changed: a read-only account gets no Add button and no drop target."""
        self._can_upload = can_upload
        self.setAcceptDrops(can_upload)
        self.add_button.setVisible(can_upload)
        self.add_button.setEnabled(can_upload and bool(self._dossier_id))

    def show_dossier(self, dossier_id: str) -> None:
        """Slot for ``MainWindow.dossierSelected``: show the cached list at once, then fetch the
        current one once the selection rests (a failure offline is normal and not reported). Moving
        on cancels the fetch for the dossier left behind."""
        found = self._dossiers.dossier(dossier_id) if self._dossiers and dossier_id else None
        self.set_dossier(dossier_id, found.no if found and found.no else dossier_id)
        if dossier_id and self._refresh is not None:
            fetch = partial(self._refresh, dossier_id)
            refresh_later(self._tasks, self.REFRESH_KEY, self._refresh_delay_s, fetch, "document list")
        else:
            self._tasks.cancel(self.REFRESH_KEY)

    def refresh(self) -> None:
        docs = self._source.documents(self._dossier_id) if self._dossier_id else []
        self.model.set_documents(docs)
        header = self.view.horizontalHeader()
        if header.sortIndicatorSection() >= 0:  # a reset loses the order; keep the user's choice
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        count = self.model.rowCount()
        text = self.tr("%n document(s)", "", count) if self._dossier_id else ""
        hidden = self._hidden_uploads.get(self._dossier_id, 0)
        if hidden:
            text += " · " + self.tr("%n uploaded, visible to occupational health only", "", hidden)
        self.status.setText(text)

    def note_hidden_upload(self, dossier_id: str) -> None:
        """Slot for ``UploadQueueWidget.uploadedHidden``: the server keeps a new upload out of this list."""
        self._hidden_uploads[dossier_id] = self._hidden_uploads.get(dossier_id, 0) + 1
        if dossier_id == self._dossier_id:
            self.refresh()

    def on_documents_changed(self, dossier_id: str) -> None:
        """Slot for ``SyncBridge.documentsChanged``: refresh only when it concerns this dossier."""
        if dossier_id == self._dossier_id:
            self.refresh()

    # -- open / save -----------------------------------------------------------------------------
    def _current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        has = self._current_row() >= 0
        self.open_button.setEnabled(has)
        self.save_button.setEnabled(has)

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._spawn(self.open_document(self.model.document(row)), "opening a document")

    async def open_document(self, document: Document) -> Path:
        """Download into a fresh private sub-directory and open with the default application.

        Only a file whose extension matches the document's metadata and the allowed list is opened;
        any other is offered as Save as (``openRefused``). Without a viewer the tab says so.
        """
        target = self._temp.subdir(document.id)
        path = await self._fetcher.download_document(document, target)
        verdict = open_verdict(path.name, document.file_name, await self._openable())
        if verdict != OPEN_OK:
            self._offer_save_instead(document, path, verdict)
            return path
        mark_of_the_web(path)
        if self._open_url(QUrl.fromLocalFile(str(path))) is False:
            self.status.setText(no_viewer_text(path.suffix))
            self.noViewer.emit(path)
            return path
        self.documentOpened.emit(path)
        return path

    async def _openable(self) -> tuple[str, ...]:
        """The server's allowed extensions (FlowOn's defaults when it cannot say)."""
        if self._allowed is None:
            try:
                self._allowed = (await self._rules.upload_rules()).allowed_extensions
            except Exception:  # offline or refused: the defaults are the safe list
                return FLOWON_DEFAULT_EXTENSIONS
        return self._allowed or FLOWON_DEFAULT_EXTENSIONS

    def _offer_save_instead(self, document: Document, path: Path, verdict: str) -> None:
        box, save = refused_open_box(self, path.name, verdict)
        box.finished.connect(lambda _r: box.clickedButton() is save and self.save_as(document))
        self._open_dialog(box)
        self.openRefused.emit(box)

    def save_selected_as(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.save_as(self.model.document(row))

    def save_as(self, document: Document) -> QFileDialog:
        """The Save as dialog for ``document``, starting in the user's Documents folder."""
        dialog = QFileDialog(self, self.tr("Save document as"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if documents:
            dialog.setDirectory(documents)
        dialog.selectFile(Path(document.file_name).name or "document")
        dialog.fileSelected.connect(
            lambda chosen: self._spawn(self.save_document(document, Path(chosen)), "saving a document")
        )
        self._open_dialog(dialog)
        self.saveDialogOpened.emit(dialog)
        return dialog

    async def save_document(self, document: Document, destination: Path) -> Path:
        """Download privately first, then move: a failed download never leaves a half file there."""
        scratch = self._temp.subdir(document.id)
        downloaded = await self._fetcher.download_document(document, scratch)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, shutil.move, downloaded, destination)
        mark_of_the_web(destination)
        self.documentSaved.emit(destination)
        return destination

    # -- adding files ----------------------------------------------------------------------------
    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Add files to the dossier"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.add_paths([Path(f) for f in files]))
        self._open_dialog(dialog)

    def paste_from_clipboard(self) -> None:
        """Files copied in Explorer / Finder arrive as URLs; a copied image becomes a PNG file."""
        mime = QApplication.clipboard().mimeData()
        paths = paths_from_mime(mime)
        if not paths and mime is not None and mime.hasImage():
            image = QApplication.clipboard().image()
            if not image.isNull():
                stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
                name = self.tr("Pasted image {0}").format(stamp)
                path = self._temp.subdir("paste") / f"{name}.png"
                if image.save(str(path), "PNG"):
                    paths = [path]
        if paths:
            self.add_paths(paths)

    def add_paths(self, paths: list[Path]) -> None:
        """Check ``paths`` against the upload rules and open the upload dialog for the shown dossier."""
        self.upload_to(self._dossier_id, self._dossier_label, paths)

    def upload_to(self, dossier_id: str, label: str, paths: list[Path]) -> None:
        """Same for any dossier: files dropped on a row of the dossier table go through here (the
        window maps the drop position to the row's dossier and calls this)."""
        if not self._can_upload or not dossier_id or not paths:
            return
        self._spawn(self._confirm_upload(dossier_id, label or dossier_id, paths), "preparing an upload")

    async def _confirm_upload(self, dossier_id: str, label: str, paths: list[Path]) -> UploadDialog:
        rules = await self._rules.upload_rules()
        checked = check_files(paths, rules)
        dialog = UploadDialog(dossier_id, label, checked, self._today(), self)
        dialog.accepted.connect(lambda: self._uploads.add_jobs(dialog.jobs()))
        self._open_dialog(dialog)
        self.uploadDialogOpened.emit(dialog)
        return dialog

    # -- drag and drop ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_upload and self._dossier_id and paths_from_mime(event.mimeData()):
            event.acceptProposedAction()
            self._highlight_drop(True)  # show where the files will land
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._highlight_drop(False)
        super().dragLeaveEvent(event)

    def _highlight_drop(self, on: bool) -> None:
        if self.view.property("dropTarget") != on:
            self.view.setProperty("dropTarget", on)  # the style sheet draws the highlight
            self.view.style().unpolish(self.view)
            self.view.style().polish(self.view)

    def dropEvent(self, event: QDropEvent) -> None:
        self._highlight_drop(False)
        paths = paths_from_mime(event.mimeData())
        if not paths or not self._can_upload or not self._dossier_id:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_paths(paths)

    # -- plumbing --------------------------------------------------------------------------------
    def _open_dialog(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._forget(dialog))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]  # never exec(): we run inside the qasync loop

    def _forget(self, dialog: QWidget) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        dialog.deleteLater()

    def _spawn(self, coro: Coroutine[Any, Any, Any], context: str) -> asyncio.Task[Any]:
        """A download or an upload check: its failure is told to the user."""
        return self._tasks.spawn(coro, on_error=lambda error: self._report(error, context))

    def _report(self, error: BaseException, context: str) -> None:
        self._errors.show_error(error, context=context)
