"""The API client made at its first use (start-up paints before the network stack is imported)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dossier_desk.api import ApiProfile, DossierApi, StaticTokenProvider
from dossier_desk.api.deferred import DeferredApi

pytestmark = pytest.mark.anyio


def _factory(made: list[DossierApi]) -> Callable[[], DossierApi]:
    def make() -> DossierApi:
        api = DossierApi(ApiProfile("https://example.invalid/api", "c1"), StaticTokenProvider("t"))
        made.append(api)
        return api

    return make


async def test_the_client_is_built_at_its_first_use_and_only_once() -> None:
    made: list[DossierApi] = []
    api = DeferredApi(_factory(made))
    assert not api.built
    assert made == []
    assert api.profile.company_id == "c1"  # first use builds it
    assert api.take_skipped() == []
    assert api.built
    assert len(made) == 1
    await api.aclose()


async def test_closing_an_unused_client_builds_nothing_and_later_use_raises() -> None:
    made: list[DossierApi] = []
    async with DeferredApi(_factory(made)) as api:
        pass
    assert made == []
    with pytest.raises(RuntimeError):
        api.profile  # noqa: B018


async def test_a_client_closed_before_its_first_request_refuses_requests() -> None:
    api = DossierApi(ApiProfile("https://example.invalid/api", "c1"), StaticTokenProvider("t"))
    await api.aclose()  # no connection pool was ever made
    with pytest.raises(RuntimeError):
        await api.list_companies()
