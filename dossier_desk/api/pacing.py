"""Client-side request pacing, so that a long sync stays under the server's rate limits.

Until the server has sent an ``X-RateLimit-*`` header, requests are paced to the reference limits
(100 per minute, 20 per second burst, 10,000 per day per user; the profile may set others) as local
sliding windows. From the first header on, the server's figures govern:

* ``X-RateLimit-Limit`` is the budget of a window whose length the client learns as an upper bound:
  from ``X-RateLimit-Reset`` (the oldest counted request leaves the window by then) and from
  ``X-RateLimit-Remaining`` (our requests the server no longer counts have left it). Requests are
  spaced evenly at ``window / limit``, which never puts more than ``limit`` in any window;
* the remaining budget is tracked per request sent; a response to an *older* request never raises
  it (responses overtake each other when requests run concurrently);
* when the budget is used up, nothing is sent until the reset (or a counted request left the window).

A 429's ``Retry-After`` (capped at 15 minutes) holds back every request. A wait longer than
``max_delay`` is not slept through: :meth:`RatePacer.acquire` raises :class:`RateLimitedError` with
``retry_after`` so the caller can show the waiting item (:meth:`RatePacer.waiting_until`) and offer
"Retry now" (:meth:`RatePacer.retry_now`).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace

from dossier_desk.api.errors import RateLimitedError

log = logging.getLogger(__name__)

# (requests, seconds) sliding windows from the vendor's reference: burst, minute, day.
REFERENCE_WINDOWS: tuple[tuple[int, float], ...] = ((20, 1.0), (100, 60.0), (10_000, 86_400.0))
MAX_RETRY_AFTER = 15 * 60.0
RATE_LIMIT_WAIT = "RateLimitWait"  # code of the RateLimitedError raised instead of a long wait
_SPACING_MARGIN = 1.01  # on top of an upper bound: latencies differ by a little between requests
# A request can reach the server tens of ms later than it was paced (a busy loop or server, a pooled
# connection), so the first and last of a window's budget may arrive closer than they were sent.
_ARRIVAL_SLACK_S = 0.05
_JITTER_S = 0.01
_APART_S = 0.01  # requests further apart than this reach the server in the order sent


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

    @property
    def has_budget_headers(self) -> bool:
        return self.limit is not None or self.remaining is not None or self.reset is not None


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now (at most 15 minutes); ``None`` if absent/invalid."""
    if value is None:
        return None
    value = value.strip()
    seconds = _float(value)
    if seconds is None:
        import email.utils  # an HTTP date is rare (servers send seconds); the window paints without it

        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        current = time.time() if now is None else now
        seconds = when.timestamp() - current
    return min(MAX_RETRY_AFTER, max(0.0, seconds))


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
    if result is None or not math.isfinite(result):
        return None
    return result


class Slot(float):
    """What :meth:`RatePacer.acquire` returns: the seconds waited, plus the request's ``seq``."""

    seq: int

    def __new__(cls, waited: float, seq: int) -> Slot:
        obj = super().__new__(cls, waited)
        obj.seq = seq
        return obj


