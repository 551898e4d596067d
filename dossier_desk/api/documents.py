"""Document transfer: streaming multipart upload from disk, streaming download to disk.

Neither direction holds a file in memory: uploads read the file in 1 MiB blocks while httpx sends
them (``Content-Length`` known up front, so no chunked encoding); the reads run in the body's own
reader thread, two blocks per hop, one hop ahead (a sealed copy is decrypted while the previous
block is sent), so the event loop is woken rarely (a hop per 256 KiB chunk cost a fifth of the
throughput under qasync). Downloads are written to a temporary file in the target
directory and renamed into place only when complete. Both are cancelled by cancelling the awaiting
task; a cancelled download leaves no partial file behind.

Local file problems (missing file, file changed during upload, disk full) raise ``OSError``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import mimetypes
import os
import tempfile
import uuid
from collections.abc import AsyncGenerator, Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

import httpx

from dossier_desk.api.errors import (
    ErrorDetail,
    MalformedResponseError,
    NetworkError,
    RequestTimeoutError,
    ValidationError,
)
from dossier_desk.api.filenames import numbered, parse_content_disposition, sanitize_filename
from dossier_desk.api.models import Document, UploadRules
from dossier_desk.api.transport import Transport

log = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024  # one piece of the body handed to httpx
READ_CHUNKS = 2  # pieces read per worker-thread hop: few hops, little memory
BODY_ATTEMPTS = 3
_WRITE_BUFFER = 1024 * 1024


def check_upload(path: Path, size: int, rules: UploadRules) -> None:
    """Apply the server's upload rules before sending anything; raises :class:`ValidationError`."""
    suffix = path.suffix.lower()
    allowed = {ext.lower() for ext in rules.allowed_extensions}
    if allowed and suffix not in allowed:
        shown = ", ".join(sorted(allowed))
        raise _rejected(f"Files of type '{suffix or 'none'}' cannot be uploaded. Allowed types: {shown}.")
    if rules.max_file_size and size > rules.max_file_size:
        raise _rejected(
            f"The file is {_size_text(size)}, larger than the allowed {_size_text(rules.max_file_size)}."
        )


def _rejected(message: str) -> ValidationError:
    return ValidationError(
        message, code="UploadRejected", details=[ErrorDetail("UploadRejected", message, "file")]
    )


def _size_text(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} bytes"


def _form_quote(value: str) -> str:
    """Escape a header parameter value the way browsers do for multipart/form-data."""
    return value.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


@dataclass(frozen=True, slots=True)
class MultipartUpload:
    """A ``multipart/form-data`` body of text fields and one file, streamed from disk.

    ``content_type`` and ``content_length`` go in the request headers; :meth:`stream` is a factory
    for the body (each call re-reads the file, so the request can be retried).
    """

    path: Path
    fields: Mapping[str, str]
    file_field: str = "file"
    boundary: str = ""
    # Reads the content when it is not ``path`` as it is on disk (an encrypted copy): a new readable
    # binary file object per call; ``path`` then only names the file.
    opener: Callable[[], BinaryIO] | None = None

    def __post_init__(self) -> None:
        if not self.boundary:
            object.__setattr__(self, "boundary", f"dossierdesk-{uuid.uuid4().hex}")

    @property
    def content_type(self) -> str:
        """The request's Content-Type with the boundary."""
        return f"multipart/form-data; boundary={self.boundary}"

    def _head(self) -> bytes:
        parts: list[bytes] = []
        for name, value in self.fields.items():
            disposition = f'Content-Disposition: form-data; name="{_form_quote(name)}"'
            parts.append(f"--{self.boundary}\r\n{disposition}\r\n\r\n".encode() + value.encode() + b"\r\n")
        mime = mimetypes.guess_type(self.path.name)[0] or "application/octet-stream"
        parts.append(
            (
                f"--{self.boundary}\r\n"
                f'Content-Disposition: form-data; name="{_form_quote(self.file_field)}"; '
                f'filename="{_form_quote(self.path.name)}"\r\n'
                f"Content-Type: {mime}\r\n\r\n"
            ).encode()
        )
        return b"".join(parts)

    def _tail(self) -> bytes:
        return f"\r\n--{self.boundary}--\r\n".encode()

    def file_size(self) -> int:
        """The file's size now."""
        return self.path.stat().st_size

    def content_length(self, file_size: int) -> int:
        """The exact body length for a file of ``file_size`` bytes."""
        return len(self._head()) + file_size + len(self._tail())

    async def stream(
        self, file_size: int, on_progress: Callable[[int, int], None] | None = None
    ) -> AsyncGenerator[bytes, None]:
        """Yield the body; ``on_progress(file_bytes_sent, file_size)`` after each chunk.

        Raises ``OSError`` if the file changed size since ``file_size`` was measured.
        """
        yield self._head()
        sent = 0
        loop = asyncio.get_running_loop()
        # One reader thread per body: its buffers come from one malloc arena, reused block after block
        # (reads spread over the shared pool's threads grew RSS by a few MB per thread).
        reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="upload-read")
        handle: BinaryIO | None = None
        ahead: asyncio.Future[list[bytes]] | None = None

        def read_ahead(offset: int) -> asyncio.Future[list[bytes]]:
            want = min(CHUNK_SIZE * READ_CHUNKS, file_size - offset)
            return loop.run_in_executor(reader, _read_pieces, handle, want, self.path.name)

        try:
            opening = reader.submit(self.opener or partial(self.path.open, "rb"))
            try:
                handle = await asyncio.wrap_future(opening)
            except asyncio.CancelledError:
                opening.add_done_callback(_close_opened)  # cancelled while opening: close it when open
                raise
            ahead = read_ahead(0)
            while ahead is not None:
                pieces = await ahead
                queued = sent + sum(len(p) for p in pieces)
                # The next block is read (and, for a sealed copy, decrypted) while this one is sent.
                ahead = read_ahead(queued) if queued < file_size else None
                for chunk in pieces:
                    sent += len(chunk)
                    yield chunk
                    if on_progress is not None:
                        on_progress(sent, file_size)
                del pieces
        finally:
            # No await here (a body abandoned by a cancelled request may be finalised by the garbage
            # collector); the reader thread closes the file after any read still running in it.
            if ahead is not None:
                ahead.add_done_callback(_ignore_outcome)  # abandoned: its error (if any) is moot
            if handle is not None:
                reader.submit(handle.close)
            reader.shutdown(wait=False)
        if on_progress is not None and file_size == 0:
            on_progress(0, 0)
        yield self._tail()


