"""Sliding-window rate limiting per user (Business Central: 6,000 requests per 5 minutes)."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_epoch: int  # when the oldest counted request leaves the window (epoch seconds)
    retry_after_s: int  # meaningful when not allowed

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_epoch),
        }


class RateLimiter:
    """``limit`` requests per ``window_s`` sliding window per key; ``limit=None`` never refuses.

    Refused requests are not counted, so a client that honours Retry-After gets in as soon as the
    window has room again.
    """

    def __init__(self, limit: int | None, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str, now: float | None = None) -> RateDecision:
        now = time.time() if now is None else now
        if self.limit is None:
            return RateDecision(True, 1_000_000, 1_000_000, int(now + self.window_s), 0)
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            horizon = now - self.window_s
            while hits and hits[0] <= horizon:
                hits.popleft()
            if len(hits) >= self.limit:
                free_at = hits[0] + self.window_s
                return RateDecision(
                    False, self.limit, 0, math.ceil(free_at), max(1, math.ceil(free_at - now))
                )
            hits.append(now)
            reset = hits[0] + self.window_s
            return RateDecision(True, self.limit, self.limit - len(hits), math.ceil(reset), 0)

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
