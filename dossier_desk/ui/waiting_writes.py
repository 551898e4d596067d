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
    """The translated sentence, e.g. '3 changes by Anna are waiting for Anna to sign in.'"""
    name = waiting.name or QCoreApplication.translate("WaitingWrites", "another account")
    count = waiting.count  # a plain name: lupdate skips a plural call whose count is an attribute
    return QCoreApplication.translate(
        "WaitingWrites", "%n change(s) by %1 are waiting for %1 to sign in.", "", count
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
