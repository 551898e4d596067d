"""What the workflow widgets need from the services (the store satisfies all of them as it is)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol

from dossier_desk.api.models import Dossier, DossierType, WorkflowEntry


class WorkflowSource(Protocol):
    """Cached workflow log of a dossier, ordered by line number."""

    def workflow_log(self, dossier_id: str) -> list[WorkflowEntry]: ...


class WorkflowActions(Protocol):
    """Queues a workflow action through the outbox (awaited: on disk when it resolves).

    Raises ``store.LocalValidationError`` when a locally known rule is broken (comments required).
    """

    def queue_workflow_action(
        self, dossier_id: str, action: str, line_no: int, comments: str = ""
    ) -> Awaitable[object]: ...


class DossierTypeSource(Protocol):
    """Cached dossier types; the radar needs to know which are sickness types."""

    def dossier_types(self) -> list[DossierType]: ...


def sickness_type_codes(types: DossierTypeSource) -> set[str]:
    """Codes of the dossier types marked as sickness (``DossierType.sickness``); here, without Qt, as
    the table's Next deadline column needs them before the first paint and the radar only after it."""
    return {t.code for t in types.dossier_types() if t.sickness}


class ErrorReporter(Protocol):
    """Shows a failure to the user (``ui.errors.MessageBridge``)."""

    def show_error(self, exc: BaseException, *, context: str = "") -> None: ...


class DossierLookup(Protocol):
    """A dossier by id as the user should see it (``DossierStore.dossier``)."""

    def dossier(self, dossier_id: str) -> Dossier | None: ...
