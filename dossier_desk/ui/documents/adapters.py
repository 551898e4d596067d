"""Adapters from the real services (``api.DossierApi``, ``store.DossierStore``) to the documents ports.

``DossierApi.download_document`` and ``DossierStore.documents`` already match their ports and are
passed as they are; these cover the three whose shapes differ.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from dossier_desk.api.errors import ApiError, is_transient
from dossier_desk.api.models import Document, UploadRules
from dossier_desk.ui.documents.ports import ProgressCallback, UploadJob
from dossier_desk.ui.documents.upload_queue import nothing_was_sent

log = logging.getLogger(__name__)


class _Api(Protocol):
    async def get_upload_rules(self) -> UploadRules: ...

    async def upload_document(self, dossier_id: str, path: Any, **kwargs: Any) -> Document: ...


class _Store(Protocol):
    def queue_upload(self, dossier_id: str, path: Any, **kwargs: Any) -> Any: ...

    def outbox_items(self) -> list[Any]: ...

    def sent_upload_listed(self, item_id: int) -> bool: ...

    async def refresh_documents(self, dossier_id: str) -> list[Document]: ...


class ApiUploadRules:
    """``UploadRulesSource`` over ``DossierApi.get_upload_rules`` (the API caches the rules)."""

    def __init__(self, api: _Api) -> None:
        self._api = api

    async def upload_rules(self) -> UploadRules:
        return await self._api.get_upload_rules()


class DirectUploader:
    """``DocumentUploader``: streams the file now, then refreshes the dossier's cached document list.

    The refresh is best effort and separate from the upload's outcome: if it failed and counted as a
    failed upload, the queue would send the file again and create a duplicate.
    """

    def __init__(self, api: _Api, store: _Store) -> None:
        self._api = api
        self._store = store
        self._unlisted: set[str] = set()  # uploaded, but not in the list the server gave us afterwards

    def was_listed(self, document: Document) -> bool:
        """False when the server accepted ``document`` but does not list it for this account (e.g. a
        caseworker's Medical upload: occupational health only). True when unknown."""
        return document.id not in self._unlisted

    async def upload_document(self, job: UploadJob, progress: ProgressCallback) -> Document:
        try:
            document = await self._api.upload_document(
                job.dossier_id,
                job.path,
                description=job.description,
                document_type=job.document_type,
                document_date=job.document_date,
                confidential=job.confidential,
                on_progress=progress,
            )
        except ApiError as exc:
            if is_transient(exc) and not nothing_was_sent(exc):
                # The server may have stored the file before the connection failed: show the user
                # the current list instead of sending it again (the queue marks the outcome unknown).
                await self._refresh(job.dossier_id)
            raise
        listed = await self._refresh(job.dossier_id)
        if listed is not None and document.id and document.id not in listed:
            self._unlisted.add(document.id)
        return document

    async def _refresh(self, dossier_id: str) -> set[str] | None:
        """The ids the server now lists for the dossier; None when the list could not be fetched."""
        try:
            return {d.id for d in await self._store.refresh_documents(dossier_id)}
        except ApiError as exc:
            # The next sync picks the document up; nothing to tell the user.
            log.info("document list refresh after upload failed: %s", type(exc).__name__)
            return None


class StoreUploadOutbox:
    """``UploadOutbox`` over ``DossierStore.queue_upload`` (keeps a private copy until sent)."""

    def __init__(self, store: _Store) -> None:
        self._store = store

    def queue_upload(self, job: UploadJob) -> str:
        item = self._store.queue_upload(
            job.dossier_id,
            job.path,
            description=job.description,
            document_type=job.document_type,
            document_date=job.document_date,
            confidential=job.confidential,
        )
        return str(getattr(item, "id", item))

    def is_queued(self, item_id: str) -> bool:
        return any(str(item.id) == item_id for item in self._store.outbox_items())

    def was_listed(self, item_id: str) -> bool:
        """For a sent item: whether the server lists the uploaded document for this account."""
        return not item_id.isdigit() or self._store.sent_upload_listed(int(item_id))
