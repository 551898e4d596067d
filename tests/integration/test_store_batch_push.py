"""Many queued edits go to the server in one ``$batch`` round trip; a stale one fails alone."""

from __future__ import annotations

import asyncio

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import OutboxState
from tests.integration.store_support import other_user, rig


def _methods(server) -> dict[str, int]:
    return dict(server.stats()["requests"]["byMethod"])


def test_edits_of_many_dossiers_go_in_one_round_trip(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(dossiers=40, variant=sandbox_variant)

    async def scenario() -> None:
        async with rig(server) as r:
            await r.engine.sync_now()
            targets = [d for d in r.store.load_dossiers() if d.status in ("Open", "In Process")][:6]
            for n, d in enumerate(targets):
                r.store.save_dossier_changes(d.id, {DossierField.OUR_REFERENCE: f"batched {n}"}).wait()
            r.store.save_dossier_changes(
                targets[0].id, {DossierField.YOUR_REFERENCE: "second edit"}
            ).wait()  # needs the first
            stale = targets[1]
            async with other_user(server) as them:  # someone else changes one of them meanwhile
                await them.update_dossier(stale.id, stale.etag, {"ourReference": "theirs"})
            before = _methods(server)
            report = await r.engine.push_outbox()
            after = _methods(server)
            # One $batch for the six first edits; the follow-up edit, alone once its first edit landed,
            # goes the ordinary way.
            assert after.get("POST", 0) - before.get("POST", 0) == 1
            assert after.get("PATCH", 0) - before.get("PATCH", 0) == 1
            assert report.done == 6
            assert report.parked == 1  # the stale one failed alone, as a conflict
            (left,) = r.outbox.items()
            assert left.dossier_id == stale.id
            assert left.state is OutboxState.CONFLICT
            async with other_user(server) as them:
                first = await them.get_dossier(targets[0].id)
                assert (first.our_reference, first.your_reference) == ("batched 0", "second edit")
                for n, d in enumerate(targets[2:], start=2):
                    assert (await them.get_dossier(d.id)).our_reference == f"batched {n}"

    asyncio.run(scenario())
