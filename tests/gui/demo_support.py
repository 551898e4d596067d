"""Running the app's demo mode against a test's own sandbox (instead of the one it would start)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from dossier_desk.config import Profile
from dossier_desk.demo import DEMO_CLIENT_ID, DEMO_PROFILE_NAME
from dossier_desk.ui import startup


def demo_against(server: Any, monkeypatch: pytest.MonkeyPatch) -> Profile:
    """Make ``run_app``'s demo start use ``server``; returns the demo profile it then opens."""
    profile = Profile(
        name=DEMO_PROFILE_NAME,
        api_root=server.api_root,
        authority=server.authority,
        client_id=DEMO_CLIENT_ID,
        company_id=server.company_id,
        oidc_authority=True,
        ca_cert_path=str(server.ca_cert_path),
        demo=True,
    )
    monkeypatch.setattr(startup, "start_demo_sandbox", lambda _n: SimpleNamespace(stop=lambda: None))
    monkeypatch.setattr(startup, "demo_profile", lambda _sandbox: profile)
    return profile
