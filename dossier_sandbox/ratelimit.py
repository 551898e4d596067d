"""Sliding-window rate limiting per user: one window (Business Central: 6,000 requests per 5 minutes)
or several at once (the vendor documents: 20 per second, 100 per minute, 10,000 per day)."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Sequence
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
    """``limit`` requests per ``window_s`` sliding window per key (or every window of ``windows``);
    ``limit=None`` / no windows never refuses.

    Refused requests are not counted, so a client that honours Retry-After gets in as soon as the
    window has room again. The decision describes the window closest to refusing.
    """

    def __init__(
        self, limit: int | None, window_s: float, windows: Sequence[tuple[int, float]] | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}
        self.windows: tuple[tuple[int, float], ...] = ()
        self.set_windows(windows if windows is not None else ([(limit, window_s)] if limit else []))

    @property
    def limit(self) -> int | None:
        return self.windows[0][0] if self.windows else None

    def set_windows(self, windows: Sequence[tuple[int, float]]) -> None:
        with self._lock:
            self.windows = tuple((int(n), float(s)) for n, s in windows)
            self._hits.clear()

    def check(self, key: str, now: float | None = None) -> RateDecision:
        now = time.time() if now is None else now
        if not self.windows:
            return RateDecision(True, 1_000_000, 1_000_000, int(now + 300), 0)
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            longest = max(s for _, s in self.windows)
            while hits and hits[0] <= now - longest:
                hits.popleft()
            refused: RateDecision | None = None
            tightest: tuple[int, int, float] | None = None  # (remaining, limit, window)
            for limit, window in self.windows:
                inside = [t for t in _tail(hits, now - window)]
                if len(inside) >= limit:
                    free_at = inside[len(inside) - limit] + window
                    decision = RateDecision(
                        False, limit, 0, math.ceil(free_at), max(1, math.ceil(free_at - now))
                    )
                    if refused is None or decision.retry_after_s > refused.retry_after_s:
                        refused = decision
                elif tightest is None or limit - len(inside) - 1 < tightest[0]:
                    tightest = (limit - len(inside) - 1, limit, window)
            if refused is not None:
                return refused
            hits.append(now)
            assert tightest is not None
            remaining, limit, window = tightest
            first = next(iter(_tail(hits, now - window)), now)
            return RateDecision(True, limit, remaining, math.ceil(first + window), 0)

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


def _tail(hits: deque[float], horizon: float) -> list[float]:
    """The hits after ``horizon`` (hits are in time order; scanned from the end)."""
    out: list[float] = []
    for t in reversed(hits):
        if t <= horizon:
            break
        out.append(t)
    out.reverse()
    return out
