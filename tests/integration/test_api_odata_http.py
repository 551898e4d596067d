"""Property tests over HTTP: literals written by the query builder find the value stored via the API.

Each example stores a generated value in a new dossier through the API, then filters for it with the
query builder; the variant_sandbox must return exactly that dossier. (The exhaustive literal round-trip runs
against the variant_sandbox's parser directly in tests/unit/test_api_odata_roundtrip.py.)
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_desk.api import ApiProfile, Dossier, DossierApi, F, Query
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_sandbox import SandboxServer

# Every character that could break a URL or a literal, plus arbitrary Unicode (BC text has no NUL).
tricky = st.sampled_from([*"'\"%&#+/?=;:,()[]{}\\ \t*$@!~`^|<>", "''", "%27", "%%", "eq", " or 1 eq 1"])
chars = st.characters(exclude_categories=("Cs", "Cc"))
descriptions = (
    st.lists(st.one_of(tricky, st.text(chars, max_size=5)), max_size=12).map("".join).map(lambda s: s[:100])
)
dates = st.dates(min_value=dt.date(1753, 1, 1), max_value=dt.date(9999, 12, 31))

http_settings = settings(
    max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


def _api(variant_sandbox: SandboxServer) -> DossierApi:
    tokens = CallbackTokenProvider(lambda: variant_sandbox.issue_token("caseworker@demo"))
    return DossierApi(ApiProfile(variant_sandbox.api_root, variant_sandbox.company_id), tokens)


async def _template(api: DossierApi) -> Dossier:
    async for page in api.iter_dossier_pages(Query().filter(F("status") == "Open").top(1)):
        return page[0]
    raise AssertionError("no open dossier")


async def _matches(api: DossierApi, query: Query) -> list[str]:
    return [d.id async for page in api.iter_dossier_pages(query) for d in page]


@http_settings
@given(description=descriptions, document_date=dates)
def test_stored_values_are_found_by_their_literals(
    variant_sandbox: SandboxServer, description: str, document_date: dt.date
) -> None:
    async def check() -> None:
        async with _api(variant_sandbox) as api:
            template = await _template(api)
            key = f"P-{uuid.uuid4().hex[:16]}"
            created = await api.create_dossier(
                {
                    "description": description,
                    "documentDate": document_date.isoformat(),
                    "dossierTypeCode": template.dossier_type_code,
                    "primaryContactNo": template.primary_contact_no,
                    "externalDocumentNo": key,
                }
            )
            assert created.description == description
            mine = F("externalDocumentNo") == key
            assert await _matches(api, Query().filter(mine & (F("description") == description))) == [
                created.id
            ]
            assert await _matches(api, Query().filter(mine & F("description").contains(description))) == [
                created.id
            ]
            assert await _matches(api, Query().filter(mine & (F("documentDate") == document_date))) == [
                created.id
            ]
            assert await _matches(api, Query().filter(mine & (F("documentDate") != document_date))) == []
            stamp = dt.datetime.fromisoformat(created.last_modified_date_time.replace("Z", "+00:00"))
            assert await _matches(api, Query().filter(mine & (F("lastModifiedDateTime") == stamp))) == [
                created.id
            ]
            assert await _matches(api, Query().filter(mine & (F("id") == uuid.UUID(created.id)))) == [
                created.id
            ]
            await api.delete_dossier(created.id, created.etag)

    asyncio.run(check())
