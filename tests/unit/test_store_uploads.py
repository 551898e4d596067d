"""Upload states over outbox items, and the progress throttle (Qt-free)."""

from __future__ import annotations

import itertools

import pytest

from dossier_desk.store.outbox_model import OutboxItem, OutboxKind, OutboxState
from dossier_desk.store.uploads import ProgressThrottle, UploadState, state_in_outbox


def _item(state: OutboxState, dossier_id: str = "dos-1") -> OutboxItem:
    return OutboxItem(1, OutboxKind.UPLOAD, dossier_id, state, {})


@pytest.mark.parametrize(
    ("state", "online", "dossier_id", "expected"),
    [
        (OutboxState.PENDING, True, "dos-1", UploadState.QUEUED),
        (OutboxState.PENDING, False, "dos-1", UploadState.OFFLINE),
        (OutboxState.PENDING, True, "local-DD-0123456789ABCDEF", UploadState.OFFLINE),
        (OutboxState.IN_FLIGHT, True, "dos-1", UploadState.SENDING),
        (OutboxState.FAILED, True, "dos-1", UploadState.FAILED),
        (OutboxState.CONFLICT, True, "dos-1", UploadState.FAILED),
        (OutboxState.UNKNOWN, True, "dos-1", UploadState.UNKNOWN),
    ],
)
def test_state_follows_the_outbox_item(
    state: OutboxState, online: bool, dossier_id: str, expected: UploadState
) -> None:
    assert state_in_outbox(_item(state, dossier_id), online) is expected


def test_state_groups() -> None:
    assert {s for s in UploadState if s.in_outbox} == {
        UploadState.QUEUED,
        UploadState.OFFLINE,
        UploadState.SENDING,
    }
    assert {s for s in UploadState if s.retryable} == {
        UploadState.FAILED,
        UploadState.CANCELLED,
        UploadState.DISCARDED,
    }
    assert not UploadState.COPYING.cancellable  # the copy finishes (or fails) on its own
    assert UploadState.DONE_HIDDEN.finished
    assert not UploadState.FAILED.finished  # waits for the user's retry


def test_progress_is_throttled_but_first_and_last_always_go() -> None:
    now = [0.0]
    seen: list[tuple[int, int, int]] = []
    throttle = ProgressThrottle(lambda *a: seen.append(a), 7, interval_s=0.1, clock=lambda: now[0])
    throttle(0, 100)
    for sent in range(1, 100):
        now[0] += 0.01  # a piece every 10 ms: one event in ten passes
        throttle(sent, 100)
    throttle(100, 100)
    assert seen[0] == (7, 0, 100)
    assert seen[-1] == (7, 100, 100)
    assert 10 <= len(seen) <= 12
    gaps = [b[1] - a[1] for a, b in itertools.pairwise(seen[1:-1])]
    assert all(gap >= 9 for gap in gaps)
