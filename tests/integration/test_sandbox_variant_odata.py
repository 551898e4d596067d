"""The ``odata`` variant (a generic OData v4 service) over raw HTTP.

Query strings are written by hand: httpx's ``params=`` encodes spaces as ``+``, which this server
(like any OData v4 service) reads as a plus sign.
"""

from __future__ import annotations

from urllib.parse import urljoin

import httpx
import msgspec
import pytest

from dossier_sandbox import SandboxServer
from dossier_sandbox.batch_codec import parse_multipart_batch_responses
from tests.sandbox_fixtures import client_of, new_dossier


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    from dossier_sandbox import SandboxConfig

    config = SandboxConfig(
        variant="odata", dossiers=250, rate_limit=None, data_dir=tmp_path_factory.mktemp("odata")
    )
    with SandboxServer(config) as started:
        yield started


@pytest.fixture
def client(server: SandboxServer):
    with client_of(server) as made:
        yield made


def test_plus_in_the_query_is_a_plus_sign(client: httpx.Client, server: SandboxServer) -> None:
    plus = client.get(server.company_url + "/dossiers?$filter=status+eq+'Open'")
    assert plus.status_code == 400
    assert plus.json()["error"]["target"]  # on the error itself, not only in details
    spaced = client.get(server.company_url + "/dossiers?$filter=status%20eq%20'Open'&$top=3")
    assert spaced.status_code == 200
    assert {r["status"] for r in spaced.json()["value"]} == {"Open"}


def test_relative_next_link_default_page_and_no_prefer(client: httpx.Client, server: SandboxServer) -> None:
    url = server.company_url + "/dossiers?$select=id,no&$filter=no%20le%20'D00250'"
    first = client.get(url, headers={"Prefer": "odata.maxpagesize=10"})
    assert "preference-applied" not in first.headers
    body = first.json()
    assert len(body["value"]) == 100
    link = body["@odata.nextLink"]
    assert not link.startswith("http")
    assert not link.startswith("/")
    seen = [r["id"] for r in body["value"]]
    while link:
        page = client.get(urljoin(url, link)).json()
        seen += [r["id"] for r in page["value"]]
        link = page.get("@odata.nextLink")
    visible = client.get(server.company_url + "/dossiers/$count?$filter=no%20le%20'D00250'").text
    assert len(seen) == len(set(seen)) == int(visible) > 200


def test_nulls_for_unset_fields(client: httpx.Client) -> None:
    created = new_dossier(client)
    assert created["endingDate"] is None
    assert created["dateClosed"] is None
    assert created["yourReference"] is None
    assert created["no"]
    assert created["confidentialityLevel"] == 0
    nulls = client.get("dossiers?$filter=endingDate%20eq%20null&$top=5").json()["value"]
    assert nulls
    assert all(r["endingDate"] is None for r in nulls)


def test_dates_are_cleared_with_null_not_blank_text(client: httpx.Client) -> None:
    created = new_dossier(client, endingDate="2026-06-01")
    url = f"dossiers({created['id']})"
    etag = created["@odata.etag"]
    blank = client.patch(url, json={"endingDate": ""}, headers={"If-Match": etag})
    assert blank.status_code == 400
    assert blank.json()["error"]["target"] == "endingDate"
    cleared = client.patch(url, json={"endingDate": None}, headers={"If-Match": etag})
    assert cleared.status_code == 200
    assert cleared.json()["endingDate"] is None


def test_428_for_a_missing_if_match(client: httpx.Client) -> None:
    created = new_dossier(client)
    missing = client.patch(f"dossiers({created['id']})", json={"description": "x"})
    assert missing.status_code == 428
    assert missing.json()["error"]["target"] == "If-Match"


def test_enum_names_as_in_its_metadata(client: httpx.Client) -> None:
    rows = client.get("dossiers?$filter=status%20eq%20'In_x0020_Process'&$top=3")
    assert rows.status_code == 200
    assert {r["status"] for r in rows.json()["value"]} == {"In_x0020_Process"}


def test_batch_only_at_the_service_root(client: httpx.Client, server: SandboxServer) -> None:
    body = {"requests": [{"id": "1", "method": "GET", "url": f"companies({server.company_id})/dossierTypes"}]}
    assert client.post(server.company_url + "/$batch", json=body).status_code == 404
    root = client.post(server.api_root + "/$batch", json=body)
    assert root.status_code == 200
    assert root.json()["responses"][0]["status"] == 200
    relative_to_company = {"requests": [{"id": "1", "method": "GET", "url": "dossierTypes"}]}
    answer = client.post(server.api_root + "/$batch", json=relative_to_company).json()
    assert answer["responses"][0]["status"] == 404  # relative URLs start at the service root


def _multipart(company: str, prefer: str | None, client: httpx.Client, server: SandboxServer) -> list:
    part = "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
    body = (
        f"{part}GET {company}/dossierTypes HTTP/1.1\r\n\r\n"
        f"{part}GET {company}/dossiers(00000000-0000-4000-8000-000000000000) HTTP/1.1\r\n\r\n"
        f"{part}GET {company}/contacts?$top=1 HTTP/1.1\r\n\r\n"
        "--b--\r\n"
    )
    headers = {"Content-Type": "multipart/mixed; boundary=b"}
    if prefer:
        headers["Prefer"] = prefer
    response = client.post(server.api_root + "/$batch", content=body.encode(), headers=headers)
    assert response.status_code == 200
    return parse_multipart_batch_responses(response.content, response.headers["content-type"])


def test_multipart_batch_stops_at_the_first_failure(client: httpx.Client, server: SandboxServer) -> None:
    company = f"companies({server.company_id})"
    assert [p.status for p in _multipart(company, None, client, server)] == [200, 404]
    went_on = _multipart(company, "odata.continue-on-error", client, server)
    assert [p.status for p in went_on] == [200, 404, 200]
    assert "target" in msgspec.json.decode(went_on[1].body)["error"]
