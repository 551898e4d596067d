"""Workflow log (computed) and workflow actions (complete / reject / reopen).

A dossier follows the workflow of its dossier type. Only decided lines are stored (``workflow_steps``:
Completed or Rejected); the log is computed from the workflow lines, their terms counted from the
dossier's starting date (document date when blank), and ``today``:

* the *current* line is the first line not yet decided; later undecided lines are *upcoming*;
* a current or upcoming line whose due date is before today is *overdue*.

``complete`` and ``reject`` act on the current line (reject always needs comments, complete needs
them when the line says so); ``reopen`` undoes the last decided line, moving the workflow back.
Every action gives the dossier a new etag.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from dossier_sandbox import dossiers
from dossier_sandbox.db import Database, wire_dt
from dossier_sandbox.entities import etag
from dossier_sandbox.errors import ApiError, detail
from dossier_sandbox.workflow_terms import add_term

ACTIONS = ("complete", "reject", "reopen")
_NAMESPACE = uuid.UUID("5b0c3c9e-8d7f-4a51-9a57-6c0e1d2f3a4b")


def _lines(db: Database, dossier: dict[str, Any]) -> tuple[str, list[tuple]]:
    code = (
        db.scalar("SELECT workflow_code FROM dossier_types WHERE code = ?", (dossier["dossierTypeCode"],))
        or ""
    )
    lines = db.all(
        "SELECT line_no, description, term, comments_required FROM workflow_lines "
        "WHERE workflow_code = ? ORDER BY line_no",
        (code,),
    )
    return code, lines


def _steps(db: Database, dossier_id: str) -> dict[int, tuple]:
    rows = db.all(
        "SELECT line_no, state, completed_by, completed_date_time, comments, version, last_modified "
        "FROM workflow_steps WHERE dossier_id = ?",
        (dossier_id,),
    )
    return {r[0]: r for r in rows}


def log(db: Database, dossier: dict[str, Any], today: date) -> list[dict[str, Any]]:
    """The workflow log of a dossier (wire dicts, ordered by line number).

    ``dossier`` is :func:`dossiers.raw`'s dict; undecided lines carry the dossier's version and time.
    """
    code, lines = _lines(db, dossier)
    steps = _steps(db, dossier["id"])
    anchor_text = dossier["startingDate"] or dossier["documentDate"]
    anchor = date.fromisoformat(anchor_text) if anchor_text else None
    entries = []
    found_current = False
    for line_no, description, term, comments_required in lines:
        due = add_term(anchor, term) if anchor else None
        step = steps.get(line_no)
        if step is not None:
            state, by, when, comments, version, modified = (
                step[1],
                step[2],
                step[3],
                step[4],
                step[5],
                step[6],
            )
        else:
            state = "Upcoming" if found_current else "Current"
            found_current = True
            if due is not None and due < today:
                state = "Overdue"
            by = when = comments = ""
            version, modified = dossier["_version"], dossier["lastModifiedDateTime"]
        entries.append(
            {
                "@odata.etag": etag(version),
                "id": str(uuid.uuid5(_NAMESPACE, f"{dossier['id']}:{line_no}")),
                "dossierId": dossier["id"],
                "workflowCode": code,
                "lineNo": line_no,
                "description": description,
                "term": term,
                "dueDate": due.isoformat() if due else "",
                "state": state,
                "completedBy": by,
                "completedDateTime": wire_dt(when),
                "comments": comments,
                "commentsRequired": bool(comments_required),
                "lastModifiedDateTime": wire_dt(modified) if step is not None else modified,
            }
        )
    return entries


def apply_action(db: Database, dossier: dict[str, Any], body: Any, user_name: str) -> None:
    """Validate and apply a workflow action; raises ApiError 400/409 with targets."""
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    if dossier["status"] in ("Closed", "Archived"):
        raise ApiError(
            409, f"The workflow of a {dossier['status'].lower()} dossier cannot change.", target="status"
        )
    action = body.get("action")
    line_no = body.get("workflowLineNo")
    comments = body.get("comments") or ""
    errors = []
    if action not in ACTIONS:
        errors.append(detail(f"action must be one of {', '.join(ACTIONS)}.", "action"))
    if not isinstance(line_no, int) or isinstance(line_no, bool):
        errors.append(detail("workflowLineNo must be an integer.", "workflowLineNo"))
    if not isinstance(comments, str) or len(comments) > 250:
        errors.append(detail("comments must be text of at most 250 characters.", "comments"))
    if errors:
        raise ApiError(400, errors[0]["message"], details=errors)
    _code, lines = _lines(db, dossier)
    if not lines:
        raise ApiError(400, "This dossier's type has no workflow.", target="dossierTypeCode")
    by_no = {line[0]: line for line in lines}
    if line_no not in by_no:
        raise ApiError(400, f"The workflow has no line {line_no}.", target="workflowLineNo")
    steps = _steps(db, dossier["id"])
    undecided = [n for n, *_ in lines if n not in steps]
    decided = [n for n, *_ in lines if n in steps]
    if action in ("complete", "reject"):
        if not undecided or line_no != undecided[0]:
            current = undecided[0] if undecided else None
            raise ApiError(
                400, f"Only the current line ({current}) can be {action}d.", target="workflowLineNo"
            )
        if not comments.strip() and (action == "reject" or by_no[line_no][3]):
            raise ApiError(400, f"Comments are required to {action} this step.", target="comments")
        state = "Completed" if action == "complete" else "Rejected"
        with db.tx() as conn:
            version, stamp = db.stamp()
            conn.execute(
                "INSERT INTO workflow_steps VALUES (?,?,?,?,?,?,?,?)",
                (dossier["id"], line_no, state, user_name, stamp, comments, version, stamp),
            )
            dossiers.touch(db, dossier["id"], "workflow.step.completed" if state == "Completed" else "")
    else:
        if not decided or line_no != decided[-1]:
            last = decided[-1] if decided else None
            raise ApiError(
                400, f"Only the last decided line ({last}) can be reopened.", target="workflowLineNo"
            )
        with db.tx() as conn:
            conn.execute(
                "DELETE FROM workflow_steps WHERE dossier_id = ? AND line_no = ?", (dossier["id"], line_no)
            )
            dossiers.touch(db, dossier["id"])
