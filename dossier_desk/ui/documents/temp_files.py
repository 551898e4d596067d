"""A private scratch directory for documents opened with the system's default application.

Opening a document means writing it to disk so another program can read it. It goes into one
directory created with mode 0700 (``tempfile.mkdtemp`` guarantees that on POSIX), one sub-directory
per document so two files with the same name never collide, and the whole tree is removed when the app
quits. The app owns the instance and calls :meth:`cleanup` on ``QApplication.aboutToQuit``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class PrivateTempDir:
    """Lazily created private directory; safe to clean up more than once."""

    def __init__(self, base: Path | None = None, prefix: str = "dossier-desk-") -> None:
        self._base = base
        self._prefix = prefix
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        if self._path is None:
            if self._base is not None:
                self._base.mkdir(parents=True, exist_ok=True)
            self._path = Path(tempfile.mkdtemp(prefix=self._prefix, dir=self._base))
            if os.name == "posix":
                os.chmod(self._path, 0o700)  # mkdtemp does this; be explicit, it is the point
        return self._path

    def subdir(self, name: str) -> Path:
        """A fresh private sub-directory (``name`` is an id, never a user-supplied file name)."""
        safe = "".join(ch for ch in name if ch.isalnum() or ch in "-_") or "item"
        return Path(tempfile.mkdtemp(prefix=f"{safe}-", dir=self.path))

    def cleanup(self) -> None:
        """Remove everything; files still open elsewhere are left to the OS (Windows locks them)."""
        if self._path is not None:
            shutil.rmtree(self._path, ignore_errors=True)
            self._path = None
