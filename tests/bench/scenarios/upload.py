"""100 MB document upload: the real client (separate process, qasync loop) vs ``curl`` to the same endpoint.

Both POST ``dossiers({id})/documents`` as multipart/form-data with the same fields (description,
documentType, documentDate, confidential, file) and the same bearer token, to the out-of-process
sandbox. Runs alternate curl/client, each after ``os.sync()`` (the disk's write-back of earlier uploads
and scenarios otherwise lands in whichever transfer runs when it starts). Throughput is file bytes /
seconds. RSS growth of the client is peak RSS during the upload minus RSS just before it; curl's peak
RSS is sampled with psutil.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import psutil

from tests.bench.figures import Budget, Figure
from tests.bench.processes import run_child, sync_disk

if TYPE_CHECKING:
    from tests.bench.context import BenchContext

NAME = "upload"
MB = 1024 * 1024
THROUGHPUT_BUDGET = Budget("ratio_min", 0.8, "throughput >= 0.8x curl to the same endpoint")
RSS_BUDGET = Budget("value_max", 16.0, "RSS growth <= 16 MB during the upload")


def _make_file(directory: Path, size_mb: int) -> Path:
    path = directory / "bench-upload.pdf"
    with path.open("wb") as fh:
        for _ in range(size_mb):
            fh.write(os.urandom(MB))
    return path


def _delete_uploads(ctx: BenchContext, dossier_id: str) -> None:
    """Delete the documents the runs uploaded, so every transfer finds the server as the first did. On
    this VM the sandbox's page-cache writes of a received document slowed several-fold (its CPU at 99%
    in them) once a few hundred MB of earlier uploads had piled up, for curl and the client alike: the
    figure then measured the machine's memory, not the upload."""
    headers = {"Authorization": f"Bearer {ctx.sandbox.token}"}
    with httpx.Client(trust_env=False, timeout=60, headers=headers) as client:
        listed = client.get(f"{ctx.sandbox.company_url}/dossiers({dossier_id})/documents")
        listed.raise_for_status()
        for document in listed.json()["value"]:
            if document.get("description") == "Benchmark upload":
                url = f"{ctx.sandbox.company_url}/documents({document['id']})"
                client.delete(url, headers={"If-Match": document["@odata.etag"]}).raise_for_status()


def _open_dossier_id(ctx: BenchContext) -> str:
    """An open dossier (closed and archived ones refuse uploads)."""
    headers = {"Authorization": f"Bearer {ctx.sandbox.token}"}
    params = {"$top": "1", "$select": "id", "$filter": "status eq 'Open'"}
    with httpx.Client(trust_env=False, timeout=60, headers=headers) as client:
        response = client.get(f"{ctx.sandbox.company_url}/dossiers", params=params)
        response.raise_for_status()
        return str(response.json()["value"][0]["id"])


def _curl(ctx: BenchContext, url: str, path: Path) -> tuple[float, float]:
    """(seconds, peak RSS MB) of one curl upload; raises unless the server answered 201."""
    command = [
        "curl",
        "-sS",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code} %{time_total}",
        "-H",
        f"Authorization: Bearer {ctx.sandbox.token}",
        "-F",
        "description=Benchmark upload",
        "-F",
        "documentType=Administrative",
        "-F",
        "documentDate=",
        "-F",
        "confidential=false",
        "-F",
        f"file=@{path};type=application/pdf",
        url,
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    watched = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.005)
    out = (proc.communicate()[0] or "").split()
    if proc.returncode != 0 or not out or out[0] != "201":
        raise RuntimeError(f"curl upload failed: rc={proc.returncode} out={out}")
    return float(out[1]), peak / MB


def run(ctx: BenchContext) -> list[Figure]:
    """Figures: throughput vs curl, and the client's RSS growth."""
    dossier_id = _open_dossier_id(ctx)
    url = f"{ctx.sandbox.company_url}/dossiers({dossier_id})/documents"
    client_mbps: list[float] = []
    curl_mbps: list[float] = []
    growth_mb: list[float] = []
    curl_peak_mb: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        path = _make_file(Path(tmp), ctx.options.upload_mb)
        size_mb = path.stat().st_size / MB
        args = {
            "api_root": ctx.sandbox.api_root,
            "company_id": ctx.sandbox.company_id,
            "token": ctx.sandbox.token,
            "dossier_id": dossier_id,
            "path": str(path),
            "size": path.stat().st_size,
        }
        for _ in range(ctx.options.repeat):
            sync_disk()  # each transfer starts with the last one's 100 MB on disk: neither pays for the other
            seconds, peak = _curl(ctx, url, path)
            curl_mbps.append(size_mb / seconds)
            curl_peak_mb.append(peak)
            _delete_uploads(ctx, dossier_id)
            sync_disk()
            report = run_child(ctx, "upload_client", args)
            _delete_uploads(ctx, dossier_id)
            client_mbps.append(size_mb / report["seconds"])
            growth_mb.append((report["peak_rss"] - report["baseline_rss"]) / MB)
        if ctx.options.profile_dir is not None:
            run_child(ctx, "upload_client", args, profile_as="upload_client")  # not a measurement
    return [
        Figure(
            name="upload_throughput",
            scenario=NAME,
            unit="MB/s",
            samples=client_mbps,
            floor_name="curl -F file=@... to the same endpoint",
            floor_samples=curl_mbps,
            budget=THROUGHPUT_BUDGET,
            details={"file_mb": ctx.options.upload_mb},
        ),
        Figure(
            name="upload_rss_growth",
            scenario=NAME,
            unit="MB",
            samples=growth_mb,
            budget=RSS_BUDGET,
            details={
                "curl_peak_rss_mb": [round(v, 1) for v in curl_peak_mb],
                "file_mb": ctx.options.upload_mb,
            },
        ),
    ]
