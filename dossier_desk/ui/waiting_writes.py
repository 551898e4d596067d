"""A status-bar notice: changes another account queued on this computer wait for that account.

Each account's data lives in its own store; a queued write is only ever sent with its author's token.
When someone else signs in to the profile, the first person's changes stay queued, and the person
signed in now is told so (names and counts only, never what the changes are).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from dossier_desk.store.accounts import WaitingWrites


def waiting_sentence(waiting: WaitingWrites) -> str:
    """ "3 changes by Anna are waiting for Anna to sign in." (translated)."""
    name = waiting.name or QCoreApplication.translate("WaitingWrites", "another account")
    return QCoreApplication.translate(
        "WaitingWrites", "%n change(s) by %1 are waiting for %1 to sign in.", None, waiting.count
    ).replace("%1", name)


class WaitingWritesLabel(QLabel):
    """Shows :func:`waiting_sentence` for every other account with queued writes (hidden when none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingWrites")
        self.setAccessibleName(QCoreApplication.translate("WaitingWrites", "Changes of other accounts"))
        self.show_waiting([])

    def show_waiting(self, waiting: list[WaitingWrites]) -> None:
        self.setText(" ".join(waiting_sentence(w) for w in waiting))
        self.setVisible(bool(waiting))
