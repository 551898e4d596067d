"""``python -m dossier_desk`` and the ``dossier-desk`` console script."""

from __future__ import annotations

import sys


def main() -> int:
    from dossier_desk.app import main as run  # deferred: `--help` stays free of Qt start-up

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
