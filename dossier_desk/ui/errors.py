"""User-facing error reporting: one place that turns exceptions into messages.

Errors fall in two families, told apart because the user's next step differs:

* *environment* errors — the network, the server, sign-in, permissions, bad input — are expected in a
  caseworker's day; they get a plain sentence (``ApiError.user_message()``) and no stack trace;
* *bugs* — anything else — are logged with their traceback and shown as "something went wrong in
  Dossier Desk", with the advice that unsynced work is safe in the outbox.

Dialogs are non-blocking (``open()``), so this is safe to call from coroutines and slots alike.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier_desk.api.errors import ApiError
from dossier_desk.auth.errors import AuthError
from dossier_desk.store.storage_errors import DATABASE_ERRORS, DISK_FULL, STORAGE_ERRORS, storage_failure
from dossier_desk.store.validation import LocalValidationError
from dossier_desk.ui.api_messages import api_error_message
from dossier_desk.ui.plain_text import plain_message_box
from dossier_desk.ui.storage_texts import not_saved_text
from dossier_desk.ui.views.rule_texts import problems_sentence

log = logging.getLogger(__name__)


def is_environment_error(exc: BaseException) -> bool:
    """True for failures caused by the world outside (network, server, auth, input), not by our code."""
    return isinstance(
        exc, (ApiError, AuthError, LocalValidationError, OSError, TimeoutError, *STORAGE_ERRORS)
    )


def user_message(exc: BaseException) -> str:
    """A sentence a caseworker can act on; never a token, never a stack trace."""
    if isinstance(exc, AuthError):
        return str(exc)  # sign-in errors are written for the user and never carry tokens
    if isinstance(exc, ApiError):
        return api_error_message(exc)
    if isinstance(exc, LocalValidationError):
        return problems_sentence(exc.problems)
    describe = getattr(exc, "user_message", None)
    if callable(describe):
        return str(describe())
    if isinstance(exc, TimeoutError):
        return QObject.tr("The server did not answer in time. Your changes are kept and will be sent later.")
    if isinstance(exc, DATABASE_ERRORS) or (isinstance(exc, OSError) and storage_failure(exc) == DISK_FULL):
        # Never "safe in the outbox" when the outbox itself could not be written.
        return not_saved_text(exc, in_form=False)
    if isinstance(exc, OSError):
        return QObject.tr("A file or network operation failed: {0}").format(
            exc.strerror or type(exc).__name__
        )
    return QObject.tr(
        "Something went wrong inside Dossier Desk. Your unsynced changes are safe in the outbox. "
        "If it happens again, please tell your administrator."
    )


class MessageBridge(QObject):
    """Shows errors and notices to the user; widgets and the app report through it."""

    errorShown = Signal(str, str)  # title, text — tests and the status bar listen

    def __init__(self, parent_window: QWidget | None = None) -> None:
        super().__init__()
        self._parent = parent_window
        self._open_boxes: list[QMessageBox] = []
        self.interactive = True  # False in --smoke / tests that only watch errorShown

    def set_parent_window(self, window: QWidget) -> None:
        self._parent = window

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        if is_environment_error(exc):
            log.info("environment error during %s: %s", context or "operation", type(exc).__name__)
            title = self.tr("Could not complete the action")
        else:
            log.error("unexpected error during %s", context or "operation", exc_info=exc)
            title = self.tr("Something went wrong")
        self._show(title, user_message(exc), QMessageBox.Icon.Warning)

    def show_info(self, title: str, text: str) -> None:
        self._show(title, text, QMessageBox.Icon.Information)

    def _show(self, title: str, text: str, icon: QMessageBox.Icon) -> None:
        self.errorShown.emit(title, text)
        if not self.interactive:
            return
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self._parent)
        plain_message_box(box)
        box.setAccessibleName(title)
        self._open_boxes.append(box)
        box.finished.connect(lambda _result, b=box: self._open_boxes.remove(b))
        box.open()

    def install_excepthook(self) -> None:
        """Route uncaught exceptions (qasync's ``@asyncSlot`` sends them here) to :meth:`show_error`."""

        def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            if issubclass(kind, KeyboardInterrupt):
                sys.__excepthook__(kind, exc, tb)
                return
            self.show_error(exc.with_traceback(tb), context="background task")

        sys.excepthook = hook