def _ignore_outcome(future: asyncio.Future[list[bytes]]) -> None:
    if not future.cancelled():
        future.exception()


def _close_opened(opening: Future[BinaryIO]) -> None:
    if not opening.cancelled() and opening.exception() is None:
        opening.result().close()


def _read_pieces(handle: BinaryIO, size: int, name: str) -> list[bytes]:
    """Read ``size`` bytes as pieces of at most :data:`CHUNK_SIZE` (runs in a worker thread); raises
    ``OSError`` when the file ends first (it became shorter while being uploaded)."""
    pieces: list[bytes] = []
    while size > 0:
        piece = handle.read(min(CHUNK_SIZE, size))
        if not piece:
            raise OSError(f"{name} became shorter while it was being uploaded")
        pieces.append(piece)
        size -= len(piece)
    return pieces


async def write_download(
    response: httpx.Response, directory: Path, proposed: str, fallback: str, expected_size: int = 0
) -> Path:
    """Stream ``response``'s body into ``directory`` under a sanitised, non-clashing name.

    ``proposed`` is the header-derived name (may be hostile), ``fallback`` the name from metadata.
    The body goes to a temporary file first; the final name is created only when complete, and an
    existing file is never overwritten (``name (1).ext`` is used instead). With ``expected_size`` (the
    document's ``fileSize``; 0 when unknown), a body of another length raises
    :class:`MalformedResponseError` and nothing is kept.
    """
    name = sanitize_filename(proposed or fallback, fallback or "document")
    directory = Path(directory)
    fd, tmp_name = tempfile.mkstemp(prefix=".dossierdesk-", suffix=".part", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            buffer = bytearray()
            received = 0
            try:
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    buffer += chunk
                    if len(buffer) >= _WRITE_BUFFER:
                        await asyncio.to_thread(out.write, bytes(buffer))
                        buffer.clear()
            except httpx.TimeoutException as exc:
                raise RequestTimeoutError("timed out while downloading") from exc
            except httpx.TransportError as exc:
                raise NetworkError("the connection dropped during the download") from exc
            if expected_size and received != expected_size:
                raise MalformedResponseError(
                    f"the download was incomplete ({received} of {expected_size} bytes)",
                    status=response.status_code,
                )
            if buffer:
                await asyncio.to_thread(out.write, bytes(buffer))
            await asyncio.to_thread(out.flush)
            await asyncio.to_thread(os.fsync, out.fileno())
        return await asyncio.to_thread(_place, tmp, directory, name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _place(tmp: Path, directory: Path, name: str) -> Path:
    """Give ``tmp`` its final name without overwriting anything (hard link, then unlink)."""
    for n in range(1000):
        target = directory / (name if n == 0 else numbered(name, n))
        try:
            os.link(tmp, target)
        except FileExistsError:
            continue
        except OSError:
            # Filesystems without hard links: a check-then-rename, which is not race-free.
            if target.exists():
                continue
            os.replace(tmp, target)
            return target
        tmp.unlink()
        return target
    raise FileExistsError(f"too many files named like {name!r} in the download folder")


def download_name(response: httpx.Response) -> str:
    """The unsanitised filename proposed by the response's Content-Disposition ("" when none)."""
    return parse_content_disposition(response.headers.get("content-disposition")) or ""


async def download(transport: Transport, url: str, directory: Path, document: Document) -> Path:
    """GET ``url`` and stream it into ``directory`` (see :func:`write_download`).

    A connection that drops mid-body is retried from the start, :data:`BODY_ATTEMPTS` times in all;
    failures before the body are retried by the transport as for any GET.
    """
    for attempt in range(1, BODY_ATTEMPTS + 1):
        async with transport.stream("GET", url, headers={"Accept": "*/*"}) as response:
            try:
                return await write_download(
                    response, directory, download_name(response), document.file_name, document.file_size
                )
            except (NetworkError, RequestTimeoutError, MalformedResponseError) as exc:
                if attempt == BODY_ATTEMPTS:
                    raise
                log.info(
                    "download of document %s interrupted (%s); retrying", document.id, type(exc).__name__
                )
    raise AssertionError("unreachable")
