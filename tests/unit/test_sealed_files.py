"""Upload copies sealed with the cache key: round trip at chunk edges, tamper / truncation / wrong key
detected, and memory stays flat for a large file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import psutil
import pytest

from dossier_desk.store.outbox_files import file_sha256, private_copy
from dossier_desk.store.sealed_files import CHUNK, SealedFileError, derive_file_key, open_copy

KEY = derive_file_key("ab" * 32)


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
def test_round_trip(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    source = tmp_path / "brief.pdf"
    source.write_bytes(data)
    copy, copied, sha = private_copy(source, tmp_path / "files", KEY)
    assert (copied, sha) == (size, hashlib.sha256(data).hexdigest())
    sealed = copy.read_bytes()
    assert size < 16 or data[:64] not in sealed
    with open_copy(copy, KEY) as fh:
        assert fh.read() == data
    with open_copy(copy, KEY) as fh:  # small reads, as a multipart stream does
        assert b"".join(iter(lambda: fh.read(65_536), b"")) == data
    assert file_sha256(copy, KEY) == sha


def test_damage_truncation_and_wrong_key_are_detected(tmp_path: Path) -> None:
    source = tmp_path / "a.bin"
    source.write_bytes(os.urandom(2 * CHUNK + 10))
    copy, _size, _sha = private_copy(source, tmp_path / "files", KEY)
    blob = copy.read_bytes()
    with pytest.raises(SealedFileError), open_copy(copy, derive_file_key("cd" * 32)) as fh:
        fh.read()
    copy.write_bytes(blob[: 16 + CHUNK + 16])  # the last chunks cut off
    with pytest.raises(SealedFileError), open_copy(copy, KEY) as fh:
        fh.read()
    flipped = bytearray(blob)
    flipped[100] ^= 1
    copy.write_bytes(bytes(flipped))
    with pytest.raises(SealedFileError), open_copy(copy, KEY) as fh:
        fh.read()
    with pytest.raises(SealedFileError):
        open_copy(copy, None)  # sealed, and no key


def test_plain_copies_without_a_key(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"plain")
    copy, _size, _sha = private_copy(source, tmp_path / "files", None)
    assert copy.read_bytes() == b"plain"
    with open_copy(copy, KEY) as fh:  # a copy from before sealing: read as it is
        assert fh.read() == b"plain"


def test_sealing_and_reading_40_mb_keeps_memory_flat(tmp_path: Path) -> None:
    source = tmp_path / "scan.tif"
    with source.open("wb") as fh:
        for _ in range(40):
            fh.write(os.urandom(CHUNK))
    process = psutil.Process()
    before = process.memory_info().rss
    copy, size, _sha = private_copy(source, tmp_path / "files", KEY)
    with open_copy(copy, KEY) as fh:
        while fh.read(CHUNK // 4):
            pass
    growth = process.memory_info().rss - before
    assert size == 40 * CHUNK
    assert growth < 16 * CHUNK, f"RSS grew by {growth / CHUNK:.1f} MiB"
