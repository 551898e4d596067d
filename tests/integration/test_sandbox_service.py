"""Discovery, reference data, $metadata, administration, start-up, seed determinism and the CLI."""

from __future__ import annotations

import ssl
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from datetime import date

import httpx

from dossier_sandbox import SandboxConfig, SandboxServer
from dossier_sandbox.workflow_terms import add_term
from tests.sandbox_fixtures import client_of


def test_companies_discovery(sandbox, api_client: httpx.Client) -> None:
    standard = sandbox.base_url + "/v2.0/sandbox/Production/api/v2.0/companies"
    for url in (standard, sandbox.api_root + "/companies"):
        companies = api_client.get(url).json()["value"]
        assert [c["id"] for c in companies] == [sandbox.company_id]
        assert companies[0]["name"] == companies[0]["displayName"] == "CRONUS Nederland BV"
    assert api_client.get(sandbox.company_url).json()["id"] == sandbox.company_id


def test_dossier_types_and_contacts(api_client: httpx.Client) -> None:
    types = api_client.get("dossierTypes").json()["value"]
    assert {t["category"] for t in types} == {"Absence", "Medical", "Reintegration", "Examination", "Safety"}
    absence = api_client.get("dossierTypes('ABSENCE')").json()
    assert absence["sickness"] is True
    assert absence["durationOfDossier"] == "P2Y"
    assert absence["workflowCode"] == "WF-ABSENCE"
    assert api_client.get(f"dossierTypes({absence['id']})").json()["code"] == "ABSENCE"
    contact = api_client.get("contacts('C00001')").json()
    assert contact["no"] == "C00001"
    assert "@" in contact["email"]
    assert contact["@odata.etag"]
    assert api_client.get(f"contacts({contact['id']})").json()["no"] == "C00001"
    assert api_client.get("contacts('C99999')").status_code == 404
    page = api_client.get("contacts", params={"$filter": "startswith(name,'S')", "$orderby": "name"}).json()[
        "value"
    ]
    assert page
    assert all(c["name"].startswith("S") for c in page)


def test_metadata_is_csdl(sandbox, api_client: httpx.Client) -> None:
    response = api_client.get(sandbox.api_root + "/$metadata")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    names = {e.get("Name") for e in root.iter() if e.tag.endswith("EntitySet") or e.tag.endswith("Singleton")}
    assert {
        "dossiers",
        "dossierTypes",
        "contacts",
        "documents",
        "workflowLog",
        "companies",
    } == names  # no uploadRules: no reference document defines one


def test_startup_is_fast_for_300_dossiers(tmp_path) -> None:
    began = time.perf_counter()
    with SandboxServer(SandboxConfig(dossiers=300, data_dir=tmp_path)) as server:
        elapsed = time.perf_counter() - began
        with client_of(server) as client:
            assert client.get("dossiers/$count").status_code == 200
    # Measured ~0.25 s on an idle 2-core machine; the bound leaves room for a busy CI runner.
    assert elapsed < 3.0, elapsed


def test_seed_is_deterministic(sandbox_factory) -> None:
    first, second = sandbox_factory(dossiers=80), sandbox_factory(dossiers=80)
    assert first.company_id == second.company_id
    with client_of(first, "occhealth@demo") as a, client_of(second, "occhealth@demo") as b:
        params = {
            "$select": "id,no,description,primaryContactNo,status,priority,confidentialityLevel,startingDate"
        }
        assert (
            a.get("dossiers", params=params).json()["value"]
            == b.get("dossiers", params=params).json()["value"]
        )
        other = sandbox_factory(dossiers=80, seed=2)
        assert other.company_id != first.company_id


def test_seed_covers_every_category_status_priority_and_level(sandbox, client_for) -> None:
    rows = (
        client_for("occhealth@demo")
        .get(
            "dossiers",
            params={
                "$select": "category,status,priority,confidentialityLevel,description",
                "$filter": "no ge 'D00001' and no le 'D00300'",  # seeded only: other tests add dossiers
            },
        )
        .json()["value"]
    )
    assert len(rows) == 300
    assert {r["category"] for r in rows} == {"Absence", "Medical", "Reintegration", "Examination", "Safety"}
    assert {r["status"] for r in rows} == {"New", "Open", "In_x0020_Process", "Closed", "Archived"}
    assert {r["priority"] for r in rows} == {"Low", "Normal", "High"}
    assert {r["confidentialityLevel"] for r in rows} == {0, 1, 2, 3}
    assert all(r["description"] for r in rows)


def test_touch_and_reset_data(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=50)
    admin = httpx.Client(base_url=server.base_url, trust_env=False)
    with admin, client_of(server) as client:
        before = client.get("dossiers/$count").text
        client.post("dossiers", json={"description": "temporary"})
        assert admin.post("/_sandbox/touch", json={"count": 5}).json() == {"touched": 5}
        assert admin.post("/_sandbox/touch", json={"count": -1}).status_code == 400
        assert int(client.get("dossiers/$count").text) == int(before) + 1
        assert admin.post("/_sandbox/reset", json={"data": True}).json()["data"] is True
        assert client.get("dossiers/$count").text == before
        assert admin.get("/_sandbox/stats").json()["dossiers"] == 50


def test_admin_endpoints_need_no_token_but_api_does(sandbox) -> None:
    with httpx.Client(base_url=sandbox.base_url, trust_env=False) as client:
        assert client.get("/_sandbox/stats").status_code == 200
        assert client.get("/_sandbox/nothing").status_code == 404


def test_token_issuer_is_the_https_authority(sandbox) -> None:
    assert sandbox.authority.startswith("https://127.0.0.1:")
    assert sandbox.tokens.issuer == sandbox.authority
    trust = ssl.create_default_context(cafile=str(sandbox.ca_cert_path))
    discovery = httpx.get(
        sandbox.authority + "/v2.0/.well-known/openid-configuration", verify=trust, trust_env=False
    )
    if discovery.status_code == 404:  # discovery path without /v2.0
        discovery = httpx.get(
            sandbox.authority + "/.well-known/openid-configuration", verify=trust, trust_env=False
        )
    assert discovery.status_code == 200
    assert discovery.json()["issuer"] == sandbox.authority


def test_date_formulas() -> None:
    assert add_term(date(2026, 1, 5), "6W") == date(2026, 2, 16)
    assert add_term(date(2026, 1, 31), "1M") == date(2026, 2, 28)
    assert add_term(date(2024, 2, 29), "1Y") == date(2025, 2, 28)
    assert add_term(date(2026, 1, 5), "3D") == date(2026, 1, 8)


def test_cli_prints_urls_and_serves(tmp_path) -> None:
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dossier_sandbox",
            "--dossiers",
            "50",
            "--data-dir",
            str(tmp_path),
            "--rate-limit",
            "off",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            _check_cli_output(process)
        finally:
            process.terminate()
            assert process.wait(timeout=15) == 0


def _check_cli_output(process: subprocess.Popen) -> None:
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(5)]
    assert lines[0].startswith("API root:   http://127.0.0.1:")
    assert lines[2].startswith("Authority:  https://127.0.0.1:")
    assert lines[3].strip().endswith(".pem")
    api_root = lines[0].split()[-1]
    response = httpx.get(api_root + "/$metadata", trust_env=False)
    assert response.status_code == 401  # up, and guarded
