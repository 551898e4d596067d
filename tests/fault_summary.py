"""Figures of the fault, fuzz and security suite, printed at the end of the test run.

Tests record what they did through :func:`record` (or the ``suite_figures`` fixture):

* ``scenarios`` — fault scenarios run to completion (recovery checked);
* ``faults`` (and ``fault.<kind>``) — faults the sandbox injected (from ``server.stats()["faults"]``);
* ``examples`` — hypothesis examples fuzzed;
* ``edits_checked`` — acknowledged edits whose presence was counted on the server afterwards;
* ``lost`` / ``duplicated`` — acknowledged edits missing from / present more than once on the server
  (the tests assert 0; the figures are counted, not assumed);
* ``security_checks`` — security properties checked.

Under pytest-xdist each worker sends its counters to the controller in ``workeroutput``; the controller
adds them up in ``pytest_testnodedown``. Registered through ``pytest_plugins`` in ``tests/conftest.py``
(or ``-p tests.fault_summary``).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

_KEY = "dossier_desk_fault_summary"
_counts: Counter[str] = Counter()
_worker_counts: Counter[str] = Counter()  # controller only: totals received from workers


def record(name: str, amount: int = 1) -> None:
    """Add ``amount`` to the figure ``name`` (this process)."""
    if amount:
        _counts[name] += amount


def record_server_faults(stats: dict[str, Any]) -> int:
    """Add the faults a sandbox reports in ``stats()["faults"]``; returns how many there were."""
    faults = {k: int(v) for k, v in (stats.get("faults") or {}).items()}
    for kind, count in faults.items():
        record(f"fault.{kind}", count)
    total = sum(faults.values())
    record("faults", total)
    return total


def snapshot() -> dict[str, int]:
    """This process's figures (tests may assert on their own increments)."""
    return dict(_counts)


class Figures:
    """The fixture's face: ``suite_figures.add("edits_checked", 12)``."""

    add = staticmethod(record)
    server_faults = staticmethod(record_server_faults)


@pytest.fixture
def suite_figures() -> Figures:
    """Record figures for the end-of-run summary."""
    return Figures()


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the figures to the controller
        workeroutput[_KEY] = json.dumps(dict(_counts))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    data = getattr(node, "workeroutput", {}).get(_KEY)
    if data:
        _worker_counts.update(json.loads(data))


def _line(totals: Counter[str]) -> str:
    kinds = sorted((k.split(".", 1)[1], v) for k, v in totals.items() if k.startswith("fault."))
    breakdown = ", ".join(f"{kind} {count}" for kind, count in kinds)
    return (
        f"scenarios run {totals['scenarios']}, faults injected {totals['faults']}"
        + (f" ({breakdown})" if breakdown else "")
        + f", examples fuzzed {totals['examples']}, edits checked {totals['edits_checked']}, "
        f"lost {totals['lost']}, duplicated {totals['duplicated']}, "
        f"security checks {totals['security_checks']}"
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if getattr(terminalreporter.config, "workeroutput", None) is not None:
        return
    totals = Counter(_counts)
    totals.update(_worker_counts)
    if not any(totals.values()):
        return
    terminalreporter.write_sep("=", "fault / fuzz / security summary")
    terminalreporter.write_line(_line(totals))
