"""Upload copies encrypted at rest with the cache's key (AES-256-GCM, streamed in 1 MiB chunks).

A queued upload waits on disk until it is sent; when the cache is encrypted, so is its copy. The key
is derived from the cache key (HKDF-SHA256), so wiping the cache key in the keyring makes the copies
unreadable too. Layout: ``MAGIC`` + an 8-byte random nonce prefix, then chunks of ciphertext + tag.
Chunk ``i`` uses nonce ``prefix || i`` (32-bit big-endian) and the associated data says whether it is
the last chunk, so reordering, truncation and appended data are all detected. Reading and writing
hold one chunk in memory at a time (uploads may be 100 MB).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import BinaryIO

# cryptography (~15 ms to import) is imported where a key is derived or a copy sealed or read: an
# unencrypted cache (no keyring) never needs it, and the window's first paint never does.

MAGIC = b"DDSEAL1\n"
CHUNK = 1 << 20
_TAG = 16
_PREFIX = 8
_LAST, _MORE = b"last", b"more"


class SealedFileError(OSError):
    """A sealed copy is damaged, truncated or was sealed with another key."""


def derive_file_key(cache_key_hex: str) -> bytes:
    """The 256-bit key for upload copies, derived from the cache database's hex key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"dossier-desk upload copies v1")
    return hkdf.derive(bytes.fromhex(cache_key_hex))


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(4, "big")


def seal(src: BinaryIO, dst: BinaryIO, key: bytes) -> tuple[int, str]:
    """Encrypt ``src`` into ``dst``; returns (plaintext size, SHA-256 hex digest of the plaintext)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead, prefix = AESGCM(key), secrets.token_bytes(_PREFIX)
    dst.write(MAGIC + prefix)
    digest, size, index = hashlib.sha256(), 0, 0
    chunk = src.read(CHUNK)
    while True:
        following = src.read(CHUNK) if len(chunk) == CHUNK else b""
        last = not following
        digest.update(chunk)
        size += len(chunk)
        dst.write(aead.encrypt(_nonce(prefix, index), chunk, _LAST if last else _MORE))
        if last:
            return size, digest.hexdigest()
        chunk, index = following, index + 1


class SealedReader:
    """A read-only file object over a sealed copy: ``read(n)`` returns plaintext."""

    def __init__(self, path: Path, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._fh = open(path, "rb")  # noqa: SIM115 - closed by close()
        header = self._fh.read(len(MAGIC) + _PREFIX)
        if len(header) != len(MAGIC) + _PREFIX or not header.startswith(MAGIC):
            self._fh.close()
            raise SealedFileError(f"{path.name} is not a sealed copy")
        self._aead, self._prefix = AESGCM(key), header[len(MAGIC) :]
        self._index, self._buffer, self._done = 0, b"", False  # _buffer: decrypted, not yet read

    def _next_chunk(self) -> bytes:
        block = self._fh.read(CHUNK + _TAG)
        if len(block) < _TAG:
            raise SealedFileError("the sealed copy is truncated")
        last = len(block) < CHUNK + _TAG or not self._fh.peek(1)  # type: ignore[attr-defined]
        from cryptography.exceptions import InvalidTag  # imported with AESGCM in __init__: no cost

        try:
            plain = self._aead.decrypt(_nonce(self._prefix, self._index), block, _LAST if last else _MORE)
        except InvalidTag as exc:
            raise SealedFileError("the sealed copy is damaged or was sealed with another key") from exc
        self._index += 1
        self._done = last
        return plain

    def read(self, size: int = -1) -> bytes:
        # Whole chunks are handed out as they are (no copy): uploads read in multiples of CHUNK.
        parts, have = [self._buffer] if self._buffer else [], len(self._buffer)
        while (size < 0 or have < size) and not self._done:
            plain = self._next_chunk()
            parts.append(plain)
            have += len(plain)
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        if size < 0 or size >= len(data):
            self._buffer = b""
            return data
        out, self._buffer = data[:size], data[size:]
        return out

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> SealedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_sealed(path: Path) -> bool:
    """True when ``path`` starts with the sealed-copy header."""
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def open_copy(path: Path, key: bytes | None) -> BinaryIO:
    """Open an upload copy for reading plaintext: sealed copies are decrypted with ``key``; plain
    copies (made without a keyring, or before copies were sealed) are read as they are."""
    if is_sealed(path):
        if key is None:
            raise SealedFileError("the upload copy is encrypted and the cache key is not available")
        return SealedReader(path, key)  # type: ignore[return-value]
    return open(path, "rb")


def fsync_file(fh: BinaryIO) -> None:
    fh.flush()
    os.fsync(fh.fileno())
