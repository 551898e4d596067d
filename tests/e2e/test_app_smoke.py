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


def _run(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "DOSSIER_DESK_HOME": str(tmp_path / "home"),
        "DOSSIER_DESK_SITE_CONFIG": str(tmp_path / "site"),
        "QT_QPA_PLATFORM": "offscreen",
        "DOSSIER_DESK_SMOKE_START": "1",  # report the window or dialog shown, then leave
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "dossier_desk", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_started_without_arguments_the_start_window_shows(tmp_path) -> None:
    result = _run(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "smoke: start window shown" in output
    assert "usage:" not in output


def test_a_bad_command_line_is_shown_in_a_dialog_without_a_console(tmp_path) -> None:
    result = _run(tmp_path, "--no-such-option")  # stderr is a pipe here, as for a desktop launcher
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr
    assert "smoke: dialog shown: Dossier Desk could not start" in result.stderr


def test_an_unknown_profile_is_shown_in_a_dialog_and_exits_1(tmp_path) -> None:
    result = _run(tmp_path, "--profile", "Nobody")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-4000:]
    assert "smoke: dialog shown: Dossier Desk could not start" in output
    assert "Traceback" not in output


def test_help_without_a_console_is_shown_in_a_dialog(tmp_path) -> None:
    """The frozen launcher points a windowed build's missing streams at the null device."""
    code = (
        "import os, sys\n"
        "sys.stdout = open(os.devnull, 'w')\n"
        "from dossier_desk.__main__ import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit as exc:\n"
        "    sys.exit(exc.code)\n"
    )
    env = {
        **os.environ,
        "DOSSIER_DESK_HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "DOSSIER_DESK_SMOKE_START": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke: dialog shown: Dossier Desk" in result.stderr
