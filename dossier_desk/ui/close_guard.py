"""Before the main window closes: ask when typing, queued or failed edits, or uploads would be affected.

The question says what will happen to each (typed edits are lost unless saved; queued edits stay on
this computer and go out at the next sign-in; failed ones wait in Sync issues; running uploads stop).
It is a non-blocking box (``open()``), so the asyncio loop keeps running while the user reads it;
the close event is refused and repeated once the user has chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier_desk.ui.plain_text import plain_message_box


@dataclass(frozen=True, slots=True)
class WorkAtRisk:
    """What closing now would affect."""

    unsaved: bool = False
    pending: int = 0
    failed: int = 0  # failed writes plus conflicts: parked until the user resolves them
    uploads: int = 0

    def any(self) -> bool:
        return self.unsaved or bool(self.pending or self.failed or self.uploads)


class CloseGuard(QObject):
    """Decides whether a close event may go ahead, asking the user first when work is at risk.

    ``save(then)`` starts saving the typed edits (False when it cannot: field errors) and calls ``then``
    once they are on disk; the close is repeated then, or at once after "Close anyway".
    """

    promptShown = Signal(object)  # the QMessageBox, once open (tests answer it)

    def __init__(
        self,
        window: QWidget,
        at_risk: Callable[[], WorkAtRisk],
        save: Callable[[Callable[[], None]], bool],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._at_risk = at_risk
        self._save = save
        self._confirmed = False
        self._box: QMessageBox | None = None

    def release(self) -> None:
        """Let every later close through without asking (sign-out, or the session ending on purpose)."""
        self._confirmed = True

    def allow(self, event: QCloseEvent) -> bool:
        """True to let the close proceed; otherwise the event is ignored and the question shown."""
        if self._confirmed:
            return True
        risk = self._at_risk()
        if not risk.any():
            return True
        event.ignore()
        if self._box is None:
            self._ask(risk)
        return False

    def _ask(self, risk: WorkAtRisk) -> None:
        lines = []
        if risk.unsaved:
            lines.append(self.tr("You have typed changes that are not saved. Closing now discards them."))
        if risk.pending:
            lines.append(
                self.tr(
                    "%n change(s) wait in the outbox. They stay on this computer and are sent the next "
                    "time you open Dossier Desk online.",
                    "",
                    risk.pending,
                )
            )
        if risk.failed:
            lines.append(
                self.tr(
                    "%n change(s) could not be sent. They stay under Sync issues until you retry or "
                    "discard them.",
                    "",
                    risk.failed,
                )
            )
        if risk.uploads:
            lines.append(
                self.tr(
                    "%n upload(s) are still running. Closing stops them; add the files again later.",
                    "",
                    risk.uploads,
                )
            )
        box = plain_message_box(QMessageBox(self._window))
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Close Dossier Desk?"))
        box.setText(self.tr("Close Dossier Desk?"))
        box.setInformativeText("\n\n".join(lines))
        save = None
        if risk.unsaved:
            save = box.addButton(self.tr("Save and close"), QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(
            self.tr("Discard typing and close") if risk.unsaved else self.tr("Close"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        stay = box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save or stay)
        box.setEscapeButton(stay)
        box.finished.connect(lambda _r: self._answered(box, save, leave))
        self._box = box
        box.open()
        self.promptShown.emit(box)

    def _answered(self, box: QMessageBox, save: object, leave: object) -> None:
        self._box = None
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is None or (clicked is not leave and clicked is not save):
            return  # keep working
        if clicked is save:
            self._save(self._close)  # not on disk (field errors or a full disk): the pane says why, and stays
            return
        self._close()

    def _close(self) -> None:
        self._confirmed = True
        self._window.close()
