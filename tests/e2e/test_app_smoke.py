"""The real entry point, end to end: demo sandbox, MSAL sign-in over https, sync, painted table."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_smoke_run_exits_zero_and_logs_no_token(tmp_path) -> None:
    env = {**os.environ, "DOSSIER_DESK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "dossier_desk", "--smoke", "--verbose"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "smoke: " in output
    assert "eyJ" not in output  # no JWT (access or id token) in any log line, even at DEBUG
    assert "Traceback" not in output
