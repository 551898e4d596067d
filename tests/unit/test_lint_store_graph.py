"""The store's object graph is built in one place, checked on every CI run.

The rule, by constructor call (read from the syntax tree, so comments and strings do not count):

* ``SyncEngine(`` and ``DossierStore(`` appear only in ``dossier_desk/store/session.py``, in the app,
  the tests, the benchmarks and the scripts alike: everything else opens a session.
* ``Cache(``, ``Outbox(`` and ``open_database(`` appear outside ``dossier_desk/store/`` only in the
  store's own unit tests (``tests/unit/test_store_*.py``), which test one part on its own database.
* ``open_database`` is not handed around either (``run_in_executor(None, open_database, ...)``) outside
  those places, except by ``dossier_desk/ui/cache_recovery.py``: it is the session's opener in the app
  (the "damaged cache" dialog), called by ``open_session(..., opener=...)``.
* None of these names is imported under another name (which would hide a call from this check).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("dossier_desk", "tests", "scripts")
SESSION = "dossier_desk/store/session.py"
GRAPH = {"SyncEngine", "DossierStore"}
PARTS = {"Cache", "Outbox", "open_database"}
OPENER = "dossier_desk/ui/cache_recovery.py"


def _called(tree: ast.AST) -> list[tuple[str, int]]:
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            calls.append((name, node.lineno))
    return calls


def _handed_around(tree: ast.AST) -> list[tuple[str, int]]:
    """``open_database`` as an argument (not called here, called by whoever receives it)."""
    return [
        ("open_database", node.lineno)
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        for node in (*call.args, *(k.value for k in call.keywords))
        if isinstance(node, ast.Name) and node.id == "open_database"
    ]


def _renamed(tree: ast.AST) -> list[tuple[str, int]]:
    return [
        (alias.name, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom | ast.Import)
        for alias in node.names
        if alias.asname and alias.name.split(".")[-1] in GRAPH | PARTS
    ]


def _part_allowed(rel: str) -> bool:
    return rel.startswith("dossier_desk/store/") or (
        rel.startswith("tests/unit/test_store_") and rel.endswith(".py")
    )


def _problems(rel: str, source: str) -> list[str]:
    tree = ast.parse(source, rel)
    found = [
        f"{rel}:{line}: {name}("
        for name, line in _called(tree)
        if (name in GRAPH and rel != SESSION) or (name in PARTS and not _part_allowed(rel))
    ]
    if not _part_allowed(rel) and rel != OPENER:
        found += [f"{rel}:{line}: {name} handed to a call" for name, line in _handed_around(tree)]
    return found + [f"{rel}:{line}: imports {name} under another name" for name, line in _renamed(tree)]


def _findings() -> list[str]:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            found += _problems(rel, path.read_text())
    return found


def test_the_store_graph_is_built_only_by_the_session() -> None:
    assert _findings() == []


def test_the_check_sees_a_hand_wired_store() -> None:
    """The check is not blind: the wiring it forbids is found in a sample, where it is forbidden."""
    sample = (
        "from dossier_desk.store import DossierStore as Facade\n"
        "db = open_database(p)\n"
        "engine = SyncEngine(api, Cache(db), store.Outbox(db), listener)\n"
    )
    assert _problems("tests/gui/x.py", sample) == [
        "tests/gui/x.py:2: open_database(",
        "tests/gui/x.py:3: SyncEngine(",
        "tests/gui/x.py:3: Cache(",
        "tests/gui/x.py:3: Outbox(",
        "tests/gui/x.py:1: imports DossierStore under another name",
    ]
    assert _problems("tests/unit/test_store_cache.py", "cache = Cache(open_database(p))\n") == []
    assert _problems("tests/unit/test_store_cache.py", "SyncEngine(api, c, o, n)\n") != []
    assert _problems(SESSION, "DossierStore(cache, outbox)\n") == []
    handed = "db = await loop.run_in_executor(None, open_database, paths)\n"
    assert _problems("scripts/x.py", handed) == ["scripts/x.py:1: open_database handed to a call"]
    assert _problems(OPENER, handed) == []
