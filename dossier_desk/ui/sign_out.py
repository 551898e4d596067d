"""Sign-out: confirm (warning about unsent changes), then remove the account's tokens, end the
provider's session, and wipe the account's offline data from this computer (cache, WAL/SHM, backups,
queued upload copies, window state and saved searches, opened documents) and the log file. Other
accounts' data on the profile stays theirs."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier_desk.config import Profile
from dossier_desk.logging_setup import app_log_files, wipe_log_file
from dossier_desk.store import ProfilePaths, profile_root, wipe_profile_data
from dossier_desk.store.accounts import AccountIndex
from dossier_desk.store.paths import DB_NAME
from dossier_desk.store.wipe import wipe_account
from dossier_desk.ui.plain_text import plain_message_box

if TYPE_CHECKING:  # MSAL is imported with them (see ui.returning_start.AuthSlot)
    from dossier_desk.auth import Account, AuthSession

log = logging.getLogger(__name__)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("SignOut", text, None, n)


async def confirm_sign_out(parent: QWidget, unsent: int) -> bool:
    """Ask before signing out; the question says plainly when unsent changes would be deleted."""
    if unsent:
        text = _tr(
            "%n change(s) have not been sent to Business Central yet. Signing out deletes them from this "
            "computer. Sign out anyway?",
            unsent,
        )
        icon = QMessageBox.Icon.Warning
    else:
        text = _tr("Sign out and remove your offline data from this computer?")
        icon = QMessageBox.Icon.Question
    box = QMessageBox(icon, _tr("Sign out"), text, QMessageBox.StandardButton.NoButton, parent)
    plain_message_box(box)
    sign_out = box.addButton(_tr("Sign out"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    answered: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda _r: answered.done() or answered.set_result(box.clickedButton() is sign_out))
    box.open()  # never exec() inside a coroutine
    try:
        return await answered
    finally:
        box.deleteLater()


async def sign_out_and_wipe(auth: AuthSession, profile: Profile, log_file: Path | None = None) -> int:
    """Remove the current account's tokens, then wipe its data on ``profile`` (every company) and the
    log files (``log_file`` and the app's file handlers); returns the files removed. Call after the
    workspace is closed (the database must not be open). The token cache file stays: it may hold
    other accounts, and the signed-out account's tokens are already removed from it.
    """
    account = auth.current_account
    await auth.sign_out()
    logs = sorted({*app_log_files(), *([log_file] if log_file is not None else [])})
    removed = await asyncio.get_running_loop().run_in_executor(None, _wipe, profile.name, account, logs)
    log.info("signed out; %d offline files wiped", removed)
    return removed


def _wipe(profile_name: str, account: Account | None, log_files: list[Path]) -> int:
    removed = 0
    if account is not None:
        removed += wipe_account(profile_name, account.home_account_id)
        AccountIndex(profile_name).forget(account.home_account_id)
    removed += _wipe_legacy_companies(profile_name)
    return removed + sum(wipe_log_file(path) for path in log_files)


def _wipe_legacy_companies(profile_name: str) -> int:
    """Stores of the profile made before data belonged to accounts (company folders at its top)."""
    root = profile_root(profile_name)
    if not root.exists():
        return 0
    legacy = [d for d in sorted(root.iterdir()) if d.is_dir() and (d / DB_NAME).exists()]
    return sum(wipe_profile_data(ProfilePaths(d)) for d in legacy)
