"""What the sync issues window needs from the store (``DossierStore`` satisfies it as it is)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol

from dossier_desk.domain.dossier_rules import DossierEdits
from dossier_desk.store.outbox_model import OutboxItem


class ParkedItemsStore(Protocol):
    """Parked outbox items and the user's decisions on them."""

    def parked_items(self) -> list[OutboxItem]: ...

    def waiting_items(self) -> list[OutboxItem]: ...

    # The decisions are awaited: each resolves once it is on disk.
    def resolve_conflict(
        self, item_id: int, resolution: DossierEdits, use_etag: str
    ) -> Awaitable[OutboxItem | None]: ...

    def retry(self, item_id: int) -> Awaitable[OutboxItem]: ...

    def discard(self, item_id: int) -> Awaitable[list[int]]: ...


class ErrorReporter(Protocol):
    """Shows a failure to the user (``ui.errors.MessageBridge``)."""

    def show_error(self, exc: BaseException, *, context: str = "") -> None: ...
