"""The code base stays ruff-clean and layered, checked on every CI run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ruff_check_is_clean() -> None:
    result = _ruff("check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_qt_outside_the_ui_layer() -> None:
    leaks = [
        str(path.relative_to(ROOT))
        for folder in (
            "dossier_desk/api",
            "dossier_desk/auth",
            "dossier_desk/domain",
            "dossier_desk/store",
            "dossier_desk/cli",
            "dossier_sandbox",
        )
        for path in (ROOT / folder).rglob("*.py")
        if any(line.startswith(("from PySide6", "import PySide6")) for line in path.read_text().splitlines())
    ]
    assert leaks == []


def test_domain_does_no_io_and_imports_no_upper_layer() -> None:
    """``dossier_desk/domain`` is pure rules: no Qt, no files, no network, no store or ui."""
    banned = (
        "PySide6",
        "httpx",
        "sqlite3",
        "dossier_desk.store",
        "dossier_desk.ui",
        "dossier_desk.api.client",
    )
    leaks = []
    for path in (ROOT / "dossier_desk/domain").rglob("*.py"):
        for line in path.read_text().splitlines():
            stripped = line.strip()
            imports = stripped.startswith(("from ", "import "))
            if (imports and any(b in stripped for b in banned)) or "open(" in stripped:
                leaks.append(f"{path.name}: {stripped}")
    assert leaks == []


def test_sandbox_imports_nothing_from_the_client() -> None:
    """The sandbox is an independent server: sharing the client's models would hide drift from BC."""
    import ast

    leaks = []
    for path in (ROOT / "dossier_sandbox").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            leaks += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "dossier_desk"]
    assert leaks == []
