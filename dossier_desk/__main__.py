"""``python -m dossier_desk`` and the ``dossier-desk`` console script.

``dossier-desk [options]`` starts the app (``app.main``: start window, ``--profile``, ``--demo``...).
Commands without a window (``dossier-desk <command> ...``) are listed in :data:`COMMANDS`: the first
argument picks one, and its ``main(argv) -> int`` gets the remaining arguments. They are dispatched
here, before Qt is imported, so they run on machines without a display.
"""

from __future__ import annotations

import importlib
import sys

# command name -> "module:function" taking the remaining arguments and returning the exit code.
COMMANDS: dict[str, str] = {
    "doctor": "dossier_desk.cli.doctor:main",
    "sync": "dossier_desk.cli.sync_once:main",
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in COMMANDS:
        module_name, _, function = COMMANDS[args[0]].partition(":")
        return int(getattr(importlib.import_module(module_name), function)(args[1:]))
    from dossier_desk.app import main as run  # deferred: `--help` stays free of Qt start-up

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
