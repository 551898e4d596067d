"""Soak: minutes of a caseworker editing while the server misbehaves in ever-changing ways.

The background sync loop (``SyncEngine.run``) runs the whole time; a user task queues creates and repeated
edits of the same dossiers; every few seconds the fault mix changes (429 storms, 5xx bursts, dropped and
truncated responses, writes committed then dropped, latency past the client timeout, the network cut).
After recovery: every acknowledged create exactly once, and every dossier holds the *last* value its user
gave it (queued edits of one dossier are applied in order), on the server and in the cache.

Run with ``-m soak``; ``DOSSIER_SOAK_SECONDS`` sets the length (default 120).
"""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

from dossier_desk.domain.dossier_rules import DossierField
from dossier_sandbox import FaultConfig, SandboxServer
from tests.fault.support import Edits, assert_readable, store_rig, verify_exactly_once
from tests.fault_summary import record
from tests.integration.store_netproxy import NetProxy

pytestmark = [pytest.mark.soak, pytest.mark.usefixtures("logging_expected"), pytest.mark.timeout(1800)]

MIXES = [
    FaultConfig(throttle_rate=0.3, retry_after_s=1),
    FaultConfig(error_rate=0.4, error_statuses=(500, 503, 504)),
    FaultConfig(drop_rate=0.3),
    FaultConfig(truncate_rate=0.3),
    FaultConfig(commit_then_drop_rate=0.5, methods=("POST", "PATCH")),
    FaultConfig(latency_jitter_ms=1200),
    FaultConfig(
        throttle_rate=0.1, error_rate=0.1, drop_rate=0.1, truncate_rate=0.1, commit_then_drop_rate=0.1
    ),
    FaultConfig(),
]


def test_soak_edits_survive_changing_faults(fault_sandbox: Callable[..., SandboxServer]) -> None:
    seconds = float(os.environ.get("DOSSIER_SOAK_SECONDS", "120"))
    server = fault_sandbox(dossiers=200)
    target = urlsplit(server.api_root)
    proxy = NetProxy(target.hostname or "127.0.0.1", target.port or 80)
    rng = random.Random(20261123)

    async def run() -> None:
        async with store_rig(
            server, api_root=proxy.rewrite(server.api_root), client_timeout=0.8, offline_retry_s=0.2
        ) as rig:
            assert await rig.sync() is None
            type_code = rig.store.dossier_types()[0].code
            contact_no = rig.store.contacts()[0].no
            editable = [d.id for d in rig.store.load_dossiers() if d.status in ("New", "Open", "In Process")]
            edits = Edits()
            runner = asyncio.create_task(rig.engine.run(interval_s=1.0))
            loop = asyncio.get_running_loop()
            end = loop.time() + seconds
            n = 0
            next_mix = 0.0
            while loop.time() < end:
                if loop.time() >= next_mix:
                    mix = rng.choice(MIXES)
                    server.faults = FaultConfig(**{**mix.__dict__, "seed": rng.randrange(1 << 30)})
                    proxy.set_up(rng.random() > 0.15)  # now and then the network is cut altogether
                    rig.clock.skip(rng.choice([0, 30, 900]))
                    next_mix = loop.time() + rng.uniform(2, 6)
                n += 1
                if rng.random() < 0.3:
                    item = rig.store.create_dossier(
                        {
                            DossierField.DESCRIPTION: f"soak {n}",
                            DossierField.DOSSIER_TYPE_CODE: type_code,
                            DossierField.PRIMARY_CONTACT_NO: contact_no,
                        }
                    ).wait()
                    edits.creates[item.payload["clientKey"]] = f"soak {n}"
                else:
                    dossier_id = rng.choice(editable[:40])  # few dossiers: many queued edits each
                    rig.store.save_dossier_changes(
                        dossier_id, {DossierField.OUR_REFERENCE: f"soak-{n}"}
                    ).wait()
                    edits.updates[dossier_id] = f"soak-{n}"
                await asyncio.sleep(rng.uniform(0.02, 0.3))
            server.faults = FaultConfig()
            proxy.set_up(True)
            deadline = loop.time() + 120
            while rig.outbox.items() and loop.time() < deadline:
                rig.clock.skip()
                rig.engine.request_sync()
                await asyncio.sleep(0.5)
            runner.cancel()
            with pytest.raises(asyncio.CancelledError):
                await runner
            assert await rig.sync() is None
            for _finished_at, error in rig.listener.of("sync_finished"):
                if error is not None:
                    assert_readable(error.user_message())
            assert not rig.outbox.parked_items(), [i.error for i in rig.outbox.parked_items()]
            verify_exactly_once(rig, edits)
            record("edits_made_in_soak", n)

    try:
        asyncio.run(run())
    finally:
        proxy.close()
    record("scenarios")
