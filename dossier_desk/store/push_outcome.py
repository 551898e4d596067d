"""What happened to one outbox item in a push (shared by the pusher and its mixins)."""

from __future__ import annotations

from enum import Enum


class Outcome(Enum):
    """What happened to one item."""

    DONE = "done"
    DEFERRED = "deferred"
    PARKED = "parked"
    SKIPPED = "skipped"  # claimed by another process first
    CANCELLED = "cancelled"  # an upload the user cancelled while it was sent (the item is gone)
