"""Client-side request pacing, so that a long sync stays under the server's rate limits.

Three signals slow requests down, all with asyncio sleeps:

* a 429's ``Retry-After`` holds back *every* request of the client until it has passed;
* ``X-RateLimit-Remaining`` / ``X-RateLimit-Reset``: when the remaining budget runs low, requests are
  spread evenly over the time left until the reset, and none is sent while it is exhausted;
* BC's documented per-user sliding window (6,000 requests per 5 minutes) is tracked locally.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)

BC_WINDOW_REQUESTS = 6000
BC_WINDOW_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class RateLimitInfo:
    """The rate-limit state reported by one response (``reset`` is epoch seconds)."""

    limit: int | None
    remaining: int | None
    reset: float | None
    retry_after: float | None = None
    status: int = 0

    @classmethod
    def from_headers(
        cls, headers: Mapping[str, str], status: int = 0, *, now: float | None = None
    ) -> RateLimitInfo | None:
        """Parse X-RateLimit-* and Retry-After; ``None`` when the response carries none of them."""
        limit = _int(headers.get("x-ratelimit-limit"))
        remaining = _int(headers.get("x-ratelimit-remaining"))
        reset = _float(headers.get("x-ratelimit-reset"))
        retry_after = parse_retry_after(headers.get("retry-after"), now=now)
        if limit is None and remaining is None and reset is None and retry_after is None:
            return None
        return cls(limit, remaining, reset, retry_after, status)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date; ``None`` if absent/invalid."""
    if value is None:
        return None
    value = value.strip()
    seconds = _float(value)
    if seconds is not None:
        return max(0.0, seconds)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def _int(value: str | None) -> int | None:
    try:
        return None if value is None else int(value.strip())
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        result = None if value is None else float(value.strip())
    except ValueError:
        return None
    if result is None or result != result or result in (float("inf"), float("-inf")):
        return None
    return result


class RatePacer:
    """Decides how long the next request waits. Shared by all requests of one client.

    ``max_delay`` caps any single pause (a server clock far off must not freeze the app).
    """

    def __init__(
        self,
        *,
        window_requests: int = BC_WINDOW_REQUESTS,
        window_seconds: float = BC_WINDOW_SECONDS,
        low_water_fraction: float = 0.1,
        max_delay: float = 60.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._window_requests = window_requests
        self._window_seconds = window_seconds
        self._low_water_fraction = low_water_fraction
        self._max_delay = max_delay
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._hold_until = 0.0
        self._limit: int | None = None
        self._remaining: int | None = None
        self._reset: float | None = None

    def observe(self, info: RateLimitInfo) -> None:
        """Take in what a response said about the limits."""
        now = self._clock()
        if info.limit is not None:
            self._limit = info.limit
        if info.remaining is not None:
            self._remaining = info.remaining
        if info.reset is not None:
            self._reset = info.reset
        if info.status == 429 and info.retry_after is not None:
            self._hold_until = max(self._hold_until, now + min(info.retry_after, self._max_delay))

    def delay(self) -> float:
        """Seconds the next request should wait now (without reserving a slot)."""
        return min(max(self._hard_delay(reserved=False), self._spread_delay()), self._max_delay)

    def _hard_delay(self, *, reserved: bool) -> float:
        """Waits that must pass before anything is sent: Retry-After, exhausted budget, full window."""
        now = self._clock()
        wait = max(0.0, self._hold_until - now)
        if self._sent and len(self._sent) >= self._window_requests:
            wait = max(wait, self._sent[0] + self._window_seconds - now)
        # After reserving our own slot, the budget is overdrawn only below zero.
        floor = 0 if reserved else 1
        if (
            self._remaining is not None
            and self._remaining < floor
            and self._reset is not None
            and self._reset > now
        ):
            wait = max(wait, self._reset - now)
        return wait

    def _spread_delay(self) -> float:
        """With a low remaining budget, space requests evenly over the time left until the reset."""
        now = self._clock()
        if self._remaining is None or self._reset is None or self._reset <= now:
            return 0.0
        if 0 < self._remaining <= self._low_water():
            return (self._reset - now) / (self._remaining + 1)
        return 0.0

    def _low_water(self) -> int:
        if self._limit is None:
            return 2
        return max(2, int(self._limit * self._low_water_fraction))

    async def acquire(self) -> float:
        """Wait as long as needed, then count one request as sent. Returns the seconds waited.

        The slot is reserved before waiting, so concurrent callers see the budget shrink.
        """
        spread = self._spread_delay()
        if self._remaining is not None:
            self._remaining -= 1
        waited = 0.0
        if spread > 0:
            waited = min(spread, self._max_delay)
            log.info("pacing: spreading requests, waiting %.2f s", waited)
            await self._sleep(waited)
        while waited < self._max_delay:
            wait = min(self._hard_delay(reserved=True), self._max_delay - waited)
            if wait <= 0:
                break
            log.info("pacing: waiting %.2f s before the next request", wait)
            await self._sleep(wait)
            waited += wait
        now = self._clock()
        self._sent.append(now)
        while self._sent and self._sent[0] <= now - self._window_seconds:
            self._sent.popleft()
        return waited
