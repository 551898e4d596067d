"""What the detail tabs share in following the selected dossier (documents, workflow log, radar)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Sequence
from typing import Any

from dossier_desk.api.models import Dossier

log = logging.getLogger(__name__)


def track_dossier(
    current: Dossier | None, upserted: Sequence[Dossier], deleted_ids: Sequence[str]
) -> tuple[bool, Dossier | None]:
    """Did a sync batch touch the followed dossier? Returns (changed, new version or None if deleted)."""
    if current is None:
        return False, None
    if current.id in deleted_ids:
        return True, None
    for dossier in upserted:
        if dossier.id == current.id:
            return True, dossier
    return False, current


def refresh_quietly(tasks: set[asyncio.Task[Any]], refresh: Coroutine[Any, Any, Any], what: str) -> None:
    """Run an on-demand refresh in the background, kept in ``tasks`` until done. Failing offline is
    normal: the cached data stays on screen and the failure is logged at INFO, not shown."""
    task = asyncio.ensure_future(refresh)
    tasks.add(task)

    def done(finished: asyncio.Task[Any]) -> None:
        tasks.discard(finished)
        if not finished.cancelled() and finished.exception() is not None:
            log.info("%s refresh failed: %s", what, type(finished.exception()).__name__)

    task.add_done_callback(done)
