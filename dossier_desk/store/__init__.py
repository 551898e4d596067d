"""Offline cache, durable outbox and sync engine (no Qt here).

Typical wiring::

    paths = profile_paths(profile_name, company_id).ensure()
    db = open_database(paths)                 # db.encrypted: warn the user when False
    cache, outbox = Cache(db), Outbox(db)
    engine = SyncEngine(api, cache, outbox, listener)
    store = DossierStore(cache, outbox, api, listener,
                         on_enqueued=engine.request_sync, note_outcome=engine.note_outcome)
    task = asyncio.create_task(engine.run(interval_s=60))
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
