"""Run Python in a fresh interpreter (for what this test process has imported already) and read the
JSON its last line printed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


def printed_json(args: list[str], env: Mapping[str, str], timeout: float = 60) -> Any:
    """``python <args>`` in the repository with exactly ``env``; fails the test on a non-zero exit."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
