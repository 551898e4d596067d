"""What the detail tabs share in following the selected dossier (documents, workflow log, radar)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from dossier_desk.api.models import Dossier
from dossier_desk.ui.task_scope import TaskScope

log = logging.getLogger(__name__)
# How long the selection must rest before the detail tabs fetch fresh lists: arrowing through the
# table (key repeat ~30 ms) sends nothing; stopping on a row fetches it after a barely noticeable pause.
REFRESH_DELAY_S = 0.15


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


def refresh_later(
    tasks: TaskScope, key: str, delay_s: float, refresh: Callable[[], Awaitable[object]], what: str
) -> None:
    """Fetch fresh data for the shown dossier once the selection rests for ``delay_s``; a later call
    with the same ``key`` (the selection moved on) cancels this one, waiting or in flight. Failing
    offline is normal: the cached data stays on screen and the failure is logged at INFO, not shown."""

    def failed(error: BaseException) -> None:
        log.info("%s refresh failed: %s", what, type(error).__name__)

    tasks.debounce(key, delay_s, refresh, on_error=failed)
