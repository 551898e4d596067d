"""What every scenario gets: options, the sandbox, a private home, the qasync runner, the shared cache.

The bench process runs Qt offscreen with one ``QApplication`` and one ``asyncio.Runner`` on a
``qasync.QEventLoop`` (as the app does), so async scenarios run on the same kind of loop as the app.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tests.bench.sandbox_host import BENCH_USER, SandboxProcess

T = TypeVar("T")
SHARED_PROFILE = "Bench"  # the profile whose cache holds one complete full sync (sort, filter, cold start...)


@dataclass
class Options:
    """Command-line options, as the scenarios see them."""

    dossiers: int
    repeat: int
    quick: bool
    only: tuple[str, ...]
    delta_overlap_s: float
    upload_mb: int
    rate_limit: int
    burst: int
    proxy_sort: bool
    profile_dir: Path | None


@dataclass
class BenchContext:
    """Shared state of one harness run. Scenarios must not keep references to it after they return."""

    options: Options
    sandbox: SandboxProcess
    home: Path
    runner: asyncio.Runner
    shared_ready: bool = False
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def user(self) -> str:
        return BENCH_USER

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine to completion on the harness's qasync loop."""
        return self.runner.run(coro)

    def api(self, **kwargs: Any) -> Any:
        """A real ``DossierApi`` for the bench user on the main sandbox (caller closes it)."""
        from dossier_desk.api import ApiProfile, DossierApi
        from dossier_desk.api.tokens import StaticTokenProvider

        profile = ApiProfile(self.sandbox.api_root, self.sandbox.company_id)
        return DossierApi(profile, StaticTokenProvider(self.sandbox.token), **kwargs)

    def profile_paths(self, name: str) -> Any:
        """The store's paths for profile ``name`` and the sandbox's company (inside the bench home)."""
        from dossier_desk.store import profile_paths

        return profile_paths(name, self.sandbox.company_id)

    def drop_profile(self, name: str) -> None:
        """Remove a scratch profile's data."""
        from dossier_desk.store import profile_root

        shutil.rmtree(profile_root(name), ignore_errors=True)

    def ensure_shared_cache(self) -> Path:
        """The shared profile's cache database, filled by one real full sync (done once per run)."""
        paths = self.profile_paths(SHARED_PROFILE)
        if not self.shared_ready:
            from tests.bench.sync_support import full_sync_into

            self.drop_profile(SHARED_PROFILE)
            rows, _seconds = self.run(full_sync_into(self, SHARED_PROFILE, keep=True))
            self.notes["shared_cache_rows"] = rows
            self.shared_ready = True
        return Path(paths.database)

    def load_shared(self) -> tuple[list[Any], list[Any]]:
        """(dossiers, dossier types) of the shared cache, read through the real ``DossierStore``."""
        from dossier_desk.store import NullListener
        from dossier_desk.store.session import open_session

        self.ensure_shared_cache()
        session = open_session(self.profile_paths(SHARED_PROFILE), None, NullListener()).wait()
        try:
            return session.store.load_dossiers(), session.store.dossier_types()
        finally:
            session.close()

    def child_env(self) -> dict[str, str]:
        """Environment for child processes: the bench home, offscreen Qt, no keyring, cached bytecode.

        Bytecode caching is switched on (into the bench home, never the source tree) even when the
        caller's environment sets ``PYTHONDONTWRITEBYTECODE``: an installed app starts from compiled
        bytecode, and compiling every module on every start would be measured as start-up time.
        """
        env = os.environ.copy()
        env.update(bench_environment(self.home))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.home / "pycache")
        return env


def bench_environment(home: Path) -> dict[str, str]:
    """Variables that isolate the harness: a private home, Qt offscreen, the "fail" keyring backend.

    The fail backend makes the store open its cache unencrypted, as it does on any machine without a
    keyring; it keeps the measurement independent of whatever keyring daemon happens to run here.
    """
    return {
        "DOSSIER_DESK_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "xdg-config"),
        "XDG_DATA_HOME": str(home / "xdg-data"),
        "XDG_CACHE_HOME": str(home / "xdg-cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
