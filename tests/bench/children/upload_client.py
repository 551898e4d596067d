"""Upload one file the way the app does, on a qasync loop, measuring throughput and RSS growth.

Every upload in the app goes through the outbox: the file is first copied into a private copy (sealed
with a key derived from the cache key when the cache is encrypted, the usual case), then the outbox
pusher streams that copy with ``DossierApi.upload_document(..., opener=..., size=...)``, decrypting as
it reads, and reports throttled progress. This child does the same: the sealed copy is made before the
clock starts (the copy is the "Saving a copy" step, not the transfer); ``"sealed": false`` uploads the
plain file instead.

Started as ``python -m tests.bench.children.upload_client '<json>'``. The baseline RSS is read once the
loop runs and the client has made its first request (upload rules, connection open); a sampler thread
then reads RSS every 5 ms until the upload returns. Prints one JSON line: seconds, bytes, baseline and
peak RSS.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import qasync
from PySide6.QtWidgets import QApplication

from dossier_desk.api import ApiProfile, DossierApi
from dossier_desk.api.tokens import StaticTokenProvider
from dossier_desk.store.outbox_files import private_copy
from dossier_desk.store.sealed_files import derive_file_key, open_copy
from dossier_desk.store.uploads import ProgressThrottle

SAMPLE_S = 0.005


class PeakRss:
    """Samples this process's RSS in a thread; ``peak`` is the largest value seen."""

    def __init__(self) -> None:
        self._process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="rss-sampler", daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._process.memory_info().rss)
            self._stop.wait(SAMPLE_S)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)


async def upload(args: dict[str, Any]) -> dict[str, Any]:
    api = DossierApi(
        ApiProfile(args["api_root"], args["company_id"]), StaticTokenProvider(args["token"]), timeout=300
    )
    path = Path(args["path"])
    size = int(args["size"])
    copies = Path(tempfile.mkdtemp(prefix="bench-outbox-", dir=path.parent))
    key = derive_file_key(secrets.token_hex(32)) if args.get("sealed", True) else None
    try:
        copy, size, _sha = await asyncio.to_thread(private_copy, path, copies, key)
        await api.get_upload_rules()
        baseline = psutil.Process().memory_info().rss
        with PeakRss() as rss:
            began = time.perf_counter()
            document = await api.upload_document(
                args["dossier_id"],
                copy,
                description="Benchmark upload",
                document_type="Administrative",
                opener=lambda: open_copy(copy, key),
                size=size,
                on_progress=ProgressThrottle(lambda *_: None, 1),
            )
            seconds = time.perf_counter() - began
    finally:
        await api.aclose()
        shutil.rmtree(copies, ignore_errors=True)
    return {
        "seconds": seconds,
        "bytes": size,
        "baseline_rss": baseline,
        "peak_rss": rss.peak,
        "document_id": document.id,
    }


def main() -> None:
    args = json.loads(sys.argv[1])
    app = QApplication(sys.argv[:1])
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        report = runner.run(upload(args))
    del app
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
