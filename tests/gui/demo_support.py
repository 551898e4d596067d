"""Running the app's demo mode against a test's own sandbox (instead of the one it would start)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from dossier_desk.config import Profile
from dossier_desk.demo import demo_profile_for
from dossier_desk.ui import startup


def demo_against(server: Any, monkeypatch: pytest.MonkeyPatch) -> Profile:
    """Make ``run_app``'s demo start use ``server``; returns the demo profile it then opens."""
    profile = demo_profile_for(server)
    monkeypatch.setattr(startup, "start_demo_sandbox", lambda _n: SimpleNamespace(stop=lambda: None))
    monkeypatch.setattr(startup, "demo_profile", lambda _sandbox: profile)
    return profile
