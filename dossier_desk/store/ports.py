"""What the store needs from the API client (``dossier_desk.api.client.DossierApi`` provides it).

Spelled out as a Protocol so the store's dependencies are explicit and a test double can stand in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from dossier_desk.api.batch import DossierUpdate, UpdateOutcome
from dossier_desk.api.decoding import SkippedRecord
from dossier_desk.api.models import Contact, Document, Dossier, DossierType, UploadRules, WorkflowEntry
from dossier_desk.api.odata import Query


class StoreApi(Protocol):
    """The subset of ``DossierApi`` used by the sync engine, the outbox pusher and the store facade."""

    def iter_dossier_pages(
        self,
        query: Query | None = None,
        *,
        page_size: int = ...,
        on_progress: Callable[[int, int | None], None] | None = None,
        read_ahead: bool = ...,
    ) -> AsyncIterator[list[Dossier]]:
        """Pages of dossiers matching ``query`` (``read_ahead``: request the next page meanwhile)."""
        ...

    async def list_dossier_ids(self) -> set[str]:
        """Ids of every dossier the user can see."""
        ...

    async def get_dossier(self, dossier_id: str) -> Dossier:
        """One dossier."""
        ...

    async def create_dossier(self, fields: Mapping[str, Any]) -> Dossier:
        """POST a dossier."""
        ...

    async def update_dossier(self, dossier_id: str, etag: str, changes: Mapping[str, Any]) -> Dossier:
        """PATCH with If-Match."""
        ...

    async def update_dossiers(self, updates: Sequence[DossierUpdate]) -> list[UpdateOutcome]:
        """PATCH up to 100 dossiers in one ``$batch`` round trip; one outcome per update, in order."""
        ...

    async def delete_dossier(self, dossier_id: str, etag: str) -> None:
        """DELETE with If-Match."""
        ...

    async def list_dossier_types(self) -> list[DossierType]:
        """All dossier types."""
        ...

    async def list_contacts(self, query: Query | None = None) -> list[Contact]:
        """Contacts."""
        ...

    async def list_documents(self, dossier_id: str) -> list[Document]:
        """Document metadata of a dossier."""
        ...

    async def upload_document(
        self,
        dossier_id: str,
        path: Path,
        *,
        description: str,
        document_type: str,
        document_date: str = "",
        confidential: bool = False,
        on_progress: Callable[[int, int], None] | None = None,
        rules: UploadRules | None = None,
        opener: Callable[[], BinaryIO] | None = None,
        size: int | None = None,
    ) -> Document | None:
        """Upload a file to a dossier (``None``: accepted without a body; re-list to see it).
        ``opener``/``size``: content other than ``path``'s bytes (an encrypted upload copy)."""
        ...

    async def download_document(self, document: Document, directory: Path) -> Path:
        """Stream a document's content into ``directory``; returns the path written."""
        ...

    async def server_upload_rules(self) -> UploadRules | None:
        """The server's upload rules if it offers them, else ``None``."""
        ...

    def retry_now(self) -> None:
        """Stop holding requests for a server's Retry-After (the user asked to retry now)."""
        ...

    def take_skipped(self) -> list[SkippedRecord]:
        """Records skipped as unreadable since the last call (entity set, key, problem code)."""
        ...

    async def workflow_log(self, dossier_id: str) -> list[WorkflowEntry]:
        """A dossier's workflow log."""
        ...

    async def workflow_action(
        self, dossier_id: str, action: str, line_no: int, comments: str = ""
    ) -> list[WorkflowEntry]:
        """Complete / reject / reopen a workflow line; returns the new log."""
        ...
