"""The "mark of the web" on Windows: a ``Zone.Identifier`` stream saying the file came from the Internet.

Windows then opens Office documents in Protected View and SmartScreen checks programs. Elsewhere this
is a no-op (there is no such stream).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ZONE_INTERNET = 3


def _write_stream(stream: str, text: str) -> None:
    with open(stream, "w", encoding="ascii", newline="") as handle:
        handle.write(text)


def zone_identifier_stream(path: Path | str) -> str:
    """``C:\\dir\\file.pdf:Zone.Identifier``: the alternate data stream that carries the mark."""
    return f"{path}:Zone.Identifier"


def mark_of_the_web(
    path: Path | str,
    *,
    platform: str = sys.platform,
    write: Callable[[str, str], None] = _write_stream,
) -> bool:
    """Mark ``path`` as downloaded from the Internet (zone 3); False when not on Windows or it failed."""
    if not platform.startswith("win"):
        return False
    try:
        write(zone_identifier_stream(path), f"[ZoneTransfer]\r\nZoneId={ZONE_INTERNET}\r\n")
    except OSError:  # FAT32 / network shares have no streams: the file still opens, unmarked
        return False
    return True
