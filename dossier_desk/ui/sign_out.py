"""Sign-out: confirm (warning about unsent changes), then remove the account's tokens and wipe the
profile's offline data from this computer (cache, WAL/SHM, backups, queued upload copies)."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier_desk.auth import AuthSession
from dossier_desk.config import Profile
from dossier_desk.store import ProfilePaths, profile_root, wipe_profile_data
from dossier_desk.ui.plain_text import plain_message_box

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
        text = _tr("Sign out and remove this profile's offline data from this computer?")
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


async def sign_out_and_wipe(auth: AuthSession, profile: Profile) -> int:
    """Remove the current account's tokens, then wipe the profile/company data; returns files removed.

    Call after the workspace is closed (the database must not be open).
    ``profile`` names whose data goes: all of its companies.
    """
    await auth.sign_out()
    removed = await asyncio.get_running_loop().run_in_executor(None, _wipe_companies, profile.name)
    log.info("signed out; %d offline files wiped", removed)
    return removed


def _wipe_companies(profile_name: str) -> int:
    """Every company's cache of the profile; the token cache file stays (it may hold other accounts,
    and the signed-out account's tokens are already removed from it)."""
    root = profile_root(profile_name)
    if not root.exists():
        return 0
    return sum(wipe_profile_data(ProfilePaths(d)) for d in sorted(root.iterdir()) if d.is_dir())
