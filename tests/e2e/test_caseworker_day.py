"""A caseworker's day in a real window: the scripted walk (see ``caseworker_day_driver``) under Xvfb.

Xvfb starts on a free display chosen by the server itself (``-displayfd``); the app runs in a
subprocess with ``QT_QPA_PLATFORM=xcb``, so the offscreen test session is not affected. One screenshot
per step lands in ``test-artifacts/caseworker-day/`` (kept by CI, ignored by git).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "caseworker-day"
STEPS = (
    "sign-in-chooser",
    "signed-in",
    "search",
    "open",
    "edit-typed",
    "edit-synced",
    "upload-dialog",
    "uploaded",
    "workflow",
    "workflow-action-dialog",
    "workflow-action-sent",
    "offline-edit",
    "back-online",
    "sign-out-question",
    "start-window",
)


@pytest.fixture
def x_display() -> Iterator[str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (CI installs it: .ci/run)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not report a display"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_caseworker_day_in_a_real_window(x_display: str, tmp_path: Path) -> None:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    home = tmp_path / "home"
    env = {
        **os.environ,
        "DISPLAY": x_display,
        "QT_QPA_PLATFORM": "xcb",
        "DOSSIER_DESK_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **{var: str(home / var.lower()) for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")},
    }
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.e2e.caseworker_day_driver", str(ARTIFACTS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    shots = sorted(p.name for p in ARTIFACTS.glob("*.png"))
    assert [name[3:-4] for name in shots] == list(STEPS), shots
    for name in shots:
        image = QImage(str(ARTIFACTS / name))
        assert image.width() >= 1366, name
        # A real frame: several colours on a grid over the screen (not a black, never-painted screen;
        # the start window covers only part of it).
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) >= 3, name
    assert "eyJ" not in output  # no token in any log line
