"""A stand-alone https server running only the sandbox OIDC provider, for the OIDC and auth tests.

It binds its socket first so the issuer (``https://127.0.0.1:<port>/<tenant>``) is known before the
first request, and runs uvicorn in a daemon thread.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from dossier_sandbox.oidc import OidcProvider, OidcSettings, build_oidc_app
from dossier_sandbox.tls import ensure_self_signed_cert
from dossier_sandbox.tokens import TokenService


@dataclass
class OidcServer:
    authority: str
    ca_cert_path: Path
    tokens: TokenService
    provider: OidcProvider


@contextmanager
def serve_oidc(
    directory: Path,
    *,
    tenant: str = "sandbox",
    access_lifetime_s: int = 3600,
    settings: OidcSettings | None = None,
) -> Iterator[OidcServer]:
    """Run the OIDC provider over https on 127.0.0.1 until the block exits."""
    cert, key = ensure_self_signed_cert(directory)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    authority = f"https://127.0.0.1:{port}/{tenant}"
    tokens = TokenService(issuer=authority, access_lifetime_s=access_lifetime_s)
    app = build_oidc_app(tokens, tenant, settings)
    config = uvicorn.Config(
        app,
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
        log_level="warning",
        lifespan="off",
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the OIDC test server did not start")
        time.sleep(0.01)
    try:
        yield OidcServer(authority, cert, tokens, app.state.oidc)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
