"""A line manager's session never receives or caches medical content.

The line manager runs the real client (``DossierApi`` -> HTTP -> sandbox, ``SyncEngine`` full sync and
deletion reconcile, document lists of every visible dossier, workflow logs) into a real cache file.
A tap on the connection (an ``httpx`` transport that forwards to the network and keeps each response
body) records exactly what arrived. The medical truth comes from an occupational-health client of the
same server. Then:

* no response carried a medical-category dossier's details, a medical or confidential document, or any
  of their texts; filters and sorting on blanked fields reveal nothing; medical documents are 404 by id;
* the SQLite cache (database + WAL, unencrypted here so the bytes are readable) contains none of them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import msgspec

from dossier_desk.api import ApiProfile, DossierApi, F, NotFoundError, Query
from dossier_desk.api.models import Document, Dossier
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_desk.store import profile_paths
from dossier_desk.store.events import NullListener
from dossier_desk.store.session import open_session
from dossier_sandbox import SandboxServer
from tests.fault_summary import record

MEDICAL_FIELDS = ("description", "yourReference", "ourReference", "department", "caseManagerCode")


class Tap(httpx.AsyncBaseTransport):
    """Forwards to the real network transport and keeps every response body it delivered."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.bodies: list[bytes] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        body = await response.aread()
        self.bodies.append(body)
        return httpx.Response(response.status_code, headers=response.headers, content=body)

    async def aclose(self) -> None:
        await self._inner.aclose()


def _api(
    server: SandboxServer, username: str, transport: httpx.AsyncBaseTransport | None = None
) -> DossierApi:
    tokens = CallbackTokenProvider(lambda: server.issue_token(username))
    return DossierApi(ApiProfile(server.api_root, server.company_id), tokens, transport=transport)


async def _truth(server: SandboxServer, visible_ids: set[str]) -> tuple[list[Dossier], list[Document]]:
    """What occupational health sees of the dossiers the line manager can see."""
    async with _api(server, "occhealth@demo") as oh:
        dossiers = [d async for page in oh.iter_dossier_pages() for d in page if d.id in visible_ids]
        documents: list[Document] = []
        for dossier in dossiers:
            documents.extend(await oh.list_documents(dossier.id))
    return dossiers, documents


def test_line_manager_never_receives_or_caches_medical_content(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    server = sandbox_factory(dossiers=120)
    tap = Tap()
    found: dict[str, Any] = {}

    async def run() -> None:
        api = _api(server, "linemanager@demo", transport=tap)
        session = await open_session(
            profile_paths("LineManager", server.company_id), api, NullListener(), page_size=40
        )
        try:
            cache, engine, store = session.cache, session.engine, session.store
            assert await engine.sync_now() is None
            await engine.reconcile_deletions()
            visible = cache.dossier_ids()
            for dossier_id in sorted(visible):
                await store.refresh_documents(dossier_id)
            for dossier_id in sorted(visible)[:15]:
                await store.refresh_workflow(dossier_id)
            truth, documents = await _truth(server, visible)
            medical = [d for d in truth if d.category == "Medical"]
            secret_docs = [d for d in documents if d.document_type == "Medical" or d.confidential]
            # Probing blanked fields through $filter/$orderby must not reveal them either.
            leaks = []
            for dossier in medical[:10]:
                mine = F("id") == dossier.id
                for text in (dossier.description, dossier.department):
                    if text:
                        query = Query().filter(
                            mine & (F("description") == text) | mine & (F("department") == text)
                        )
                        leaks += [d async for page in api.iter_dossier_pages(query) for d in page]
                        query = Query().filter(mine & F("description").startswith(text[:1]))
                        leaks += [d async for page in api.iter_dossier_pages(query) for d in page]
            for document in secret_docs[:10]:
                try:
                    await api.download_document(document, tmp_path)
                    leaks.append(document)
                except NotFoundError:
                    pass
            found.update(
                medical=medical,
                secret_docs=secret_docs,
                leaks=leaks,
                cached_docs=[doc for d in visible for doc in cache.documents(d)],
                encrypted=cache.encrypted,
                others=[d for d in truth if d.category != "Medical"],
            )
        finally:
            await api.aclose()
            await session.aclose()

    asyncio.run(run())
    medical, secret_docs = found["medical"], found["secret_docs"]
    assert len(medical) >= 3, "the seed gives the line manager too few medical dossiers to prove anything"
    assert len(secret_docs) >= 3, "too few medical/confidential documents to prove anything"
    assert found["leaks"] == []
    assert list(tmp_path.iterdir()) == []  # no medical document was downloaded
    assert not [d for d in found["cached_docs"] if d.document_type == "Medical" or d.confidential]

    # Texts that only medical content carries (texts also used by non-medical rows prove nothing).
    public = {
        getattr(d, f)
        for d in found["others"]
        for f in ("description", "your_reference", "our_reference", "department", "case_manager_code")
    }
    public |= {d.description for d in found["cached_docs"]} | {d.file_name for d in found["cached_docs"]}
    private = {
        text
        for d in medical
        for text in (d.description, d.your_reference, d.our_reference, d.department, d.case_manager_code)
    } | {text for doc in secret_docs for text in (doc.description, doc.file_name)}
    # Skip texts that are part of something the line manager may see ("HR/2025/3" in "HR/2025/31").
    private = {t for t in private if t and len(t) >= 6 and not any(t in p for p in public if p)}
    assert len(private) >= 3, "no distinctive medical text to look for"

    # 1. The HTTP layer: every dossier that arrived has its medical details blanked.
    medical_ids = {d.id for d in medical}
    secret_ids = {d.id for d in secret_docs}
    arrived = 0
    for body in tap.bodies:
        for text in private:
            assert text.encode() not in body, f"{text!r} arrived in a response"
        try:
            decoded = msgspec.json.decode(body)
        except msgspec.DecodeError:
            continue
        rows = decoded.get("value", [decoded]) if isinstance(decoded, dict) else []
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict):
                continue
            arrived += 1
            if row.get("id") in medical_ids and "category" in row:
                assert all(row.get(f, "") == "" for f in MEDICAL_FIELDS), row
            assert row.get("id") not in secret_ids, row
    assert arrived >= 100

    # 2. The cache file (database and WAL): none of the private texts, not even as a fragment.
    assert found["encrypted"] is False  # plaintext here, so absence in the bytes means something
    paths = profile_paths("LineManager", server.company_id)
    blobs = b"".join(p.read_bytes() for p in paths.root.rglob("*") if p.is_file())
    assert blobs
    for text in private:
        assert text.encode() not in blobs, f"{text!r} is in the line manager's cache"
    record("security_checks", 2)
