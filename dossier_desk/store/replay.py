"""Sending queued writes: one outbox item at a time, in order, with idempotent replay.

An item is marked ``in_flight`` and ``unsure`` (committed) before its request is sent, so after a crash
or a lost response the outcome is known to be *unknown*, and the replay checks first
(:mod:`.outcome_check`; nothing is written into the user's fields for this):

* create: a record changed since the first send that holds every value the user entered and no other
  write of ours produced is adopted; none: sent again; several: parked as *outcome unknown*;
* update: a 412 whose current server values already equal the edit counts as applied;
* delete: a 404 counts as done;
* upload: a document with the same file name, size and content hash counts as uploaded; when none is
  listed but the document may be hidden from this user (confidential or medical, and the list shows
  no such document), the item is parked as *outcome unknown*, never sent again on its own;
* workflow action: a line already in the action's end state (decided for complete / reject,
  undecided again for reopen) counts as done.

Items are claimed with a compare-and-set (:meth:`Outbox.mark_in_flight`): an item another process
on the same profile claimed first is skipped. Items left in flight by a killed process (claimed before
this pusher was made) are released once, before its first pass.

Ready edits of several dossiers go first, together, through ``$batch`` (:mod:`.batch_push`).

Transient failures (5xx, 429 with its Retry-After capped at 15 minutes, timeouts) defer the item with
backoff; network failures stop the push (the engine goes offline); validation / permission failures
park the item as *failed* and 412s as a *conflict* with base / mine / theirs. Any other exception (a
bug) parks the item as *failed* (kind "unexpected") and the push goes on. Nothing is dropped. Failures
are recorded as data (:mod:`.outbox_errors`); the UI words them in the user's language.
"""

from __future__ import annotations

import asyncio
import logging
import random
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dossier_desk.api import errors
from dossier_desk.api.models import Dossier, UploadRules
from dossier_desk.store.batch_push import BatchEdits
from dossier_desk.store.cache import Cache
from dossier_desk.store.outbox import Outbox, outbox_time
from dossier_desk.store.outbox_errors import error_of, unexpected_error
from dossier_desk.store.outbox_model import (
    Conflict,
    OutboxItem,
    OutboxKind,
    OutboxState,
    conflict_side,
    dossier_to_wire,
    dossier_values,
    is_local_id,
)
from dossier_desk.store.outcome_check import landed_creates
from dossier_desk.store.ports import StoreApi
from dossier_desk.store.push_outcome import Outcome
from dossier_desk.store.upload_push import UploadPush

log = logging.getLogger(__name__)

MAX_BACKOFF_S = 300.0
MAX_RETRY_AFTER_S = 900.0  # a server asking for a longer wait is asked again after 15 minutes
_WORKFLOW_END_STATE = {"complete": "Completed", "reject": "Rejected"}
_DECIDED = ("Completed", "Rejected")


def describe_unexpected(exc: BaseException) -> str:
    """The exception's type and stack (file, line, function) without its message or any values, which
    may hold personal data: fit for the log."""
    frames = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
    return f"{type(exc).__module__}.{type(exc).__qualname__}\n{frames}".rstrip()


class PushStopped(Exception):
    """The push cannot go on now (offline, rate limited, signed out); ``cause`` says why."""

    def __init__(self, cause: errors.ApiError) -> None:
        super().__init__(str(cause))
        self.cause = cause


@dataclass(slots=True)
class PushReport:
    """What a push pass did."""

    done: int = 0
    deferred: int = 0
    parked: int = 0
    changed_dossiers: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)
    documents_changed: list[str] = field(default_factory=list)
    workflow_changed: list[str] = field(default_factory=list)


def unreachable_now(exc: errors.ApiError) -> bool:
    """No connection / session refused: nothing more can be sent in this pass."""
    return isinstance(exc, errors.NetworkError | errors.RequestTimeoutError | errors.AuthenticationError)


def backoff_s(attempts: int) -> float:
    """Exponential backoff with jitter: ~2, 4, 8 ... seconds, capped at :data:`MAX_BACKOFF_S`."""
    return min(MAX_BACKOFF_S, 2.0 ** max(1, attempts)) * random.uniform(0.75, 1.25)


