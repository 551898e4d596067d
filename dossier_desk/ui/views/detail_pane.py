"""The detail pane: the current dossier's header, its field form with Save, and extra tabs.

Saving queues the changes in the outbox through the repository (never the network) and shows
"Pending sync" until the outbox reports the write delivered; then "Synced". A write the server refused
with field errors comes back as a parked outbox item and its messages land on the fields.

Typed-but-unsaved edits are never dropped silently: switching to another dossier asks (Save / Discard /
Cancel, a non-blocking dialog); a refresh of the same dossier keeps the edited fields; a local create
that gets its server id keeps them too; a dossier deleted while being edited keeps showing them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import ReadOnlyReason, editable_fields, is_archived, read_only_reason
from dossier_desk.domain.rights import Rights
from dossier_desk.store.outbox_model import is_local_id
from dossier_desk.store.storage_errors import STORAGE_ERRORS, storage_failure
from dossier_desk.store.validation import LocalValidationError
from dossier_desk.ui.api_messages import outbox_error_message
from dossier_desk.ui.awaited_write import start_write
from dossier_desk.ui.models.vocab import caption
from dossier_desk.ui.plain_text import plain_labels, tooltip
from dossier_desk.ui.ports import DossierRepository
from dossier_desk.ui.rights_state import restricted
from dossier_desk.ui.storage_texts import not_saved_text
from dossier_desk.ui.views.form_slot import FormSlot
from dossier_desk.ui.views.message_banner import MessageBanner
from dossier_desk.ui.views.rule_texts import problem_messages, read_only_text
from dossier_desk.ui.views.unsaved_prompt import unsaved_prompt

if TYPE_CHECKING:
    from dossier_desk.ui.views.dossier_form import DossierForm

STATE_NONE, STATE_MODIFIED, STATE_SAVING, STATE_PENDING, STATE_SYNCED, STATE_FAILED = (
    "none",
    "modified",
    "saving",  # the edit is on its way to the disk
    "pending",
    "synced",
    "failed",
)


log = logging.getLogger(__name__)


class DetailPane(QWidget):
    """Shows and edits one dossier; ``extra_tabs`` (Documents, Workflow log) follow ``dossierChanged``."""

    dossierChanged = Signal(str)  # the id now shown ("" for none); extra tabs follow it
    saved = Signal(str)  # a change was queued for this dossier id
    stateChanged = Signal(str)  # one of the STATE_* values
    unsavedPromptShown = Signal(object)  # the Save / Discard / Cancel QMessageBox, once open

    def __init__(
        self,
        repository: DossierRepository,
        parent: QWidget | None = None,
        *,
        extra_tabs: Sequence[tuple[str, QWidget]] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self._repo = repository
        self._dossier: Dossier | None = None
        self._state = STATE_NONE
        self._deleted = False  # the shown dossier was deleted while it had unsaved edits
        self._prompt: QMessageBox | None = None
        self._switch_to = ""  # the dossier asked for while the prompt is open
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)

        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self._read_only = False  # the account may not change dossiers (rights)
        self._saving = False  # an edit is on its way to the disk
        self._write: object = None  # its task, kept alive while it runs
        self._then: Callable[[], None] | None = None  # what follows once it is on disk

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Dossier details"))
        layout.addWidget(self.tabs, 1)
        self._form_slot = FormSlot(self._on_modified)  # the form is built at its first use
        self.tabs.addTab(self._form_slot, self.tr("Details"))
        for title, widget in extra_tabs:
            self.tabs.addTab(widget, title)
        # Under the tabs, above Save: showing it takes room from the bottom of the fields, so the field
        # being typed in never moves; hidden, it takes none. A longer message is elided with a Details
        # button, and never widens the pane.
        self.banner = MessageBanner(self)
        self.banner.hide()
        layout.addWidget(self.banner)

        bar = QHBoxLayout()
        self.state_label = QLabel(self)
        self.state_label.setObjectName("saveState")
        self.state_label.setAccessibleName(self.tr("Save state"))
        bar.addWidget(self.state_label, 1)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.setAccessibleName(self.tr("Revert changes"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName(self.tr("Save dossier"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        # Not connected to save itself: clicked(checked) would hand it False as its ``then`` callback.
        self.save_button.clicked.connect(lambda: self.save())
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)

        plain_labels(self)
        # The types are handed to the form when the first dossier is shown, not while the window is
        # built (that would build the form before the table paints); the contacts only when the form's
        # contact field needs them (reading every contact costs ~50 ms and ~20 MB at 100k).
        self._choices_loaded = False
        self._show(None)

    # -- public API ---------------------------------------------------------------------------------
    @property
    def form(self) -> DossierForm:  # built at its first use: with no dossier shown the pane has none
        return self._form_slot.form

    def dossier_id(self) -> str:
        """Id of the dossier shown, "" when none."""
        return self._dossier.id if self._dossier else ""

    def state(self) -> str:
        """The save state (STATE_*)."""
        return self._state

    def refresh_choices(self) -> None:
        """Reload dossier types and contacts into the form (after a sync brought new ones)."""
        self._choices_loaded = True
        self.form.set_choices(self._repo.dossier_types(), self._repo.contacts)  # read when first needed

    def set_dossier(self, dossier_id: str) -> None:
        """Show a dossier by id ("" clears the pane); with unsaved edits, ask first."""
        if self._prompt is not None:
            self._switch_to = dossier_id  # the latest request wins once the user answers
            return
        if dossier_id == self.dossier_id():
            return
        if self.form.is_modified():
            self._ask_before_switching(dossier_id)
            return
        self._show(self._repo.dossier(dossier_id) if dossier_id else None)

    def set_read_only(self, read_only: bool) -> None:
        """The account may view but not change dossiers: no Save, no editable fields."""
        self._read_only = read_only
        self.save_button.setVisible(not read_only)
        self.revert_button.setVisible(not read_only)
        self._clear_notice()
        self._apply_status_rules()
        self._refresh_state()

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Validate and queue the changes; True when the write started (and did not fail at once). The
        pane says "Saving…" until it is on disk, then emits ``saved`` and calls ``then`` (or says why
        it was not saved)."""
        if self._dossier is None or not self._editable_now() or self._saving:
            return False
        errors = self.form.validate()
        if errors:
            self._show_field_errors(errors)
            return False
        changes = self.form.changes()
        if not changes:
            return False
        self._saving = True  # the store announces the queued edit at once: that is no server change
        self._then = then
        self._refresh_state()
        # The version the form was loaded from: a colleague's change synced meanwhile becomes a
        # conflict rather than being overwritten.
        shown = self._dossier.id
        write = self._repo.save_dossier_changes(shown, changes, self._dossier)
        refused: list[Exception] = []  # filled at once when the write finished before start_write returned
        done = lambda _item: self._saved(shown, changes)  # noqa: E731
        self._write = start_write(self, write, done, lambda exc: (refused.append(exc), self._not_saved(exc)))
        return not refused

    def _not_saved(self, exc: Exception) -> None:
        self._saving = False
        if self._then is not None:  # the table may have moved on (Save in the unsaved prompt): back
            self._then = None
            self.dossierChanged.emit(self.dossier_id())
        if isinstance(exc, LocalValidationError):
            self._show_field_errors(problem_messages(exc.problems))
        elif isinstance(exc, STORAGE_ERRORS):  # full or read-only disk: nothing queued, values kept
            log.info("Edit of dossier %s not written: %s", self.dossier_id(), storage_failure(exc))
            self._notice(not_saved_text(exc))
            self._set_state(STATE_FAILED, self.tr("NOT saved: the local disk refused the edit."))
        else:
            self._refresh_state()
            raise exc

    def _saved(self, dossier_id: str, changes: dict[str, object]) -> None:
        self._saving = False
        then, self._then = self._then, None
        if self._dossier is None or self._dossier.id != dossier_id:  # the user moved on meanwhile
            self._refresh_state()
            return
        typed = {k: v for k, v in self.form.changes().items() if k not in changes or changes[k] != v}
        self.form.mark_saved()
        if typed:  # typed while saving: the saved values become the baseline, the new typing stays
            self.form.load(self._repo.dossier(self._dossier.id) or self._dossier)
            self.form.restore_edits(typed)
        self._clear_notice()
        self._apply_status_rules()
        self._dossier = self._repo.dossier(self._dossier.id) or self._dossier
        self._set_title()
        self._refresh_state()
        self.saved.emit(self._dossier.id)
        if then is not None:
            then()

    def revert(self) -> None:
        """Throw away unsaved edits."""
        self._show(self._repo.dossier(self.dossier_id()) if self._dossier else None)

    # -- bridge slots ---------------------------------------------------------------------------------
    def on_dossiers_changed(self, upserted: list[Dossier], deleted: list[str]) -> None:
        """Follow sync results: reload the shown dossier unless the user is editing it."""
        current = self.dossier_id()
        if not current:
            return
        if current in deleted:
            promoted = _promoted(self._repo, current, upserted)
            if promoted is not None:
                # A local create reached the server: same dossier, now under its server id. What the
                # caseworker typed meanwhile stays.
                edits = self.form.changes() if self.form.is_modified() else {}
                self._dossier = promoted
                self.form.load(promoted)
                if edits:
                    self.form.restore_edits(edits)
                self._apply_status_rules()
                self._set_title()
                self._refresh_state()
                self.dossierChanged.emit(promoted.id)
                return
            if self.form.is_modified():
                # Keep the typing on screen (it can be copied); it can no longer be saved.
                self._deleted = True
                self._notice(self.tr("This dossier was deleted. Your unsaved changes cannot be saved."))
                self._refresh_state()
                return
            self._show(None)
            self.banner.setText(self.tr("This dossier was deleted."))
            self.banner.show()
            return
        fresh = next((d for d in upserted if d.id == current), None)
        if fresh is None or self._deleted or self._saving:
            return
        base = self._dossier
        # Changed on the server = another version (etag) with other values than the form was based on.
        # The same version again, or our own write coming back with a new etag, is no news.
        before, after = self.form.values_of(base) if base else {}, self.form.values_of(fresh)
        server_moved = base is not None and fresh.etag != base.etag and before != after
        if self.form.is_modified() and base is not None:
            edits = self.form.changes()
            if server_moved and any(after.get(k) != before.get(k) for k in edits):
                # Never overwrite what the caseworker is typing; saving against the version the edits
                # started from makes the outbox treat it as a conflict.
                self._notice(self.tr("This dossier changed on the server while you were editing it."))
                return
            # Other fields changed: show them and keep the edited ones.
            self._dossier = fresh
            self.form.load(fresh)
            self.form.restore_edits(edits)
            self._apply_status_rules()
            self._set_title()
            self._refresh_state()
            if server_moved:
                self._notice(
                    self.tr("This dossier was updated on the server; your unsaved changes are kept.")
                )
            return
        self._dossier = fresh
        self.form.load(fresh)
        self._clear_notice()
        self._apply_status_rules()
        self._set_title()
        self._refresh_state()

    def on_outbox_changed(self, _pending: int = 0, _conflicts: int = 0, _failed: int = 0) -> None:
        """Re-read the shown dossier's outbox state (pending -> synced, or failed with field errors)."""
        if self._dossier is not None:
            self._refresh_state()

    # -- internals ----------------------------------------------------------------------------------
    def _ask_before_switching(self, target: str) -> None:
        """Non-blocking Save / Discard / Cancel question before leaving a dossier with unsaved edits."""
        d = self._dossier
        name = (d.no or d.description) if d is not None else ""
        box = unsaved_prompt(self, name, deleted=self._deleted)
        self._switch_to = target
        self._prompt = box
        box.finished.connect(lambda _result: self._on_prompt_answered(box))
        box.open()
        self.unsavedPromptShown.emit(box)

    def _on_prompt_answered(self, box: QMessageBox) -> None:
        clicked = box.clickedButton()
        answer = box.standardButton(clicked) if clicked is not None else QMessageBox.StandardButton.Cancel
        self._prompt = None
        box.deleteLater()
        target = self._switch_to

        def switch() -> None:
            self._show(self._repo.dossier(target) if target else None)

        if answer == QMessageBox.StandardButton.Save and self.save(then=switch):
            return  # switches once the edit is on disk
        if answer == QMessageBox.StandardButton.Discard:
            switch()
            return
        # Stay: bring the table (which already moved) back to the dossier being edited.
        self.dossierChanged.emit(self.dossier_id())

    def _show(self, dossier: Dossier | None) -> None:
        if dossier is not None and not self._choices_loaded:
            self.refresh_choices()
        self._dossier = dossier
        self._deleted = False
        self.banner.hide()
        if dossier is not None or self._form_slot.built:
            self.form.load(dossier)
            self.form.setVisible(dossier is not None)
        self._apply_status_rules()
        self._set_title()
        self._refresh_state()
        self.dossierChanged.emit(self.dossier_id())

    def _set_title(self) -> None:
        d = self._dossier
        if d is None:
            self.title.setText(self.tr("No dossier selected"))
            return
        status = caption(d.status)
        description = self.tr("Restricted") if restricted(d) else d.description
        self.title.setText(f"{d.no or self.tr('(new)')} · {description} · {status}")

    def _editable_now(self) -> bool:
        d = self._dossier
        if d is None or self._read_only or restricted(d):
            return False
        return not is_archived(d.status) and not self._deleted

    def _apply_status_rules(self) -> None:
        d = self._dossier
        if d is None:
            if self._form_slot.built:
                self.form.set_editable(False)
            return
        self.form.set_restricted(restricted(d))
        rights = Rights(can_write=not self._read_only)
        self.form.set_editable(editable_fields(d.status, rights, restricted=restricted(d)))
        reason = read_only_reason(d.status, rights, restricted=restricted(d))
        if reason is not None and reason is not ReadOnlyReason.NO_RIGHTS:  # said in the state line
            self._notice(read_only_text(reason))

    def _notice(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setToolTip(tooltip(text))
        self.banner.show()

    def _clear_notice(self) -> None:
        self.banner.clear()
        self.banner.hide()

    def _show_field_errors(self, errors: Mapping[Any, str]) -> None:
        unplaced = self.form.show_errors(errors)
        if unplaced:
            self._notice("\n".join(errors[k] for k in unplaced))
        self._set_state(STATE_FAILED, self.tr("Not saved: please correct the marked fields."))

    def _refresh_state(self) -> None:
        d = self._dossier
        if d is None:
            self._set_state(STATE_NONE, "")
            return
        if self._saving:
            self._set_state(STATE_SAVING, self.tr("Saving…"))
            return
        if self.form.is_modified():
            self._set_state(STATE_MODIFIED, self.tr("Unsaved changes"))
            return
        parked = [i for i in self._repo.parked_items() if i.dossier_id == d.id]
        if parked:
            item = parked[-1]
            if item.field_errors:
                self.form.show_errors(item.field_errors)
            message = outbox_error_message(item.error) or self.tr("The server did not accept the change.")
            self._set_state(STATE_FAILED, self.tr("Sync failed: %1").replace("%1", message))
        elif d.id in self._repo.pending_ids():
            self._set_state(STATE_PENDING, self.tr("Pending sync – saved on this computer"))
        elif self._read_only:
            self._set_state(
                STATE_SYNCED, self.tr("Read-only: your account may view dossiers but not change them.")
            )
        else:
            self._set_state(STATE_SYNCED, self.tr("Synced"))

    def _set_state(self, state: str, text: str) -> None:
        self.state_label.setText(text)
        self.state_label.setProperty("state", state)
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)
        self.save_button.setEnabled(state in (STATE_MODIFIED, STATE_FAILED) and self._editable_now())
        self.revert_button.setEnabled(self._form_slot.built and self.form.is_modified())
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _on_modified(self, _modified: bool) -> None:
        self._refresh_state()


def _promoted(repo: DossierRepository, local_id: str, upserted: list[Dossier]) -> Dossier | None:
    """The server's copy of a locally created dossier (the store knows which id its create received)."""
    if not is_local_id(local_id):
        return None
    server_id = repo.created_id(local_id)
    return next((d for d in upserted if d.id == server_id), None) if server_id else None
