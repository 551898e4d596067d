"""Client-side pacing: reference windows before any header, the server's headers after, Retry-After."""

from __future__ import annotations

import pytest

from dossier_desk.api.errors import RateLimitedError
from dossier_desk.api.pacing import MAX_RETRY_AFTER, RateLimitInfo, RatePacer, parse_retry_after

pytestmark = pytest.mark.anyio


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def pacer(clock: Clock, **kwargs: object) -> RatePacer:
    return RatePacer(clock=clock, sleep=clock.sleep, **kwargs)  # type: ignore[arg-type]


def test_parse_retry_after() -> None:
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_from_headers() -> None:
    info = RateLimitInfo.from_headers(
        {"x-ratelimit-limit": "100", "x-ratelimit-remaining": "5", "x-ratelimit-reset": "123.5"}, 200
    )
    assert info == RateLimitInfo(100, 5, 123.5, None, 200)
    assert RateLimitInfo.from_headers({}, 200) is None
    assert RateLimitInfo.from_headers({"x-ratelimit-remaining": "many"}, 200) is None


def test_retry_after_is_capped_at_15_minutes() -> None:
    assert parse_retry_after("86400") == MAX_RETRY_AFTER == 900.0


async def test_reference_limits_before_any_header() -> None:
    clock = Clock()
    p = pacer(clock)  # 20/s burst, 100/min, 10,000/day
    start = clock.now
    for _ in range(100):
        await p.acquire()
    # 100 requests take at least 99 burst spacings (1/20 s each) ...
    assert clock.now - start >= 99 * 0.05
    await p.acquire()
    # ... and the 101st waits for the minute window.
    assert clock.now - start >= 60.0


async def test_profile_windows_replace_the_reference() -> None:
    clock = Clock()
    p = pacer(clock, windows=((5, 1.0),))
    start = clock.now
    for _ in range(11):
        await p.acquire()
    assert clock.now - start == pytest.approx(2 * (1.0 * 1.01 + 0.05))  # two windows of 5, each with slack


async def test_headers_govern_once_seen() -> None:
    clock = Clock()
    p = pacer(clock)
    slot = await p.acquire()
    # The server reports a much larger budget than the reference's: the reference no longer applies.
    p.observe(RateLimitInfo(1000, 999, clock.now + 10), slot.seq)
    start = clock.now
    for _ in range(200):
        await p.acquire()
    assert clock.now - start < 5.0


async def test_an_older_response_never_raises_the_budget() -> None:
    clock = Clock()
    p = pacer(clock)
    first, second = await p.acquire(), await p.acquire()
    reset = clock.now + 30
    applied = p.observe(RateLimitInfo(100, 50, reset), second.seq)
    assert applied.remaining == 50
    stale = p.observe(RateLimitInfo(100, 51, reset), first.seq)  # overtaken by the newer one
    assert stale.remaining == 50
    assert p.remaining == 50


async def test_exhausted_budget_waits_for_reset() -> None:
    clock = Clock()
    p = pacer(clock)
    slot = await p.acquire()
    p.observe(RateLimitInfo(100, 0, clock.now + 12), slot.seq)
    assert await p.acquire() == pytest.approx(12, abs=0.01)


async def test_retry_after_holds_all_requests_and_retry_now_releases() -> None:
    clock = Clock()
    p = pacer(clock)
    p.observe(RateLimitInfo(None, None, None, retry_after=3, status=429))
    assert p.waiting_until() == pytest.approx(clock.now + 3)
    assert await p.acquire() == pytest.approx(3)
    p.observe(RateLimitInfo(None, None, None, retry_after=30, status=429))
    p.retry_now()
    assert p.waiting_until() is None
    assert await p.acquire() < 1


async def test_a_wait_longer_than_max_delay_is_data_not_a_sleep() -> None:
    clock = Clock()
    p = pacer(clock, max_delay=60)
    p.observe(RateLimitInfo(None, None, None, retry_after=600, status=429))
    with pytest.raises(RateLimitedError) as info:
        await p.acquire()
    assert info.value.retry_after == pytest.approx(600)
    assert info.value.code == "RateLimitWait"
    assert clock.sleeps == []


async def test_window_is_learnt_from_spaced_requests() -> None:
    clock = Clock()
    p = pacer(clock)
    # A server allowing 10 per 1 s: the first answer says 9 left and the window resets in 1 s.
    slot = await p.acquire()
    p.observe(RateLimitInfo(10, 9, clock.now + 1.0), slot.seq)
    for _ in range(40):
        slot = await p.acquire()
        sent = clock.now
        # Model the server: requests in the last second (ours are spaced, so count by time).
        counted = sum(1 for _, t in p._sent if t > sent - 1.0)
        p.observe(RateLimitInfo(10, 10 - counted, sent + 1.0), slot.seq)
    start = clock.now
    for _ in range(10):
        await p.acquire()
    # Close to the server's rate (10/s), never above it.
    assert 0.9 <= (clock.now - start) <= 1.1


async def test_stale_reset_is_ignored() -> None:
    clock = Clock()
    p = pacer(clock)
    slot = await p.acquire()
    p.observe(RateLimitInfo(100000, 0, clock.now - 1), slot.seq)
    assert await p.acquire() < 0.01
