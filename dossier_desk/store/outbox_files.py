"""Private copies of files queued for upload (one folder per item under the profile's ``outbox-files``)."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
from collections.abc import Collection
from pathlib import Path

from dossier_desk.store.crypto import create_private_file
from dossier_desk.store.sealed_files import fsync_file, open_copy, seal

_CHUNK = 1 << 20


def private_copy(source: Path, files_dir: Path, key: bytes | None = None) -> tuple[Path, int, str]:
    """Copy ``source`` (fsynced, owner-only) into a fresh folder under ``files_dir``; with ``key`` (the
    cache is encrypted) the copy is encrypted too (:mod:`.sealed_files`).

    Returns (the copy, the file's size, the SHA-256 hex digest of its content); nothing is left behind
    on failure.
    """
    if key is not None:
        return _sealed_copy(source, files_dir, key)
    folder = files_dir / uuid.uuid4().hex
    folder.mkdir(mode=0o700, parents=True)
    copy = folder / Path(source).name
    digest = hashlib.sha256()
    try:
        create_private_file(copy)
        with open(source, "rb") as src, copy.open("r+b") as dst:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        return copy, copy.stat().st_size, digest.hexdigest()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _sealed_copy(source: Path, files_dir: Path, key: bytes) -> tuple[Path, int, str]:
    folder = files_dir / uuid.uuid4().hex
    folder.mkdir(mode=0o700, parents=True)
    copy = folder / Path(source).name
    try:
        create_private_file(copy)
        with open(source, "rb") as src, copy.open("r+b") as dst:
            size, sha256 = seal(src, dst, key)
            dst.truncate()
            fsync_file(dst)
        return copy, size, sha256
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def file_sha256(path: Path, key: bytes | None = None) -> str:
    """The SHA-256 hex digest of a file's content (an upload copy sealed with ``key`` is decrypted)."""
    digest = hashlib.sha256()
    with open_copy(path, key) if key is not None else open(path, "rb") as src:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _newest_mtime(path: Path) -> float:
    """The newest modification time of ``path`` and (for a folder) its entries; 0 when unreadable."""
    try:
        times = [path.stat().st_mtime]
        if path.is_dir():
            times += [p.stat().st_mtime for p in path.iterdir()]
    except OSError:
        return 0.0
    return max(times)


def remove_unreferenced(files_dir: Path, referenced: Collection[str], min_age_s: float) -> int:
    """Delete entries of ``files_dir`` not named in ``referenced`` (older than ``min_age_s`` when > 0)."""
    removed = 0
    cutoff = time.time() - min_age_s
    if files_dir.is_dir():
        for path in files_dir.iterdir():
            if path.name not in referenced and (min_age_s <= 0 or _newest_mtime(path) < cutoff):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed += 1
    return removed
