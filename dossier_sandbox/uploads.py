"""Streaming multipart/form-data reception for document uploads.

The body is parsed chunk by chunk as it arrives (python-multipart's push parser), file parts go straight
to files in the blob directory, and the upload rules (extensions, size per file, files per request) are
checked while streaming: an oversized file stops being written the moment it crosses the limit, so a
100 MB upload costs a few hundred KB of memory. The rest of a rejected body is still read (and
discarded) so that the client receives the error response instead of a reset connection.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from dossier_sandbox.errors import ApiError, detail

MAX_FIELD_BYTES = 64 * 1024
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class UploadLimits:
    allowed_extensions: tuple[str, ...]
    max_file_size: int
    max_files: int
    file_fields: tuple[str, ...] = ("file",)  # the vendor's FlowOn example names the field "files"
    too_large_status: int = 413  # the vendor documents answer 400 FILE_TOO_LARGE


@dataclass
class ReceivedFile:
    filename: str
    content_type: str
    path: Path
    size: int = 0


@dataclass
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[ReceivedFile] = field(default_factory=list)

    def discard(self) -> None:
        for received in self.files:
            received.path.unlink(missing_ok=True)


def safe_filename(raw: str) -> str:
    """The last path component without control characters (clients send C:\\x\\y.pdf or ../y.pdf).

    Browsers and httpx escape ``"``, CR and LF in multipart filenames as ``%22``, ``%0D``, ``%0A``
    (WHATWG HTML); those three are decoded.
    """
    raw = raw.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")
    name = _UNSAFE.sub("", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip().strip(".") or "document"
    return name[:250]


def extension(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot > 0 else ""


class _Receiver:
    """python-multipart callbacks that route parts to fields or files and enforce the limits."""

    def __init__(self, directory: Path, limits: UploadLimits) -> None:
        self.directory = directory
        self.limits = limits
        self.upload = Upload()
        self.errors: list[dict[str, str]] = []
        self.too_large = False
        self._headers: dict[str, bytes] = {}
        self._header_field = b""
        self._header_value = b""
        self._name = ""
        self._file: BinaryIO | None = None
        self._current: ReceivedFile | None = None
        self._value = bytearray()
        self._is_field = False
        self._file_count = 0
        self.vendor_code: str | None = None

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }

    def on_part_begin(self) -> None:
        self._headers, self._file, self._current, self._is_field = {}, None, None, False
        self._value = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.decode("latin-1").lower()] = bytes(self._header_value)
        self._header_field, self._header_value = b"", b""

    def on_headers_finished(self) -> None:
        # Raw bytes in: python-multipart reads them as latin-1, we then decode the names as UTF-8.
        _disposition, options = parse_options_header(self._headers.get("content-disposition", b""))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        raw_filename = options.get(b"filename")
        if raw_filename is None:
            self._is_field = True
            return
        self._file_count += 1
        filename = safe_filename(raw_filename.decode("utf-8", "replace"))
        if self._name not in self.limits.file_fields:
            self.errors.append(
                detail(f"Unexpected file field '{self._name}'; files go in 'file'.", self._name)
            )
        elif self._file_count > self.limits.max_files:
            if self._file_count == self.limits.max_files + 1:
                self.errors.append(
                    detail(f"At most {self.limits.max_files} files may be uploaded per request.", "file")
                )
        elif extension(filename) not in self.limits.allowed_extensions:
            self.vendor_code = self.vendor_code or "INVALID_FILE_TYPE"
            self.errors.append(
                detail(
                    f"Files of type '{extension(filename) or '(none)'}' are not allowed "
                    f"(allowed: {' '.join(self.limits.allowed_extensions)}).",
                    "file",
                )
            )
        elif not self.errors:
            path = self.directory / f"upload-{uuid.uuid4()}.part"
            content_type = self._headers.get("content-type", b"").decode("latin-1").strip()
            self._current = ReceivedFile(filename, content_type, path)
            self._file = path.open("wb")
            self.upload.files.append(self._current)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._is_field:
            if len(self._value) + end - start > MAX_FIELD_BYTES:
                self.errors.append(detail(f"The field '{self._name}' is too long.", self._name))
                self._is_field = False
            else:
                self._value += data[start:end]
            return
        if self._file is None or self._current is None:
            return  # a rejected part: its bytes are read and dropped
        self._current.size += end - start
        if self._current.size > self.limits.max_file_size:
            self.too_large = True
            self.vendor_code = "FILE_TOO_LARGE"
            self.errors.append(
                detail(
                    f"'{self._current.filename}' is larger than the maximum of "
                    f"{self.limits.max_file_size} bytes.",
                    "file",
                )
            )
            self._close_file()
            return
        self._file.write(data[start:end])

    def on_part_end(self) -> None:
        if self._is_field:
            self.upload.fields[self._name] = self._value.decode("utf-8", "replace")
        self._close_file()

    def _close_file(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


async def receive(request: Request, directory: Path, limits: UploadLimits) -> Upload:
    """Parse the request body; raise ApiError (400, or 413 for an oversized file) after reading it all."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise ApiError(415, "Documents are uploaded as multipart/form-data.", target="Content-Type")
    receiver = _Receiver(directory, limits)
    parser = MultipartParser(boundary, receiver.callbacks())
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except ApiError:
        raise
    except Exception as exc:  # python-multipart raises plain ValueError-likes on malformed bodies
        receiver._close_file()
        receiver.upload.discard()
        raise ApiError(400, "The multipart body is malformed.", target="file") from exc
    finally:
        with contextlib.suppress(Exception):
            receiver._close_file()
    if not receiver.upload.files and not receiver.errors:
        receiver.errors.append(detail("No file was uploaded (form field 'file').", "file"))
    if receiver.errors:
        receiver.upload.discard()
        status = receiver.limits.too_large_status if receiver.too_large else 400
        raise ApiError(
            status, receiver.errors[0]["message"], details=receiver.errors, vendor_code=receiver.vendor_code
        )
    return receiver.upload
