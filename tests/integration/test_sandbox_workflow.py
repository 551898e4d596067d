"""Workflow log states from terms and ``today``, and the complete / reject / reopen actions."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from tests.sandbox_fixtures import client_of, new_dossier

TODAY = date(2026, 3, 1)


@pytest.fixture
def client(sandbox_factory):
    server = sandbox_factory(dossiers=50, today=TODAY)
    with client_of(server) as c:
        yield c


def _log(client: httpx.Client, dossier_id: str) -> list[dict]:
    response = client.get(f"dossiers({dossier_id})/workflowLog")
    assert response.status_code == 200, response.text
    return response.json()["value"]


def _act(client: httpx.Client, dossier_id: str, **body) -> httpx.Response:
    return client.post(f"dossiers({dossier_id})/workflowActions", json=body)


def test_absence_log_follows_poortwachter_terms(client: httpx.Client) -> None:
    dossier = new_dossier(client, startingDate="2026-01-05")  # ABSENCE
    log = _log(client, dossier["id"])
    assert [e["lineNo"] for e in log] == [10000, 20000, 30000, 40000, 50000, 60000, 70000, 80000]
    assert [e["term"] for e in log] == ["1D", "6W", "8W", "14W", "42W", "52W", "91W", "104W"]
    assert log[1]["dueDate"] == "2026-02-16"
    assert log[4]["dueDate"] == "2026-10-26"
    # today 2026-03-01: the first line is current but overdue; weeks 6 and 8 are overdue too
    assert [e["state"] for e in log[:4]] == ["Overdue", "Overdue", "Upcoming", "Upcoming"]
    assert log[2]["dueDate"] == "2026-03-02"
    assert all(e["workflowCode"] == "WF-ABSENCE" and e["dossierId"] == dossier["id"] for e in log)
    assert log[4]["commentsRequired"] is True


def test_complete_reject_reopen_move_the_workflow(client: httpx.Client) -> None:
    dossier = new_dossier(client, startingDate="2026-02-25")
    first = _act(
        client, dossier["id"], action="complete", workflowLineNo=10000, comments="Ziekmelding ontvangen"
    )
    assert first.status_code == 200, first.text
    log = first.json()["value"]
    assert log[0]["state"] == "Completed"
    assert log[0]["comments"] == "Ziekmelding ontvangen"
    assert log[0]["completedBy"].startswith("Sanne de Vries")
    assert log[0]["completedDateTime"].endswith("Z")
    assert log[1]["state"] == "Current"
    after_complete = client.get(f"dossiers({dossier['id']})").json()
    assert after_complete["@odata.etag"] != dossier["@odata.etag"]

    no_comment = _act(client, dossier["id"], action="reject", workflowLineNo=20000)
    assert no_comment.status_code == 400
    assert no_comment.json()["error"]["details"][0]["target"] == "comments"
    rejected = _act(
        client, dossier["id"], action="reject", workflowLineNo=20000, comments="Analyse onvolledig"
    )
    assert rejected.json()["value"][1]["state"] == "Rejected"
    assert rejected.json()["value"][2]["state"] == "Current"

    not_current = _act(client, dossier["id"], action="complete", workflowLineNo=40000)
    assert not_current.status_code == 400
    assert not_current.json()["error"]["details"][0]["target"] == "workflowLineNo"
    wrong_reopen = _act(client, dossier["id"], action="reopen", workflowLineNo=10000)
    assert wrong_reopen.status_code == 400

    reopened = _act(client, dossier["id"], action="reopen", workflowLineNo=20000, comments="opnieuw")
    assert reopened.status_code == 200
    assert [e["state"] for e in reopened.json()["value"][:3]] == ["Completed", "Current", "Upcoming"]
    final = client.get(f"dossiers({dossier['id']})").json()
    assert final["@odata.etag"] != after_complete["@odata.etag"]
    assert final["lastModifiedDateTime"] > after_complete["lastModifiedDateTime"]


def test_comments_required_line(client: httpx.Client) -> None:
    dossier = new_dossier(client, dossierTypeCode="SAFETY", startingDate="2026-02-27")
    assert _act(client, dossier["id"], action="complete", workflowLineNo=10000).status_code == 200
    response = _act(
        client, dossier["id"], action="complete", workflowLineNo=20000
    )  # investigation needs comments
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["target"] == "comments"


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ({"action": "approve", "workflowLineNo": 10000}, "action"),
        ({"action": "complete", "workflowLineNo": "10000"}, "workflowLineNo"),
        ({"action": "complete", "workflowLineNo": 15000}, "workflowLineNo"),
    ],
)
def test_invalid_actions(client: httpx.Client, body: dict, target: str) -> None:
    dossier = new_dossier(client)
    response = _act(client, dossier["id"], **body)
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["target"] == target


def test_stale_if_match_and_closed_dossier(client: httpx.Client) -> None:
    dossier = new_dossier(client, status="Open")
    response = client.post(
        f"dossiers({dossier['id']})/workflowActions",
        headers={"If-Match": 'W/"JzE5OzE7Jw=="'},
        json={"action": "complete", "workflowLineNo": 10000},
    )
    assert response.status_code == 412
    closed = client.patch(f"dossiers({dossier['id']})", json={"status": "Closed"}, headers={"If-Match": "*"})
    assert closed.status_code == 200
    assert _act(client, dossier["id"], action="complete", workflowLineNo=10000).status_code == 409


def test_seeded_logs_have_every_state(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=120)
    with client_of(server, "occhealth@demo") as c:
        states = set()
        for dossier in c.get("dossiers", params={"$top": "60"}).json()["value"]:
            states.update(e["state"] for e in _log(c, dossier["id"]))
        assert states == {"Completed", "Rejected", "Current", "Upcoming", "Overdue"}
