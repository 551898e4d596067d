"""The user's view of dossiers: server rows with queued writes laid over them.

A queued create appears under its ``local-...`` id, a queued edit shows the new values, a queued
deletion hides the row, until the outbox item finishes (or is discarded).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dossier_desk.api.models import Dossier
from dossier_desk.store.cache import Cache
from dossier_desk.store.outbox import Outbox
from dossier_desk.store.outbox_model import OutboxItem, OutboxKind, apply_changes, dossier_from_fields

_DOSSIER_KINDS = (OutboxKind.CREATE, OutboxKind.UPDATE, OutboxKind.DELETE)


def _group(items: Iterable[OutboxItem]) -> dict[str, list[OutboxItem]]:
    groups: dict[str, list[OutboxItem]] = {}
    for item in items:
        if item.kind in _DOSSIER_KINDS:
            groups.setdefault(item.dossier_id, []).append(item)
    return groups


def apply_items(base: Dossier | None, items: Sequence[OutboxItem]) -> Dossier | None:
    """``base`` after the queued ``items`` of its dossier (``None`` when deleted or unknown)."""
    current = base
    for item in items:
        if item.kind is OutboxKind.CREATE:
            current = dossier_from_fields(item.dossier_id, item.payload.get("fields", {}))
        elif item.kind is OutboxKind.UPDATE and current is not None:
            current = apply_changes(current, item.payload.get("changes", {}))
        elif item.kind is OutboxKind.DELETE:
            current = None
    return current


def overlay_all(base: list[Dossier], items: Iterable[OutboxItem]) -> list[Dossier]:
    """The full visible list; the server order is kept, local creates are appended."""
    groups = _group(items)
    if not groups:
        return base
    out: list[Dossier] = []
    seen: set[str] = set()
    for dossier in base:
        group = groups.get(dossier.id)
        if group is None:
            out.append(dossier)
            continue
        seen.add(dossier.id)
        visible = apply_items(dossier, group)
        if visible is not None:
            out.append(visible)
    for dossier_id, group in groups.items():
        if dossier_id not in seen:
            visible = apply_items(None, group)
            if visible is not None:
                out.append(visible)
    return out


def visible(cache: Cache, outbox: Outbox, ids: Iterable[str]) -> tuple[list[Dossier], list[str]]:
    """For ``ids``: (rows to show, ids to remove) as the user should see them now."""
    wanted = list(dict.fromkeys(ids))
    base = cache.dossiers_by_ids(wanted)
    groups = _group(i for i in outbox.items() if i.dossier_id in set(wanted))
    shown: list[Dossier] = []
    gone: list[str] = []
    for dossier_id in wanted:
        row = apply_items(base.get(dossier_id), groups.get(dossier_id, ()))
        if row is None:
            gone.append(dossier_id)
        else:
            shown.append(row)
    return shown, gone


def overlay_page(page: Sequence[Dossier], outbox_items: Sequence[OutboxItem]) -> list[Dossier]:
    """A page of fresh server rows as the user should see them (deleted-pending rows dropped)."""
    groups = _group(outbox_items)
    if not groups:
        return list(page)
    out = []
    for dossier in page:
        group = groups.get(dossier.id)
        row = apply_items(dossier, group) if group else dossier
        if row is not None:
            out.append(row)
    return out
