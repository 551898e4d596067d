"""Frozen entry point: PyInstaller freezes this script, which runs ``dossier_desk.__main__.main``.

``dossier_desk/__main__.py`` cannot be frozen directly: as a script it would lose its package context.
"""

from __future__ import annotations

import os
import sys


def _ensure_std_streams() -> None:
    # A windowed build (Windows GUI subsystem, macOS .app started from Finder) starts with
    # sys.stdout/sys.stderr set to None. Libraries that write to them or ask ``isatty()`` (uvicorn's log
    # formatter in --demo, argparse's --help) would crash, so point them at the null device.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives for the process


def run() -> int:
    _ensure_std_streams()
    from dossier_desk.__main__ import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
