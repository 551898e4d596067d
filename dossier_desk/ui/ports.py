"""What the widgets need from the service layer, as small Protocols.

Widgets take these in their constructors; the app passes the real ``store.DossierStore`` and
``store.SyncEngine``, tests pass the same or a tiny fake. ``changes`` / ``fields`` are keyed by the
domain's ``DossierField``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Protocol

from dossier_desk.api.models import Contact, Dossier, DossierType
from dossier_desk.domain.dossier_rules import DossierEdits
from dossier_desk.store.outbox_errors import ItemError


class QueuedWrite(Protocol):
    """The part of a store ``OutboxItem`` the UI reads."""

    dossier_id: str
    error: ItemError | None  # the last failure, worded by ui.api_messages.outbox_error_message

    @property
    def field_errors(self) -> Mapping[str, str]:
        """The server's messages per field of the last failure."""
        ...

    @property
    def parked(self) -> bool:
        """True when the write waits for the user (conflict or failed)."""
        ...


class DossierRepository(Protocol):
    """Reads from the local cache and writes through the outbox; never waits on the network.

    Writes are awaited (the event loop runs while the disk syncs). ``save_dossier_changes`` and
    ``create_dossier`` raise ``store.LocalValidationError`` (its ``problems`` are the domain's codes
    per field) when local validation fails; nothing is queued.
    """

    def load_dossiers(self) -> list[Dossier]:
        """Every cached dossier, with queued local edits applied."""
        ...

    def dossier(self, dossier_id: str) -> Dossier | None:
        """One dossier as the user should see it (local edits applied)."""
        ...

    def dossier_types(self) -> list[DossierType]:
        """The cached dossier types."""
        ...

    def contacts(self) -> list[Contact]:
        """The cached contacts."""
        ...

    def pending_ids(self) -> set[str]:
        """Ids of dossiers with writes waiting in the outbox."""
        ...

    def created_id(self, local: str) -> str | None:
        """The server id a locally created dossier (``local-...``) received, once its create landed."""
        ...

    def save_dossier_changes(
        self, dossier_id: str, changes: DossierEdits, base: Dossier | None = None
    ) -> Awaitable[QueuedWrite]:
        """Queue an edit of the fields in ``changes``; resolves once it is on disk. ``base`` is the dossier
        the form was loaded from: when the server changed the edited fields since, the write becomes a
        conflict, never an overwrite.
        """
        ...

    def create_dossier(self, fields: DossierEdits) -> Awaitable[QueuedWrite]:
        """Queue a POST; the new dossier appears at once under a temporary local id."""
        ...

    def delete_dossier(self, dossier_id: str) -> Awaitable[QueuedWrite]:
        """Queue a DELETE."""
        ...

    def parked_items(self) -> list[QueuedWrite]:
        """Writes waiting for the user: conflicts and failures (server validation errors among them)."""
        ...


class SyncControl(Protocol):
    """The sync engine, as the window drives it."""

    async def sync_now(self) -> Exception | None:
        """Push the outbox and pull changes now; returns the error that ended the pass (also reported
        through the bridge's ``syncFinished``)."""
        ...

    def set_work_offline(self, enabled: bool) -> None:
        """Stop (or resume) all network use, like Outlook's "Work Offline"."""
        ...
