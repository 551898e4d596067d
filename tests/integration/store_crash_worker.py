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
(the item is committed) it journals ``ACK kind key value`` and fsyncs the journal. Kinds: ``create``
(key ``-``, value the description), ``update`` (dossier id, new Our reference), ``delete`` (dossier id,
its description), ``workflow`` (dossier id, the comment of the completed line), ``upload`` and
``upload_conf`` (dossier id, file name; ``upload_conf`` is a confidential medical document, which the
caseworker cannot list afterwards).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sys
from pathlib import Path

import httpx

from dossier_desk.api.client import DossierApi
from dossier_desk.api.errors import ApiError
from dossier_desk.api.profile import ApiProfile
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import DossierStore, NullListener, OutboxState, SyncEngine, profile_paths
from dossier_desk.store.session import open_session

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
    # verify=False: the sandbox API is plain http on loopback, and skipping the CA bundle load keeps
    # start-up short (every crash iteration pays it).
    profile = ApiProfile(env["CRASH_API_ROOT"], env["CRASH_COMPANY"], verify=False)
    api = DossierApi(profile, StaticToken(env["CRASH_TOKEN"]),
                     max_retries=1, timeout=5)  # fmt: skip
    paths = profile_paths("crash", env["CRASH_COMPANY"])
    session = await open_session(paths, api, NullListener(), page_size=40)
    if not session.db.integrity_ok():
        print("INTEGRITY FAILED", flush=True)
        return 3
    outbox, engine, store = session.outbox, session.engine, session.store
    outbox.remove_orphan_files()  # this process is the profile's only writer: every orphan may go
    print(f"READY {os.getpid()}", flush=True)
    if mode == "drain":
        for _ in range(30):
            await engine.sync_now()
            if not any(i.state in (OutboxState.PENDING, OutboxState.IN_FLIGHT) for i in outbox.items()):
                break
            await asyncio.sleep(0.2)
        # Parked for the user ("outcome unknown") and what waits behind it on the same dossier: neither
        # lost nor sent twice.
        left = outbox.items()
        parked = {i.dossier_id for i in left if i.state is OutboxState.UNKNOWN}
        behind = [i for i in left if i.state is OutboxState.PENDING and i.dossier_id in parked]
        others = [i for i in left if i.state is not OutboxState.UNKNOWN and i not in behind]
        states = [i.state for i in others]
        pending = states.count(OutboxState.PENDING) + states.count(OutboxState.IN_FLIGHT)
        conflicts, failed = states.count(OutboxState.CONFLICT), states.count(OutboxState.FAILED)
        print(f"DRAINED {pending} {conflicts} {failed}", flush=True)
        for item in left:
            if item.state is OutboxState.UNKNOWN or item in behind:
                name = item.payload.get("fileName") or item.payload.get("changes", {}).get(
                    "ourReference", "-"
                )
                print(f"LEFT {item.state.value} {item.kind.value} {item.dossier_id} {name}", flush=True)
        print("END", flush=True)
        await api.aclose()
        await session.aclose()
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
        busy = store.pending_ids()
        shown = [d for d in store.load_dossiers() if not d.id.startswith("local-")]
        targets = sorted(d.id for d in shown if d.status in EDITABLE)
        roll = rng.random()
        if not targets or roll < 0.3:
            journal(fd, f"INTENT create - {value}")
            store.create_dossier(
                {
                    DossierField.DESCRIPTION: value,
                    DossierField.DOSSIER_TYPE_CODE: env["CRASH_TYPE"],
                    DossierField.PRIMARY_CONTACT_NO: env["CRASH_CONTACT"],
                    DossierField.EXTERNAL_DOCUMENT_NO: f"EXT-{n}",  # the user's own value: must stay as typed
                }
            ).wait()
            journal(fd, f"ACK create - {value}")
        elif roll < 0.38:
            own = sorted(
                (d.id, d.description)
                for d in shown
                if d.description.startswith("crash-") and d.id not in busy
            )
            if own:
                target, description = own[rng.randrange(len(own))]
                journal(fd, f"INTENT delete {target} {description}")
                store.delete_dossier(target).wait()
                journal(fd, f"ACK delete {target} {description}")
        elif roll < 0.48:
            await complete_a_line(store, fd, [t for t in targets if t not in busy], rng, value)
        elif roll < 0.6:
            target = targets[rng.randrange(min(len(targets), 12))]
            confidential = rng.random() < 0.5
            kind = "upload_conf" if confidential else "upload"
            name = f"{value}.pdf"
            path = Path(env["CRASH_FILES"]) / name
            path.write_bytes(f"%PDF-1.4 {value} ".encode() * rng.randint(1, 40))
            journal(fd, f"INTENT {kind} {target} {name}")
            store.queue_upload(
                target,
                path,
                description="crash upload",
                document_type="Medical" if confidential else "Administrative",
                confidential=confidential,
            ).wait()
            journal(fd, f"ACK {kind} {target} {name}")
        else:
            target = targets[rng.randrange(min(len(targets), 12))]
            journal(fd, f"INTENT update {target} {value}")
            store.save_dossier_changes(target, {DossierField.OUR_REFERENCE: value}).wait()
            journal(fd, f"ACK update {target} {value}")
        await asyncio.sleep(rng.uniform(0.02, 0.1))  # a brisk typist: the push keeps up, mostly
        if syncing.done():
            syncing.result()


async def complete_a_line(
    store: DossierStore, fd: int, targets: list[str], rng: random.Random, value: str
) -> None:
    """Queue "complete" on the current workflow line of a dossier without queued writes."""
    if not targets:
        return
    target = targets[rng.randrange(min(len(targets), 20))]
    with contextlib.suppress(ApiError):
        await store.refresh_workflow(target)
    if target in store.pending_ids():
        return
    line = next((e for e in store.workflow_log(target) if e.state in ("Current", "Overdue")), None)
    if line is None:
        return
    journal(fd, f"INTENT workflow {target} {value}")
    store.queue_workflow_action(target, "complete", line.line_no, value).wait()
    journal(fd, f"ACK workflow {target} {value}")


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
