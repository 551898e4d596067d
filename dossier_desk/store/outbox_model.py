"""Value types of the outbox: item kinds, states, queued items and stored conflicts.

Payloads (camelCase field names):

* create ``{"clientKey", "fields"}`` - ``fields`` exactly as the user entered them (the client key only
  names the local row; it is never sent);
* update ``{"changes", "baseEtag", "base"}`` - ``base`` is the full server snapshot the edit started from;
* delete ``{"baseEtag", "base"}``;
* upload ``{"file", "fileName", "size", "sha256", "description", "documentType", "documentDate",
  "confidential"}`` - ``file`` (``<folder>/<name>``) is a private copy under the profile's ``outbox-files``,
  ``sha256`` the hex digest of its content (the upload's identity with name and size);
* workflow ``{"action", "lineNo", "comments"}``.

An item parked as outcome unknown also carries ``"found"``: ids of server records that may be its result.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import msgspec

from dossier_desk.api.models import Dossier

LOCAL_ID_PREFIX = "local-"
CLIENT_KEY_PREFIX = "DD-"

_FIELD_NAMES = {f.encode_name: f.name for f in msgspec.structs.fields(Dossier)}


def outbox_time() -> str:
    """Now, as the outbox stamps ``updated_at`` (comparable text)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class OutboxError(RuntimeError):
    """An outbox operation that does not apply to the item (wrong state or kind, unknown id)."""


class OutboxKind(StrEnum):
    """What a queued write does."""

    CREATE = "create_dossier"
    UPDATE = "update_dossier"
    DELETE = "delete_dossier"
    UPLOAD = "upload_document"
    WORKFLOW = "workflow_action"


class OutboxState(StrEnum):
    """Where a queued write stands. Finished items are removed from the outbox."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    CONFLICT = "conflict"
    FAILED = "failed"
    UNKNOWN = "unknown"  # sent, no answer, and no check could tell whether it landed: the user decides


@dataclass(frozen=True, slots=True)
class Conflict:
    """The three versions behind a 412: what the edit was based on, the user's, the server's.

    Each is a camelCase field dict (wire names); ``theirs`` is ``None`` when the record is gone.
    ``theirs_etag`` is the version to send with a resolution.
    """

    base: dict[str, Any]
    mine: dict[str, Any]
    theirs: dict[str, Any] | None
    theirs_etag: str = ""

    def differing_fields(self) -> list[str]:
        """Fields the user changed that the server also changed to something else."""
        if self.theirs is None:
            return []
        out = []
        for name, value in self.mine.items():
            if name.startswith("@") or name == "lastModifiedDateTime":
                continue
            theirs = self.theirs.get(name)
            if value != self.base.get(name) and theirs != self.base.get(name) and theirs != value:
                out.append(name)
        return out


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One queued write, as stored.

    ``dossier_id`` is the server id, or ``local-<client key>`` for a dossier whose create has not been
    confirmed yet. ``payload`` depends on ``kind`` (see :class:`~dossier_desk.store.outbox.Outbox`).
    """

    id: int
    kind: OutboxKind
    dossier_id: str
    state: OutboxState
    payload: dict[str, Any]
    attempts: int = 0
    next_attempt_at: float = 0.0
    last_error: str = ""
    field_errors: dict[str, str] = field(default_factory=dict)
    conflict: Conflict | None = None
    created_at: str = ""
    updated_at: str = ""
    sent_at: str = ""
    unsure: bool = False
    author: str = ""  # home_account_id of the account that queued it ("" = queued before authors)

    @property
    def client_key(self) -> str:
        """The create's local key (its temporary id is ``local-<key>``); "" for other kinds. It is
        never sent: the server sees only what the user typed."""
        return str(self.payload.get("clientKey", ""))

    @property
    def parked(self) -> bool:
        """True when the item waits for the user (conflict, failed or outcome unknown)."""
        return self.state in (OutboxState.CONFLICT, OutboxState.FAILED, OutboxState.UNKNOWN)

    @property
    def found_ids(self) -> list[str]:
        """For an item parked as outcome unknown: server records that may be its result."""
        return [str(i) for i in self.payload.get("found", [])]


def new_client_key() -> str:
    """A fresh local key: ``DD-`` + 16 hex digits."""
    return CLIENT_KEY_PREFIX + secrets.token_hex(8).upper()


def local_id(client_key: str) -> str:
    """The temporary id of a dossier created locally under ``client_key``."""
    return LOCAL_ID_PREFIX + client_key


def is_local_id(dossier_id: str) -> bool:
    """True for the temporary id of an unconfirmed create."""
    return dossier_id.startswith(LOCAL_ID_PREFIX)


def dossier_to_wire(dossier: Dossier) -> dict[str, Any]:
    """The camelCase dict of a dossier (all fields, defaults included)."""
    out = msgspec.to_builtins(dossier)
    for f in msgspec.structs.fields(Dossier):
        out.setdefault(f.encode_name, getattr(dossier, f.name))
    return out


def apply_changes(dossier: Dossier, changes: dict[str, Any]) -> Dossier:
    """``dossier`` with camelCase ``changes`` applied (unknown names ignored)."""
    snake = {_FIELD_NAMES[k]: v for k, v in changes.items() if k in _FIELD_NAMES and k != "id"}
    return msgspec.structs.replace(dossier, **snake) if snake else dossier


def dossier_from_fields(dossier_id: str, fields: dict[str, Any]) -> Dossier:
    """A dossier struct from camelCase ``fields`` (a local create's view)."""
    known = {k: v for k, v in fields.items() if k in _FIELD_NAMES and k != "id"}
    return msgspec.convert({**known, "id": dossier_id}, Dossier)


def is_known_field(name: str) -> bool:
    """True when ``name`` is a camelCase dossier field."""
    return name in _FIELD_NAMES
