"""Crash consistency: a worker queuing edits and syncing is SIGKILLed at random points.

After every kill the database passes ``PRAGMA integrity_check``; after a final replay every
acknowledged create exists exactly once on the server, no create is duplicated, and every dossier's
last acknowledged edit (or a later one the worker had started) is the server's value.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from dossier_desk.api.models import Dossier
from dossier_desk.store import profile_paths
from dossier_sandbox.config import FaultConfig

ITERATIONS = 50


class ForkServer:
    """Drives ``store_crash_worker``'s fork server: one interpreter start-up for all workers."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.store_crash_worker"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert self._line() == "FORKSERVER"
        self.live: set[int] = set()

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line:
            pytest.fail(f"fork server died (exit {self.proc.poll()})")
        return line

    def _send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def start(self, mode: str, seed: int) -> int:
        """Fork a worker; returns its pid once it has opened the database."""
        self._send(f"{mode} {seed}")
        tag, pid = self._line().split()
        assert tag == "READY"
        self.live.add(int(pid))
        return int(pid)

    def read_until(self, prefix: str) -> str:
        while not (line := self._line()).startswith(prefix):
            pass
        return line

    def reap(self, pid: int) -> int:
        """Wait for worker ``pid`` to be gone; returns its exit code (negative: killed by signal)."""
        self._send(f"reap {pid}")
        line = self.read_until("REAPED")
        self.live.discard(pid)
        return int(line.split()[2])

    def close(self) -> None:
        """Stop the fork server; a worker still running (the test failed midway) is killed."""
        for pid in self.live:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


def _inspect(db_path: Path) -> tuple[str, int, int]:
    """(integrity_check result, outbox items left in flight, outbox items) after a kill."""
    conn = sqlite3.connect(db_path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        in_flight = conn.execute("SELECT count(*) FROM outbox WHERE state = 'in_flight'").fetchone()[0]
        queued = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        return integrity, in_flight, queued
    finally:
        conn.close()


def _server_dossiers(server) -> list[Dossier]:
    import httpx
    import msgspec

    token = server.issue_token("caseworker@demo")
    url = f"{server.company_url}/dossiers"
    rows: list[Dossier] = []
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30, trust_env=False) as client:
        while url:
            body = client.get(url).raise_for_status().content
            page = msgspec.json.decode(body)
            rows.extend(msgspec.convert(page["value"], list[Dossier]))
            url = page.get("@odata.nextLink")
    return rows


@pytest.mark.slow
def test_sigkill_during_edits_and_sync_loses_and_duplicates_nothing(
    sandbox_factory, tmp_path: Path, logging_expected
) -> None:
    # logging_expected: the sandbox logs requests whose client was killed mid-request.
    server = sandbox_factory(dossiers=120)
    token = server.issue_token("caseworker@demo", lifetime_s=3600)
    journal = tmp_path / "journal.txt"
    import httpx

    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, trust_env=False) as client:
        type_code = client.get(f"{server.company_url}/dossierTypes").json()["value"][0]["code"]
        contact_no = client.get(f"{server.company_url}/contacts").json()["value"][0]["no"]
    env = {
        **os.environ,
        "CRASH_API_ROOT": server.api_root,
        "CRASH_COMPANY": server.company_id,
        "CRASH_TOKEN": token,
        "CRASH_TYPE": type_code,
        "CRASH_CONTACT": contact_no,
        "CRASH_LOG": str(journal),
    }
    db_path = profile_paths("crash", server.company_id).database
    rng = random.Random(20261123)
    killed_in_flight = killed_with_queue = 0
    workers = ForkServer(env)
    try:
        for iteration in range(ITERATIONS):
            # Every third run also loses responses after the server committed.
            lossy = iteration % 3 == 2
            server.faults = FaultConfig(commit_then_drop_rate=0.3 if lossy else 0.0, seed=iteration)
            pid = workers.start("run", iteration)
            time.sleep(rng.uniform(0.02, 0.7))
            os.kill(pid, signal.SIGKILL)
            assert workers.reap(pid) == -signal.SIGKILL, f"worker ended on its own in iteration {iteration}"
            integrity, in_flight, queued = _inspect(db_path)
            assert integrity == "ok", f"integrity check failed after kill {iteration}"
            killed_in_flight += in_flight > 0
            killed_with_queue += queued > 0
        # The kills must have landed during replay (a request in flight) and with work queued.
        assert killed_in_flight >= 3
        assert killed_with_queue >= 10

        server.faults = FaultConfig()
        pid = workers.start("drain", 999)
        assert workers.read_until("DRAINED") == "DRAINED 0 0 0"
        assert workers.reap(pid) == 0
    finally:
        workers.close()
    assert _inspect(db_path)[0] == "ok"

    intents: list[tuple[str, str, str]] = []
    acked: set[tuple[str, str, str]] = set()
    for line in journal.read_text().splitlines():
        tag, kind, key, value = line.split(" ")
        (intents.append if tag == "INTENT" else acked.add)((kind, key, value))
    acked_creates = {v for k, _key, v in acked if k == "create"}
    acked_updates = [(key, v) for k, key, v in intents if k == "update" and ("update", key, v) in acked]
    # Enough of both kinds to mean something (the amount varies with machine speed).
    assert len(acked_creates) >= 5, "too little work to prove anything"
    assert len(acked_updates) >= 10, "too little work to prove anything"
    assert len(acked_creates) + len(acked_updates) >= 25, "too little work to prove anything"

    dossiers = _server_dossiers(server)
    by_description = Counter(d.description for d in dossiers if d.description.startswith("crash-"))
    duplicates = {d: n for d, n in by_description.items() if n > 1}
    assert not duplicates, f"duplicated creates: {duplicates}"
    missing = acked_creates - set(by_description)
    assert not missing, f"acknowledged creates lost: {sorted(missing)[:5]}"

    # Per dossier: the last acknowledged value, or any value whose enqueue began after it (killed
    # between commit and acknowledgement: it may or may not have been committed).
    allowed: dict[str, set[str]] = {}
    last_ack: dict[str, int] = {}
    for i, (kind, key, value) in enumerate(intents):
        if kind == "update" and ("update", key, value) in acked:
            allowed[key] = {value}
            last_ack[key] = i
    for i, (kind, key, value) in enumerate(intents):
        if kind == "update" and key in last_ack and i > last_ack[key]:
            allowed[key].add(value)
    server_refs = {d.id: d.our_reference for d in dossiers}
    wrong = {k: (server_refs.get(k), sorted(v)) for k, v in allowed.items() if server_refs.get(k) not in v}
    assert not wrong, f"acknowledged edits not on the server: {wrong}"
