"""Upload states and progress: every upload is an outbox item, and this is how the UI follows one.

An upload is copied into the outbox (in a worker thread), pushed by the sync engine as soon as it is
online, and its bytes-sent progress comes through the store's listener (``upload_progress``),
throttled here so a fast upload does not flood the GUI thread. Qt-free.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

from dossier_desk.store.outbox_model import OutboxItem, OutboxState, is_local_id

PROGRESS_INTERVAL_S = 0.1  # at most ~10 progress events a second per upload


class UploadState(Enum):
    """Where one upload is, from the user's drop to the server's document list."""

    COPYING = "copying"  # the private copy for the outbox is being made (worker thread)
    QUEUED = "queued"  # in the outbox; goes out with the next push
    OFFLINE = "offline"  # in the outbox while offline, or waiting for its dossier's create
    SENDING = "sending"  # the request is streaming the file
    DONE = "done"
    DONE_HIDDEN = "done_hidden"  # stored, but listed for occupational health only
    DONE_UNLISTED = "done_unlisted"  # stored, but not listed for this account (other reason)
    FAILED = "failed"  # the copy failed, or the outbox parked it (refused by the server)
    UNKNOWN = "unknown"  # sent, no answer, and no check could tell whether it landed: the user decides
    CANCELLED = "cancelled"  # by the user, before or while it was sent (nothing stored)
    DISCARDED = "discarded"  # dropped from the outbox in the sync issues window

    @property
    def in_outbox(self) -> bool:
        """The outbox holds the upload (the item's fate decides the next state)."""
        return self in (UploadState.QUEUED, UploadState.OFFLINE, UploadState.SENDING)

    @property
    def finished(self) -> bool:
        """Settled: nothing more will happen to it without the user."""
        return self in _FINISHED

    @property
    def retryable(self) -> bool:
        return self in (UploadState.FAILED, UploadState.CANCELLED, UploadState.DISCARDED)

    @property
    def cancellable(self) -> bool:
        """Not COPYING: the copy finishes (or fails) on its own."""
        return self.in_outbox


_FINISHED = frozenset(
    {
        UploadState.DONE,
        UploadState.DONE_HIDDEN,
        UploadState.DONE_UNLISTED,
        UploadState.UNKNOWN,
        UploadState.DISCARDED,
    }
)


def state_in_outbox(item: OutboxItem, online: bool) -> UploadState:
    """The state of an upload whose outbox item is ``item`` (still in the outbox)."""
    if item.state is OutboxState.IN_FLIGHT:
        return UploadState.SENDING
    if item.state is OutboxState.UNKNOWN:
        return UploadState.UNKNOWN
    if item.parked:
        return UploadState.FAILED
    if not online or is_local_id(item.dossier_id):
        return UploadState.OFFLINE
    return UploadState.QUEUED


class ProgressThrottle:
    """``emit(item_id, sent, total)`` at most every ``interval_s``; the first and last always go."""

    def __init__(
        self,
        emit: Callable[[int, int, int], None],
        item_id: int,
        *,
        interval_s: float = PROGRESS_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._emit = emit
        self._item_id = item_id
        self._interval = interval_s
        self._clock = clock
        self._last = float("-inf")

    def __call__(self, sent: int, total: int) -> None:
        now = self._clock()
        if sent >= total or sent == 0 or now - self._last >= self._interval:
            self._last = now
            self._emit(self._item_id, sent, total)
