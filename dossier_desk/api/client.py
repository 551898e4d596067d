"""``DossierApi``: typed async calls to the Dynamics Dossier API of one company.

Every method raises an :class:`~dossier_desk.api.errors.ApiError` subclass on failure (see
:mod:`dossier_desk.api.errors`); programming mistakes (unknown field names, an empty etag) raise
``ValueError`` before anything is sent. Retries, token refresh and pacing happen underneath
(:mod:`dossier_desk.api.transport`); writes are never retried after they may have reached the server.

Use one instance per profile for the app's lifetime (it owns a connection pool)::

    async with DossierApi(profile, tokens) as api:
        async for page in api.iter_dossier_pages(page_size=5000):
            cache.store(page)
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
import msgspec

from dossier_desk.api.client_batch import BatchCalls
from dossier_desk.api.client_documents import DocumentCalls
from dossier_desk.api.decoding import Rows, SkippedRecord
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import (
    ApiError,
    ConflictError,
    ExtensionMissingError,
    MalformedResponseError,
    NotFoundError,
)
from dossier_desk.api.models import (
    DOSSIER_WRITABLE_FIELDS,
    Company,
    Contact,
    Dossier,
    DossierType,
    UploadRules,
)
from dossier_desk.api.odata import F, Query, key_segment
from dossier_desk.api.pacing import RateLimitInfo, RatePacer
from dossier_desk.api.paging import MAX_PAGE_SIZE, decode_entity, decode_page, iter_pages
from dossier_desk.api.profile import ApiProfile
from dossier_desk.api.service_check import ServiceCheck, check_service
from dossier_desk.api.transport import DEFAULT_MAX_RESPONSE_BYTES, RetryPolicy, TokenProvider, Transport
from dossier_desk.api.wire import conflict_current, write_reply

log = logging.getLogger(__name__)

T = TypeVar("T")

_WRITABLE = frozenset(DOSSIER_WRITABLE_FIELDS)


class _IdOnly(msgspec.Struct):
    id: str


class DossierApi(DocumentCalls, BatchCalls):
    """The Dynamics Dossier API of ``profile.company_id``, authenticated through ``tokens``.

    ``timeout`` applies per network operation (connect, each read/write); ``max_retries`` bounds the
    retries of one call; ``transport`` replaces the network (tests); ``on_rate_limit`` is called with
    the :class:`RateLimitInfo` of every response that reports rate-limit headers (for a status line).
    ``retry_policy`` overrides the backoff timings (``max_retries`` wins for the count); ``pacer``
    replaces the client-side rate pacing (tests); ``max_response_bytes`` bounds one response body
    after decompression. Use from one event loop; calls may run concurrently.

    Listings return :class:`~dossier_desk.api.decoding.Rows` (a list with ``skipped``: records left
    out because they could not be read); :meth:`take_skipped` drains all of them seen so far.
    Enum values come back as captions; :attr:`enum_forms` knows how this server writes them.
    """

    def __init__(
        self,
        profile: ApiProfile,
        tokens: TokenProvider,
        *,
        timeout: float = 30.0,
        max_retries: int = 4,
        transport: httpx.AsyncBaseTransport | None = None,
        on_rate_limit: Callable[[RateLimitInfo], None] | None = None,
        retry_policy: RetryPolicy | None = None,
        pacer: RatePacer | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        policy = retry_policy or RetryPolicy()
        policy = RetryPolicy(max_retries, policy.backoff_base, policy.backoff_cap, policy.max_retry_after)
        self.profile = profile
        self._http = Transport(
            tokens,
            verify=profile.ssl_verify(),
            timeout=timeout,
            policy=policy,
            transport=transport,
            pacer=pacer or RatePacer(windows=profile.pacing_windows),
            on_rate_limit=on_rate_limit,
            trust_env=not profile.is_loopback,
            max_response_bytes=max_response_bytes,
        )
        self._upload_rules: UploadRules | None = None
        self._upload_rules_known = False
        self.enum_forms = EnumForms()
        self._dialect_checked = False
        self._skipped: list[SkippedRecord] = []

    # -- lifetime ----------------------------------------------------------------------------------
    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def rate_limit_wait(self) -> float | None:
        """Epoch seconds until which a 429's Retry-After holds requests back, else ``None``."""
        return self._http.pacer.waiting_until()

    def retry_now(self) -> None:
        """ "Retry now": stop waiting for a Retry-After (the server may answer 429 again)."""
        self._http.pacer.retry_now()

    @property
    def last_rate_limit(self) -> RateLimitInfo | None:
        """The rate-limit state of the most recent response that reported one."""
        return self._http.last_rate_limit

    # -- URLs --------------------------------------------------------------------------------------
    def _url(self, *segments: str) -> str:
        if not self.profile.company_id:
            raise ValueError("the profile has no company selected")
        return "/".join((self.profile.api_root, key_segment("companies", self.profile.company_id), *segments))

    def _service_url(self, *segments: str) -> str:
        """A URL at the service root (``$batch``, ``$metadata``), not under the company."""
        return "/".join((self.profile.api_root, *segments))

    def take_skipped(self) -> list[SkippedRecord]:
        """The records skipped (unreadable) since the last call, oldest first; clears the list."""
        skipped, self._skipped = self._skipped, []
        return skipped

    async def _params(self, query: Query | None) -> dict[str, str]:
        """``query`` as parameters, enum literals in this server's form.

        Before the first filter on an enum, the server's form is learnt once from the service check
        (``$metadata`` and a sample record) if nothing has shown it yet.
        """
        query = query or Query()
        fields = query.enum_fields
        if fields - {"@blankDate"} and not self.enum_forms.has_evidence():
            await self._learn_dialect()
        if "@blankDate" in fields and not self.enum_forms.knows_blanks():
            await self._learn_dialect()
        return query.to_params(self.enum_forms.wire)

    async def _learn_dialect(self) -> None:
        """Learn how this server writes enum values and blanks, once (the service check)."""
        if self._dialect_checked:
            return
        self._dialect_checked = True
        try:
            await self.check_service()
        except ApiError as exc:
            log.info("could not learn the server's enum forms (%s)", type(exc).__name__)

    async def _write_body(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        multi_word = any(isinstance(fields.get(n), str) and " " in fields[n] for n in ("status", "priority"))
        if multi_word and not self.enum_forms.has_evidence():
            await self._learn_dialect()
        return self._writable(fields)

    def wire_enum(self, field: str, value: str) -> str:
        """``value`` (a caption) in the form this server writes ``field`` — use it in ``$filter``."""
        return self.enum_forms.wire(field, value)

    def _pages(
        self,
        url: str,
        item_type: type[T],
        entity_set: str,
        params: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[Rows[T]]:
        return iter_pages(
            self._http,
            url,
            item_type,
            origin=self.profile.origin,
            params=params,
            forms=self.enum_forms,
            entity_set=entity_set,
            **kwargs,
        )

    async def _get_all(
        self,
        url: str,
        item_type: type[T],
        params: Mapping[str, str] | None = None,
        *,
        entity_set: str = "",
    ) -> Rows[T]:
        rows: Rows[T] = Rows()
        async for page in self._pages(url, item_type, entity_set or item_type.__name__, params):
            rows.extend(page)
            rows.skipped.extend(page.skipped)
            self._skipped.extend(page.skipped)
        return rows

    async def _get_one(self, url: str, item_type: type[T]) -> T:
        return await self._http.fetch("GET", url, lambda r: self._entity(r, item_type))

    def _entity(self, response: httpx.Response, item_type: type[T]) -> T:
        if response.status_code == 204:
            # Some servers answer a read of a missing record with 204 and no body.
            raise NotFoundError(
                "no content", status=response.status_code, code="NoContent", correlation_id=""
            )
        return decode_entity(response, item_type, forms=self.enum_forms)

    # -- discovery ---------------------------------------------------------------------------------
    async def list_companies(self) -> list[Company]:
        """The companies of the environment (``/api/v2.0/companies``)."""
        return await self._get_all(self.profile.companies_url, Company)

    async def check_service(self) -> ServiceCheck:
        """Check the Dossier endpoint (``$top=1``) and ``$metadata`` for what the client needs.

        Returns ``status`` ``"ok"``, ``"missing_extension"`` or ``"incompatible_version"`` (see
        :mod:`dossier_desk.api.service_check`); network and sign-in failures raise as usual.
        Enum member names in ``$metadata`` are learnt for ``$filter`` literals on the way.
        """
        return await check_service(
            self._http, self._url("dossiers"), self._service_url("$metadata"), self.enum_forms
        )

    async def check_extension(self) -> None:
        """Raise :class:`ExtensionMissingError` if the Dynamics Dossier API is not in the environment.

        ``code`` is ``"missing_extension"`` or ``"incompatible_version"`` (see :meth:`check_service`).
        """
        result = await self.check_service()
        if not result.ok:
            error = ExtensionMissingError(
                ", ".join(result.missing),
                status=404,
                code=result.status,
                correlation_id=result.correlation_id,
            )
            error.check = result  # type: ignore[attr-defined]
            raise error

    # -- dossiers ----------------------------------------------------------------------------------
    async def iter_dossier_pages(
        self,
        query: Query | None = None,
        *,
        page_size: int = 5000,
        on_progress: Callable[[int, int | None], None] | None = None,
        read_ahead: bool = False,
    ) -> AsyncIterator[list[Dossier]]:
        """Yield dossiers page by page (``Prefer: odata.maxpagesize=page_size``), each decoded on a
        worker thread; with ``read_ahead`` the next page is requested while one is decoded and used.

        ``on_progress(rows_so_far, total_or_None)``; add ``.count()`` to the query for a total.
        Cancel by cancelling the task or leaving the ``async for``.
        """
        params = await self._params(query)
        async for page in self._pages(
            self._url("dossiers"),
            Dossier,
            "dossiers",
            params,
            page_size=page_size,
            on_progress=on_progress,
            decode_off_loop=True,  # thousands of rows per page: not on the GUI thread
            read_ahead=read_ahead,
        ):
            self._skipped.extend(page.skipped)
            yield page

    async def list_dossier_ids(self) -> set[str]:
        """Ids of every dossier visible to the user (for deletion reconcile)."""
        ids: set[str] = set()
        async for page in self._pages(
            self._url("dossiers"),
            _IdOnly,
            "dossiers",
            Query().select("id").to_params(),
            page_size=MAX_PAGE_SIZE,
        ):
            ids.update(row.id for row in page)
        return ids

    async def get_dossier(self, dossier_id: str) -> Dossier:
        """One dossier; :class:`NotFoundError` when it is gone or not visible."""
        return await self._get_one(self._url(key_segment("dossiers", dossier_id)), Dossier)

    async def find_dossier_by_external_no(self, external_no: str) -> Dossier | None:
        """The dossier whose ``externalDocumentNo`` equals ``external_no`` (idempotency key), if any."""
        if not external_no:
            raise ValueError("external_no must not be empty")
        query = Query().filter(F("externalDocumentNo") == external_no).top(1)
        page = await self._http.fetch(
            "GET",
            self._url("dossiers"),
            lambda r: decode_page(r, Dossier, forms=self.enum_forms, entity_set="dossiers"),
            params=await self._params(query),
        )
        rows = page.value
        return rows[0] if rows else None

    async def create_dossier(self, fields: Mapping[str, Any]) -> Dossier:
        """POST a new dossier (camelCase ``fields``); returns it as stored (with id and etag)."""
        return await self._create(self._url("dossiers"), fields)

    async def create_dossier_for_contact(self, contact_no: str, fields: Mapping[str, Any]) -> Dossier:
        """POST a dossier under ``contacts('{contact_no}')`` (sets ``primaryContactNo``)."""
        return await self._create(self._url(_contact_segment(contact_no), "dossiers"), fields)

    async def _create(self, url: str, fields: Mapping[str, Any]) -> Dossier:
        body = await self._write_body(fields)
        reply = await self._http.fetch("POST", url, self._write_reply, json=body)
        if isinstance(reply, Dossier):
            return reply
        if not reply:
            raise MalformedResponseError("the server did not say which record it created", code="NoId")
        # Answered {} / {"id": ...} / 204 + Location: fetch the record for its etag and fields.
        return await self.get_dossier(reply)

    async def update_dossier(self, dossier_id: str, etag: str, changes: Mapping[str, Any]) -> Dossier:
        """PATCH ``changes`` with ``If-Match: etag``; :class:`ConflictError` (with ``current``) if stale.

        A reply without the entity (``{}``, ``{"id":...}``, 204) is followed by a GET.
        """
        headers = {"If-Match": _user_etag(etag)}
        url = self._url(key_segment("dossiers", dossier_id))
        body = await self._write_body(changes)
        try:
            reply = await self._http.fetch("PATCH", url, self._write_reply, json=body, headers=headers)
        except ConflictError as exc:
            await self._fill_conflict(exc, dossier_id)
            raise
        if isinstance(reply, Dossier):
            return reply
        return await self.get_dossier(reply or dossier_id)

    def _write_reply(self, response: httpx.Response) -> Dossier | str:
        return write_reply(response, self.enum_forms)

    def _writable(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        body = _writable(fields)
        for name in ("status", "priority"):
            if isinstance(body.get(name), str) and body[name]:
                body[name] = self.enum_forms.wire(name, body[name])
        if self.enum_forms.blank_date_is_null:
            for name, value in body.items():
                if value == "" and "date" in name.lower():
                    body[name] = None  # this server clears a date with null
        return body

    async def delete_dossier(self, dossier_id: str, etag: str) -> None:
        """DELETE with ``If-Match: etag``; :class:`ConflictError` if it changed meanwhile."""
        headers = {"If-Match": _user_etag(etag)}
        try:
            await self._http.request(
                "DELETE", self._url(key_segment("dossiers", dossier_id)), headers=headers
            )
        except ConflictError as exc:
            await self._fill_conflict(exc, dossier_id)
            raise

    async def _fill_conflict(self, exc: ConflictError, dossier_id: str) -> None:
        if exc.current is None:
            exc.current = conflict_current(exc.raw_body)
        if exc.current is None:
            try:
                exc.current = await self.get_dossier(dossier_id)
            except NotFoundError:
                exc.current = None

    # -- reference data ----------------------------------------------------------------------------
    async def list_dossier_types(self) -> list[DossierType]:
        """All dossier types."""
        return await self._get_all(self._url("dossierTypes"), DossierType, entity_set="dossierTypes")

    async def list_contacts(self, query: Query | None = None) -> list[Contact]:
        """Contacts matching ``query`` (all when ``None``)."""
        return await self._get_all(
            self._url("contacts"),
            Contact,
            (query or Query()).to_params(self.enum_forms.wire),
            entity_set="contacts",
        )

    async def contact_dossiers(self, contact_no: str) -> list[Dossier]:
        """The dossiers of contact No. ``contact_no``."""
        return await self._get_all(
            self._url(_contact_segment(contact_no), "dossiers"), Dossier, entity_set="dossiers"
        )


def _contact_segment(contact_no: str) -> str:
    if not contact_no:
        raise ValueError("contact_no must not be empty")
    # Always quoted: a contact No. is a Code, even when it happens to look like a number or GUID.
    return key_segment("contacts", contact_no, as_string=True)


def _writable(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - _WRITABLE
    if unknown:
        raise ValueError(f"not writable dossier fields: {', '.join(sorted(unknown))}")
    return dict(fields)


def _user_etag(etag: str) -> str:
    if not etag or etag.strip() == "*":
        raise ValueError("a user edit needs the etag it was based on (never '*')")
    return etag
