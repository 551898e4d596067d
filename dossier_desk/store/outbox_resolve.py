"""Answering a parked conflict (keep mine, keep theirs, merge, delete anyway).

Runs inside one outbox write (:meth:`.outbox.Outbox.resolve_conflict`), so the re-queue, a discard and
the rebase of later edits commit together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from dossier_desk.api.models import dossier_edits_to_wire
from dossier_desk.domain.dossier_rules import DossierEdits
from dossier_desk.store.outbox_errors import error_columns
from dossier_desk.store.outbox_model import OutboxError, OutboxItem, OutboxKind, OutboxState, outbox_time
from dossier_desk.store.outbox_rows import rebase_onto

if TYPE_CHECKING:
    from dossier_desk.store.outbox import Outbox

_CLEAR_ERROR = ", ".join(
    f"{name} = {'NULL' if v is None else repr(v)}" for name, v in error_columns(None).items()
)


def resolve_conflict(
    outbox: Outbox, conn: Any, item_id: int, resolution: DossierEdits, use_etag: str
) -> OutboxItem | None:
    """Answer a parked update or delete.

    For an update, ``resolution`` is the field values to send (keep mine: the user's values; merge:
    a mix); it is re-queued as an edit based on ``use_etag`` (normally the conflict's
    ``theirs_etag``). An empty resolution means "keep theirs": the item is discarded and ``None``
    returned. For a delete, the deletion is re-queued with ``use_etag`` (``resolution`` unused); a
    deletion whose server copy is already gone is simply finished (``None`` returned).

    Later queued edits of the same dossier that were based on the same version as this item are
    rebased onto the server's version the user has now seen (as a successful send does), so they
    do not run into the same conflict again.
    """
    item = outbox._require(item_id)
    if not item.parked:
        raise OutboxError(f"outbox item {item_id} is not parked")
    if item.kind not in (OutboxKind.UPDATE, OutboxKind.DELETE):
        raise OutboxError("only dossier edits and deletions can be resolved")
    theirs_side = item.conflict.theirs if item.conflict is not None else None
    theirs = dossier_edits_to_wire(theirs_side) if theirs_side is not None else None  # stored format
    if item.kind is OutboxKind.DELETE and item.conflict is not None and theirs is None:
        outbox.complete(item, deleted=True).wait()  # "delete anyway" of a record that no longer exists
        return None
    old_etag = str(item.payload.get("baseEtag", ""))
    if item.kind is OutboxKind.UPDATE and not resolution:
        outbox.discard(item_id).wait()
        if theirs is not None and use_etag:
            rebase_onto(conn, item.dossier_id, old_etag, use_etag, theirs, after_id=item.id)
        return None
    payload = dict(item.payload)
    payload["baseEtag"] = use_etag
    if theirs is not None:
        payload["base"] = theirs
    if item.kind is OutboxKind.UPDATE:
        payload["changes"] = dossier_edits_to_wire(resolution)
    conn.execute(
        f"UPDATE outbox SET state = ?, payload = ?, conflict = NULL, {_CLEAR_ERROR}, "  # noqa: S608
        "next_attempt_at = 0.0, updated_at = ? WHERE id = ?",
        (OutboxState.PENDING.value, msgspec.json.encode(payload), outbox_time(), item_id),
    )
    if theirs is not None and use_etag:
        rebase_onto(conn, item.dossier_id, old_etag, use_etag, theirs, after_id=item.id)
    return outbox.get(item_id)
