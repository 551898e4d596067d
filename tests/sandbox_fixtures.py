"""Pytest fixtures that run the bundled sandbox Dynamics Dossier service over real HTTP.

Loaded for every test through ``pytest_plugins`` in ``tests/conftest.py``.

* ``sandbox``: one server for the whole session (300 dossiers, no faults, no rate limit). Tests may
  read anything and create their own records, but must not modify or delete seeded records, change
  ``sandbox.faults`` or reset it: use ``sandbox_factory`` for that.
* ``sandbox_variant`` / ``variant_sandbox``: a test requesting either runs once per server variant
  (``DEFAULT_VARIANTS`` = bc and odata; choose others with ``@pytest.mark.variants("bc", "vendor")`` or
  ``@pytest.mark.variants(*ALL_VARIANTS)``); ``variant_sandbox`` is one session server per variant,
  created on first use, with the same rules as ``sandbox`` (read anything, create your own records).
  Test ids carry the variant: ``test_x[odata]``.
* ``sandbox_factory``: ``sandbox_factory(**overrides) -> SandboxServer`` with any ``SandboxConfig``
  field overridden (``variant="odata"``, ``dossiers=50``, ``rate_limit=20``, ``rate_window_s=1.0``,
  ``faults=FaultConfig(...)``, ``max_upload_bytes=...``, ``today=date(...)``...); every server it made
  is stopped at teardown.
* ``token_for``: ``token_for(username, lifetime_s=None) -> str``, a valid bearer token of the session
  sandbox for a demo user (``caseworker@demo``, ``linemanager@demo``, ``occhealth@demo``, ``auditor@demo``).
* ``caseworker_token``: a token for ``caseworker@demo`` on the session sandbox.
* ``api_client``: an ``httpx.Client`` on the session sandbox's API root (``base_url`` ends with ``/``
  after the company segment, so ``client.get("dossiers")`` works) authenticated as the caseworker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from dossier_sandbox import VARIANTS, SandboxConfig, SandboxServer

ALL_VARIANTS: tuple[str, ...] = VARIANTS
DEFAULT_VARIANTS: tuple[str, ...] = ("bc", "odata")
_VARIANT_FIXTURES = ("sandbox_variant", "variant_sandbox")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``sandbox_variant`` (and through it ``variant_sandbox``) over the chosen variants."""
    if not any(name in metafunc.fixturenames for name in _VARIANT_FIXTURES):
        return
    if any("sandbox_variant" in m.args[0] for m in metafunc.definition.iter_markers("parametrize")):
        return  # the test chose its variants itself
    marker = metafunc.definition.get_closest_marker("variants")
    names = tuple(marker.args) if marker is not None and marker.args else DEFAULT_VARIANTS
    unknown = [n for n in names if n not in ALL_VARIANTS]
    if unknown:
        raise ValueError(f"unknown sandbox variants {unknown} in {metafunc.definition.nodeid}")
    metafunc.parametrize("sandbox_variant", names, ids=list(names), scope="session")


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    config = SandboxConfig(dossiers=300, rate_limit=None, data_dir=tmp_path_factory.mktemp("sandbox"))
    with SandboxServer(config) as server:
        yield server


class _VariantServers:
    """One session server per variant, started on first use and stopped at the end of the session."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._tmp = tmp_path_factory
        self._servers: dict[str, SandboxServer] = {}

    def get(self, variant: str, request: pytest.FixtureRequest) -> SandboxServer:
        if variant == "bc":  # the session ``sandbox`` is the bc server: no second one
            return request.getfixturevalue("sandbox")
        if variant not in self._servers:
            config = SandboxConfig(
                dossiers=300,
                rate_limit=None,
                variant=variant,
                data_dir=self._tmp.mktemp(f"sandbox-{variant}"),
            )
            self._servers[variant] = SandboxServer(config).start()
        return self._servers[variant]

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()


@pytest.fixture(scope="session")
def _variant_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_VariantServers]:
    servers = _VariantServers(tmp_path_factory)
    yield servers
    servers.stop()


@pytest.fixture(scope="session")
def sandbox_variant(request: pytest.FixtureRequest) -> str:
    """The variant name this test instance runs on (parametrized by ``pytest_generate_tests``)."""
    return request.param


@pytest.fixture
def variant_sandbox(
    sandbox_variant: str, _variant_servers: _VariantServers, request: pytest.FixtureRequest
) -> SandboxServer:
    """The shared session server of this test's variant (do not modify seeded records)."""
    return _variant_servers.get(sandbox_variant, request)


@pytest.fixture
def sandbox_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., SandboxServer]]:
    started: list[SandboxServer] = []

    def make(**overrides: Any) -> SandboxServer:
        overrides.setdefault("dossiers", 50)
        overrides.setdefault("rate_limit", None)
        overrides.setdefault("data_dir", tmp_path_factory.mktemp("sandbox"))
        server = SandboxServer(SandboxConfig(**overrides))
        server.start()
        started.append(server)
        return server

    yield make
    for server in reversed(started):
        server.stop()


@pytest.fixture
def token_for(sandbox: SandboxServer) -> Callable[..., str]:
    def issue(username: str, lifetime_s: int | None = None) -> str:
        return sandbox.issue_token(username, lifetime_s=lifetime_s)

    return issue


@pytest.fixture
def caseworker_token(token_for: Callable[..., str]) -> str:
    return token_for("caseworker@demo")


@pytest.fixture
def api_client(sandbox: SandboxServer, caseworker_token: str) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=sandbox.company_url + "/",
        headers={"Authorization": f"Bearer {caseworker_token}"},
        timeout=30.0,
        trust_env=False,
    ) as client:
        yield client


@pytest.fixture
def client_for(sandbox: SandboxServer) -> Iterator[Callable[[str], httpx.Client]]:
    """``client_for(username) -> httpx.Client`` on the session sandbox's company URL, as that user."""
    clients: list[httpx.Client] = []

    def make(username: str) -> httpx.Client:
        client = httpx.Client(
            base_url=sandbox.company_url + "/",
            headers={"Authorization": f"Bearer {sandbox.issue_token(username)}"},
            timeout=30.0,
            trust_env=False,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def client_of(server: SandboxServer, username: str = "caseworker@demo", **kwargs: Any) -> httpx.Client:
    """An httpx client on ``server``'s company URL as ``username`` (caller closes it)."""
    return httpx.Client(
        base_url=server.company_url + "/",
        headers={"Authorization": f"Bearer {server.issue_token(username)}"},
        timeout=kwargs.pop("timeout", 30.0),
        trust_env=False,
        **kwargs,
    )


def new_dossier(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    """POST a dossier (ABSENCE for contact C00001 unless overridden) and return the created entity
    (read back when the server answered only its id)."""
    body = {
        "description": "Test dossier",
        "dossierTypeCode": "ABSENCE",
        "primaryContactNo": "C00001",
        "startingDate": "2026-01-05",
        **fields,
    }
    response = client.post("dossiers", json=body)
    if response.status_code == 200 and set(response.json()) == {"id"}:
        # The vendor variant answers a create the FlowOn way ({"id": ...}): read the record.
        read = client.get(f"dossiers({response.json()['id']})")
        assert read.status_code == 200, read.text
        return read.json()
    assert response.status_code == 201, response.text
    return response.json()
