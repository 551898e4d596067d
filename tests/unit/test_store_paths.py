"""Per-profile data directories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier_desk import config
from dossier_desk.store import profile_paths, profile_root


def test_home_variable_is_honoured() -> None:
    root = Path(os.environ["DOSSIER_DESK_HOME"]) / "data"
    p = profile_paths("Work", "cd613e30-d8f1-4adf-91b7-584a2265b1f5")
    assert p.root.is_relative_to(root)
    assert p.root.parent == profile_root("Work")
    assert p.database.name == "cache.db"


def test_platformdirs_without_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DOSSIER_DESK_HOME")
    monkeypatch.setattr(config.platformdirs, "user_data_path", lambda *a, **k: tmp_path / "pd")
    assert profile_paths("p", "c").root.is_relative_to(tmp_path / "pd")


def test_names_are_safe_and_distinct() -> None:
    a = profile_paths("../../etc", "x/y")
    b = profile_paths("..-..-etc", "x_y")
    assert a.root != b.root
    assert ".." not in a.root.relative_to(profile_root("../../etc").parent).parts
    assert a.root.parent.name.startswith("etc-")


def test_ensure_creates_private_directories() -> None:
    p = profile_paths("p", "c").ensure()
    for d in (p.root, p.backups, p.outbox_files):
        assert d.is_dir()
        if os.name == "posix":
            assert d.stat().st_mode & 0o777 == 0o700
