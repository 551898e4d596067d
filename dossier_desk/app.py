"""Entry point: command line, QApplication + qasync event loop, start-up and shut-down.

``dossier-desk --demo`` runs against the bundled sandbox service; ``--profile NAME`` against a real
Business Central environment from ``profiles.json``; ``--smoke`` starts, paints the main window with
data and exits 0 (packaging checks). The start-up sequence itself lives in ``ui/startup.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from dossier_desk import __version__
from dossier_desk.config import APP_AUTHOR, APP_NAME, config_dir
from dossier_desk.logging_setup import configure_logging
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.i18n import install_translators, locale_for
from dossier_desk.ui.preferences import stored_language
from dossier_desk.ui.qt_log import install_qt_message_handler
from dossier_desk.ui.startup import StartupOptions, run_app
from dossier_desk.ui.style import apply_style

log = logging.getLogger(__name__)
# resources/ sits beside the package in the repo and in the frozen bundle alike (packaging/*.spec).
APP_ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / "dossier-desk.svg"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dossier-desk", description="Dynamics Dossier desktop client")
    parser.add_argument("--demo", action="store_true", help="run against the bundled demo service")
    parser.add_argument("--demo-user", help="demo sign-in without the chooser, e.g. caseworker@demo")
    parser.add_argument("--dossiers", type=int, default=2_000, help="demo data size (default 2,000)")
    parser.add_argument("--profile", help="name of a profile in profiles.json")
    parser.add_argument("--language", help="user interface language, e.g. nl or en (default: the OS's)")
    parser.add_argument("--smoke", action="store_true", help="start, show data, exit 0 (packaging check)")
    parser.add_argument("--verbose", action="store_true", help="debug logging (tokens are still redacted)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)
    if args.smoke and not args.profile:
        args.demo = True
        args.demo_user = args.demo_user or "caseworker@demo"
        args.dossiers = min(args.dossiers, 300)
    if not args.demo and not args.profile:
        parser.error("choose --demo, or --profile NAME for a Business Central environment")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    has_screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    headless = sys.platform.startswith("linux") and not has_screen
    if args.smoke and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    configure_logging(None if args.smoke else config_dir() / "dossier-desk.log", verbose=args.verbose)
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    install_qt_message_handler()
    app = QApplication(sys.argv[:1])
    # run_app decides when to leave: Qt quitting on the last window would stop the loop mid-shutdown.
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(QIcon(str(APP_ICON)))
    app.setDesktopFileName("dossier-desk")
    apply_style(app)
    translators = install_translators(app, locale_for(args.language or stored_language()))
    messages = MessageBridge()
    messages.interactive = not args.smoke
    messages.install_excepthook()
    options = StartupOptions(
        demo=args.demo,
        demo_user=args.demo_user,
        dossiers=args.dossiers,
        profile_name=args.profile,
        smoke=args.smoke,
    )
    try:
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            return runner.run(run_app(app, options, messages))
    finally:
        del translators
