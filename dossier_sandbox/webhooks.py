"""Webhook subscriptions the way Business Central runs them.

* ``POST subscriptions`` validates the endpoint first: it POSTs to ``notificationUrl?validationToken=T``
  and expects 200 with ``T`` as the body; otherwise 400 (target ``notificationUrl``).
* Subscriptions expire after at most 3 days; ``PATCH`` with ``If-Match`` renews (and re-validates).
* Committed changes are collected for ``webhook_delay_s`` (BC: ~30 s) and delivered per subscription as
  ``{"value":[{subscriptionId, clientState, expirationDateTime, resource, changeType,
  lastModifiedDateTime}]}``; above ``webhook_collection_threshold`` changes one ``collection``
  notification for the whole entity set is sent instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from dossier_sandbox.config import SandboxConfig
from dossier_sandbox.db import Change
from dossier_sandbox.entities import etag
from dossier_sandbox.errors import ApiError, detail
from dossier_sandbox.variants import get_variant

log = logging.getLogger(__name__)
SUBSCRIBABLE = ("dossiers", "documents", "contacts", "dossierTypes")
WRITABLE = ("notificationUrl", "resource", "clientState", "expirationDateTime", "changeType")


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class Subscription:
    id: str
    user_id: str
    notification_url: str
    resource: str
    entity_set: str
    client_state: str
    expires: datetime
    version: int
    last_modified: str
    change_types: tuple[str, ...] = ()  # the vendor's "changeType": "created,updated" (empty: all)

    def to_wire(self) -> dict[str, Any]:
        return {
            "@odata.etag": etag(self.version),
            "subscriptionId": self.id,
            "notificationUrl": self.notification_url,
            "resource": self.resource,
            "userId": self.user_id,
            "clientState": self.client_state,
            "expirationDateTime": _iso(self.expires),
            "lastModifiedDateTime": self.last_modified,
        }


class Webhooks:
    """Subscriptions (in memory) and the delivery task. ``on_changes`` may be called from any thread."""

    def __init__(self, config: SandboxConfig, company_path: str) -> None:
        self.config = config
        self.company_path = company_path  # "/v2.0/.../companies(<id>)", prefix of notification resources
        self._subs: dict[str, Subscription] = {}
        self._lock = threading.Lock()
        self._version = 1
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: asyncio.Queue[list[Change]] | None = None
        self._task: asyncio.Task | None = None
        self.delivered = 0
        self.failed = 0
        self.variant = get_variant("bc")  # vendor_webhooks: the vendor's payload and event types

    # -- lifecycle (on the server loop) ----------------------------------------------------------------
    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._queue = asyncio.Queue()
        self._task = asyncio.create_task(self._deliver_forever())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def on_changes(self, changes: list[Change]) -> None:
        """Database listener: queue committed changes for delivery (no-op without subscriptions)."""
        if self._loop is None or self._queue is None or not self._subs:
            return
        relevant = [c for c in changes if c.entity_set in SUBSCRIBABLE]
        if relevant:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, relevant)

    # -- CRUD ----------------------------------------------------------------------------------------------
    def list_for(self, user_id: str) -> list[Subscription]:
        with self._lock:
            self._expire()
            return [s for s in self._subs.values() if s.user_id == user_id]

    def get(self, sub_id: str, user_id: str) -> Subscription:
        with self._lock:
            self._expire()
            sub = self._subs.get(sub_id)
        if sub is None or sub.user_id != user_id:
            raise ApiError(404, f"The subscription '{sub_id}' does not exist.")
        return sub

    async def create(self, body: Any, user_id: str) -> Subscription:
        values = self._validate(body, creating=True)
        await self._handshake(values["notificationUrl"])
        entity_set = self._entity_set(values["resource"])
        sub = Subscription(
            id=str(uuid.uuid4()),
            user_id=user_id,
            notification_url=values["notificationUrl"],
            resource=values["resource"],
            entity_set=entity_set,
            client_state=values.get("clientState", ""),
            expires=self._expiry(values.get("expirationDateTime")),
            version=0,
            last_modified="",
            change_types=tuple(t.strip() for t in values.get("changeType", "").split(",") if t.strip()),
        )
        self._bump(sub)
        with self._lock:
            self._subs[sub.id] = sub
        return sub

    async def renew(self, sub: Subscription, body: Any) -> Subscription:
        values = self._validate(body, creating=False)
        url = values.get("notificationUrl", sub.notification_url)
        await self._handshake(url)  # BC validates the endpoint again on renewal
        sub.notification_url = url
        if "clientState" in values:
            sub.client_state = values["clientState"]
        sub.expires = self._expiry(values.get("expirationDateTime"))
        self._bump(sub)
        return sub

    def delete(self, sub: Subscription) -> None:
        with self._lock:
            self._subs.pop(sub.id, None)

    def clear(self) -> None:
        with self._lock:
            self._subs.clear()

    # -- helpers ---------------------------------------------------------------------------------------------
    def _bump(self, sub: Subscription) -> None:
        with self._lock:
            self._version += 1
            sub.version = self._version
            sub.last_modified = _iso(_now())

    def _expire(self) -> None:
        now = _now()
        for sub_id in [s.id for s in self._subs.values() if s.expires <= now]:
            del self._subs[sub_id]

    def _validate(self, body: Any, *, creating: bool) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "The request body must be a JSON object.")
        errors = []
        values = {k: v for k, v in body.items() if not k.startswith("@odata.")}
        for name, value in values.items():
            if name not in WRITABLE:
                errors.append(detail(f"The field '{name}' cannot be set on a subscription.", name))
            elif not isinstance(value, str):
                errors.append(detail(f"'{name}' must be a string.", name))
        if not creating and "resource" in values:
            errors.append(detail("The resource of a subscription cannot change.", "resource"))
        if creating:
            for required in ("notificationUrl", "resource"):
                if not values.get(required):
                    errors.append(detail(f"'{required}' is required.", required))
        url = values.get("notificationUrl")
        if isinstance(url, str) and url and urlsplit(url).scheme not in ("http", "https"):
            errors.append(detail("notificationUrl must be an http(s) URL.", "notificationUrl"))
        if creating and isinstance(values.get("resource"), str) and values.get("resource"):
            try:
                self._entity_set(values["resource"])
            except ApiError as exc:
                errors.extend(exc.details)
        if isinstance(values.get("clientState"), str) and len(values["clientState"]) > 2048:
            errors.append(detail("clientState may be at most 2048 characters long.", "clientState"))
        if isinstance(values.get("expirationDateTime"), str) and values["expirationDateTime"]:
            try:
                if self._expiry(values["expirationDateTime"]) <= _now():
                    errors.append(detail("expirationDateTime must be in the future.", "expirationDateTime"))
            except ValueError:
                errors.append(
                    detail("expirationDateTime must be an ISO 8601 date-time.", "expirationDateTime")
                )
        if errors:
            raise ApiError(400, errors[0]["message"], details=errors)
        return values

    def _entity_set(self, resource: str) -> str:
        path = urlsplit(resource).path.rstrip("/")
        name = path.rsplit("/", 1)[-1]
        if name not in SUBSCRIBABLE or (
            "companies(" in path and self.company_path.rsplit("/", 1)[-1] not in path
        ):
            raise ApiError(
                400, f"'{resource}' is not a resource that supports subscriptions.", target="resource"
            )
        return name

    def _expiry(self, requested: str | None) -> datetime:
        """The requested expiry, capped at the maximum lifetime (3 days like BC)."""
        latest = _now() + timedelta(days=self.config.subscription_max_days)
        if not requested:
            return latest
        moment = datetime.fromisoformat(requested.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return min(moment, latest)

    async def _handshake(self, url: str) -> None:
        token = secrets.token_urlsafe(24)
        separator = "&" if urlsplit(url).query else "?"
        try:
            async with httpx.AsyncClient(timeout=self.config.validation_timeout_s, trust_env=False) as client:
                response = await client.post(f"{url}{separator}validationToken={token}")
        except httpx.HTTPError as exc:
            raise ApiError(
                400,
                f"The notification URL could not be reached ({type(exc).__name__}).",
                target="notificationUrl",
            ) from exc
        if response.status_code != 200 or response.text.strip() != token:
            raise ApiError(
                400,
                "The notification URL did not echo the validation token with 200 OK.",
                target="notificationUrl",
            )

    async def _deliver_forever(self) -> None:
        assert self._queue is not None
        async with httpx.AsyncClient(timeout=10.0, trust_env=False) as client:
            while True:
                changes = list(await self._queue.get())
                await asyncio.sleep(self.config.webhook_delay_s)  # collect a batch, like BC
                while not self._queue.empty():
                    changes.extend(self._queue.get_nowait())
                with self._lock:
                    self._expire()
                    subs = list(self._subs.values())
                for sub in subs:
                    if self.variant.vendor_webhooks:
                        await self._send_vendor(client, sub, changes)
                        continue
                    mine = [c for c in changes if c.entity_set == sub.entity_set]
                    if mine:
                        await self._send(client, sub, mine)

    async def _send_vendor(self, client: httpx.AsyncClient, sub: Subscription, changes: list[Change]) -> None:
        """The vendor documents' payload: one POST per event, ``eventType`` one of their event types;
        a subscription on ``dossiers`` also hears ``document.added`` (a document uploaded to a dossier)."""
        wanted = [
            c
            for c in changes
            if c.event
            and (
                c.entity_set == sub.entity_set
                or (sub.entity_set == "dossiers" and c.event == "document.added")
            )
            and (not sub.change_types or c.change_type in sub.change_types)
        ]
        for change in wanted:
            data = dict(change.data or {"id": change.entity_id})
            if "status" in data:
                data["status"] = self.variant.enum_out(data["status"])
            payload = {
                "subscriptionId": sub.id,
                "eventType": change.event,
                "changeType": change.change_type,
                "resource": change.entity_set,
                "resourceData": data,
                "timestamp": change.last_modified[:19] + "Z",
            }
            try:
                response = await client.post(sub.notification_url, json=payload)
                response.raise_for_status()
                self.delivered += 1
            except httpx.HTTPError as exc:
                self.failed += 1
                log.info("notification to subscription %s failed: %s", sub.id, type(exc).__name__)

    async def _send(self, client: httpx.AsyncClient, sub: Subscription, changes: list[Change]) -> None:
        base = {
            "subscriptionId": sub.id,
            "clientState": sub.client_state,
            "expirationDateTime": _iso(sub.expires),
        }
        if len(changes) > self.config.webhook_collection_threshold:
            items = [
                {
                    **base,
                    "resource": f"{self.company_path}/{sub.entity_set}",
                    "changeType": "collection",
                    "lastModifiedDateTime": changes[-1].last_modified[:23] + "Z",
                }
            ]
        else:
            items = [
                {
                    **base,
                    "resource": f"{self.company_path}/{c.entity_set}({c.entity_id})",
                    "changeType": c.change_type,
                    "lastModifiedDateTime": c.last_modified[:23] + "Z",
                }
                for c in changes
            ]
        try:
            response = await client.post(sub.notification_url, json={"value": items})
            response.raise_for_status()
            self.delivered += len(items)
        except httpx.HTTPError as exc:
            # A subscriber being down is normal operation for BC (it just retries later): not a warning.
            self.failed += len(items)
            log.info("notification to subscription %s failed: %s", sub.id, type(exc).__name__)
