"""Subprocess for the crash-consistency test: queues edits and syncs until it is killed.

Usage: ``python -m tests.integration.store_crash_worker`` starts a fork server: it imports everything
once, then for each stdin line ``run SEED`` (work until SIGKILL) or ``drain SEED`` (push until the
outbox is empty, then exit) forks a worker that prints ``READY <pid>``; ``reap PID`` waits for that
worker and prints ``REAPED <pid> <status>``. Forking from a single-threaded process that has opened
nothing saves the interpreter start-up per crash; each worker is still its own process with its own
database connection, killed for real. Configuration comes from the
environment: ``CRASH_API_ROOT``, ``CRASH_COMPANY``, ``CRASH_TOKEN``, ``CRASH_TYPE``, ``CRASH_CONTACT``,
``CRASH_LOG`` (intent/ack journal) and ``DOSSIER_DESK_HOME``.

Before each enqueue the worker journals ``INTENT kind key value``; after the enqueue returned
(the item is committed) it journals ``ACK kind key value`` and fsyncs the journal.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys

import httpx

from dossier_desk.api.client import DossierApi
from dossier_desk.api.profile import ApiProfile
from dossier_desk.store import (
    Cache,
    DossierStore,
    NullListener,
    Outbox,
    OutboxState,
    SyncEngine,
    open_database,
    profile_paths,
)

EDITABLE = ("New", "Open", "In Process")


class StaticToken:
    def __init__(self, token: str) -> None:
        self.token = token

    async def get_token(self, *, force_refresh: bool = False) -> str:
        return self.token


def journal(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())
    os.fsync(fd)


async def keep_syncing(engine: SyncEngine, rng: random.Random) -> None:
    if engine.cache.get_state("full.done") != "1":
        await engine.full_sync()  # resumes the previous worker's interrupted full sync
    while True:
        await engine.sync_now()
        await asyncio.sleep(rng.uniform(0.0, 0.03))


async def main(mode: str, seed: int) -> int:
    env = os.environ
    rng = random.Random(seed)
    db = open_database(profile_paths("crash", env["CRASH_COMPANY"]))
    if not db.integrity_ok():
        print("INTEGRITY FAILED", flush=True)
        return 3
    cache, outbox = Cache(db), Outbox(db)
    outbox.remove_orphan_files()
    # verify=False: the sandbox API is plain http on loopback, and skipping the CA bundle load keeps
    # start-up short (every crash iteration pays it).
    profile = ApiProfile(env["CRASH_API_ROOT"], env["CRASH_COMPANY"], verify=False)
    api = DossierApi(profile, StaticToken(env["CRASH_TOKEN"]),
                     max_retries=1, timeout=5)  # fmt: skip
    engine = SyncEngine(api, cache, outbox, NullListener(), page_size=40)
    store = DossierStore(cache, outbox, api)
    print(f"READY {os.getpid()}", flush=True)
    if mode == "drain":
        for _ in range(30):
            await engine.sync_now()
            if not any(i.state in (OutboxState.PENDING, OutboxState.IN_FLIGHT) for i in outbox.items()):
                break
            await asyncio.sleep(0.2)
        pending, conflicts, failed = outbox.counts()
        print(f"DRAINED {pending} {conflicts} {failed}", flush=True)
        await api.aclose()
        db.close()
        return 0
    fd = os.open(env["CRASH_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    syncing = asyncio.create_task(keep_syncing(engine, rng))
    n = 0
    parent = os.getppid()
    while True:
        if os.getppid() != parent:  # the fork server is gone (test aborted): do not linger
            os._exit(4)
        if outbox.counts()[0] >= 8:  # keep the backlog small so that pulls get their turn too
            await asyncio.sleep(0.02)
            continue
        n += 1
        value = f"crash-{seed}-{n}"
        targets = sorted(
            d.id for d in store.load_dossiers() if d.status in EDITABLE and not d.id.startswith("local-")
        )
        if not targets or rng.random() < 0.35:
            journal(fd, f"INTENT create - {value}")
            store.create_dossier(
                {
                    "description": value,
                    "dossierTypeCode": env["CRASH_TYPE"],
                    "primaryContactNo": env["CRASH_CONTACT"],
                }
            )
            journal(fd, f"ACK create - {value}")
        else:
            target = targets[rng.randrange(min(len(targets), 12))]
            journal(fd, f"INTENT update {target} {value}")
            store.save_dossier_changes(target, {"ourReference": value})
            journal(fd, f"ACK update {target} {value}")
        await asyncio.sleep(rng.uniform(0.02, 0.1))  # a brisk typist: the push keeps up, mostly
        if syncing.done():
            syncing.result()


def fork_server() -> None:
    """Serve ``run``/``drain``/``reap`` commands from stdin (see the module docstring)."""
    # httpx imports its connection machinery on the first client construction: do it before forking.
    httpx.AsyncHTTPTransport(verify=False)
    print("FORKSERVER", flush=True)
    for line in sys.stdin:
        command, arg = line.split()
        if command == "reap":
            _pid, status = os.waitpid(int(arg), 0)
            print(f"REAPED {arg} {os.waitstatus_to_exitcode(status)}", flush=True)
            continue
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = asyncio.run(main(command, int(arg)))
            finally:
                sys.stdout.flush()
                os._exit(code)


if __name__ == "__main__":
    fork_server()
