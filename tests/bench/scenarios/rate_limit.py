"""Request rate under the sandbox's rate limit: a burst through the real client, expecting zero 429s.

A second sandbox (its own process, 50 dossiers) limits the bench user to ``--rate-limit`` requests per
1 s sliding window. The real ``DossierApi`` (default pacing and retry) fires ``--burst`` concurrent
``get_dossier`` calls, as a view refreshing many rows at once would. The server counts 429s; the
client's retries would hide them from the caller, so the server's count is what is judged.

Two servers, two figures:

* ``vendor`` sends ``X-RateLimit-*`` headers: the client learns the limit and window from them;
* ``bc`` sends none (as Business Central): the client paces to the profile's windows, here set to the
  server's limit (the profile is where a customer configures them).

Achieved rate = successful requests / wall time; it must be at least 0.9x the limit with zero 429s.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from tests.bench.figures import Budget, Figure
from tests.bench.sandbox_host import SandboxProcess

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

NAME = "rate_limit"
WINDOW_S = 1.0
BUDGET = Budget("ratio_min", 0.9, "achieved rate >= 0.9x the limit, with zero 429 responses")
VARIANTS = (("vendor", "rate_limited_burst"), ("bc", "rate_limited_burst_no_headers"))


async def _burst(server: SandboxProcess, count: int, limit: int) -> tuple[float, int, int]:
    """(seconds, calls completed, 429s counted by the server) for ``count`` concurrent calls."""
    from dossier_desk.api import ApiProfile, DossierApi
    from dossier_desk.api.tokens import StaticTokenProvider

    profile = ApiProfile(server.api_root, server.company_id, rate_windows=((limit, WINDOW_S),))
    async with DossierApi(profile, StaticTokenProvider(server.token)) as api:
        ids = sorted(await api.list_dossier_ids())
        await asyncio.sleep(WINDOW_S + 0.2)  # let the listing leave the window
        before = server.status_count(429)
        began = time.perf_counter()
        done = await asyncio.gather(*(api.get_dossier(ids[i % len(ids)]) for i in range(count)))
        seconds = time.perf_counter() - began
        after = server.status_count(429)
    return seconds, len(done), after - before


def run(ctx: BenchContext) -> list[Figure]:
    """One figure per server variant: achieved rate / limit, with the 429 count as a condition."""
    limit, count = ctx.options.rate_limit, ctx.options.burst
    figures: list[Figure] = []
    for variant, name in VARIANTS:
        rates: list[float] = []
        throttled: list[int] = []
        with SandboxProcess(dossiers=50, rate_limit=limit, rate_window_s=WINDOW_S, variant=variant) as server:
            for _ in range(ctx.options.repeat):
                seconds, done, status_429 = ctx.run(_burst(server, count, limit))
                rates.append(done / seconds)
                throttled.append(status_429)
        figures.append(
            Figure(
                name=name,
                scenario=NAME,
                unit="req/s",
                samples=rates,
                floor_name=f"sandbox limit ({limit} per {WINDOW_S:g} s, variant {variant})",
                floor_samples=[float(limit)] * len(rates),
                budget=BUDGET,
                conditions={"zero_429": sum(throttled) == 0},
                details={
                    "burst": count,
                    "variant": variant,
                    "status_429_per_repeat": throttled,
                    "limit_per_s": limit / WINDOW_S,
                },
            )
        )
    return figures
