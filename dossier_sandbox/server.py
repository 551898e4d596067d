"""``SandboxServer``: the sandbox Dynamics Dossier service running in a background thread.

Two uvicorn servers share one event loop in one thread: the API over http and the OIDC provider over
https (MSAL refuses http authorities), each on a loopback socket bound before start (port 0 picks a
free one), so every URL is known as soon as :meth:`SandboxServer.start` returns.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from dossier_sandbox import reply_faults
from dossier_sandbox.app import build_api_app
from dossier_sandbox.common import SandboxState
from dossier_sandbox.config import FaultConfig, SandboxConfig
from dossier_sandbox.db import Database
from dossier_sandbox.faults import FaultInjector
from dossier_sandbox.gate import QuietDrops, RequestStats
from dossier_sandbox.oidc import OidcSettings, build_oidc_app
from dossier_sandbox.ratelimit import RateLimiter
from dossier_sandbox.routes_admin import touch_dossiers
from dossier_sandbox.seed import seed_database
from dossier_sandbox.tenancy import add_companies, company_names
from dossier_sandbox.tls import ensure_self_signed_cert
from dossier_sandbox.tokens import TokenService
from dossier_sandbox.variants import get_variant
from dossier_sandbox.webhooks import Webhooks

log = logging.getLogger(__name__)
_START_TIMEOUT_S = 30.0
_QUIET_DROPS = QuietDrops()


def _bind(host: str, port: int) -> socket.socket:
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted sockets only when the listening
    # socket's proto says TCP; without it keep-alive responses stall ~40 ms on delayed ACKs.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


class SandboxServer:
    """The sandbox service. Use as a context manager, or call :meth:`start` and :meth:`stop`.

    After start: ``base_url`` (``http://127.0.0.1:P``), ``api_root`` (``{base}/v2.0/{tenant}/{env}/api/
    qteam/dossier/v1.0``), ``company_id``, ``company_url`` (``{api_root}/companies({company_id})``),
    ``authority`` (``https://127.0.0.1:Q/{tenant}``, the token issuer), ``ca_cert_path`` (trust this for
    the authority), ``tokens`` (:class:`TokenService`), ``faults`` (live :class:`FaultConfig`; assign a new
    one or mutate it), :meth:`issue_token`, :meth:`stats`, :meth:`touch`, :meth:`reset`.
    """

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        get_variant(self.config.variant)  # an unknown name fails here, not in the server thread
        self._thread: threading.Thread | None = None
        self._servers: list[uvicorn.Server] = []
        self._temp_dir: Path | None = None
        self._error: BaseException | None = None
        self.started_in_s = 0.0

    # -- lifecycle -------------------------------------------------------------------------------------
    def start(self) -> SandboxServer:
        began = time.perf_counter()
        cfg = self.config
        if cfg.data_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="dossier-sandbox-"))
        self.data_dir = Path(cfg.data_dir or self._temp_dir)  # type: ignore[arg-type]
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.blob_dir = self.data_dir / "blobs"
        self.blob_dir.mkdir(exist_ok=True)
        api_sock, https_sock = _bind(cfg.host, cfg.port), _bind(cfg.host, cfg.https_port)
        host = f"[{cfg.host}]" if ":" in cfg.host else cfg.host
        self.port, self.https_port = api_sock.getsockname()[1], https_sock.getsockname()[1]
        self.base_url = f"http://{host}:{self.port}"
        self.authority = f"https://{host}:{self.https_port}/{cfg.tenant}"
        api_path = f"/v2.0/{cfg.tenant}/{cfg.environment}/api/{cfg.publisher}/{cfg.group}/{cfg.version}"
        self.api_root = self.base_url + api_path
        self.tokens = TokenService(
            issuer=self.authority,
            access_lifetime_s=cfg.token_lifetime_s,
            tenant=cfg.tenant,
            omit_claims=tuple(cfg.id_token_omit_claims),
            roles_claim=cfg.access_token_roles,
        )
        self.ca_cert_path, key_path = ensure_self_signed_cert(self.data_dir / "tls")

        self._db = self._fresh_database()
        self.company_id = self._seed()
        self.company_url = f"{self.api_root}/companies({self.company_id})"
        self._webhooks = Webhooks(cfg, f"{api_path}/companies({self.company_id})")
        self._db.add_listener(self._webhooks.on_changes)
        self._injector = FaultInjector(cfg.faults)
        self._state = SandboxState(
            config=cfg,
            db=self._db,
            tokens=self.tokens,
            webhooks=self._webhooks,
            faults=self._injector,
            limiter=RateLimiter(None, 0.0, windows=()),
            stats=RequestStats(),
            company_id=self.company_id,
            api_path=api_path,
            blob_dir=self.blob_dir,
        )
        self._state.set_variant(cfg.variant)
        api_app = build_api_app(
            self._state, f"/v2.0/{cfg.tenant}/{cfg.environment}/api/v2.0", self.stats, self.reset_data
        )
        oidc_app = build_oidc_app(
            self.tokens, cfg.tenant, OidcSettings(refresh_requires_consent=cfg.refresh_requires_consent)
        )
        self.oidc = oidc_app.state.oidc  # tests tune device-code timings through it
        logging.getLogger("uvicorn.error").addFilter(_QUIET_DROPS)  # added once, however many servers
        common: dict[str, Any] = {
            "log_config": None,
            "access_log": False,
            "proxy_headers": False,
            "timeout_graceful_shutdown": 2,
            "lifespan": "on",
        }
        self._servers = [
            uvicorn.Server(uvicorn.Config(api_app, **common)),
            uvicorn.Server(
                uvicorn.Config(
                    oidc_app, ssl_certfile=str(self.ca_cert_path), ssl_keyfile=str(key_path), **common
                )
            ),
        ]
        self._thread = threading.Thread(
            target=self._run, args=(api_sock, https_sock), name="dossier-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not all(s.started for s in self._servers):
            if self._error is not None or not self._thread.is_alive():
                self.stop()
                raise RuntimeError(f"the sandbox failed to start: {self._error!r}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sandbox did not start in time")
            time.sleep(0.002)
        self.started_in_s = time.perf_counter() - began
        log.info("sandbox ready in %.2f s at %s", self.started_in_s, self.api_root)
        return self

    def _run(self, api_sock: socket.socket, https_sock: socket.socket) -> None:
        async def serve_both() -> None:
            await asyncio.gather(
                self._servers[0].serve(sockets=[api_sock]), self._servers[1].serve(sockets=[https_sock])
            )

        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(serve_both())
        except BaseException as exc:  # reported to start()/stop(); the thread must not die silently
            self._error = exc
        finally:
            loop.close()
            api_sock.close()
            https_sock.close()

    def stop(self) -> None:
        """Stop both servers, close the database, remove a temporary data directory. Idempotent."""
        for server in self._servers:
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
            self._thread = None
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
            self._db = None
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- data --------------------------------------------------------------------------------------------
    def _fresh_database(self) -> Database:
        # Each run starts from the seed: remove a database (and uploaded blobs) left by an earlier run.
        path = self.data_dir / "sandbox.db"
        for leftover in (path, path.with_name("sandbox.db-wal"), path.with_name("sandbox.db-shm")):
            leftover.unlink(missing_ok=True)
        for blob in self.blob_dir.iterdir():
            blob.unlink()
        return Database(path)

    def _seed(self) -> str:
        cfg = self.config
        first, *others = company_names(cfg)
        info = seed_database(self._db, cfg.dossiers, cfg.seed, first, cfg.today_date())
        self.company_ids = {first: info.company_id, **add_companies(self._db, others, cfg.seed)}
        return info.company_id

    def reset_data(self) -> None:
        """Back to the seed data (same ids); uploaded files are removed. Subscriptions are dropped."""
        self._db.clear()
        for blob in self.blob_dir.iterdir():
            blob.unlink()
        self._seed()
        self._webhooks.clear()

    # -- tenant: environments, companies, admin center ---------------------------------------------------
    @property
    def environments_url(self) -> str:
        """BC's environments endpoint of this tenant (``GET`` with a bearer token)."""
        return f"{self.base_url}/environments/v1.2"

    @property
    def admin_url(self) -> str:
        """Root of the admin center API (``{admin_url}/applications/BusinessCentral/environments/...``)."""
        return f"{self.base_url}/admin/v2.24"

    def api_root_for(self, environment: str) -> str:
        """The extension's API root in another environment of the tenant."""
        cfg = self.config
        extension = f"{cfg.publisher}/{cfg.group}/{cfg.version}"
        return f"{self.base_url}/v2.0/{cfg.tenant}/{environment}/api/{extension}"

    @property
    def end_session_calls(self) -> list[str | None]:
        """Subject ids of the sign-outs at the provider's end-session endpoint (None: no valid hint)."""
        return self.oidc.end_session_calls

    # -- test helpers ------------------------------------------------------------------------------------
    @property
    def variant(self) -> str:
        """The name of the dialect the server speaks now (``bc``, ``bc23``, ``odata``, ``vendor``)."""
        return self._state.variant.name

    def set_variant(self, name: str) -> None:
        """Switch the dialect at run time (data, tokens and subscriptions stay; rate windows restart)."""
        self._state.set_variant(name)
        self.config.variant = name

    @property
    def faults(self) -> FaultConfig:
        return self._injector.config

    @faults.setter
    def faults(self, config: FaultConfig) -> None:
        reply_faults.check(config)  # an unknown shape name fails here, not silently on the wire
        self._injector.set(config)

    def issue_token(self, username: str, lifetime_s: int | None = None) -> str:
        """A valid access token for a demo user (as the OIDC provider would issue it)."""
        return self.tokens.issue_access_token(username, lifetime_s=lifetime_s)

    def touch(self, count: int) -> int:
        """Modify ``count`` dossiers (delta-sync benchmarks); returns how many were modified."""
        return touch_dossiers(self._db, count)

    def stats(self) -> dict[str, Any]:
        """Request counts, faults injected, webhook deliveries, row counts, start time."""
        return {
            "requests": self._state.stats.snapshot(),
            "faults": self._injector.snapshot(),
            "webhooks": {"delivered": self._webhooks.delivered, "failed": self._webhooks.failed},
            "dossiers": self._db.scalar("SELECT COUNT(*) FROM dossiers"),
            "documents": self._db.scalar("SELECT COUNT(*) FROM documents"),
            "startedInSeconds": round(self.started_in_s, 3),
            "endSessionCalls": list(self.end_session_calls),
            "variant": self.variant,
        }
