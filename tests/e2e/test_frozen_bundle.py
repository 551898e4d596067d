"""The Linux one-dir bundle builds with PyInstaller and the frozen app passes its ``--smoke`` run.

This is what an installer ships: if a hidden import, a Qt plug-in, a data file or the package metadata
is missing from the bundle, the frozen app fails here while the source tree still works. ``--smoke``
starts the bundled sandbox (uvicorn, starlette, TLS certificate generation) and paints the main window
with data, so it exercises the dynamic imports as well as Qt.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO / "packaging" / "build_linux.sh"
# The one-dir bundle is about 135 MiB; the guard catches a dependency that drags in a big Qt module
# (WebEngine, QML) or a second copy of Qt, not a few MiB of growth.
MAX_BUNDLE_MIB = 150

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle; CI builds the others"),
]


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


def test_frozen_bundle_builds_and_passes_smoke(tmp_path: Path, record_property) -> None:
    for tool in ("strip", "objdump", "ldd"):
        if shutil.which(tool) is None:
            pytest.skip(f"PyInstaller needs {tool} (binutils / libc-bin) on Linux")
    dist, work = tmp_path / "dist", tmp_path / "build"
    env = {**os.environ, "PYTHON": sys.executable}

    started = time.monotonic()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    build = subprocess.run(
        ["bash", str(BUILD_SCRIPT), str(dist), str(work)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=780,
        check=False,
    )
    build_seconds = time.monotonic() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    build_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    assert build.returncode == 0, f"build failed:\n{_tail(build.stdout)}\n{_tail(build.stderr)}"

    bundle = dist / "DossierDesk"
    binary = bundle / "DossierDesk"
    assert binary.is_file()
    assert os.access(binary, os.X_OK)
    match = re.search(r"bundle size: (\d+) MiB \((\d+) bytes\)", build.stdout)
    assert match, f"build_linux.sh did not report the size:\n{build.stdout}"
    size_bytes = int(match.group(2))
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    assert size_bytes == sum(p.stat().st_size for p in files)

    # The bundle carries what the app loads at run time besides Python modules.
    internal = bundle / "_internal"
    assert (internal / "resources" / "icons" / "dossier-desk.svg").is_file()
    assert list((internal / "resources" / "translations").glob("*.qm")), "compiled translations missing"
    assert not list((internal / "resources").rglob("*.ts")), "translation sources do not belong in the bundle"
    assert list(internal.glob("dossier_desk-*.dist-info")), "package metadata missing (version lookup)"
    # The encrypted cache's driver (SQLCipher, compiled extension) is in the bundle.
    assert list((internal / "sqlcipher3").glob("_sqlite3*")), "the SQLCipher driver is not bundled"
    qt_translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").glob("*.qm")}
    assert qt_translations <= {"qt_en.qm", "qt_nl.qm", "qtbase_en.qm", "qtbase_nl.qm"}
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert list((plugins / "platforms").glob("*qoffscreen*")), "offscreen platform plug-in missing"
    assert list((plugins / "platforms").glob("*qxcb*")), "xcb platform plug-in missing"
    for unwanted in ("qml", "plugins/sqldrivers", "plugins/qmltooling", "plugins/designer"):
        assert not (internal / "PySide6" / "Qt" / unwanted).exists(), f"{unwanted} should be excluded"
    assert not list(internal.rglob("*Qt6Quick*"))
    assert not list(internal.rglob("*Qt6WebEngine*"))

    smoke_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOSSIER_DESK_HOME": str(tmp_path / "home")}
    smoke_env.pop("PYTHONPATH", None)
    started = time.monotonic()
    smoke = subprocess.run(
        [str(binary), "--smoke"],
        cwd=tmp_path,
        env=smoke_env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    smoke_seconds = time.monotonic() - started
    output = smoke.stdout + smoke.stderr
    assert smoke.returncode == 0, f"frozen --smoke exited {smoke.returncode}:\n{_tail(output)}"
    assert "smoke: " in output, _tail(output)  # the window showed data, not just started
    assert "Traceback" not in output, _tail(output)

    # Started from the Start menu / Finder / a launcher: no arguments. The start window must show (the
    # app used to print a usage error to a stderr a windowed build does not have, and exit).
    start_env = {
        **smoke_env,
        "DOSSIER_DESK_HOME": str(tmp_path / "home-start"),
        "DOSSIER_DESK_SITE_CONFIG": str(tmp_path / "site"),
        "DOSSIER_DESK_SMOKE_START": "1",  # report the window shown, then leave
    }
    start = subprocess.run(
        [str(binary)], cwd=tmp_path, env=start_env, capture_output=True, text=True, timeout=120, check=False
    )
    start_output = start.stdout + start.stderr
    assert start.returncode == 0, (
        f"frozen start without arguments exited {start.returncode}:\n{_tail(start_output)}"
    )
    assert "smoke: start window shown" in start_output, _tail(start_output)
    assert "Traceback" not in start_output, _tail(start_output)
    # a bad command line is shown in a dialog too (stderr here is a pipe, as for a desktop launcher)
    bad = subprocess.run(
        [str(binary), "--no-such-option"],
        cwd=tmp_path,
        env=start_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2, _tail(bad.stdout + bad.stderr)
    assert "smoke: dialog shown: Dossier Desk could not start" in bad.stderr, _tail(bad.stderr)

    # A real X11 window (the xcb plug-in with the bundle's xcb-util libraries and the system's X11,
    # fontconfig and glib), when Xvfb is installed (CI installs it).
    if shutil.which("xvfb-run"):
        xcb_env = {**smoke_env, "QT_QPA_PLATFORM": "xcb", "DOSSIER_DESK_HOME": str(tmp_path / "home-xcb")}
        xcb = subprocess.run(
            ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", str(binary), "--smoke"],
            cwd=tmp_path,
            env=xcb_env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        xcb_output = xcb.stdout + xcb.stderr
        assert xcb.returncode == 0, f"frozen --smoke on xcb exited {xcb.returncode}:\n{_tail(xcb_output)}"
        assert "smoke: " in xcb_output, _tail(xcb_output)

    size_mib = size_bytes / 2**20
    summary = (
        f"frozen bundle: {size_mib:.1f} MiB one-dir, PyInstaller build {build_seconds:.0f} s wall "
        f"({build_cpu:.0f} s CPU), "
        f"frozen --smoke {smoke_seconds:.1f} s"
    )
    print(summary)
    record_property("bundle_size_mib", round(size_mib, 1))
    record_property("bundle_build_seconds", round(build_seconds))
    record_property("bundle_build_cpu_seconds", round(build_cpu))
    assert size_mib < MAX_BUNDLE_MIB, summary
