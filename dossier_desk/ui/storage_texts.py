"""What the user reads when an edit could not be written to the local disk."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dossier_desk.store.storage_errors import DISK_FULL, READ_ONLY, storage_failure


def not_saved_text(exc: BaseException, *, in_form: bool = True) -> str:
    """A sentence that says the edit was NOT saved, why, and (``in_form``) that the typing is kept."""
    kind = storage_failure(exc)
    if kind == DISK_FULL:
        reason = QCoreApplication.translate("Storage", "The disk is full.")
    elif kind == READ_ONLY:
        reason = QCoreApplication.translate("Storage", "The local data folder cannot be written to.")
    else:
        reason = QCoreApplication.translate("Storage", "The local database could not be written.")
    if not in_form:
        return QCoreApplication.translate(
            "Storage", "Your change was NOT saved. {0} Free some space or fix the folder, then try again."
        ).format(reason)
    return QCoreApplication.translate(
        "Storage",
        "Your edit was NOT saved. {0} What you typed is still in the form: free some space or fix "
        "the folder, then save again.",
    ).format(reason)
