"""README keeps exactly two set-up commands, and CI runs the test one verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _sh_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", setup, flags=re.S)]


def test_readme_has_exactly_two_setup_commands() -> None:
    blocks = _sh_blocks()
    assert len(blocks) == 2
    assert all("\n" not in block for block in blocks)
    assert "dossier-desk --demo" in blocks[0]
    assert "pytest" in blocks[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _sh_blocks()[1] in ci_lines


def test_setup_works_on_a_pep_668_system_python() -> None:
    """Debian 12 / Ubuntu 24.04 refuse ``pip install`` into the system Python and ship venv apart:
    the commands install uv into a virtual environment, and the apt line brings python3-venv."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    assert "python3-venv" in setup
    bootstrap = "python3 -m venv .uv && .uv/bin/pip install -q uv && .uv/bin/uv run --locked "
    for block in _sh_blocks():
        assert block.startswith(bootstrap)
        assert "python3 -m pip" not in block
        assert "--break-system-packages" not in block
    assert ".uv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "python3-venv" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
