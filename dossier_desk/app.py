"""Entry point: command line, QApplication + qasync event loop, start-up and shut-down.

``dossier-desk`` alone opens the profile used last, or the start window (sign in with a work account,
or try the demo); ``--demo`` runs against the bundled sandbox service; ``--profile NAME`` opens a
profile (the user's ``profiles.json`` or the site's); ``--smoke`` starts, paints the main window with
data and exits 0 (packaging checks). The start-up sequence itself lives in ``ui/startup.py``.

A windowed build has no console: a bad command line or a failure before the event loop runs is shown
in a dialog as well as written to stderr (when there is one), never a silent exit.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, NoReturn

import dossier_desk.below_qt  # before Qt (see there)

# isort: split
# ui.startup imports the demo's user table; it holds no Qt, so it is imported before it. The sign-in's
# stack (MSAL, requests, cryptography) is imported after the first paint, where sign-in is built.
import dossier_desk.demo

# isort: split
import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from dossier_desk import __version__
from dossier_desk.config import APP_AUTHOR, APP_NAME, config_dir
from dossier_desk.logging_setup import configure_logging
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.i18n import install_translators, locale_for, stored_language
from dossier_desk.ui.qt_log import install_qt_message_handler
from dossier_desk.ui.startup import SMOKE_START_ENV, StartupOptions, run_app
from dossier_desk.ui.style import apply_style

dossier_desk.below_qt.modules_loaded()  # the collector runs again (paused while the modules load)
log = logging.getLogger(__name__)
# resources/ sits beside the package in the repo and in the frozen bundle alike (packaging/*.spec).
APP_ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / "dossier-desk.svg"


class UsageError(Exception):
    """The command line could not be parsed; the message is argparse's usage text plus the error."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, and shows ``--help``/``--version`` without a console."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.format_usage()}{self.prog}: error: {message}")

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        target = file or sys.stdout or sys.stderr
        # a windowed build has no streams, or the null device in their place (packaging/launcher.py)
        if message and (target is None or getattr(target, "name", "") == os.devnull):
            show_fatal_dialog(message, title="Dossier Desk", icon=QMessageBox.Icon.Information)
            return
        super()._print_message(message, file)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line; raises :class:`UsageError` (``--help``/``--version`` exit 0)."""
    parser = _Parser(prog="dossier-desk", description="Dynamics Dossier desktop client")
    parser.add_argument("--demo", action="store_true", help="run against the bundled demo service")
    parser.add_argument("--demo-user", help="demo sign-in without the chooser, e.g. caseworker@demo")
    parser.add_argument("--dossiers", type=int, default=2_000, help="demo data size (default 2,000)")
    parser.add_argument(
        "--profile", help="open this profile (default: the one used last, or the start window)"
    )
    parser.add_argument("--language", help="user interface language, e.g. nl or en (default: the OS's)")
    parser.add_argument("--smoke", action="store_true", help="start, show data, exit 0 (packaging check)")
    parser.add_argument("--verbose", action="store_true", help="debug logging (tokens are still redacted)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)
    if args.smoke and not args.profile:
        args.demo = True
        args.demo_user = args.demo_user or "caseworker@demo"
        args.dossiers = min(args.dossiers, 300)
    return args


def show_fatal_dialog(
    text: str,
    *,
    title: str = "Dossier Desk could not start",
    icon: QMessageBox.Icon = QMessageBox.Icon.Critical,
) -> None:
    """A modal message before (or instead of) the event loop; makes a QApplication when there is none.

    With ``$DOSSIER_DESK_SMOKE_START=1`` (packaging checks) the dialog is shown, logged and closed.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close)
    if os.environ.get(SMOKE_START_ENV) == "1":
        box.show()
        app.processEvents()
        log.info("smoke: dialog shown: %s", title)
        stream = sys.stderr or sys.__stderr__
        if stream is not None:
            print(f"smoke: dialog shown: {title}", file=stream)
        box.close()
        return
    box.exec()  # no event loop runs yet: a nested one is what there is


def _no_console() -> bool:
    """True for a windowed build or a start from a desktop launcher (nobody reads stderr), when a
    window can be shown at all (Linux without a display or ``QT_QPA_PLATFORM`` has none)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        return False
    return sys.stderr is None or not sys.stderr.isatty()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except UsageError as exc:
        if sys.stderr is not None:
            print(exc, file=sys.stderr)
        if _no_console():
            show_fatal_dialog(str(exc))
        return 2
    try:
        return _main(args)
    except Exception as exc:  # before or after the loop: nothing else would tell the user
        log.critical("start-up failed", exc_info=exc)
        if not _no_console() and sys.stderr is not None:
            return 1  # a terminal: the log line above is on it
        show_fatal_dialog(f"{type(exc).__name__}: {exc}\n\nThe log file is in {config_dir()}.")
        return 1


def _main(args: argparse.Namespace) -> int:
    has_screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    headless = sys.platform.startswith("linux") and not has_screen
    smoke = args.smoke or os.environ.get(SMOKE_START_ENV) == "1"  # packaging checks: log to stderr
    if smoke and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    log_file = None if smoke else config_dir() / "dossier-desk.log"
    configure_logging(log_file, verbose=args.verbose)
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
    messages.interactive = not smoke
    messages.install_excepthook()
    options = StartupOptions(
        demo=args.demo,
        demo_user=args.demo_user,
        dossiers=args.dossiers,
        profile_name=args.profile,
        smoke=args.smoke,
        log_file=log_file,
    )
    try:
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            return runner.run(run_app(app, options, messages))
    finally:
        del translators
