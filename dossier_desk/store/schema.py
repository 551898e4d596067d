"""The cache database schema, as numbered steps.

``MIGRATIONS[n]`` takes a database at ``user_version == n`` to ``n + 1``. Never edit a released
step: append a new one. Entity tables keep a few indexed columns beside ``data``, the
msgspec-encoded JSON of the whole entity (what the UI decodes).

The table view sorts and filters 100k rows in memory (much faster than SQL round trips per keystroke),
so only the columns the store itself looks up or orders by are indexed: No. and type (the first
screenful at start-up), External Document No. (idempotency keys) and lastModifiedDateTime (delta
sync). Every further index costs about 10% of full-sync write time.
"""

from __future__ import annotations

_V1 = (
    """
    CREATE TABLE dossiers (
        id TEXT PRIMARY KEY,
        no TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '',
        dossier_type_code TEXT NOT NULL DEFAULT '',
        primary_contact_no TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        priority TEXT NOT NULL DEFAULT '',
        starting_date TEXT NOT NULL DEFAULT '',
        ending_date TEXT NOT NULL DEFAULT '',
        external_document_no TEXT NOT NULL DEFAULT '',
        last_modified TEXT NOT NULL DEFAULT '',
        data BLOB NOT NULL
    )
    """,
    "CREATE INDEX dossiers_no ON dossiers(no)",
    "CREATE INDEX dossiers_status ON dossiers(status)",
    "CREATE INDEX dossiers_type ON dossiers(dossier_type_code)",
    "CREATE INDEX dossiers_external ON dossiers(external_document_no)",
    "CREATE INDEX dossiers_modified ON dossiers(last_modified)",
    "CREATE TABLE dossier_types (id TEXT PRIMARY KEY, code TEXT NOT NULL, data BLOB NOT NULL)",
    "CREATE INDEX dossier_types_code ON dossier_types(code)",
    "CREATE TABLE contacts (id TEXT PRIMARY KEY, no TEXT NOT NULL, data BLOB NOT NULL)",
    "CREATE INDEX contacts_no ON contacts(no)",
    "CREATE TABLE documents (id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, data BLOB NOT NULL)",
    "CREATE INDEX documents_dossier ON documents(dossier_id)",
    """
    CREATE TABLE workflow_log (
        id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, line_no INTEGER NOT NULL, data BLOB NOT NULL
    )
    """,
    "CREATE INDEX workflow_log_dossier ON workflow_log(dossier_id, line_no)",
    "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        dossier_id TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        payload BLOB NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        field_errors BLOB,
        conflict BLOB,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX outbox_dossier ON outbox(dossier_id, id)",
    "CREATE INDEX outbox_state ON outbox(state)",
)

# Replay without idempotency keys in user fields: when a write was first sent, whether its outcome is
# unknown (sent, no answer seen), and the server ids our own finished writes produced (so a later
# check for "did my create / upload land?" never mistakes one of them for its own result).
_V2_OUTCOMES = (
    "ALTER TABLE outbox ADD COLUMN sent_at TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE outbox ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0",
    "UPDATE outbox SET unsure = 1, sent_at = created_at WHERE attempts > 0 OR state = 'in_flight'",
    """
    CREATE TABLE outbox_results (
        server_id TEXT PRIMARY KEY, local_id TEXT NOT NULL, kind TEXT NOT NULL, finished_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX outbox_results_local ON outbox_results(local_id)",
)

# Each queued write records its author (MSAL home_account_id) so it is only ever sent with that
# account's token; "" marks items queued before authors were recorded (sent by whoever owns the store).
_OUTBOX_AUTHOR = ("ALTER TABLE outbox ADD COLUMN author TEXT NOT NULL DEFAULT ''",)

# Failures are kept as data (kind, HTTP status, the server's text, support reference, retry wait) and
# worded by the UI in the user's language. Rows parked by older versions hold only a text: they become
# kind "unknown" with that text as the server's.
_OUTBOX_ERRORS = (
    "ALTER TABLE outbox RENAME COLUMN last_error TO error_text",
    "ALTER TABLE outbox ADD COLUMN error_kind TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE outbox ADD COLUMN error_status INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE outbox ADD COLUMN error_correlation TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE outbox ADD COLUMN error_retry_after REAL NOT NULL DEFAULT 0",
    "UPDATE outbox SET error_kind = 'unknown' WHERE error_text != ''",
)

# No query reads dossiers by status (the start-up order by status ranks the values in SQL, which an
# index on the text cannot serve), and the index cost about 12% of the cache writer's time in a full sync.
_NO_STATUS_INDEX = ("DROP INDEX IF EXISTS dossiers_status",)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    _V1,
    _V2_OUTCOMES,
    _OUTBOX_AUTHOR,
    _OUTBOX_ERRORS,
    _NO_STATUS_INDEX,
)
SCHEMA_VERSION = len(MIGRATIONS)
