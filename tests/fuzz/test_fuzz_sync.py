"""Whatever the server sends, a sync pass ends with ``None`` or an ``ApiError`` (shown in the status bar):
never another exception, which would end the background sync loop for the rest of the session.

The real ``SyncEngine`` with its real cache on disk and the real ``DossierApi``; the server is an
``httpx.MockTransport`` serving generated dossier pages (odd ids, timestamps, numbers, texts) next to
valid reference data. Two passes per example: the first a full sync, the second a delta sync from the
high-water mark the first one stored.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_desk.api import ApiError, ApiProfile, DossierApi, NullPacer
from dossier_desk.api.tokens import StaticTokenProvider
from dossier_desk.store import SyncEngine, profile_paths
from dossier_desk.store.events import NullListener
from dossier_desk.store.session import open_session
from tests.fault_summary import record

ROOT = "http://127.0.0.1:9/v2.0/t/Production/api/qteam/dossier/v1.0"
COMPANY = "0f8fad5b-d9cb-469f-a165-70867728950e"

VALID_TIMESTAMPS = st.one_of(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), timezones=st.just(dt.UTC)).map(
        lambda d: d.isoformat().replace("+00:00", "Z")
    ),
    st.sampled_from(["2026-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-01-01T00:00:00+05:30"]),
)
ODD_TIMESTAMPS = st.one_of(
    st.sampled_from(["0001-01-01T00:00:00Z", "", "yesterday", "2026-13-45T99:00:00Z", "2026-01-01"]),
    st.text(max_size=12),
)
TIMESTAMPS = st.one_of(VALID_TIMESTAMPS, ODD_TIMESTAMPS)
ROW = st.fixed_dictionaries(
    {
        "id": st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=10)),
        "lastModifiedDateTime": TIMESTAMPS,
    },
    optional={
        "@odata.etag": st.text(max_size=12),
        "no": st.text(max_size=10),
        "description": st.text(max_size=20),
        "status": st.sampled_from(["New", "Open", "In Process", "Closed", "Archived", "Unknown", ""]),
        "confidentialityLevel": st.integers(-(2**63), 2**63 - 1),
        "category": st.text(max_size=10),
    },
)


class Server:
    """Serves one generated dossier page for any dossier query; valid, empty reference data."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/dossiers"):
            if request.url.params.get("$select") == "id":
                body = {"value": [{"id": r["id"]} for r in self.rows]}
            else:
                body = {"value": self.rows, "@odata.count": len(self.rows)}
        else:
            body = {"value": []}
        return httpx.Response(200, content=json.dumps(body).encode())


async def _no_sleep(_seconds: float) -> None:
    return None


STATE_KEYS = ("full.done", "full.cursor_t", "full.cursor_id", "delta.hwm", "reconcile.at", "reference.at")


@pytest.fixture(scope="module")
def rig(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[asyncio.AbstractEventLoop, Server, SyncEngine]]:
    loop = asyncio.new_event_loop()
    server = Server()
    # A module fixture is set up before the per-test platform-dir isolation: point the profile at a
    # private directory here, or it lands in the real user data dir (shared by parallel workers).
    api = DossierApi(
        ApiProfile(ROOT, COMPANY),
        StaticTokenProvider("t"),
        max_retries=0,
        transport=httpx.MockTransport(server),
        pacer=NullPacer(),
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DOSSIER_DESK_HOME", str(tmp_path_factory.mktemp("fuzz-sync-home")))
        session = open_session(profile_paths("fuzz-sync", "c"), api, NullListener(), page_size=10).wait()
    yield loop, server, session.engine
    loop.run_until_complete(api.aclose())
    loop.close()
    session.close()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(ROW, max_size=6), more=st.lists(ROW, max_size=3))
def test_a_sync_pass_never_ends_in_an_unexpected_exception(rig, rows, more) -> None:
    record("examples")
    loop, server, engine = rig
    engine.cache.delete_dossiers(engine.cache.dossier_ids()).wait()  # a fresh cache for each example
    engine.cache.delete_state(*STATE_KEYS).wait()
    _passes(loop, server, engine, rows, more)


def _passes(loop: asyncio.AbstractEventLoop, server: Server, engine: SyncEngine, rows, more) -> None:
    server.rows = rows
    for _ in range(2):
        try:
            outcome = loop.run_until_complete(engine.sync_now())
        except Exception as exc:  # the background loop would die with it
            raise AssertionError(f"sync_now raised {type(exc).__name__}: {exc}") from exc
        assert outcome is None or isinstance(outcome, ApiError)
        server.rows = rows + more


@pytest.mark.parametrize("stamp", ["yesterday", "0001-01-01T00:00:00Z"])
def test_odd_timestamps_neither_crash_nor_skip_rows(rig, stamp: str) -> None:
    # Fixed: such a row is stored, it just does not move the high-water mark or the resume cursor.
    loop, server, shared = rig
    paths = profile_paths("fuzz-sync-odd", stamp)  # its own cache: nothing left by the fuzzer
    session = open_session(paths, shared.api, NullListener(), page_size=10).wait()
    engine = session.engine
    good = {"id": "b", "lastModifiedDateTime": "2026-01-01T00:00:00Z"}
    _passes(loop, server, engine, [{"id": "a", "lastModifiedDateTime": stamp}, good], [])
    try:
        assert engine.cache.dossier_ids() == {"a", "b"}  # nothing skipped
        assert engine.cache.get_state("delta.hwm") == "2026-01-01T00:00:00Z"
    finally:
        session.close()
