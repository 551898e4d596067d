"""Document upload/download over HTTP: streaming, progress, cancellation, rules, hostile names, memory."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

from dossier_desk.api import (
    ApiProfile,
    Document,
    Dossier,
    DossierApi,
    F,
    NetworkError,
    Query,
    ValidationError,
)
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_sandbox import FaultConfig, SandboxServer

pytestmark = pytest.mark.anyio

MB = 1024 * 1024


def api_for(server: SandboxServer, user: str = "occhealth@demo") -> DossierApi:
    tokens = CallbackTokenProvider(lambda: server.issue_token(user))
    return DossierApi(ApiProfile(server.api_root, server.company_id), tokens)


async def _open_dossier(api: DossierApi) -> Dossier:
    async for page in api.iter_dossier_pages(Query().filter(F("status") == "Open").top(1)):
        return page[0]
    raise AssertionError("no open dossier")


def _write_file(path: Path, size: int) -> Path:
    block = os.urandom(MB)
    with path.open("wb") as out:
        for start in range(0, size, MB):
            out.write(block[: min(MB, size - start)])
    return path


async def test_upload_download_delete(variant_sandbox: SandboxServer, tmp_path: Path) -> None:
    source = _write_file(tmp_path / "verslag.pdf", 3 * MB + 17)
    progress: list[tuple[int, int]] = []
    async with api_for(variant_sandbox) as api:
        dossier = await _open_dossier(api)
        doc = await api.upload_document(
            dossier.id,
            source,
            description="Verslag",
            document_type="Medical",
            document_date="2026-03-01",
            confidential=True,
            on_progress=lambda sent, total: progress.append((sent, total)),
        )
        assert (doc.file_name, doc.file_size, doc.document_type, doc.confidential) == (
            "verslag.pdf",
            3 * MB + 17,
            "Medical",
            True,
        )
        assert doc.document_date == "2026-03-01"
        assert progress[-1] == (3 * MB + 17, 3 * MB + 17)
        assert [s for s, _ in progress] == sorted(s for s, _ in progress)
        assert doc.id in {d.id for d in await api.list_documents(dossier.id)}
        target = tmp_path / "downloads"
        target.mkdir()
        first = await api.download_document(doc, target)
        second = await api.download_document(doc, target)  # never overwrites
        assert first == target / "verslag.pdf"
        assert second == target / "verslag (1).pdf"
        assert first.read_bytes() == source.read_bytes() == second.read_bytes()
        assert sorted(p.name for p in target.iterdir()) == ["verslag (1).pdf", "verslag.pdf"]
        await api.delete_document(doc)
        assert doc.id not in {d.id for d in await api.list_documents(dossier.id)}


async def test_medical_documents_are_hidden_from_caseworkers(
    variant_sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = _write_file(tmp_path / "medisch.pdf", 1000)
    async with api_for(variant_sandbox) as occ, api_for(variant_sandbox, "caseworker@demo") as caseworker:
        dossier = await _open_dossier(occ)
        doc = await occ.upload_document(dossier.id, source, description="x", document_type="Medical")
        assert doc.id not in {d.id for d in await caseworker.list_documents(dossier.id)}
        with pytest.raises(Exception) as info:
            await caseworker.download_document(doc, tmp_path)
        assert getattr(info.value, "status", None) in (403, 404)
        await occ.delete_document(doc)


@pytest.mark.parametrize(
    ("local_name", "check"),
    [
        ("CON.pdf", lambda n: n == "_CON.pdf"),
        ("nul.txt", lambda n: n == "_nul.txt"),
        ("invoice\u202efdp.txt", lambda n: n == "invoicefdp.txt"),
        ("a<b>c:d|e?f*.txt", lambda n: n == "a_b_c_d_e_f_.txt"),
        ("x" * 240 + ".pdf", lambda n: n.endswith(".pdf") and len(n.encode()) <= 200),
        (
            "rapport\u200b  .pdf",
            lambda n: n.startswith("rapport") and "\u200b" not in n and n.endswith(".pdf"),
        ),
    ],
)
async def test_hostile_server_filenames_are_sanitised(
    variant_sandbox: SandboxServer, tmp_path: Path, local_name: str, check: Callable[[str], bool]
) -> None:
    source = _write_file(tmp_path / local_name, 100)
    target = tmp_path / "out"
    target.mkdir()
    async with api_for(variant_sandbox) as api:
        dossier = await _open_dossier(api)
        doc = await api.upload_document(dossier.id, source, description="x", document_type="Administrative")
        path = await api.download_document(doc, target)
        await api.delete_document(doc)
    assert path.parent == target
    assert check(path.name), path.name
    assert path.read_bytes() == source.read_bytes()


async def test_upload_rules_are_checked_before_sending(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    server = sandbox_factory(
        variant=sandbox_variant, dossiers=10, max_upload_bytes=5000, upload_rules_endpoint=True
    )
    async with api_for(server) as api:
        dossier = await _open_dossier(api)
        await api.get_upload_rules()
        await asyncio.sleep(0.2)
        before = server.stats()["requests"]["total"]
        with pytest.raises(ValidationError) as big:
            await api.upload_document(
                dossier.id, _write_file(tmp_path / "big.pdf", 6000), description="x", document_type="Legal"
            )
        assert big.value.status == 0
        assert "larger than" in big.value.user_message()
        with pytest.raises(ValidationError) as exe:
            await api.upload_document(
                dossier.id, _write_file(tmp_path / "run.exe", 10), description="x", document_type="Legal"
            )
        assert exe.value.field_errors == {"file": exe.value.message}
        assert ".exe" in exe.value.user_message()
        await asyncio.sleep(0.2)
        assert server.stats()["requests"]["total"] == before  # nothing was sent


async def test_upload_can_be_cancelled(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10)
    source = _write_file(tmp_path / "large.pdf", 40 * MB)
    async with api_for(server) as api:
        dossier = await _open_dossier(api)
        before = {d.id for d in await api.list_documents(dossier.id)}
        started = asyncio.Event()

        def on_progress(sent: int, total: int) -> None:
            if sent >= 4 * MB:
                started.set()

        task = asyncio.create_task(
            api.upload_document(
                dossier.id, source, description="x", document_type="Legal", on_progress=on_progress
            )
        )
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.3)
        assert {d.id for d in await api.list_documents(dossier.id)} == before


async def test_dropped_download_leaves_no_partial_file(
    sandbox_variant: str,
    sandbox_factory: Callable[..., SandboxServer],
    tmp_path: Path,
    logging_expected: None,
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10)
    source = _write_file(tmp_path / "doc.pdf", 2 * MB)
    target = tmp_path / "out"
    target.mkdir()
    async with api_for(server) as api:
        dossier = await _open_dossier(api)
        doc: Document = await api.upload_document(dossier.id, source, description="x", document_type="Legal")
        server.faults = FaultConfig(drop_rate=1.0, max_faults=3, path_contains="/content")
        with pytest.raises(NetworkError):
            await api.download_document(doc, target)
        assert list(target.iterdir()) == []
        server.faults = FaultConfig(drop_rate=1.0, max_faults=2, path_contains="/content")
        path = await api.download_document(doc, target)  # two drops, the third attempt completes
        assert path.read_bytes() == source.read_bytes()
        assert [p.name for p in target.iterdir()] == ["doc.pdf"]


class _PeakRss:
    """Samples this process's RSS every few milliseconds in a thread (the sandbox runs in-process too)."""

    def __init__(self) -> None:
        self._proc = psutil.Process()
        self.baseline = self._proc.memory_info().rss
        self.peak = self.baseline
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._proc.memory_info().rss)
            time.sleep(0.005)

    def __enter__(self) -> _PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture
def hundred_mb(tmp_path: Path) -> Iterator[Path]:
    path = _write_file(tmp_path / "scan.pdf", 100 * MB)
    yield path
    path.unlink()


@pytest.mark.slow
async def test_100mb_upload_streams_with_bounded_memory(
    variant_sandbox: SandboxServer, hundred_mb: Path
) -> None:
    async with api_for(variant_sandbox) as api:
        dossier = await _open_dossier(api)
        await api.get_upload_rules()
        with _PeakRss() as rss:
            started = time.monotonic()
            doc = await api.upload_document(dossier.id, hundred_mb, description="scan", document_type="Legal")
            elapsed = time.monotonic() - started
        assert doc.file_size == 100 * MB
        growth = (rss.peak - rss.baseline) / MB
        print(f"100 MB upload: {elapsed:.2f} s, RSS growth {growth:.1f} MB")
        assert growth < 32, f"RSS grew by {growth:.1f} MB"
        await api.delete_document(doc)
