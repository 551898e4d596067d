"""The signed-in account's rights as a live Qt object, and the API wrapper that learns from 403s.

The rules live in :mod:`dossier_desk.domain.rights`. This module adds what needs Qt or a lifetime:
a ``changed`` signal the window, detail pane and tabs follow, and the memory of a server refusal per
account (in the profile's settings file, keyed by a hash of the account: no names on disk). A
remembered refusal expires after a week, so rights granted since are picked up again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from dossier_desk.api.errors import PermissionDeniedError
from dossier_desk.api.models import Dossier
from dossier_desk.domain.rights import Rights, is_restricted, resolve_rights
from dossier_desk.store.outbox_model import is_local_id

log = logging.getLogger(__name__)
REMEMBER_REFUSAL = timedelta(days=7)
# API calls that change data: a 403 on one of them means this account may not write.
WRITE_CALLS = frozenset(
    {
        "create_dossier",
        "create_dossier_for_contact",
        "update_dossier",
        "delete_dossier",
        "upload_document",
        "delete_document",
        "workflow_action",
    }
)


class RightsState(QObject):
    """Current :class:`Rights`; ``changed(Rights)`` when a server refusal teaches otherwise."""

    changed = Signal(object)

    def __init__(
        self,
        access_token: str,
        account: str,
        settings: QSettings | None = None,
        *,
        profile_role: str = "",
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._token = access_token
        self._settings = settings
        self._profile_role = profile_role
        self._now = now
        self._key = "rights/" + hashlib.sha256(account.encode()).hexdigest()[:16] + "/refusedAt"
        self._rights = resolve_rights(
            access_token, refused_by_server=self._remembered(), profile_role=profile_role
        )

    @classmethod
    def fixed(cls, rights: Rights) -> RightsState:
        """A state that starts from known ``rights`` (tests, tools); a refusal still makes it read-only."""
        state = cls("", "")
        state._rights = rights
        return state

    @property
    def rights(self) -> Rights:
        return self._rights

    @property
    def can_write(self) -> bool:
        return self._rights.can_write

    def note_refused(self) -> None:
        """The server answered a write with 403: this account is read-only here."""
        if self._settings is not None:
            self._settings.setValue(self._key, self._now().isoformat())
            self._settings.sync()
        self._update(resolve_rights(self._token, refused_by_server=True, profile_role=self._profile_role))

    def set_token(self, access_token: str) -> None:
        """A new token (signed in again) may carry different roles."""
        self._token = access_token
        self._update(
            resolve_rights(
                access_token, refused_by_server=self._remembered(), profile_role=self._profile_role
            )
        )

    def _update(self, rights: Rights) -> None:
        if rights != self._rights:
            log.info("write rights now %s (from %s)", rights.can_write, rights.source)
            self._rights = rights
            self.changed.emit(rights)

    def _remembered(self) -> bool:
        if self._settings is None:
            return False
        raw = self._settings.value(self._key)
        try:
            when = datetime.fromisoformat(str(raw)) if raw else None
        except ValueError:
            return False
        return when is not None and self._now() - when < REMEMBER_REFUSAL


class RefusalWatchingApi:
    """The API client with one addition: a 403 on a write tells ``on_refused`` (then is re-raised)."""

    def __init__(self, api: Any, on_refused: Callable[[], None]) -> None:
        self._api = api
        self._on_refused = on_refused

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._api, name)
        if name not in WRITE_CALLS or not callable(attr):
            return attr

        @functools.wraps(attr)
        async def watched(*args: Any, **kwargs: Any) -> Any:
            try:
                return await attr(*args, **kwargs)
            except PermissionDeniedError:
                self._on_refused()
                raise

        return watched


def restricted(dossier: Dossier | None) -> bool:
    """True for a server dossier whose details the server withheld from this user."""
    return dossier is not None and is_restricted(dossier.description, not is_local_id(dossier.id))
