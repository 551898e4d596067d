"""A queued upload waits on disk encrypted with the cache key and reaches the server byte for byte."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable

from dossier_desk.store.outbox_model import OutboxKind
from dossier_desk.store.sealed_files import is_sealed
from dossier_sandbox import SandboxServer
from tests.integration.store_support import rig
from tests.sandbox_fixtures import client_of
from tests.unit.store_helpers import memory_keyring  # noqa: F401 - fixture


def test_queued_upload_is_sealed_on_disk_and_sent_intact(
    sandbox_factory: Callable[..., SandboxServer],
    tmp_path,
    memory_keyring,  # noqa: F811
) -> None:
    server = sandbox_factory(dossiers=20)
    content = b"%PDF-1.4\n" + os.urandom(3 * (1 << 20) + 123)  # several chunks
    source = tmp_path / "verslag.pdf"
    source.write_bytes(content)

    async def scenario() -> str:
        async with rig(server) as r:
            assert r.db.encrypted
            await r.engine.sync_now()
            target = next(d for d in r.store.load_dossiers() if d.status in ("New", "Open", "In Process"))
            r.engine.set_work_offline(True)
            item = r.store.queue_upload(target.id, source, description="Sealed upload").wait()
            assert item.kind is OutboxKind.UPLOAD
            copy = r.outbox.file_path(item)
            assert is_sealed(copy)
            assert content[:4096] not in copy.read_bytes()
            r.engine.set_work_offline(False)
            await r.engine.sync_now()
            assert r.outbox.items() == []
            return target.id

    dossier_id = asyncio.run(scenario())
    with client_of(server) as client:
        docs = client.get(f"dossiers({dossier_id})/documents").json()["value"]
        [doc] = [d for d in docs if d["description"] == "Sealed upload"]
        assert client.get(f"documents({doc['id']})/content").content == content