class OutboxPusher(BatchEdits, UploadPush):
    """Pushes :class:`~dossier_desk.store.outbox.Outbox` items through a ``DossierApi``."""

    def __init__(
        self,
        api: StoreApi,
        cache: Cache,
        outbox: Outbox,
        *,
        now: Callable[[], float],
        rules: Callable[[], tuple[UploadRules, str]] | None = None,
        batching: bool = True,
        on_upload_progress: Callable[[int, int, int], None] | None = None,
    ) -> None:
        self.api = api
        self._rules = rules  # the upload rules in force (server, profile or defaults) and their source
        self.cache = cache
        self.outbox = outbox
        self._now = now
        self.last_report: PushReport | None = None
        self._released = False
        self._sending = False  # the current item's own request (not a check) has been started
        self.batching = batching  # many ready edits go in one $batch round trip
        self._started = outbox_time()  # items claimed before this were left by an earlier process
        self.on_upload_progress = on_upload_progress  # (item id, bytes sent, bytes total), throttled
        self._upload_send = None

    async def push_all(self, on_progress: Callable[[int, int], None] | None = None) -> PushReport:
        """Push every ready item in queue order; a parked or waiting item holds back its dossier's later
        items. Raises :class:`PushStopped` when no further request makes sense now.
        """
        report = PushReport()
        self.last_report = report
        if not self._released:
            released = await self.outbox.release_in_flight(claimed_before=self._started)
            self._released = True
            if released:
                log.info("%d outbox items were in flight when the app last stopped", released)
        if self.batching:
            await self._push_edit_batches(report)
        queue = [i.id for i in self.outbox.items()]
        blocked: set[str] = set()
        for index, item_id in enumerate(queue):
            item = self.outbox.get(item_id)  # re-read: earlier items may have rewritten ids and etags
            if item is None:
                continue
            if item.dossier_id in blocked or self._waits(item):
                blocked.add(item.dossier_id)
                continue
            outcome = await self._push_guarded(item, report)
            self._count(report, outcome)
            if outcome not in (Outcome.DONE, Outcome.CANCELLED):
                blocked.add(item.dossier_id)
            if on_progress is not None:
                on_progress(index + 1, len(queue))
        return report

    def _waits(self, item: OutboxItem) -> bool:
        if item.parked:
            return True
        if item.author and item.author != self.outbox.author:
            return True  # queued by another account: sent only with its author's token

        if item.state is OutboxState.IN_FLIGHT:
            return True  # being sent by another instance on this profile (ours were released)
        if is_local_id(item.dossier_id) and item.kind is not OutboxKind.CREATE:
            return True  # its dossier's create has not been confirmed yet
        return item.next_attempt_at > self._now()

    def _count(self, report: PushReport, outcome: Outcome) -> None:
        if outcome is Outcome.DONE:
            report.done += 1
        elif outcome is Outcome.DEFERRED:
            report.deferred += 1
        elif outcome is Outcome.PARKED:
            report.parked += 1

    async def _defer_all(self, items: Sequence[OutboxItem], exc: errors.ApiError) -> None:
        """A whole batch failed: its items wait like a single send would (outcome unknown unless the
        failure proves nothing was applied); raises :class:`PushStopped` for network / rate limits."""
        self._sending = True
        unsent = self._unsent(exc)
        wait = 0.0 if unreachable_now(exc) else self._now() + backoff_s(max(i.attempts for i in items) + 1)
        if isinstance(exc, errors.RateLimitedError) and exc.retry_after:
            wait = self._now() + min(exc.retry_after, MAX_RETRY_AFTER_S)
        deferring = [self.outbox.defer(item.id, wait, error_of(exc), unsent=unsent) for item in items]
        for write in deferring:  # handed over together: one wait for the writer, not one per item
            await write
        if unreachable_now(exc) or isinstance(exc, errors.RateLimitedError):
            raise PushStopped(exc) from exc

    async def _push_guarded(
        self, item: OutboxItem, report: PushReport, run: Callable[[], Any] | None = None
    ) -> Outcome:
        try:
            return await self._push_classified(item, report, run)
        except PushStopped:
            raise
        except asyncio.CancelledError:
            # Outcome unknown: checked on the next attempt. Handed to the writer, not awaited (this
            # task is being cancelled); closing the database still lands it.
            self.outbox.release_in_flight(item.id)
            raise
        except Exception as exc:  # a bug: keep the item, tell the user, go on with the others
            log.error(
                "outbox item %d (%s) failed unexpectedly: %s",
                item.id,
                item.kind.value,
                describe_unexpected(exc),
            )
            await self.outbox.park_failed(item.id, unexpected_error(exc))
            return Outcome.PARKED

    async def _claim(self, item: OutboxItem) -> bool:
        """Mark ``item`` in flight (on disk) just before its own request; ``False``: another process
        has it."""
        self._sending = await self.outbox.mark_in_flight(item.id)
        return self._sending

    def _unsent(self, exc: errors.ApiError) -> bool:
        """The failure proves the item's own request did not apply (a check's failure proves nothing)."""
        refused = isinstance(exc, errors.RateLimitedError | errors.AuthenticationError)
        return self._sending and (refused or bool(getattr(exc, "unsent", False)))

    async def _push_classified(
        self, item: OutboxItem, report: PushReport, run: Callable[[], Any] | None = None
    ) -> Outcome:
        self._sending = run is not None  # a batch result: the item's own request was sent
        try:
            return await (run() if run is not None else self._push_one(item, report))
        except (errors.NetworkError, errors.RequestTimeoutError, errors.AuthenticationError) as exc:
            await self.outbox.defer(item.id, 0.0, error_of(exc), unsent=self._unsent(exc))
            raise PushStopped(exc) from exc
        except errors.RateLimitedError as exc:
            wait = (
                min(exc.retry_after, MAX_RETRY_AFTER_S) if exc.retry_after else backoff_s(item.attempts + 1)
            )
            await self.outbox.defer(item.id, self._now() + wait, error_of(exc), unsent=self._unsent(exc))
            raise PushStopped(exc) from exc
        except (errors.ServerError, errors.MalformedResponseError) as exc:
            await self.outbox.defer(item.id, self._now() + backoff_s(item.attempts + 1), error_of(exc))
            log.info("outbox item %d deferred after %s", item.id, type(exc).__name__)
            return Outcome.DEFERRED
        except errors.ConflictError as exc:
            return await self._conflict(item, exc, report)
        except errors.NotFoundError as exc:
            if item.kind is OutboxKind.DELETE:
                await self.outbox.complete(item, deleted=True)
                report.removed_ids.append(item.dossier_id)
                return Outcome.DONE
            await self.outbox.park_failed(item.id, error_of(exc))
            return Outcome.PARKED
        except errors.ApiError as exc:  # validation, permission denied, 428, other 4xx
            await self.outbox.park_failed(item.id, error_of(exc))
            return Outcome.PARKED

    async def _push_one(self, item: OutboxItem, report: PushReport) -> Outcome:
        handler = {
            OutboxKind.CREATE: self._create,
            OutboxKind.UPDATE: self._update,
            OutboxKind.DELETE: self._delete,
            OutboxKind.UPLOAD: self._upload,
            OutboxKind.WORKFLOW: self._workflow,
        }[item.kind]
        return await handler(item, report)

    async def _create(self, item: OutboxItem, report: PushReport) -> Outcome:
        created: Dossier | None = None
        if item.unsure:
            found = await landed_creates(self.api, item, self.outbox.result_ids())
            if len(found) > 1:
                log.info("outbox item %d: %d records may be its create; parked", item.id, len(found))
                await self.outbox.park_unknown(item.id, [d.id for d in found])
                return Outcome.PARKED
            if found:
                created = found[0]
                log.info("outbox item %d: create already applied, adopting it", item.id)
        if created is None:
            if not await self._claim(item):
                return Outcome.SKIPPED
            created = await self.api.create_dossier(item.payload["fields"])
        await self.outbox.complete(item, server_dossier=created)
        report.removed_ids.append(item.dossier_id)
        report.changed_dossiers.append(created.id)
        return Outcome.DONE

    async def _update(self, item: OutboxItem, report: PushReport) -> Outcome:
        if not await self._claim(item):
            return Outcome.SKIPPED
        base_etag = item.payload["baseEtag"]
        updated = await self.api.update_dossier(item.dossier_id, base_etag, item.payload["changes"])
        await self.outbox.complete(item, server_dossier=updated, old_etag=base_etag)
        report.changed_dossiers.append(updated.id)
        return Outcome.DONE

    async def _delete(self, item: OutboxItem, report: PushReport) -> Outcome:
        if not await self._claim(item):
            return Outcome.SKIPPED
        await self.api.delete_dossier(item.dossier_id, item.payload["baseEtag"])
        await self.outbox.complete(item, deleted=True)
        report.removed_ids.append(item.dossier_id)
        return Outcome.DONE

    async def _refresh_dossier(self, item: OutboxItem, report: PushReport) -> None:
        """Finish an item that changed the dossier's etag without returning it."""
        old = self.cache.dossier(item.dossier_id)
        fresh = await self.api.get_dossier(item.dossier_id)
        await self.outbox.complete(item, server_dossier=fresh, old_etag=old.etag if old else "")
        report.changed_dossiers.append(fresh.id)

    async def _workflow(self, item: OutboxItem, report: PushReport) -> Outcome:
        p = item.payload
        end_state = _WORKFLOW_END_STATE.get(p["action"])
        if item.unsure:
            entries = await self.api.workflow_log(item.dossier_id)
            line = next((e for e in entries if e.line_no == p["lineNo"]), None)
            if end_state:
                applied = line is not None and line.state == end_state
            else:  # reopen: the line is undecided again
                applied = p["action"] == "reopen" and line is not None and line.state not in _DECIDED
            if applied:
                log.info("outbox item %d: workflow action already applied", item.id)
                await self.cache.replace_workflow_log(item.dossier_id, entries)
                await self._refresh_dossier(item, report)
                report.workflow_changed.append(item.dossier_id)
                return Outcome.DONE
        if not await self._claim(item):
            return Outcome.SKIPPED
        entries = await self.api.workflow_action(item.dossier_id, p["action"], p["lineNo"], p["comments"])
        await self.cache.replace_workflow_log(item.dossier_id, entries)
        await self._refresh_dossier(item, report)
        report.workflow_changed.append(item.dossier_id)
        return Outcome.DONE

    async def _conflict(self, item: OutboxItem, exc: errors.ConflictError, report: PushReport) -> Outcome:
        theirs = exc.current
        if theirs is None:
            try:
                theirs = await self.api.get_dossier(item.dossier_id)
            except errors.NotFoundError:
                theirs = None
            except errors.ApiError as again:
                await self.outbox.defer(item.id, self._now() + backoff_s(item.attempts + 1), error_of(again))
                return Outcome.DEFERRED
        if item.kind is OutboxKind.DELETE and theirs is None:
            # The record is gone: what the deletion wanted has happened.
            await self.outbox.complete(item, deleted=True)
            report.removed_ids.append(item.dossier_id)
            return Outcome.DONE
        base = item.payload.get("base", {})
        changes = item.payload.get("changes", {})
        if item.kind is OutboxKind.UPDATE and theirs is not None:
            wire = dossier_to_wire(theirs)
            if all(wire.get(k) == v for k, v in changes.items()):
                # Our earlier attempt (outcome unknown) or an identical edit already landed.
                await self.outbox.complete(item, server_dossier=theirs, old_etag=item.payload["baseEtag"])
                report.changed_dossiers.append(theirs.id)
                return Outcome.DONE
        conflict = Conflict(
            base=conflict_side(base),
            mine=conflict_side({**base, **changes}),
            theirs=dossier_values(theirs) if theirs is not None else None,
            theirs_etag=theirs.etag if theirs is not None else "",
        )
        if theirs is not None:
            await self.cache.upsert_dossiers([theirs])
            report.changed_dossiers.append(theirs.id)
        await self.outbox.park_conflict(item.id, conflict, error_of(exc))
        log.info("outbox item %d parked as conflict", item.id)
        return Outcome.PARKED
