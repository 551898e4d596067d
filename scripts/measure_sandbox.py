"""Issue 2's sandbox figures: start-up time with N dossiers and the time to serve 1,000-row pages.

Run: ``uv run python scripts/measure_sandbox.py --dossiers 100000``
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx

from dossier_sandbox import SandboxConfig, SandboxServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    began = time.perf_counter()
    server = SandboxServer(SandboxConfig(dossiers=args.dossiers, rate_limit=None)).start()
    print(f"{args.dossiers:,} dossiers ready in {time.perf_counter() - began:.1f} s")
    try:
        token = server.issue_token("occhealth@demo")
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(headers=headers, timeout=60) as client:
            url = f"{server.company_url}/dossiers"
            client.get(url, params={"$top": "1"}).raise_for_status()  # warm the connection
            times = []
            for page in range(args.pages):
                params = {"$skip": str(page * 1000), "$top": "1000"}
                started = time.perf_counter()
                response = client.get(url, params=params)
                response.raise_for_status()
                times.append(time.perf_counter() - started)
            print(
                f"1,000-row page over HTTP: median {statistics.median(times) * 1000:.0f} ms, "
                f"max {max(times) * 1000:.0f} ms ({len(response.json()['value'])} rows)"
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
