"""Sending queued uploads (a mixin of the outbox pusher).

Every upload is an outbox item: the file's private copy (sealed when the cache is encrypted) is
streamed from disk. Progress goes to ``on_upload_progress`` (the store's listener), throttled; the
user may cancel the one upload on the wire without stopping the push (:meth:`cancel_upload`). An upload
whose earlier send may have landed is checked first (same name, size and content hash).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dossier_desk.api.models import Document, UploadRules
from dossier_desk.store.outbox_model import OutboxItem
from dossier_desk.store.outcome_check import landed_uploads, may_be_hidden
from dossier_desk.store.push_outcome import Outcome
from dossier_desk.store.uploads import PROGRESS_INTERVAL_S, ProgressThrottle

if TYPE_CHECKING:
    from dossier_desk.store.cache import Cache
    from dossier_desk.store.outbox import Outbox
    from dossier_desk.store.replay import PushReport

log = logging.getLogger(__name__)


class UploadPush:
    """Adds :meth:`_upload` and :meth:`cancel_upload` to the pusher."""

    api: Any
    cache: Cache
    outbox: Outbox
    _rules: Callable[[], tuple[UploadRules, str]] | None
    on_upload_progress: Callable[[int, int, int], None] | None  # (item id, bytes sent, bytes total)
    _upload_send: tuple[int, asyncio.Future[Any]] | None = None  # the upload on the wire
    progress_interval_s: float = PROGRESS_INTERVAL_S

    if TYPE_CHECKING:

        async def _claim(self, item: OutboxItem) -> bool: ...

    async def _upload(self, item: OutboxItem, report: PushReport) -> Outcome:
        p = item.payload
        if item.unsure:
            listed = await self.api.list_documents(item.dossier_id)
            copy = self.outbox.file_path(item)
            found = await landed_uploads(self.api, item, listed, self.outbox.result_ids(), copy)
            if len(found) == 1:
                log.info("outbox item %d: upload already applied", item.id)
                return await self._uploaded(item, report, [found[0].id], listed)
            if found or may_be_hidden(p, listed):
                # Several copies, or one this user may not be allowed to list: never send it again
                # on a guess; the user decides.
                log.info("outbox item %d: upload outcome cannot be checked; parked", item.id)
                await self.outbox.park_unknown(item.id, [d.id for d in found])
                return Outcome.PARKED
        if not await self._claim(item):
            return Outcome.SKIPPED
        size = int(p["size"])
        progress = None
        if self.on_upload_progress is not None:
            progress = ProgressThrottle(self.on_upload_progress, item.id, interval_s=self.progress_interval_s)
            progress(0, size)
        # Its own task, so the user can cancel this one request (see cancel_upload) and not the push.
        send = asyncio.ensure_future(
            self.api.upload_document(
                item.dossier_id,
                self.outbox.file_path(item),
                description=p["description"],
                document_type=p["documentType"],
                document_date=p["documentDate"],
                confidential=p["confidential"],
                rules=self._rules()[0] if self._rules is not None else None,
                opener=lambda: self.outbox.open_file(item),  # the copy may be encrypted at rest
                size=size,
                on_progress=progress,
            )
        )
        self._upload_send = (item.id, send)
        try:
            document = await send
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if not send.cancelled() or (current is not None and current.cancelling()):
                raise  # the push itself is being cancelled
            # The aborted request stored nothing: the user re-adds the file to send it after all.
            log.info("outbox item %d: upload cancelled by the user", item.id)
            await self.outbox.discard(item.id)
            return Outcome.CANCELLED
        finally:
            self._upload_send = None
        ids = [document.id] if document is not None and getattr(document, "id", "") else []
        return await self._uploaded(item, report, ids, None)

    def cancel_upload(self, item_id: int) -> bool:
        """Abort the upload of ``item_id`` if its request is on the wire now; False when it is not."""
        if self._upload_send is None or self._upload_send[0] != item_id:
            return False
        return self._upload_send[1].cancel()

    async def _uploaded(
        self, item: OutboxItem, report: PushReport, ids: list[str], listed: list[Document] | None
    ) -> Outcome:
        """Finish an upload that landed as ``ids``: refresh the documents and the dossier's etag."""
        if listed is None:
            listed = await self.api.list_documents(item.dossier_id)
        await self.cache.replace_documents(item.dossier_id, listed)
        old = self.cache.dossier(item.dossier_id)
        fresh = await self.api.get_dossier(item.dossier_id)
        old_etag = old.etag if old else ""
        await self.outbox.complete(item, server_dossier=fresh, old_etag=old_etag, result_ids=ids)
        report.changed_dossiers.append(fresh.id)
        report.documents_changed.append(item.dossier_id)
        return Outcome.DONE
