"""Offline cache, durable outbox and sync engine (no Qt here).

Opened and closed as one (:mod:`.session` is the only place that wires the parts)::

    session = await open_session(profile_paths(profile_name, company_id), api, listener)
    session.start(interval_s=60)              # the engine's run loop
    session.store                             # the facade; session.db.encrypted: warn when False
    await session.aclose()
"""

from dossier_desk.store.cache import Cache
from dossier_desk.store.crypto import CacheUnreadableError
from dossier_desk.store.db import Database, open_database
from dossier_desk.store.events import NullListener, SyncListener
from dossier_desk.store.migrations import SchemaTooNewError
from dossier_desk.store.outbox import Outbox, OutboxError
from dossier_desk.store.outbox_model import Conflict, OutboxItem, OutboxKind, OutboxState
from dossier_desk.store.paths import ProfilePaths, profile_paths, profile_root
from dossier_desk.store.ports import StoreApi
from dossier_desk.store.service import DossierStore
from dossier_desk.store.sync import SyncEngine
from dossier_desk.store.validation import LocalValidationError
from dossier_desk.store.wipe import wipe_profile, wipe_profile_data

__all__ = [
    "Cache",
    "CacheUnreadableError",
    "Conflict",
    "Database",
    "DossierStore",
    "LocalValidationError",
    "NullListener",
    "Outbox",
    "OutboxError",
    "OutboxItem",
    "OutboxKind",
    "OutboxState",
    "ProfilePaths",
    "SchemaTooNewError",
    "StoreApi",
    "SyncEngine",
    "SyncListener",
    "open_database",
    "profile_paths",
    "profile_root",
    "wipe_profile",
    "wipe_profile_data",
]
