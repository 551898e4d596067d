"""What every route module needs: the shared state, JSON bodies, If-Match, key and company checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
from starlette.requests import Request
from starlette.responses import Response

from dossier_sandbox.config import SandboxConfig
from dossier_sandbox.db import Database
from dossier_sandbox.entities import EntitySet
from dossier_sandbox.errors import ApiError, detail, json_response
from dossier_sandbox.faults import FaultInjector
from dossier_sandbox.gate import RequestStats
from dossier_sandbox.ratelimit import RateLimiter
from dossier_sandbox.tokens import TokenService
from dossier_sandbox.variants import Variant, get_variant
from dossier_sandbox.webhooks import Webhooks

_DEFAULT_RATE = (6000, 300.0)


@dataclass
class SandboxState:
    """Everything the routes share; one per server, stored as ``app.state.sandbox``."""

    config: SandboxConfig
    db: Database
    tokens: TokenService
    webhooks: Webhooks
    faults: FaultInjector
    limiter: RateLimiter
    stats: RequestStats
    company_id: str
    api_path: str  # "/v2.0/{tenant}/{environment}/api/{publisher}/{group}/{version}"
    blob_dir: Path
    variant: Variant = field(default_factory=lambda: get_variant("bc"))  # replaced by ``set_variant``

    def set_variant(self, name: str) -> None:
        self.variant = get_variant(name)
        self.limiter.set_windows(self.rate_windows())
        self.webhooks.variant = self.variant

    def rate_windows(self) -> tuple[tuple[int, float], ...]:
        """The variant's windows; ``rate_limit=None`` disables all, a non-default limit replaces them."""
        cfg = self.config
        if cfg.rate_limit is None:
            return ()
        if (cfg.rate_limit, cfg.rate_window_s) != _DEFAULT_RATE:
            return ((cfg.rate_limit, cfg.rate_window_s),)
        return self.variant.rate_windows

    def presenter(self, entity_set: EntitySet) -> Callable[[dict[str, Any]], dict[str, Any]]:
        """Canonical wire dict -> this variant's dialect (enum form, blanks, vendor's DossierType)."""
        drop = ("id",) if entity_set.name == "dossierTypes" and not self.variant.type_has_id else ()
        return self.variant.presenter(dict(entity_set.kinds), entity_set.keys, drop)

    def present(self, entity_set: EntitySet, entity: dict[str, Any]) -> dict[str, Any]:
        """A copy of ``entity`` in this variant's dialect."""
        return self.presenter(entity_set)(dict(entity))

    @property
    def page_size(self) -> int:
        return self.config.max_page_size or self.variant.page_size

    @property
    def max_upload_bytes(self) -> int:
        return self.config.max_upload_bytes or self.variant.max_upload_bytes

    @property
    def company_path(self) -> str:
        return f"{self.api_path}/companies({self.company_id})"

    def today(self) -> date:
        return self.config.today_date()

    def context_url(self, request: Request, fragment: str) -> str:
        return f"{_origin(request)}{self.api_path}/$metadata#companies({self.company_id})/{fragment}"

    def entity_url(self, request: Request, entity_set: str, entity_id: str) -> str:
        return f"{_origin(request)}{self.company_path}/{entity_set}({entity_id})"


def _origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def state(request: Request) -> SandboxState:
    return request.app.state.sandbox


def check_company(request: Request) -> SandboxState:
    """The state, after checking the ``companies(<id>)`` segment names our company (404 otherwise)."""
    st = state(request)
    raw = request.path_params.get("company", "").strip("'").lower()
    if raw != st.company_id:
        raise ApiError(404, f"The company '{raw}' does not exist.")
    return st


async def read_json(request: Request) -> Any:
    body = await request.body()
    if not body:
        raise ApiError(400, "A JSON request body is required.")
    try:
        return msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise ApiError(400, f"The request body is not valid JSON: {exc}.") from exc


def check_if_match(
    request: Request,
    current: dict[str, Any],
    *,
    required: bool = True,
    entity_set: EntitySet | None = None,
) -> None:
    """Enforce ``If-Match``: when missing (if required) 412 like BC or 428 like a generic OData
    service (per variant); 412 with the current entity when stale.

    ``*`` matches anything (BC allows it for tools; user edits must never send it). The 412 carries the
    current entity as ``details[0]["entity"]`` so the client can show what changed.
    """
    value = request.headers.get("if-match")
    if value is None:
        if required:
            raise ApiError(
                state(request).variant.missing_if_match_status,
                "This request requires an If-Match header with the entity's @odata.etag.",
                target="If-Match",
            )
        return
    tags = {t.strip() for t in value.split(",")}
    if "*" in tags:
        return
    current_tag = current["@odata.etag"]
    if current_tag in tags or current_tag.removeprefix("W/") in tags:
        return
    message = "Could not save the changes because another user has modified the record since you read it."
    shown = public(current) if entity_set is None else state(request).present(entity_set, public(current))
    raise ApiError(
        412, message, details=[detail(message, "@odata.etag", "Request_EntityChanged", entity=shown)]
    )


def created(request: Request, location: str, body: Any) -> Response:
    return json_response(body, 201, {"Location": location})


def public(entity: dict[str, Any]) -> dict[str, Any]:
    """Drop internal keys (``_version``) before an entity leaves the server."""
    return {k: v for k, v in entity.items() if not k.startswith("_")}
