"""What the documents widgets need from the services, and nothing more.

The widgets take these Protocols in their constructors; the app wires the real store / API client (or
thin adapters over them), tests pass the real ones against the sandbox or a tiny in-memory fake. No Qt
here so the contracts can be read without the GUI.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from dossier_desk.api.models import Document, Dossier, UploadRules
from dossier_desk.store.outbox_model import OutboxItem


@dataclass(frozen=True, slots=True)
class UploadJob:
    """One file the user confirmed in the upload dialog, with the metadata to send along."""

    dossier_id: str
    path: Path
    description: str
    document_type: str
    confidential: bool
    document_date: str  # ISO YYYY-MM-DD
    size: int


class DocumentSource(Protocol):
    """Cached documents of a dossier (the store reads SQLite; never waits on the network)."""

    def documents(self, dossier_id: str) -> list[Document]: ...


class DocumentFetcher(Protocol):
    """Downloads a document's content into ``directory``; returns the (sanitised) file path."""

    async def download_document(self, document: Document, directory: Path) -> Path: ...


class UploadRulesSource(Protocol):
    """The server's upload rules (allowed extensions, max size, max files per request)."""

    async def upload_rules(self) -> UploadRules: ...


class UploadOutbox(Protocol):
    """Every upload goes through the outbox: it copies the file, then the sync engine sends it (at once
    when online) and reports progress through the store's listener. Item ids are strings here."""

    def queue_upload(self, job: UploadJob) -> str:
        """Copy the file and queue it; returns the outbox item id. Called in a worker thread."""
        ...

    def upload_items(self) -> dict[str, OutboxItem]:
        """The upload items now in the outbox (pending, in flight or parked), by id."""
        ...

    def was_listed(self, item_id: str) -> bool:
        """For a sent item: whether the server lists the uploaded document for this account."""
        ...

    def cancel(self, item_id: str) -> bool:
        """Stop the upload: abort its request if on the wire, else drop it from the outbox. False when
        it can no longer be stopped (it is being checked or already gone)."""
        ...

    def retry(self, item_id: str) -> None:
        """Send a parked upload again."""
        ...


class UploadSink(Protocol):
    """Where confirmed uploads go (the app's :class:`UploadQueueWidget`)."""

    def add_jobs(self, jobs: list[UploadJob]) -> object: ...


class ErrorReporter(Protocol):
    """Shows a failure to the user (``ui.errors.MessageBridge``)."""

    def show_error(self, exc: BaseException, *, context: str = "") -> None: ...


class DossierLookup(Protocol):
    """A dossier by id as the user should see it (``DossierStore.dossier``)."""

    def dossier(self, dossier_id: str) -> Dossier | None: ...
