"""``--verbose`` logs record ids, never names, e-mail addresses, dossier descriptions or document titles.

The real app runs as a separate process (demo mode, occupational health, who may see everything,
``--smoke --verbose``: sign-in, full sync, first paint) and everything it logged is scanned for the
personal texts the same deterministic demo data holds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from dossier_sandbox import SandboxConfig, SandboxServer
from dossier_sandbox.users import DEMO_USERS
from tests.sandbox_fixtures import client_of

pytestmark = pytest.mark.slow
DOSSIERS = 150


def _personal_texts(tmp_path: Path) -> set[str]:
    """Names, addresses, descriptions and titles in the demo data (a sandbox seeded the same way)."""
    texts: set[str] = set()
    for user in DEMO_USERS.values():
        texts |= {user.username, user.display_name, user.email}
    with SandboxServer(SandboxConfig(dossiers=DOSSIERS, rate_limit=None, data_dir=tmp_path / "sb")) as server:
        with client_of(server, "occhealth@demo") as client:
            dossiers = client.get("dossiers").json()["value"]
            contacts = client.get("contacts").json()["value"]
            for dossier in dossiers[:40]:
                docs = client.get(f"dossiers({dossier['id']})/documents").json()["value"]
                texts |= {d["description"] for d in docs} | {d.get("fileName", "") for d in docs}
        texts |= {d["description"] for d in dossiers} | {d["yourReference"] for d in dossiers}
        texts |= {c.get("name", "") for c in contacts} | {c.get("email", "") for c in contacts}
    return {t for t in texts if isinstance(t, str) and len(t) >= 6}


def test_verbose_log_holds_ids_only(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DOSSIER_DESK_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossier_desk",
            "--demo",
            "--demo-user",
            "occhealth@demo",
            "--dossiers",
            str(DOSSIERS),
            "--smoke",
            "--verbose",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    log_text = run.stdout + run.stderr
    assert run.returncode == 0, log_text[-3000:]
    assert "DEBUG" in log_text  # verbose really was on
    assert "smoke: " in log_text
    texts = _personal_texts(tmp_path)
    assert len(texts) > 100
    forms = {form: t for t in texts for form in (t, quote(t), quote_plus(t), quote(t, safe=""))}
    leaked = sorted({t for form, t in forms.items() if form in log_text})
    assert leaked == [], leaked[:20]
