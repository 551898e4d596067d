"""OData query options and server-driven paging over real HTTP."""

from __future__ import annotations

import base64

import httpx
import pytest

from dossier_sandbox import SandboxServer
from tests.sandbox_fixtures import client_of, new_dossier


def test_filter_orderby_select_top_count(api_client: httpx.Client) -> None:
    response = api_client.get(
        "dossiers",
        params={
            "$filter": "status eq 'Open' and priority ne 'Low'",
            "$orderby": "documentDate desc,no",
            "$select": "no,status,documentDate,priority",
            "$top": "7",
            "$count": "true",
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    rows = body["value"]
    assert 0 < len(rows) <= 7
    assert body["@odata.count"] >= len(rows)
    assert "@odata.nextLink" not in body  # $top satisfied in one page
    assert all(set(r) == {"@odata.etag", "no", "status", "documentDate", "priority"} for r in rows)
    assert all(r["status"] == "Open" and r["priority"] != "Low" for r in rows)
    dates = [r["documentDate"] for r in rows]
    assert dates == sorted(dates, reverse=True)


def test_skip_and_count_endpoint(api_client: httpx.Client) -> None:
    all_open = api_client.get("dossiers", params={"$filter": "status eq 'Open'", "$select": "no"}).json()[
        "value"
    ]
    skipped = api_client.get(
        "dossiers", params={"$filter": "status eq 'Open'", "$select": "no", "$skip": "3"}
    ).json()
    assert [r["no"] for r in skipped["value"]] == [r["no"] for r in all_open[3:]]
    count = api_client.get("dossiers/$count", params={"$filter": "status eq 'Open'"})
    assert count.status_code == 200
    assert int(count.text) == len(all_open)


def test_contains_startswith_and_date_range(api_client: httpx.Client) -> None:
    rows = api_client.get(
        "dossiers",
        params={
            "$filter": "startswith(no,'D000') and documentDate ge 2020-01-01 and documentDate le 2030-12-31"
            " and (contains(description,'a') or not (category eq 'Safety'))",
        },
    ).json()["value"]
    assert rows
    assert all(r["no"].startswith("D000") for r in rows)


def test_filter_on_description_with_quote(api_client: httpx.Client) -> None:
    created = new_dossier(api_client, description="O'Brien's terugkeer 'plan'")
    response = api_client.get(
        "dossiers", params={"$filter": "description eq 'O''Brien''s terugkeer ''plan'''"}
    )
    assert response.status_code == 200, response.text
    assert [r["id"] for r in response.json()["value"]] == [created["id"]]
    like = api_client.get("dossiers", params={"$filter": "contains(description,'Brien''s')"}).json()["value"]
    assert created["id"] in [r["id"] for r in like]


@pytest.mark.parametrize(
    "params",
    [
        {"$filter": "status eq 'Open"},  # unterminated literal
        {"$filter": "nosuchfield eq 1"},
        {"$orderby": "description sideways"},
        {"$select": "no,colour"},
        {"$top": "-1"},
        {"$count": "maybe"},
        {"$skiptoken": "!!!"},
    ],
)
def test_bad_query_options_are_400_with_odata_error(api_client: httpx.Client, params: dict) -> None:
    response = api_client.get("dossiers", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def _walk(client: httpx.Client, url: str, params: dict | None, page_size: int) -> tuple[list[dict], int]:
    rows, pages = [], 0
    headers = {"Prefer": f"odata.maxpagesize={page_size}"}
    response = client.get(url, params=params, headers=headers)
    while True:
        assert response.status_code == 200, response.text
        assert response.headers["preference-applied"] == f"odata.maxpagesize={page_size}"
        body = response.json()
        assert len(body["value"]) <= page_size
        rows.extend(body["value"])
        pages += 1
        if "@odata.nextLink" not in body:
            return rows, pages
        response = client.get(body["@odata.nextLink"], headers=headers)


def test_next_link_paging_to_the_end(api_client: httpx.Client) -> None:
    everything = api_client.get("dossiers", params={"$select": "id", "$count": "true"}).json()
    rows, pages = _walk(api_client, "dossiers", {"$select": "id,no"}, 37)
    assert len(rows) == everything["@odata.count"] == len(everything["value"])
    assert pages == -(-len(rows) // 37)
    assert len({r["id"] for r in rows}) == len(rows)
    assert [r["no"] for r in rows] == sorted(r["no"] for r in rows)


def test_paging_with_filter_orderby_and_top(api_client: httpx.Client) -> None:
    params = {
        "$filter": "confidentialityLevel le 1",
        "$orderby": "status,lastModifiedDateTime desc",
        "$top": "45",
    }
    expected = api_client.get("dossiers", params=params).json()["value"]
    rows, pages = _walk(api_client, "dossiers", params, 10)
    assert [r["id"] for r in rows] == [r["id"] for r in expected]
    assert len(rows) == 45
    assert pages == 5


def test_next_link_is_opaque_keyset_stable_under_inserts(sandbox_factory) -> None:
    server: SandboxServer = sandbox_factory(dossiers=60)
    with client_of(server) as client:
        first = client.get(
            "dossiers",
            params={"$orderby": "lastModifiedDateTime", "$select": "id,status", "$count": "true"},
            headers={"Prefer": "odata.maxpagesize=25"},
        ).json()
        visible = first["@odata.count"]
        link = first["@odata.nextLink"]
        token = httpx.URL(link).params["$skiptoken"]
        assert not token.isdigit()
        base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))  # opaque, but ours
        # Concurrent writes: a new dossier sorts last; an older row is deleted from page 1.
        created = new_dossier(client)
        deletable = next(r for r in first["value"] if r["status"] != "Archived")  # archived is read-only
        victim = client.get(f"dossiers({deletable['id']})").json()
        assert (
            client.delete(
                f"dossiers({victim['id']})", headers={"If-Match": victim["@odata.etag"]}
            ).status_code
            == 204
        )
        rest = []
        while link:
            body = client.get(link, headers={"Prefer": "odata.maxpagesize=25"}).json()
            rest.extend(r["id"] for r in body["value"])
            link = body.get("@odata.nextLink")
        seen = [r["id"] for r in first["value"]] + rest
        # every visible row once, plus the one created after paging began; nothing skipped or repeated
        assert len(seen) == len(set(seen)) == visible + 1
        assert rest[-1] == created["id"]


def test_max_page_size_is_capped(api_client: httpx.Client) -> None:
    response = api_client.get(
        "dossiers", params={"$select": "id"}, headers={"Prefer": "odata.maxpagesize=999999"}
    )
    assert response.headers["preference-applied"] == "odata.maxpagesize=20000"
    assert "@odata.nextLink" not in response.json()


def test_default_page_size_from_config(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=50, max_page_size=20)
    with client_of(server) as client:
        body = client.get("dossiers").json()
        assert len(body["value"]) == 20
        assert "@odata.nextLink" in body


def test_delta_query_on_last_modified(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=50)
    with client_of(server, "occhealth@demo") as client:  # sees every clearance level
        newest = client.get("dossiers", params={"$orderby": "lastModifiedDateTime desc", "$top": "1"}).json()[
            "value"
        ][0]
        since = newest["lastModifiedDateTime"]
        assert (
            client.get("dossiers", params={"$filter": f"lastModifiedDateTime gt {since}"}).json()["value"]
            == []
        )
        assert server.touch(3) == 3
        changed = client.get(
            "dossiers",
            params={"$filter": f"lastModifiedDateTime gt {since}", "$orderby": "lastModifiedDateTime"},
        ).json()["value"]
        assert len(changed) == 3
        assert all(c["ourReference"].startswith("TOUCH-") for c in changed)
