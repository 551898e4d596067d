"""Configuration of the sandbox service (``SandboxConfig``) and its fault injection (``FaultConfig``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEFAULT_ALLOWED_EXTENSIONS: tuple[str, ...] = (
    ".pdf",
    ".docx",
    ".doc",
    ".xlsx",
    ".png",
    ".jpg",
    ".jpeg",
    ".txt",
    ".msg",
    ".eml",
)


@dataclass
class FaultConfig:
    """What goes wrong, and how often. Mutable at run time (``SandboxServer.faults``/``/_sandbox/faults``).

    Rates are probabilities in ``[0, 1]`` drawn from a seeded generator, so a rate of 1.0 is deterministic.
    Faults apply to API requests only (never to ``/_sandbox/*`` or the OIDC provider), and only to
    requests matching ``methods`` (empty: all) and ``path_contains`` (empty: all). ``max_faults`` caps
    how many faults are injected in total (e.g. ``error_rate=1.0, max_faults=2``: the next two requests fail).
    """

    latency_ms: int = 0  # added to every matching request (not counted against max_faults)
    latency_jitter_ms: int = 0
    throttle_rate: float = 0.0  # 429 with Retry-After (a "429 storm" at 1.0)
    retry_after_s: int = 1
    error_rate: float = 0.0  # a 5xx picked from error_statuses
    error_statuses: tuple[int, ...] = (500, 503, 504)
    drop_rate: float = 0.0  # headers and half the body, then the connection is closed
    truncate_rate: float = 0.0  # a complete 200 response whose JSON body is cut in half
    commit_then_drop_rate: float = 0.0  # writes only: the change is committed, then the connection drops
    # Reply shapes (see reply_faults.py), applied to every matching request, not drawn or counted:
    paging: str = ""  # "cycle": nextLinks go A->B->A; "runaway": pages beyond @odata.count, forever
    inflate_bytes: int = 0  # reads answered with a small gzip body that inflates to this many bytes
    nest_depth: int = 0  # reads answered {"value": [[[...]]]}, arrays nested this deep
    write_reply: str = ""  # create/update answered "empty" ({}), "id" ({"id": ...}) or "no_content" (204)
    read_204: bool = False  # a read of a missing record answered 204 without a body
    methods: tuple[str, ...] = ()
    path_contains: str = ""
    max_faults: int | None = None
    seed: int = 0

    @property
    def active(self) -> bool:
        return bool(
            self.latency_ms
            or self.latency_jitter_ms
            or self.throttle_rate
            or self.error_rate
            or self.drop_rate
            or self.truncate_rate
            or self.commit_then_drop_rate
        )


@dataclass
class SandboxConfig:
    """Everything a sandbox run can vary. Defaults follow Business Central's documented limits."""

    dossiers: int = 300
    seed: int = 1
    host: str = "127.0.0.1"
    port: int = 0  # API over http; 0 picks a free port
    https_port: int = 0  # OIDC provider over https
    tenant: str = "sandbox"
    environment: str = "Production"
    publisher: str = "qteam"
    group: str = "dossier"
    version: str = "v1.0"
    company_name: str = "CRONUS Nederland BV"
    data_dir: Path | None = None  # None: a temporary directory removed at stop
    # Rate limiting: ``rate_limit`` requests per ``rate_window_s`` sliding window per user; None disables
    # every window of every variant. Left at 6000/300 the variant's own windows apply (vendor: 20/s,
    # 100/min, 10,000/day); any other value replaces them with that one window.
    rate_limit: int | None = 6000
    rate_window_s: float = 300.0
    token_lifetime_s: int = 3600
    max_page_size: int | None = None  # None: the variant's page size (bc 20,000, odata 100)
    max_batch_operations: int = 100
    max_upload_bytes: int | None = None  # None: the variant's limit (bc 100 MB, vendor 10 MB)
    max_body_bytes: int | None = None  # any request body; None: the variant's (bc 100 MB, others none)
    max_files_per_request: int = 10
    allowed_extensions: tuple[str, ...] = DEFAULT_ALLOWED_EXTENSIONS
    # Server dialect, one of ``variants.VARIANTS`` (switchable at run time: ``SandboxServer.set_variant``).
    variant: str = "bc"
    # No document defines an ``uploadRules`` endpoint; tests of "rules from the server if it offers
    # them" switch it on.
    upload_rules_endpoint: bool = False
    # The date workflow terms are judged against (overdue); None means the real UTC date.
    today: date | None = None
    # Webhooks: how long changes are collected before a notification is sent (BC waits ~30 s).
    webhook_delay_s: float = 0.2
    webhook_collection_threshold: int = 1000
    subscription_max_days: int = 3
    validation_timeout_s: float = 5.0
    faults: FaultConfig = field(default_factory=FaultConfig)
    # -- tenant and sign-in provider, as real ones behave (BC admin center, Entra ID, generic OIDC) --
    # Claims left out of ID tokens (and access tokens), e.g. ("preferred_username",) or
    # ("preferred_username", "name"); the API identifies users by ``oid`` whatever is omitted.
    id_token_omit_claims: tuple[str, ...] = ()
    # False: no ``roles`` claim in any token (Entra ID tokens for BC carry none); rights always come
    # from the sandbox's own user table.
    access_token_roles: bool = True
    # True: a refresh token only when the authorize request had prompt=consent (and offline_access).
    refresh_requires_consent: bool = False
    # Environments of the tenant (``environment`` above is always one of them: the api_root's).
    environments: tuple[str, ...] = ("Production",)
    # Companies in every environment; the first holds the seeded dossiers, the others are empty.
    companies: tuple[str, ...] = ("CRONUS Nederland BV",)
    # Environments without the Dynamics Dossier extension: its routes answer BC's 404 for unknown routes.
    extension_missing_in: tuple[str, ...] = ()
    extension_version: str = "1.0.0.0"  # reported by the admin center apps endpoint

    def today_date(self) -> date:
        """The sandbox's notion of today (injectable for tests)."""
        if self.today is not None:
            return self.today
        from datetime import UTC, datetime

        return datetime.now(UTC).date()
