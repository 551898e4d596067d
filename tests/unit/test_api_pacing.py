"""Client-side pacing from X-RateLimit-* headers, Retry-After and BC's sliding window (fake clock)."""

from __future__ import annotations

import pytest

from dossier_desk.api.pacing import RateLimitInfo, RatePacer, parse_retry_after

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


async def test_no_pacing_with_plenty_of_budget() -> None:
    clock = Clock()
    p = pacer(clock)
    p.observe(RateLimitInfo(100, 90, clock.now + 60))
    for _ in range(10):
        assert await p.acquire() == 0
    assert clock.sleeps == []


async def test_exhausted_budget_waits_for_reset() -> None:
    clock = Clock()
    p = pacer(clock)
    p.observe(RateLimitInfo(100, 0, clock.now + 12))
    assert await p.acquire() == pytest.approx(12)


async def test_low_budget_spreads_requests_until_reset() -> None:
    clock = Clock()
    p = pacer(clock)
    p.observe(RateLimitInfo(100, 4, clock.now + 50))
    waited = [await p.acquire() for _ in range(4)]
    assert all(w > 0 for w in waited)
    assert sum(waited) <= 50 + 1e-6  # never beyond the reset


async def test_retry_after_holds_all_requests() -> None:
    clock = Clock()
    p = pacer(clock)
    p.observe(RateLimitInfo(None, None, None, retry_after=3, status=429))
    assert await p.acquire() == pytest.approx(3)
    assert await p.acquire() == 0


async def test_sliding_window() -> None:
    clock = Clock()
    p = pacer(clock, window_requests=3, window_seconds=10)
    for _ in range(3):
        assert await p.acquire() == 0
        clock.now += 1
    assert await p.acquire() == pytest.approx(7)  # first one leaves the window at t0+10


async def test_delays_are_capped() -> None:
    clock = Clock()
    p = pacer(clock, max_delay=5)
    p.observe(RateLimitInfo(100, 0, clock.now + 3600))
    assert await p.acquire() == pytest.approx(5)


async def test_stale_reset_is_ignored() -> None:
    clock = Clock()
    p = pacer(clock)
    p.observe(RateLimitInfo(100, 0, clock.now - 1))
    assert await p.acquire() == 0


async def test_last_request_of_the_budget_is_not_held() -> None:
    clock = Clock()
    p = pacer(clock)
    p.observe(RateLimitInfo(100, 1, clock.now + 10))
    assert await p.acquire() == pytest.approx(5)  # spread, but not held until the reset
    assert p.delay() == pytest.approx(5)  # the budget is now used up: the next waits for the reset
