"""What the documents widgets need from the services, and nothing more.

The widgets take these Protocols in their constructors; the app wires the real store / API client (or
thin adapters over them), tests pass the real ones against the sandbox or a tiny in-memory fake. No Qt
here so the contracts can be read without the GUI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from dossier_desk.api.models import Document, Dossier, UploadRules

# progress(bytes_sent, bytes_total); called on the event loop's thread as the body is streamed.
ProgressCallback = Callable[[int, int], None]


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


class DocumentUploader(Protocol):
    """Sends one file now, reporting progress. Cancelling the awaiting task must abort the request
    so that no partial document is created."""

    async def upload_document(self, job: UploadJob, progress: ProgressCallback) -> Document: ...


class UploadOutbox(Protocol):
    """Durably queues an upload for later (offline); returns the outbox item id."""

    def queue_upload(self, job: UploadJob) -> str: ...

    def is_queued(self, item_id: str) -> bool:
        """Whether the item is still in the outbox (pending, in flight or parked)."""
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
