"""Multipart encoding of uploads, upload rule checks, and download naming (scripted responses)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from python_multipart import MultipartParser

from dossier_desk.api.client import DossierApi
from dossier_desk.api.documents import CHUNK_SIZE, MultipartUpload, check_upload
from dossier_desk.api.errors import ValidationError
from dossier_desk.api.models import Document, UploadRules
from dossier_desk.api.profile import ApiProfile
from dossier_desk.api.tokens import StaticTokenProvider

pytestmark = pytest.mark.anyio


def _parse(body: bytes, boundary: str) -> dict[str, tuple[bytes, bytes]]:
    """name -> (raw part headers, data), using the same parser Starlette uses."""
    parts: dict[str, tuple[bytes, bytes]] = {}
    current = {"headers": b"", "data": b""}

    def on_part_begin() -> None:
        current["headers"], current["data"] = b"", b""

    def on_header_field(data: bytes, start: int, end: int) -> None:
        current["headers"] += data[start:end] + b": "

    def on_header_value(data: bytes, start: int, end: int) -> None:
        current["headers"] += data[start:end] + b"\n"

    def on_part_data(data: bytes, start: int, end: int) -> None:
        current["data"] += data[start:end]

    def on_part_end() -> None:
        name = current["headers"].split(b'name="', 1)[1].split(b'"', 1)[0].decode()
        parts[name] = (current["headers"], current["data"])

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    parser.write(body)
    parser.finalize()
    return parts


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


async def _collect(upload: MultipartUpload, size: int, progress: list[tuple[int, int]]) -> bytes:
    chunks = [c async for c in upload.stream(size, lambda s, t: progress.append((s, t)))]
    return b"".join(chunks)


async def test_multipart_body_is_valid_and_length_exact(tmp_path: Path) -> None:
    data = bytes(range(256)) * 10000 + b"\r\n--not-a-boundary\r\n"  # 2.5 MB: several chunks
    path = tmp_path / 'rap"port\r\n.pdf'
    path.write_bytes(data)
    fields = {"description": "Één 'quoted' \"desc\"", "documentType": "Legal", "confidential": "false"}
    upload = MultipartUpload(path, fields)
    progress: list[tuple[int, int]] = []
    body = await _collect(upload, len(data), progress)
    assert len(body) == upload.content_length(len(data))
    assert upload.content_type == f"multipart/form-data; boundary={upload.boundary}"
    parts = _parse(body, upload.boundary)
    assert parts["file"][1] == data
    assert b'filename="rap%22port%0D%0A.pdf"' in parts["file"][0]
    assert b"Content-Type: application/pdf" in parts["file"][0]
    assert parts["description"][1].decode() == fields["description"]
    assert parts["confidential"][1] == b"false"
    assert progress[-1] == (len(data), len(data))
    # Streamed in bounded pieces, never the whole file at once.
    assert progress[0][0] == CHUNK_SIZE
    assert len(progress) == 3


async def test_file_that_shrinks_during_upload_fails(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"x" * 1000)
    upload = MultipartUpload(path, {})
    with pytest.raises(OSError, match="shorter"):
        await _collect(upload, 2000, [])


def test_upload_rules() -> None:
    rules = UploadRules(allowed_extensions=(".pdf", ".DOCX"), max_file_size=100)
    check_upload(Path("a.PDF"), 100, rules)
    check_upload(Path("a.docx"), 1, rules)
    with pytest.raises(ValidationError, match="larger"):
        check_upload(Path("a.pdf"), 101, rules)
    with pytest.raises(ValidationError) as info:
        check_upload(Path("noext"), 1, rules)
    assert info.value.status == 0
    assert info.value.field_errors["file"].startswith("Files of type 'none'")
    check_upload(Path("anything.bin"), 10**12, UploadRules())  # no rules: the server decides


@pytest.mark.parametrize(
    ("disposition", "expected"),
    [
        ('attachment; filename="../../../etc/cron.d/evil"', "evil"),
        ("attachment; filename*=UTF-8''..%2F..%2F.bashrc", "bashrc"),
        ('attachment; filename="C:\\Windows\\System32\\drivers\\etc\\hosts"', "hosts"),
        ('attachment; filename="/etc/passwd"', "passwd"),
        ('attachment; filename="AUX.pdf"', "_AUX.pdf"),
        ('attachment; filename=".."', "fallback name.pdf"),
        (None, "fallback name.pdf"),
    ],
)
async def test_download_names_from_hostile_headers(
    tmp_path: Path, disposition: str | None, expected: str
) -> None:
    headers = {"Content-Disposition": disposition} if disposition else {}
    transport = httpx.MockTransport(lambda r: httpx.Response(200, content=b"payload", headers=headers))
    api = DossierApi(
        ApiProfile("http://127.0.0.1:1/api/p/g/v1.0", "c"), StaticTokenProvider("t"), transport=transport
    )
    target = tmp_path / "downloads"
    target.mkdir()
    doc = Document(id="d1", dossier_id="x", file_name="../fallback name.pdf")
    async with api:
        path = await api.download_document(doc, target)
    assert path == target / expected
    assert path.read_bytes() == b"payload"
    assert _files(tmp_path) == [f"downloads/{expected}"]  # nothing written outside the target


async def test_upload_sends_a_sized_body_not_chunked(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF" * 100_000)
    seen: dict[str, object] = {}

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/uploadRules"):
            return httpx.Response(200, json={"allowedExtensions": [".pdf"], "maxFileSize": 10**9})
        seen["headers"] = dict(request.headers)
        seen["size"] = sum([len(chunk) async for chunk in request.stream])
        doc = {
            "id": "n1",
            "dossierId": "d1",
            "fileName": "scan.pdf",
            "fileSize": 400_000,
            "@odata.etag": "W/1",
        }
        return httpx.Response(201, json={"value": [doc]})

    api = DossierApi(
        ApiProfile("http://127.0.0.1:1/api/p/g/v1.0", "c"),
        StaticTokenProvider("t"),
        transport=httpx.MockTransport(handler),
    )
    async with api:
        doc = await api.upload_document("d1", path, description="x", document_type="Legal")
    headers = seen["headers"]
    assert isinstance(headers, dict)
    assert "transfer-encoding" not in headers
    assert int(headers["content-length"]) == seen["size"]
    assert headers["content-type"].startswith("multipart/form-data; boundary=")
    assert (doc.id, doc.file_size, doc.etag) == ("n1", 400_000, "W/1")
