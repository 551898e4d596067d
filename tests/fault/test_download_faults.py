"""Downloads under faults: a connection dropped mid-body or a body cut short never leaves a partial or
corrupt file where the user (or the document viewer) would find it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier_desk.api import ApiError, MalformedResponseError, NetworkError
from dossier_sandbox import FaultConfig, SandboxServer
from tests.fault.support import check_user_error, store_rig
from tests.fault_summary import record

pytestmark = pytest.mark.usefixtures("logging_expected")


async def _a_document(rig, tmp_path: Path):
    """Upload a 200 KB document through the store and return its metadata."""
    assert await rig.sync() is None
    dossier = next(d for d in rig.store.load_dossiers() if d.status in ("New", "Open", "In Process"))
    source = tmp_path / "verslag.pdf"
    source.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 800)
    rig.store.queue_upload(dossier.id, source, description="fault download").wait()
    assert await rig.sync() is None
    [document] = [d for d in rig.cache.documents(dossier.id) if d.description == "fault download"]
    return document, source.read_bytes()


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (FaultConfig(drop_rate=1.0, path_contains="/content"), NetworkError),
        (FaultConfig(truncate_rate=1.0, path_contains="/content"), MalformedResponseError),
    ],
    ids=["dropped", "cut-short"],
)
def test_failed_download_leaves_nothing_and_a_retry_gets_the_whole_file(
    fault_sandbox: Callable[..., SandboxServer], tmp_path: Path, fault: FaultConfig, expected: type[ApiError]
) -> None:
    server = fault_sandbox(dossiers=10)
    inbox = tmp_path / "inbox"
    inbox.mkdir()

    async def run() -> None:
        async with store_rig(server) as rig:
            document, content = await _a_document(rig, tmp_path)
            assert document.file_size == len(content)
            server.faults = fault
            with pytest.raises(ApiError) as caught:
                await rig.api.download_document(document, inbox)
            check_user_error(caught.value, expected)
            assert list(inbox.iterdir()) == []  # no partial file, no temp file
            server.faults = FaultConfig()
            written = await rig.api.download_document(document, inbox)
            assert written.read_bytes() == content
            assert list(inbox.iterdir()) == [written]

    asyncio.run(run())
    record("scenarios")
