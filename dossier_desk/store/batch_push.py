"""Queued edits of many dossiers in one ``$batch`` round trip (a mixin of the outbox pusher).

Only the first queued write of each dossier can go (a later one needs the etag the earlier one
produces), and only edits (PATCH with If-Match). Each round sends up to 100 of them, not all-or-nothing:
a stale edit fails alone as a conflict; an operation the server did not run ("not executed") stays
queued and goes in the next round or pass. Completed edits rebase the dossier's next edit, which then
joins the next round. A server without ``$batch`` switches the pusher to one request per item.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from dossier_desk.api import errors
from dossier_desk.api.batch import MAX_BATCH_OPERATIONS, DossierUpdate
from dossier_desk.store.outbox_model import OutboxItem, OutboxKind

if TYPE_CHECKING:
    from dossier_desk.store.outbox import Outbox
    from dossier_desk.store.replay import Outcome, PushReport

log = logging.getLogger(__name__)

MIN_BATCH = 2  # one edit alone goes the ordinary way
MAX_ROUNDS = 50
_UNSUPPORTED = (400, 404, 405, 501)


def batchable_heads(items: Sequence[OutboxItem], waits: Callable[[OutboxItem], bool]) -> list[OutboxItem]:
    """The first queued write of each dossier, where it is an edit ready to be sent (queue order)."""
    seen: set[str] = set()
    heads: list[OutboxItem] = []
    for item in items:
        if item.dossier_id in seen:
            continue
        seen.add(item.dossier_id)
        if item.kind is OutboxKind.UPDATE and item.payload.get("baseEtag") and not waits(item):
            heads.append(item)
    return heads


class BatchEdits:
    """Adds :meth:`_push_edit_batches` to the pusher."""

    api: Any
    outbox: Outbox
    batching: bool

    if TYPE_CHECKING:

        def _waits(self, item: OutboxItem) -> bool: ...

        def _count(self, report: PushReport, outcome: Outcome) -> None: ...

        async def _push_guarded(
            self, item: OutboxItem, report: PushReport, run: Callable[[], Any] | None = None
        ) -> Outcome: ...

        async def _defer_all(self, items: Sequence[OutboxItem], exc: errors.ApiError) -> None: ...

    async def _push_edit_batches(self, report: PushReport) -> None:
        """Send ready edits of different dossiers in ``$batch`` rounds while at least two are ready."""
        for _round in range(MAX_ROUNDS):
            heads = batchable_heads(self.outbox.items(), self._waits)[:MAX_BATCH_OPERATIONS]
            if len(heads) < MIN_BATCH:
                return
            claims = [(i, self.outbox.mark_in_flight(i.id)) for i in heads]  # handed over together
            claimed = [i for i, claim in claims if await claim]
            updates = [
                DossierUpdate(i.dossier_id, i.payload["baseEtag"], i.payload["changes"]) for i in claimed
            ]
            try:
                outcomes = await self.api.update_dossiers(updates)
            except errors.ApiError as exc:
                if exc.status in _UNSUPPORTED and not errors.is_transient(exc):
                    log.info("the server refused $batch (status %d): sending one by one", exc.status)
                    self.batching = False
                    # Refused as a whole: nothing was applied.
                    for write in [self.outbox.defer(i.id, 0.0, None, unsent=True) for i in claimed]:
                        await write
                    return
                await self._defer_all(claimed, exc)  # raises PushStopped when nothing more makes sense now
                return
            progress = 0
            for item, outcome in zip(claimed, outcomes, strict=True):
                if isinstance(outcome.error, errors.NotExecutedError):
                    # Not run: stays queued, goes again.
                    await self.outbox.defer(item.id, 0.0, None, unsent=True)
                    continue
                result = outcome  # bind for the closure

                async def apply(item: OutboxItem = item, result: Any = result) -> Outcome:
                    return await self._apply_update(item, result, report)

                self._count(report, await self._push_guarded(item, report, apply))
                progress += outcome.error is None
            if not progress:
                return

    async def _apply_update(self, item: OutboxItem, outcome: Any, report: PushReport) -> Outcome:
        from dossier_desk.store.replay import Outcome

        if outcome.error is not None:
            raise outcome.error  # classified like a single send's failure (conflict, validation...)
        await self.outbox.complete(item, server_dossier=outcome.dossier, old_etag=item.payload["baseEtag"])
        report.changed_dossiers.append(outcome.dossier.id)
        return Outcome.DONE
