"""Every cached workflow log and document list at once (the deadline column and at-risk check read them)."""

from __future__ import annotations

from dossier_desk.api.models import Document, WorkflowEntry
from dossier_desk.store import Cache, open_database, profile_paths


def _entry(dossier_id: str, line_no: int) -> WorkflowEntry:
    return WorkflowEntry(id=f"{dossier_id}-{line_no}", dossier_id=dossier_id, line_no=line_no)


def test_all_logs_and_documents_grouped_by_dossier_in_order() -> None:
    db = open_database(profile_paths("p", "c"))
    try:
        cache = Cache(db)
        assert cache.workflow_logs() == {}
        assert cache.all_documents() == {}
        cache.replace_workflow_log("b", [_entry("b", 20000), _entry("b", 10000)]).wait()
        cache.replace_workflow_log("a", [_entry("a", 10000)]).wait()
        cache.replace_documents(
            "a", [Document(id="d2", dossier_id="a"), Document(id="d1", dossier_id="a")]
        ).wait()
        logs = cache.workflow_logs()
        assert {k: [e.line_no for e in v] for k, v in logs.items()} == {"a": [10000], "b": [10000, 20000]}
        assert logs["b"] == cache.workflow_log("b")
        assert {k: [d.id for d in v] for k, v in cache.all_documents().items()} == {"a": ["d2", "d1"]}
        cache.replace_workflow_log("b", []).wait()
        assert set(cache.workflow_logs()) == {"a"}
    finally:
        db.close()
