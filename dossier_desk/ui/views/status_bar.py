"""The main window's status bar: account, connectivity, sync progress, outbox and rate limit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from dossier_desk.ui.errors import user_message
from dossier_desk.ui.plain_text import plain_labels, tooltip
from dossier_desk.ui.views.steady_label import release_steady, set_steady_text

# Stage names the sync engine reports, made readable; unknown stages are shown as sent.
_STAGES = {
    "push": QT_TRANSLATE_NOOP("DossierStatusBar", "Sending changes"),
    "full": QT_TRANSLATE_NOOP("DossierStatusBar", "Receiving dossiers"),
    "delta": QT_TRANSLATE_NOOP("DossierStatusBar", "Receiving changes"),
    "reconcile": QT_TRANSLATE_NOOP("DossierStatusBar", "Checking for deletions"),
}
# Sync steps as a failure names them (store.sync_report.STEPS); unknown steps are shown as sent.
_STEP_NAMES = {
    "push": QT_TRANSLATE_NOOP("DossierStatusBar", "sending changes"),
    "types": QT_TRANSLATE_NOOP("DossierStatusBar", "dossier types"),
    "contacts": QT_TRANSLATE_NOOP("DossierStatusBar", "contacts"),
    "upload_rules": QT_TRANSLATE_NOOP("DossierStatusBar", "upload rules"),
    "dossiers": QT_TRANSLATE_NOOP("DossierStatusBar", "dossiers"),
    "reconcile": QT_TRANSLATE_NOOP("DossierStatusBar", "checking for deletions"),
}


class DossierStatusBar(QStatusBar):
    """Slots here match the ``SyncBridge`` signals one to one, so wiring is a list of connects."""

    outboxClicked = Signal()  # the lead opens the sync-issues window

    def __init__(self, account: str, profile: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(True)
        self.account = QLabel(self.tr("%1 · %2").replace("%1", account).replace("%2", profile), self)
        self.account.setAccessibleName(self.tr("Signed-in account and profile"))
        self.connectivity = QLabel(self)
        self.connectivity.setObjectName("connectivity")
        self.connectivity.setAccessibleName(self.tr("Connection state"))
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.hide()
        self.sync_label = QLabel(self.tr("Not synced yet"), self)
        self.sync_label.setAccessibleName(self.tr("Sync state"))
        self.outbox = QPushButton(self)
        self.outbox.setObjectName("outboxButton")
        self.outbox.setFlat(True)
        self.outbox.setCursor(Qt.CursorShape.PointingHandCursor)
        self.outbox.setAccessibleName(self.tr("Outbox: open pending changes and conflicts"))
        self.outbox.setToolTip(self.tr("Show pending changes, conflicts and failures"))
        self.outbox.clicked.connect(self.outboxClicked)
        self.rate = QLabel(self)
        self.rate.setAccessibleName(self.tr("Remaining server requests"))
        self.rate.hide()
        self.cache_warning = QLabel(self.tr("⚠ Cache not encrypted"), self)
        self.cache_warning.setObjectName("cacheWarning")
        self.cache_warning.setToolTip(
            self.tr(
                "No system keyring is available, so the offline cache on this computer is not encrypted. "
                "It is readable only by your user account."
            )
        )
        self.cache_warning.setAccessibleName(self.tr("Offline cache is not encrypted"))
        self.cache_warning.hide()
        self.addWidget(self.account)
        self.addWidget(self.connectivity)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.sync_label)
        self.addPermanentWidget(self.outbox)
        self.addPermanentWidget(self.rate)
        self.addPermanentWidget(self.cache_warning)
        self._report: Any = None  # the last pass's SyncReport (failed steps, skipped records)
        self._connectivity = (True, False)  # (online, working offline), as last reported
        self._refused = False  # the sign-in service refused the session (see show_not_signed_in)
        self.on_connectivity_changed(True, False)
        plain_labels(self)
        self.on_outbox_changed(0, 0, 0)

    def set_cache_encrypted(self, encrypted: bool) -> None:
        """Show a lasting warning while the offline cache is stored unencrypted."""
        self.cache_warning.setVisible(not encrypted)

    def on_connectivity_changed(self, online: bool, working_offline: bool) -> None:
        """Online / Offline / Working offline, as text (the colour is only a hint). While the session is
        refused, a reachable server still means "Not signed in": the server answered, but not to us."""
        self._connectivity = (online, working_offline)
        if working_offline:
            self._show_connectivity(self.tr("Working offline"), "offline")
        elif self._refused:
            self._show_connectivity(self.tr("Not signed in – changes are kept and sent later"), "offline")
        elif online:
            self._show_connectivity(self.tr("Online"), "online")
        else:
            self._show_connectivity(self.tr("Offline – changes are kept and sent later"), "offline")

    def show_signing_in(self) -> None:
        """A returning start opened the cache before the sign-in service answered; the sync's first
        outcome (or the sign-in's) replaces it."""
        self._show_connectivity(self.tr("Signing in…"), "offline")

    def show_not_signed_in(self) -> None:
        """The sign-in service refused the session: nothing goes to the server until the user signs in."""
        self._refused = True
        self.on_connectivity_changed(*self._connectivity)

    def show_signed_in(self) -> None:
        """A token again after a refusal: the connection state as last reported."""
        if self._refused:
            self._refused = False
            self.on_connectivity_changed(*self._connectivity)

    def _show_connectivity(self, text: str, state: str) -> None:
        self.connectivity.setText(f"● {text}")
        self.connectivity.setProperty("state", state)
        self.connectivity.style().unpolish(self.connectivity)
        self.connectivity.style().polish(self.connectivity)

    def on_sync_progress(self, stage: str, done: int, total: int | None) -> None:
        """Show a determinate bar when the total is known, a busy bar otherwise. The text changes with
        every page: it is set without re-laying out the window (see :mod:`.steady_label`)."""
        self.progress.show()
        if (self.progress.minimum(), self.progress.maximum()) != (0, total or 0):
            self.progress.setRange(0, total or 0)
        if total:
            self.progress.setValue(min(done, total))
        name = self.tr(_STAGES[stage]) if stage in _STAGES else stage
        if total:
            locale = QLocale()
            text = (
                self.tr("%1… %2 of %3")
                .replace("%1", name)
                .replace("%2", locale.toString(done))
                .replace("%3", locale.toString(total))
            )
        else:
            text = self.tr("%1…").replace("%1", name)
        set_steady_text(self.sync_label, text)

    def on_sync_report(self, report: Any) -> None:
        """Remember which steps of the ending pass failed and how many records were skipped."""
        self._report = report

    def _step_name(self, step: str) -> str:
        return self.tr(_STEP_NAMES[step]) if step in _STEP_NAMES else step

    def on_sync_finished(self, finished_at: datetime, error: BaseException | None) -> None:
        """Hide the bar; show the last sync time or which steps failed and why."""
        self.progress.hide()
        release_steady(self.sync_label)
        report, self._report = self._report, None
        when = QLocale().toString(QDateTime(finished_at.astimezone()), QLocale.FormatType.ShortFormat)
        failures = list(report.failures) if report is not None else []
        skipped = len(report.skipped) if report is not None else 0
        if error is None and not failures:
            text = self.tr("Last sync %1").replace("%1", when)
            tip = ""
        elif failures:
            steps = ", ".join(dict.fromkeys(self._step_name(f.step) for f in failures))
            text = self.tr("Sync failed at %1: %2").replace("%1", when).replace("%2", steps)
            tip = "\n".join(f"{self._step_name(f.step)}: {user_message(f.error)}" for f in failures)
            if len(failures) == 1:  # the step is named in the text already
                tip = user_message(failures[0].error)
        else:
            assert error is not None
            text = self.tr("Sync failed at %1").replace("%1", when)
            tip = user_message(error)
        if skipped:
            text += " · " + self.tr("%n unreadable record(s) skipped", "", skipped)
            keys = ", ".join(f"{r.entity_set} {r.key or '?'}" for r in report.skipped[:5])
            more = self.tr("Skipped: %1 (see Sync issues)").replace("%1", keys)
            tip = "\n".join(t for t in (tip, more) if t)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tooltip(tip) if tip else "")

    def on_outbox_changed(self, pending: int, conflicts: int, failed: int) -> None:
        """ "3 pending · 1 conflict"; "All changes sent" when empty."""
        parts = []
        if pending:
            parts.append(self.tr("%n pending", "", pending))
        if conflicts:
            parts.append(self.tr("%n conflict(s)", "", conflicts))
        if failed:
            parts.append(self.tr("%n failed", "", failed))
        self.outbox.setText(" · ".join(parts) if parts else self.tr("All changes sent"))
        self.outbox.setProperty("attention", bool(conflicts or failed))
        self.outbox.style().unpolish(self.outbox)
        self.outbox.style().polish(self.outbox)

    def on_rate_limit_changed(self, remaining: int | None) -> None:
        """Remaining requests in the server's window; hidden when the server does not say."""
        self.rate.setVisible(remaining is not None)
        if remaining is not None:
            self.rate.setText(self.tr("%1 requests left").replace("%1", QLocale().toString(int(remaining))))
