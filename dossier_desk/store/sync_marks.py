"""Times in sync marks (high-water mark, full-sync cursor): parsing, and which ones are usable."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from dossier_desk.api.odata import is_guid


def utcnow() -> datetime:
    return datetime.now(UTC)


def parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


_MARGIN = timedelta(days=2)


def stamp(text: str) -> datetime | None:
    """``text`` as a time usable in a high-water mark or cursor, or ``None``: unparsable, BC's blank
    ``0001-01-01T00:00:00Z``, or too near the calendar's ends to subtract the sync overlap.

    A row with such a ``lastModifiedDateTime`` is still stored; it only does not move the marks (so
    nothing is skipped: at worst a little is read twice).
    """
    try:
        value = parse_time(text)
        if value.year <= 1:
            return None
        _ = (value - _MARGIN, value + _MARGIN)
    except (ValueError, TypeError, OverflowError):
        return None
    return value


def usable(text: str) -> bool:
    return bool(text) and stamp(text) is not None


def latest(*texts: str) -> str:
    """The greatest usable timestamp text ("" when none); ISO text compares like the times it holds."""
    top = max(texts, default="")
    if not top or usable(top):
        return top
    return max((t for t in texts if usable(t)), default="")


def id_literal(value: str) -> Any:
    return uuid.UUID(value) if is_guid(value) else value
