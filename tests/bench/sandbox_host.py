"""The sandbox service in its own process, so the client under test never shares a GIL with the server.

Child side (``python -m tests.bench.sandbox_host '<json config>'``): starts a
:class:`~dossier_sandbox.SandboxServer`, prints one JSON line (API root, company id, a long-lived
token for the bench user, base URL, start time) and serves until its stdin closes.

Parent side: :class:`SandboxProcess` starts that child and exposes what it printed, plus the
``/_sandbox/*`` administration calls the scenarios need (touch, stats).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

BENCH_USER = "occhealth@demo"  # clearance 3: sees every seeded dossier, may upload
TOKEN_LIFETIME_S = 6 * 3600
_READY_TIMEOUT_S = 600.0


@dataclass
class SandboxProcess:
    """A sandbox host child process. Use as a context manager."""

    dossiers: int
    rate_limit: int | None = None
    rate_window_s: float = 300.0
    data_dir: Path | None = None
    variant: str = "bc"
    info: dict[str, Any] = field(default_factory=dict)
    _proc: subprocess.Popen[str] | None = None

    def start(self) -> SandboxProcess:
        """Start the child and wait until it has printed its connection details."""
        config = {
            "dossiers": self.dossiers,
            "rate_limit": self.rate_limit,
            "rate_window_s": self.rate_window_s,
            "data_dir": str(self.data_dir) if self.data_dir else None,
            "variant": self.variant,
        }
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.bench.sandbox_host", json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
            env=os.environ.copy(),
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            code = self._proc.wait(timeout=_READY_TIMEOUT_S)
            raise RuntimeError(f"the sandbox host exited with {code} before it was ready")
        self.info = json.loads(line)
        return self

    def stop(self) -> None:
        """Close the child's stdin (its stop signal) and wait for it."""
        if self._proc is None:
            return
        proc, self._proc = self._proc, None
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def __enter__(self) -> SandboxProcess:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- connection details ---------------------------------------------------------------------------
    @property
    def api_root(self) -> str:
        return str(self.info["api_root"])

    @property
    def company_id(self) -> str:
        return str(self.info["company_id"])

    @property
    def company_url(self) -> str:
        return str(self.info["company_url"])

    @property
    def base_url(self) -> str:
        return str(self.info["base_url"])

    @property
    def authority(self) -> str:
        return str(self.info["authority"])

    @property
    def token(self) -> str:
        return str(self.info["token"])

    @property
    def started_in_s(self) -> float:
        return float(self.info["started_in_s"])

    # -- administration ---------------------------------------------------------------------------------
    def _admin(self, method: str, path: str, body: Any = None) -> Any:
        with httpx.Client(base_url=self.base_url, trust_env=False, timeout=120) as client:
            response = client.request(method, path, json=body)
            response.raise_for_status()
            return response.json()

    def touch(self, count: int) -> int:
        """Modify ``count`` dossiers on the server (``POST /_sandbox/touch``)."""
        return int(self._admin("POST", "/_sandbox/touch", {"count": count})["touched"])

    def stats(self) -> dict[str, Any]:
        """``GET /_sandbox/stats``."""
        return dict(self._admin("GET", "/_sandbox/stats"))

    def status_count(self, status: int) -> int:
        """How many API responses had ``status`` so far."""
        return int(self.stats()["requests"]["byStatus"].get(str(status), 0))


def _serve(config: dict[str, Any]) -> None:
    from dossier_sandbox import SandboxConfig, SandboxServer

    began = time.perf_counter()
    data_dir = Path(config["data_dir"]) if config.get("data_dir") else None
    server = SandboxServer(
        SandboxConfig(
            dossiers=int(config["dossiers"]),
            rate_limit=config.get("rate_limit"),
            rate_window_s=float(config.get("rate_window_s") or 300.0),
            data_dir=data_dir,
            token_lifetime_s=TOKEN_LIFETIME_S,
            variant=str(config.get("variant") or "bc"),
        )
    )
    with server:
        info = {
            "api_root": server.api_root,
            "company_id": server.company_id,
            "company_url": server.company_url,
            "base_url": server.base_url,
            "authority": server.authority,
            "token": server.issue_token(BENCH_USER, lifetime_s=TOKEN_LIFETIME_S),
            "started_in_s": round(time.perf_counter() - began, 3),
        }
        sys.stdout.write(json.dumps(info) + "\n")
        sys.stdout.flush()
        sys.stdin.read()  # blocks until the parent closes our stdin


if __name__ == "__main__":
    _serve(json.loads(sys.argv[1]))
