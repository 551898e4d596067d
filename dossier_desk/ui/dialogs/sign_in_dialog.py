"""The sign-in dialog: choose a demo user or sign in with Microsoft, watch progress, cancel for real.

It drives an :class:`~dossier_desk.auth.AuthSession` (or anything with the same two sign-in
coroutines) on the qasync loop and never blocks it: MSAL runs on the session's worker threads.
Cancel while a sign-in runs sets the sign-in's cancel event, which stops MSAL's loopback listener
or device code polling; the dialog returns to the choice page when the sign-in has really ended.
Open with ``open()``; :attr:`signedIn` carries the account.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.auth import Account, AuthError, BrowserDriver, DeviceCodeInfo, SignInCancelled
from dossier_desk.ui.dialogs.device_code_dialog import DeviceCodeDialog
from dossier_desk.ui.errors import user_message
from dossier_desk.ui.plain_text import plain_labels

log = logging.getLogger(__name__)

BrowserFactory = Callable[[str | None], BrowserDriver]  # chosen demo user (or None) -> browser


class SignInPort(Protocol):
    """The part of ``AuthSession`` the dialog uses."""

    def sign_in_interactive(self, **kwargs: Any) -> Awaitable[Account]: ...

    def sign_in_device_code(
        self, on_code: Callable[[DeviceCodeInfo], None], *, cancel: asyncio.Event | None = None
    ) -> Awaitable[Account]: ...


class SignInDialog(QDialog):
    """Choose how to sign in; shows progress; Cancel cancels the running sign-in."""

    signedIn = Signal(object)  # Account
    CHOOSE, BUSY = 0, 1

    def __init__(
        self,
        auth: SignInPort,
        browser_factory: BrowserFactory,
        *,
        demo_users: Sequence[tuple[str, str]] = (),
        login_hint: str | None = None,
        cache_encrypted: bool = True,
        timeout_s: float = 300.0,
        parent_window_handle: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``demo_users`` (username, display name) switches to demo mode: pick a user instead of Microsoft."""
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to Dossier Desk"))
        self._auth = auth
        self._browser_factory = browser_factory
        self._demo = bool(demo_users)
        self._login_hint = login_hint
        self._timeout_s = timeout_s
        self._window_handle = parent_window_handle
        self._task: asyncio.Task[Account] | None = None
        self._cancel: asyncio.Event | None = None
        self.device_dialog: DeviceCodeDialog | None = None

        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._choice_page(demo_users, cache_encrypted))
        self.pages.addWidget(self._busy_page())
        layout.addWidget(self.pages)
        plain_labels(self)  # provider error texts are shown literally

    # -- pages ---------------------------------------------------------------------------------
    def _choice_page(self, demo_users: Sequence[tuple[str, str]], cache_encrypted: bool) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        intro = (
            self.tr("Demo mode: choose whom to sign in as.")
            if self._demo
            else self.tr("Sign in with your work account to open your case files.")
        )
        layout.addWidget(QLabel(intro, page))
        self.user_list = QListWidget(page)
        self.user_list.setObjectName("demoUsers")
        for username, display in demo_users:
            item = QListWidgetItem(f"{display}\n{username}", self.user_list)
            item.setData(Qt.ItemDataRole.UserRole, username)
        if demo_users:
            self.user_list.setCurrentRow(0)
        self.user_list.setVisible(self._demo)
        self.user_list.itemDoubleClicked.connect(lambda _item: self.start_browser_sign_in())
        layout.addWidget(self.user_list)

        self.error_label = QLabel("", page)
        self.error_label.setObjectName("signInError")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        self.cache_notice = QLabel(
            self.tr(
                "No system keyring is available: your sign-in is kept in a file that only your user "
                "account can read, but it is not encrypted."
            ),
            page,
        )
        self.cache_notice.setWordWrap(True)
        self.cache_notice.setVisible(not cache_encrypted)
        layout.addWidget(self.cache_notice)

        buttons = QHBoxLayout()
        self.device_button = QPushButton(self.tr("Use a code on another device…"), page)
        self.device_button.clicked.connect(self.start_device_code_sign_in)
        buttons.addWidget(self.device_button)
        buttons.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"), page)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        self.sign_in_button = QPushButton(
            self.tr("Sign in") if self._demo else self.tr("Sign in with Microsoft"), page
        )
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.start_browser_sign_in)
        buttons.addWidget(self.sign_in_button)
        layout.addLayout(buttons)
        return page

    def _busy_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.status_label = QLabel("", page)
        self.status_label.setObjectName("signInStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        progress = QProgressBar(page)
        progress.setRange(0, 0)  # indeterminate: we cannot know how long the user takes
        layout.addWidget(progress)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), page)
        self.cancel_button.clicked.connect(self.cancel_sign_in)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        return page

    # -- actions -------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a sign-in is running."""
        return self._task is not None and not self._task.done()

    def selected_user(self) -> str | None:
        """The demo user picked in the list (demo mode), else None."""
        item = self.user_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if (self._demo and item is not None) else None

    def start_browser_sign_in(self) -> None:
        """Sign in through the browser (the demo browser in demo mode)."""
        if self.busy:
            return
        user = self.selected_user()
        hint = user or self._login_hint
        cancel = asyncio.Event()
        self._begin(
            self.tr("Signing in as {0}…").format(user)
            if user
            else self.tr("Finish signing in in your browser. This window waits for it."),
            self._auth.sign_in_interactive(
                browser=self._browser_factory(user),
                login_hint=hint,
                timeout=self._timeout_s,
                cancel=cancel,
                parent_window_handle=self._window_handle,
            ),
            cancel,
        )

    def start_device_code_sign_in(self) -> None:
        """Sign in with a code entered on another device; shows the :class:`DeviceCodeDialog`."""
        if self.busy:
            return
        cancel = asyncio.Event()
        self.device_dialog = DeviceCodeDialog(self)
        self.device_dialog.cancelRequested.connect(cancel.set)
        self.device_dialog.open()
        self._begin(
            self.tr("Waiting for the code to be entered on the other device…"),
            self._auth.sign_in_device_code(self.device_dialog.show_code, cancel=cancel),
            cancel,
        )

    def cancel_sign_in(self) -> None:
        """Ask the running sign-in to stop; the dialog returns to the choice when it has."""
        if self._cancel is not None and self.busy:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def _begin(self, status: str, work: Awaitable[Account], cancel: asyncio.Event) -> None:
        self._cancel = cancel
        self.error_label.setVisible(False)
        self.status_label.setText(status)
        self.cancel_button.setEnabled(True)
        self.pages.setCurrentIndex(self.BUSY)
        self._task = asyncio.ensure_future(work)
        self._task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Account]) -> None:
        if self.device_dialog is not None:
            self.device_dialog.finish()
            self.device_dialog.deleteLater()
            self.device_dialog = None
        self.pages.setCurrentIndex(self.CHOOSE)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            self.signedIn.emit(task.result())
            self.accept()
            return
        if isinstance(error, SignInCancelled):
            text = self.tr("Sign-in cancelled.")
        elif isinstance(error, AuthError):
            text = str(error)  # written for the user, never carries a token
        else:
            log.error("sign-in failed unexpectedly", exc_info=error)
            text = user_message(error)
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def reject(self) -> None:
        """Esc / Close / window close: cancels a running sign-in too."""
        self.cancel_sign_in()
        super().reject()
