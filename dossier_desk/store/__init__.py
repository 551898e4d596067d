"""Offline cache, durable outbox and sync engine (no Qt here).

Opened and closed as one (:mod:`.session` is the only place that wires the parts)::

    session = await open_session(profile_paths(profile_name, company_id), api, listener)
    session.start(interval_s=60)              # the engine's run loop
    session.store                             # the facade; session.db.encrypted: warn when False
    await session.aclose()
"""

from __future__ import annotations

from dossier_desk.lazy_exports import lazy_exports

# Loaded on first use: see dossier_desk.lazy_exports for why.
_EXPORTS = {
    "cache": ("Cache",),
    "crypto": ("CacheUnreadableError",),
    "db": (
        "Database",
        "open_database",
    ),
    "events": (
        "NullListener",
        "SyncListener",
    ),
    "migrations": ("SchemaTooNewError",),
    "outbox": (
        "Outbox",
        "OutboxError",
    ),
    "outbox_model": (
        "Conflict",
        "OutboxItem",
        "OutboxKind",
        "OutboxState",
    ),
    "paths": (
        "ProfilePaths",
        "profile_paths",
        "profile_root",
    ),
    "ports": ("StoreApi",),
    "service": ("DossierStore",),
    "sync": ("SyncEngine",),
    "validation": ("LocalValidationError",),
    "wipe": (
        "wipe_profile",
        "wipe_profile_data",
    ),
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