class RatePacer:
    """Decides when the next request may go. Shared by all requests of one client.

    ``windows`` are the (requests, seconds) limits used until the server reports its own.
    ``max_delay`` is the longest wait slept through; longer ones raise :class:`RateLimitedError`.
    """

    def __init__(
        self,
        *,
        windows: tuple[tuple[int, float], ...] = REFERENCE_WINDOWS,
        max_delay: float = 60.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._windows = tuple(w for w in windows if w[0] > 0 and w[1] > 0)
        self._max_delay = max_delay
        self._clock = clock
        self._sleep = sleep
        self._seq = itertools.count(1)
        self._sent: deque[tuple[int, float]] = deque(maxlen=_log_size(self._windows))
        self._hold_until = 0.0
        self._in_flight: set[int] = set()  # sent, answer not yet seen
        # The server's figures, once seen.
        self._governed = False
        self._limit: int | None = None
        # Per reported limit, an upper bound of its window's length (servers with several windows
        # report the tightest one, so the limit in the headers can change).
        self._learnt: dict[int, float] = {}
        self._seen_seq = 0  # the newest request whose response we took the budget from
        self._remaining: int | None = None
        self._reset: float | None = None

    # -- what the UI may show ----------------------------------------------------------------------
    def waiting_until(self) -> float | None:
        """Epoch seconds until which requests are held (a 429's Retry-After), else ``None``."""
        return self._hold_until if self._hold_until > self._clock() else None

    def retry_now(self) -> None:
        """Drop a Retry-After hold ("Retry now"); the server may of course answer 429 again."""
        self._hold_until = 0.0

    @property
    def remaining(self) -> int | None:
        """The budget left as last reported (never raised by an older response)."""
        return self._remaining

    # -- responses ---------------------------------------------------------------------------------
    def observe(self, info: RateLimitInfo, seq: int | None = None) -> RateLimitInfo:
        """Take in what the response to request ``seq`` said; returns the info as applied.

        The returned ``remaining`` is the pacer's (an older response does not raise it).
        """
        now = self._clock()
        if info.status == 429 and info.retry_after is not None:
            self._hold_until = max(self._hold_until, now + min(info.retry_after, MAX_RETRY_AFTER))
            self._learnt.clear()  # our picture of the windows was wrong: learn them again
        if not info.has_budget_headers:
            return info
        self._governed = True
        if info.limit is not None and info.limit > 0:
            self._limit = info.limit
        seq = seq if seq is not None else self._seen_seq + 1
        newer = seq >= self._seen_seq
        later_reset = info.reset is not None and (self._reset is None or info.reset > self._reset)
        if info.remaining is not None:
            if newer or later_reset or self._remaining is None:
                self._remaining = info.remaining
                self._seen_seq = max(self._seen_seq, seq)
            else:
                self._remaining = min(self._remaining, info.remaining)
        if info.reset is not None and (newer or later_reset):
            self._reset = info.reset
        self._learn_window(info, seq)
        return replace(info, remaining=self._remaining)

    def _learn_window(self, info: RateLimitInfo, seq: int) -> None:
        """Tighten the upper bound of the server's window from one response."""
        limit = self._limit
        if limit is None or info.remaining is None:
            return
        if not self._sent:
            return
        idx = seq - self._sent[0][0]  # seqs in the log are consecutive
        if not 0 <= idx < len(self._sent):
            return
        counted = max(1, limit - info.remaining)  # requests in the server's window, this one too
        oldest = idx - counted + 1
        sent_at = self._sent[idx][1]
        bounds: list[float] = []
        # Requests sent close together may reach the server in another order than ours; only
        # spaced-out ones tell which of our requests the server was counting.
        alone = idx == 0 or sent_at - self._sent[idx - 1][1] >= _APART_S
        if alone and oldest >= 1 and self._sent[oldest][1] - self._sent[oldest - 1][1] >= _APART_S:
            bounds.append(info.reset - self._sent[oldest][1] if info.reset is not None else math.inf)
            bounds.append(sent_at - self._sent[oldest - 1][1] + _JITTER_S)  # that one had left already
        elif alone and oldest == 0 and info.reset is not None:
            bounds.append(info.reset - self._sent[oldest][1])  # the oldest counted leaves by the reset
        elif oldest < 0 and info.reset is not None and limit not in self._learnt:
            bounds.append(max(1.0, info.reset - sent_at))  # others used the budget: a rough start
        bounds = [b for b in bounds if b > 0]
        if bounds:
            best = min(bounds)
            self._learnt[limit] = min(self._learnt.get(limit, best), best)
            wanted = _log_size(tuple(self._learnt.items()))
            if wanted > (self._sent.maxlen or 0):
                self._sent = deque(self._sent, maxlen=wanted)

    # -- requests ----------------------------------------------------------------------------------
    def delay(self) -> float:
        """Seconds the next request would wait now (without reserving anything)."""
        return self._wait(self._clock())

    def _current_windows(self) -> tuple[tuple[int, float], ...]:
        if not self._governed:
            return self._windows
        if self._learnt:
            return tuple(self._learnt.items())
        return ((self._limit, 1.0),) if self._limit else ()

    def _wait(self, now: float) -> float:
        wait = self._hold_until - now
        budget = self._budget(now)
        windows = self._current_windows()
        if windows and self._sent:
            # Evenly spaced at the shortest window's rate (no bursts that a server, counting on its
            # own clock, could see closer together), and every window's budget respected.
            limit, seconds = min(windows, key=lambda w: w[1])
            wait = max(wait, self._sent[-1][1] + seconds * _SPACING_MARGIN / limit - now)
            for limit, seconds in windows:
                if limit <= len(self._sent):
                    wait = max(
                        wait, self._sent[-limit][1] + seconds * _SPACING_MARGIN + _ARRIVAL_SLACK_S - now
                    )
        if budget is not None and budget <= 0:
            wait = max(wait, self._budget_back(now))
        return max(0.0, wait)

    def _budget(self, now: float) -> int | None:
        """The server's last reported remaining budget less our requests sent since (None: unknown)."""
        if not self._governed or self._remaining is None or self._reset is None or self._reset <= now:
            return None
        # Sent after the request the figure came from, or possibly not yet counted in it.
        unseen = max(0, self._sent[-1][0] - self._seen_seq) if self._sent else 0
        overtaken = sum(1 for seq in self._in_flight if seq < self._seen_seq)
        return self._remaining - unseen - overtaken

    def done(self, seq: int | None) -> None:
        """The request ``seq`` got its answer (or failed): it no longer counts as in flight."""
        if seq is not None:
            self._in_flight.discard(seq)

    def _budget_back(self, now: float) -> float:
        """How long until the used-up budget has room again: the reset, or sooner when the window
        is known and a request counted in it has left."""
        until_reset = (self._reset or now) - now
        limit = self._limit
        if limit is None or limit not in self._learnt or len(self._sent) < limit:
            return until_reset
        leaves = self._sent[-limit][1] + self._learnt[limit] * _SPACING_MARGIN - now
        return min(until_reset, max(0.0, leaves))

    async def acquire(self) -> Slot:
        """Wait until the next request may go, then count it as sent. Returns the seconds waited
        (a :class:`Slot`, whose ``seq`` is passed back to :meth:`observe` with the response).

        Raises :class:`RateLimitedError` (code ``RateLimitWait``) instead of waiting longer than
        ``max_delay``.
        """
        waited = 0.0
        while True:
            now = self._clock()
            wait = self._wait(now)
            if wait <= 0:
                break
            if waited + wait > self._max_delay:
                error = RateLimitedError("waiting for the rate limit", retry_after=wait, code=RATE_LIMIT_WAIT)
                error.unsent = True  # type: ignore[attr-defined]
                raise error
            log.debug("pacing: waiting %.3f s before the next request", wait)
            await self._sleep(wait)
            waited += wait
        seq = next(self._seq)
        self._sent.append((seq, self._clock()))
        self._in_flight.add(seq)
        return Slot(waited, seq)


_MAX_LOG = 100_000


def _log_size(windows: tuple[tuple[int, float], ...]) -> int:
    """Send times to keep: enough for the largest window (bounded; larger budgets never bind)."""
    return max(1, min(_MAX_LOG, max((n for n, _ in windows), default=1)))


class NullPacer(RatePacer):
    """Tracks what the server reports but never holds a request back (tests that replay replies)."""

    async def acquire(self) -> Slot:
        seq = next(self._seq)
        self._sent.append((seq, self._clock()))
        return Slot(0.0, seq)
