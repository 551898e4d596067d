"""``dossier-sandbox``: run the sandbox Dynamics Dossier service standalone until Ctrl+C."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from dossier_sandbox import VARIANTS, SandboxConfig, SandboxServer
from dossier_sandbox.cli_tenant import add_tenant_arguments, tenant_options


def _rate_limit(text: str) -> tuple[int | None, float]:
    """``6000/300`` (requests per seconds), ``20/1``, or ``off``."""
    if text.lower() in ("off", "none", "0"):
        return None, 300.0
    count, _, window = text.partition("/")
    return int(count), float(window or 300)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dossier-sandbox", description=__doc__)
    parser.add_argument("--dossiers", type=int, default=300, help="number of seeded dossiers (50..200000)")
    parser.add_argument("--port", type=int, default=0, help="API port (http); 0 picks a free one")
    parser.add_argument("--https-port", type=int, default=0, help="OIDC provider port (https); 0 picks one")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--rate-limit",
        default="6000/300",
        metavar="N/SECONDS",
        help="requests per sliding window per user, or 'off' (default: BC's 6000/300)",
    )
    parser.add_argument("--token-lifetime", type=int, default=3600, metavar="S", help="access token lifetime")
    parser.add_argument("--data-dir", type=Path, default=None, help="database, uploads and TLS files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--variant",
        choices=VARIANTS,
        default="bc",
        help="server dialect: bc (BC 24+, default), bc23, odata (generic OData v4), vendor (vendor docs)",
    )
    add_tenant_arguments(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    limit, window = _rate_limit(args.rate_limit)
    config = SandboxConfig(
        dossiers=args.dossiers,
        port=args.port,
        https_port=args.https_port,
        host=args.host,
        rate_limit=limit,
        rate_window_s=window,
        token_lifetime_s=args.token_lifetime,
        data_dir=args.data_dir,
        seed=args.seed,
        variant=args.variant,
        **tenant_options(args),
    )
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with SandboxServer(config) as server:
        print(f"API root:   {server.api_root}")
        print(f"Company:    {server.company_id}")
        print(f"Authority:  {server.authority}")
        print(f"CA cert:    {server.ca_cert_path}")
        print(f"Variant:    {server.variant}")
        print(f"Tenant:     {server.environments_url}")
        print(
            f"Ready in {server.started_in_s:.2f} s with {args.dossiers} dossiers. Ctrl+C stops.", flush=True
        )
        stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
