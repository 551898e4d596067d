"""Test-wide conventions.

* Qt runs offscreen; the platform must be chosen before PySide6 is imported anywhere.
* Every platform directory (config, data, cache, temp documents) points into the test's tmp dir so a
  test can never touch a developer's real profile or cache.
* Logged warnings fail the test (pytest-qt's ``qt_log_level_fail`` does the same for Qt messages).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# A developer's keyring must never be touched by tests; tests that want one install their own backend.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import pytest


@pytest.fixture(autouse=True)
def _isolated_platform_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        path = home / sub
        path.mkdir(mode=0o700)
        monkeypatch.setenv(var, str(path))
    monkeypatch.setenv("DOSSIER_DESK_HOME", str(home))
    # machine-wide provisioning (site.ini, site profiles) of the developer's computer stays out too
    monkeypatch.setenv("DOSSIER_DESK_SITE_CONFIG", str(home / "site"))


@pytest.fixture(autouse=True)
def _default_locale_kept() -> Iterator[None]:
    """The app sets Qt's default locale with the UI language (numbers like "4,9 KB" in Dutch); a test
    that switches it must switch it back, or the next test in the same worker runs in its language.
    This check fails the test that left it changed (and puts it back, so only that test fails)."""
    qt_core = sys.modules.get("PySide6.QtCore")
    before = qt_core.QLocale().name() if qt_core is not None else None
    yield
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is None:
        return
    expected = before if before is not None else qt_core.QLocale.system().name()
    left = qt_core.QLocale().name()
    if left != expected:
        qt_core.QLocale.setDefault(qt_core.QLocale(expected))
        pytest.fail(f"the test left Qt's default locale at {left} (it was {expected})", pytrace=False)


@pytest.fixture(autouse=True)
def _heap_given_back() -> Iterator[None]:
    """The app freezes its long-lived heap (``ui.heap``), in tests as outside them. A freeze also keeps
    whatever garbage is alive at that moment (an unclosed socket, say); a test that froze hands the
    heap back and collects in its own teardown, so nothing of it surfaces in a later test."""
    yield
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


class _FailOnWarningHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "expected", False):
            return
        self.records.append(record)


@pytest.fixture(autouse=True)
def _fail_on_logged_warnings(request: pytest.FixtureRequest):
    """A WARNING or worse logged by our code fails the test unless the test opts out.

    Tests that provoke warnings on purpose use the ``allow_warnings`` marker-free way: ``caplog``
    and ``logging_expected`` fixture below.
    """
    handler = _FailOnWarningHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)
    if "logging_expected" in request.fixturenames:
        return
    ours = [r for r in handler.records if r.name.startswith("dossier_desk")]
    if ours:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in ours)
        pytest.fail(f"unexpected logged warnings:\n{lines}")


@pytest.fixture
def logging_expected() -> None:
    """Request this fixture in a test that logs warnings on purpose (fault scenarios)."""


pytest_plugins = ["tests.sandbox_fixtures", "tests.qasync_fixtures", "tests.fault_summary"]
