""" "Work offline" means no server requests: refreshes the UI starts read the cache instead."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any


def unless_offline(
    fetch: Callable[[str], Awaitable[Any]],
    cached: Callable[[str], Any],
    working_offline: Callable[[], bool],
) -> Callable[[str], Awaitable[Any]]:
    """``fetch(dossier_id)`` while online; the cached value, without a request, while working offline."""

    async def refresh(dossier_id: str) -> Any:
        if working_offline():
            return cached(dossier_id)
        return await fetch(dossier_id)

    return refresh
