"""Adapters from the real services (``api.DossierApi``, ``store.DossierStore``) to the documents ports.

``DossierApi.download_document`` and ``DossierStore.documents`` already match their ports and are
passed as they are; these cover the ones whose shapes differ.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from dossier_desk.api.models import UploadRules
from dossier_desk.store.outbox_model import OutboxItem, OutboxKind, OutboxState
from dossier_desk.ui.documents.ports import UploadJob


class _Api(Protocol):
    async def get_upload_rules(self) -> UploadRules: ...


class _Pending(Protocol):
    def wait(self) -> Any: ...


class _Store(Protocol):
    def queue_upload(self, dossier_id: str, path: Any, **kwargs: Any) -> _Pending: ...

    def outbox_items(self) -> list[OutboxItem]: ...

    def sent_upload_listed(self, item_id: int) -> bool: ...

    def discard(self, item_id: int) -> _Pending: ...

    def retry(self, item_id: int) -> _Pending: ...


class ApiUploadRules:
    """``UploadRulesSource`` over ``DossierApi.get_upload_rules`` (the API caches the rules)."""

    def __init__(self, api: _Api) -> None:
        self._api = api

    async def upload_rules(self) -> UploadRules:
        return await self._api.get_upload_rules()


class StoreUploadOutbox:
    """``UploadOutbox`` over ``DossierStore`` (queue, items, discard, retry) and the sync engine's
    ``cancel_send`` (``OutboxPusher.cancel_upload``: aborts the upload on the wire)."""

    def __init__(self, store: _Store, cancel_send: Callable[[int], bool] = lambda _item_id: False) -> None:
        self._store = store
        self._cancel_send = cancel_send

    def queue_upload(self, job: UploadJob) -> str:
        item = self._store.queue_upload(
            job.dossier_id,
            job.path,
            description=job.description,
            document_type=job.document_type,
            document_date=job.document_date,
            confidential=job.confidential,
        ).wait()  # called in a worker thread (the upload queue's copy)
        return str(getattr(item, "id", item))

    def upload_items(self) -> dict[str, OutboxItem]:
        return {str(i.id): i for i in self._store.outbox_items() if i.kind is OutboxKind.UPLOAD}

    def was_listed(self, item_id: str) -> bool:
        """For a sent item: whether the server lists the uploaded document for this account."""
        return not item_id.isdigit() or self._store.sent_upload_listed(int(item_id))

    def cancel(self, item_id: str) -> bool:
        if not item_id.isdigit():
            return False
        if self._cancel_send(int(item_id)):
            return True  # the pusher drops the item once the request is aborted
        item = self.upload_items().get(item_id)
        if item is None or item.state is not OutboxState.PENDING:
            return False  # gone, parked (the sync issues window decides) or being checked
        self._store.discard(int(item_id)).wait()
        return True

    def retry(self, item_id: str) -> None:
        if item_id.isdigit():
            self._store.retry(int(item_id)).wait()
