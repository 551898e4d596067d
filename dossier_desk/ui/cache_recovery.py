"""A damaged cache is explained, with a way forward: "Reset local data" first saves every outbox item
that can still be read to a JSON file in Documents, then wipes and recreates the cache. And an outbox
that vanished while items were queued (the cache emptied or replaced) is reported, not silently lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier_desk.store import Database, DossierStore, open_database, wipe_profile_data
from dossier_desk.store.outbox_rescue import OutboxRecord, export_readable_outbox
from dossier_desk.store.paths import ProfilePaths
from dossier_desk.store.storage_errors import is_damaged_cache
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.plain_text import plain_message_box


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("CacheRecovery", text, None, n)


def documents_folder() -> Path:
    """The user's Documents folder (the home folder when the platform has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


async def _answer(box: QMessageBox) -> object:
    done: asyncio.Future[object] = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda _r: done.done() or done.set_result(box.clickedButton()))
    box.open()  # never exec() inside a coroutine
    try:
        return await done
    finally:
        box.deleteLater()


async def open_database_or_reset(
    paths: ProfilePaths,
    *,
    shown: Callable[[QMessageBox], object] = lambda _box: None,
    folder: Callable[[], Path] = documents_folder,
) -> Database:
    """Open the cache; when it is damaged, explain and offer "Reset local data" (or re-raise on Quit).

    ``shown`` receives each message box once open (tests answer it).
    """
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(None, open_database, paths)
    except Exception as exc:
        if not is_damaged_cache(exc):
            raise
        damage = exc
    box = plain_message_box(QMessageBox(QMessageBox.Icon.Critical, _tr("Local data damaged"), ""))
    box.setText(_tr("The local copy of your dossiers on this computer is damaged and cannot be opened."))
    box.setInformativeText(
        _tr(
            "Nothing on the server is affected. “Reset local data” first saves every change still waiting "
            "to be sent that can be read to a file in your Documents folder, then downloads your dossiers "
            "again. Changes that cannot be read are lost."
        )
    )
    reset = box.addButton(_tr("Reset local data"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reset)
    pending = _answer(box)
    shown(box)
    if await pending is not reset:
        raise damage
    exported = await loop.run_in_executor(None, export_readable_outbox, paths, folder())
    await loop.run_in_executor(None, wipe_profile_data, paths)
    db = await loop.run_in_executor(None, open_database, paths)
    done = plain_message_box(QMessageBox(QMessageBox.Icon.Information, _tr("Local data reset"), ""))
    if exported is not None:
        done.setText(_tr("Your unsent changes were saved to “{0}”. Keep this file.").format(str(exported)))
    else:
        done.setText(_tr("No unsent changes could be read from the damaged data."))
    done.setInformativeText(_tr("Your dossiers are downloaded again now."))
    finished = _answer(done)
    shown(done)
    await finished
    return db


def watch_outbox_record(
    paths: ProfilePaths, store: DossierStore, bridge: SyncBridge, parent: QWidget | None
) -> QMessageBox | None:
    """Compare the outbox with the record kept beside the database (a box when items vanished), then
    keep the record up to date on every outbox change."""
    record = OutboxRecord(paths)

    def current_ids() -> list[int]:
        return [item.id for item in store.outbox.items()]

    vanished = record.vanished(current_ids())
    record.write(current_ids())
    bridge.outboxChanged.connect(lambda *_counts: record.write(current_ids()))
    if not vanished:
        return None
    box = plain_message_box(
        QMessageBox(
            QMessageBox.Icon.Warning, _tr("Unsent changes missing"), "", QMessageBox.StandardButton.Ok, parent
        )
    )
    box.setText(_tr("%n change(s) waiting to be sent are no longer in the local data.", len(vanished)))
    box.setInformativeText(
        _tr(
            "The local data was emptied or replaced while they were queued, so they were not sent from "
            "this computer. Please check the dossiers you changed recently and enter the changes again."
        )
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
