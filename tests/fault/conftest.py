"""Fixtures of the fault scenarios."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from dossier_sandbox import SandboxServer
from tests.fault_summary import record_server_faults, suite_figures  # noqa: F401  (fixture)


@pytest.fixture
def fault_sandbox(sandbox_factory: Callable[..., SandboxServer]) -> Iterator[Callable[..., SandboxServer]]:
    """``sandbox_factory`` whose servers' injected faults are added to the suite summary at teardown."""
    made: list[SandboxServer] = []

    def make(**overrides: Any) -> SandboxServer:
        server = sandbox_factory(**overrides)
        made.append(server)
        return server

    yield make
    for server in made:
        record_server_faults(server.stats())


def pytest_configure(config: pytest.Config) -> None:
    # Also declared here so the suite runs before the marker is added to pyproject.toml.
    config.addinivalue_line("markers", "soak: minutes-long fault soak runs (deselected in CI: -m 'not soak')")
