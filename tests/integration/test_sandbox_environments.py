"""The sandbox as a BC tenant over real HTTP: several environments and companies, an environment without
the extension, BC's environments endpoint and the admin center's installed-apps endpoint."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urljoin

import httpx
import pytest

from dossier_sandbox import SandboxConfig, SandboxServer
from dossier_sandbox.routes_environments import DOSSIER_APP_ID
from dossier_sandbox.tenancy import tenant_id
from tests.sandbox_fixtures import ALL_VARIANTS

pytestmark = pytest.mark.variants(*ALL_VARIANTS)
ENVIRONMENTS = ("Production", "Test", "Bare")
COMPANIES = ("CRONUS Nederland BV", "Lege Vennootschap B.V.")


@pytest.fixture(scope="module")
def tenant(tmp_path_factory: pytest.TempPathFactory, sandbox_variant: str) -> Iterator[SandboxServer]:
    config = SandboxConfig(
        variant=sandbox_variant,
        dossiers=6,
        rate_limit=None,
        max_page_size=2,
        data_dir=tmp_path_factory.mktemp("tenant"),
        environments=ENVIRONMENTS,
        companies=COMPANIES,
        extension_missing_in=("Bare",),
        extension_version="1.4.2.7",
    )
    with SandboxServer(config) as server:
        yield server


@pytest.fixture
def as_user(tenant: SandboxServer) -> Iterator[Callable[[str], httpx.Client]]:
    clients: list[httpx.Client] = []

    def make(username: str) -> httpx.Client:
        client = httpx.Client(
            headers={"Authorization": f"Bearer {tenant.issue_token(username)}"}, timeout=30, trust_env=False
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def test_environments_endpoint_lists_every_environment_with_its_service_url(
    tenant: SandboxServer, as_user: Callable[[str], httpx.Client]
) -> None:
    client = as_user("linemanager@demo")  # any user of the tenant may list them
    response = client.get(tenant.environments_url)
    assert response.status_code == 200, response.text
    value = response.json()["value"]
    assert [e["name"] for e in value] == list(ENVIRONMENTS)
    assert [e["type"] for e in value] == ["Production", "Sandbox", "Sandbox"]
    for env in value:
        assert env["aadTenantId"] == tenant_id("sandbox")
        assert env["applicationFamily"] == "BusinessCentral"
        assert env["countryCode"] == "NL"
        assert env["ringName"] == "PROD"
        assert env["applicationVersion"]
        assert env["webClientLoginUrl"]
        companies = client.get(env["webServiceUrl"] + "/api/v2.0/companies")
        assert companies.status_code == 200, companies.text  # also where the extension is missing
        assert [c["name"] for c in companies.json()["value"]] == sorted(COMPANIES)
    assert httpx.get(tenant.environments_url, trust_env=False).status_code == 401


def test_every_environment_serves_the_api_and_links_stay_in_it(
    tenant: SandboxServer, as_user: Callable[[str], httpx.Client]
) -> None:
    client = as_user("caseworker@demo")
    test_root = tenant.api_root_for("Test")
    company = f"{test_root}/companies({tenant.company_id})"
    page = client.get(f"{company}/dossiers")
    assert page.status_code == 200, page.text
    body = page.json()
    assert len(body["value"]) == 2
    next_link = urljoin(str(page.url), body["@odata.nextLink"])  # relative on a generic OData server
    assert next_link.startswith(f"{company}/dossiers?")
    assert "/Test/api/" in body["@odata.context"]
    assert "/Production/" not in page.text
    assert client.get(next_link).status_code == 200
    created = client.post(
        f"{company}/dossiers",
        json={
            "description": "Made in Test",
            "dossierTypeCode": "ABSENCE",
            "primaryContactNo": "C00001",
            "startingDate": "2026-01-05",
        },
    )
    assert created.status_code == (200 if tenant.variant == "vendor" else 201), created.text
    assert created.headers["location"].startswith(f"{company}/dossiers(")
    assert client.get(created.headers["location"]).status_code == 200
    metadata = client.get(f"{test_root}/$metadata")
    assert metadata.status_code == 200
    # The tenant's GUID works in the path as its name does; environment names ignore case.
    by_guid = f"{tenant.base_url}/v2.0/{tenant_id('sandbox')}/test/api/qteam/dossier/v1.0"
    assert client.get(f"{by_guid}/companies").status_code == 200
    assert client.get(f"{by_guid}/companies({tenant.company_id})/dossierTypes").json()["value"]


def test_json_batch_in_another_environment(
    tenant: SandboxServer, as_user: Callable[[str], httpx.Client]
) -> None:
    client = as_user("caseworker@demo")
    root = tenant.api_root_for("Test")
    company = f"{root}/companies({tenant.company_id})"
    body = {
        "requests": [
            {"id": "1", "method": "GET", "url": f"companies({tenant.company_id})/dossierTypes?$top=1"},
            {"id": "2", "method": "GET", "url": f"{company}/contacts?$top=1"},
        ]
    }
    response = client.post(f"{root}/$batch", json=body)
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["responses"]] == [200, 200]


def test_an_unknown_environment_is_404(tenant: SandboxServer, as_user: Callable[[str], httpx.Client]) -> None:
    response = as_user("caseworker@demo").get(tenant.api_root_for("Nope") + "/companies")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "BadRequest_NotFound"


@pytest.mark.parametrize("suffix", ["/$metadata", "/companies", "/companies({company})/dossiers?$top=1"])
def test_missing_extension_answers_as_bc_does_for_an_unknown_route(
    tenant: SandboxServer, as_user: Callable[[str], httpx.Client], suffix: str
) -> None:
    url = tenant.api_root_for("Bare") + suffix.format(company=tenant.company_id)
    response = as_user("caseworker@demo").get(url)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "BadRequest_NotFound"
    assert error["message"].startswith("No HTTP resource was found that matches the request URI '")
    assert "/Bare/api/qteam/dossier/v1.0" in error["message"]


def test_second_company_exists_and_is_empty(
    tenant: SandboxServer, as_user: Callable[[str], httpx.Client]
) -> None:
    client = as_user("occhealth@demo")
    empty_id = tenant.company_ids[COMPANIES[1]]
    assert tenant.company_ids[COMPANIES[0]] == tenant.company_id
    listed = client.get(f"{tenant.api_root}/companies").json()["value"]
    assert {c["id"]: c["name"] for c in listed} == {v: k for k, v in tenant.company_ids.items()}
    for root in (tenant.api_root, tenant.api_root_for("Test")):
        company = f"{root}/companies({empty_id})"
        record = client.get(company)
        assert record.status_code == 200, record.text
        assert record.json()["name"] == COMPANIES[1]
        for entity_set in ("dossiers", "documents", "contacts", "dossierTypes"):
            page = client.get(f"{company}/{entity_set}")
            assert page.status_code == 200, page.text
            assert page.json()["value"] == []
            assert "@odata.nextLink" not in page.json()
            assert tenant.company_id not in page.text
        seeded = client.get(f"{tenant.company_url}/dossiers?$top=1").json()["value"][0]
        # not in this company: 404, or the vendor's (FlowOn) 204 for a record that does not exist
        missing = client.get(f"{company}/dossiers({seeded['id']})").status_code
        assert missing == (204 if tenant.variant == "vendor" else 404)
        assert client.get(f"{company}/dossiers?$filter=nonsense eq 1").status_code == 400
        post = client.post(f"{company}/dossiers", json={"description": "x", "dossierTypeCode": "ABSENCE"})
        assert post.status_code == 400
        patch = client.patch(f"{company}/dossiers({seeded['id']})", json={}, headers={"If-Match": "*"})
        assert patch.status_code == 404
    unknown = client.get(f"{tenant.api_root}/companies(00000000-0000-0000-0000-000000000001)/dossiers")
    assert unknown.status_code == 404


def test_admin_center_lists_installed_apps_for_the_admin_only(
    tenant: SandboxServer, as_user: Callable[[str], httpx.Client]
) -> None:
    admin = as_user("admin@demo")
    url = f"{tenant.admin_url}/applications/BusinessCentral/environments/{{env}}/apps"
    production = admin.get(url.format(env="Production"))
    assert production.status_code == 200, production.text
    [dossier] = [a for a in production.json()["value"] if a["id"] == DOSSIER_APP_ID]
    assert dossier == dossier | {
        "name": "Dynamics Dossier",
        "publisher": "Q-Team",
        "version": "1.4.2.7",
        "state": "Installed",
    }
    bare = admin.get(url.format(env="Bare")).json()["value"]
    assert bare
    assert DOSSIER_APP_ID not in {a["id"] for a in bare}
    assert admin.get(url.format(env="Elsewhere")).status_code == 404
    for username in ("caseworker@demo", "occhealth@demo", "auditor@demo", "linemanager@demo"):
        refused = as_user(username).get(url.format(env="Production"))
        assert refused.status_code == 403
        assert refused.json()["code"] == "Forbidden"
    assert httpx.get(url.format(env="Production"), trust_env=False).status_code == 401


def test_admin_user_is_a_full_user_of_the_api(
    tenant: SandboxServer, as_user: Callable[[str], httpx.Client]
) -> None:
    admin = as_user("admin@demo")
    dossiers = admin.get(f"{tenant.company_url}/dossiers?$filter=confidentialityLevel eq 3&$top=1")
    assert dossiers.status_code == 200, dossiers.text
    assert dossiers.json()["value"], "clearance 3 sees level-3 dossiers"


def test_cli_options_reach_the_config() -> None:
    from dossier_sandbox.__main__ import parse_args
    from dossier_sandbox.cli_tenant import tenant_options

    args = parse_args(
        [
            "--environments=Production, Test",
            "--companies=A BV,B BV",
            "--extension-missing-in=Test",
            "--omit-claims=preferred_username,upn",
            "--no-roles-claim",
            "--refresh-requires-consent",
        ]
    )
    config = SandboxConfig(**tenant_options(args))
    assert config.environments == ("Production", "Test")
    assert config.companies == ("A BV", "B BV")
    assert config.extension_missing_in == ("Test",)
    assert config.id_token_omit_claims == ("preferred_username", "upn")
    assert (config.access_token_roles, config.refresh_requires_consent) == (False, True)
    defaults = SandboxConfig(**tenant_options(parse_args([])))
    assert defaults == SandboxConfig()
