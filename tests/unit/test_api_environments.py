"""The BC environments list: parsing, and where each environment's APIs live."""

from __future__ import annotations

import json

import pytest

from dossier_desk.api.environments import (
    environment_api_base,
    installed_version,
    parse_environments,
    version_tuple,
)
from dossier_desk.api.errors import MalformedResponseError

CLOUD = "https://api.businesscentral.dynamics.com"
TENANT = "7e0b5a1c-1111-4222-8333-944455556666"


def _body(*environments: dict) -> bytes:
    return json.dumps({"value": list(environments)}).encode()


def test_environments_with_their_api_roots() -> None:
    body = _body(
        {
            "aadTenantId": TENANT,
            "applicationFamily": "BusinessCentral",
            "type": "Production",
            "name": "Production",
            "countryCode": "NL",
            "webServiceUrl": f"{CLOUD}/v2.0/{TENANT}/Production/WS",
            "webClientLoginUrl": "https://businesscentral.dynamics.com/...",
            "ringName": "PROD",
            "applicationVersion": "25.2.28137.0",
            "unknownFutureField": {"x": 1},
        },
        {"aadTenantId": TENANT, "applicationFamily": "BusinessCentral", "type": "Sandbox", "name": "Test"},
        {"aadTenantId": TENANT, "applicationFamily": "PowerApps", "type": "Production", "name": "Other"},
    )
    production, test = parse_environments(body, CLOUD)
    assert (production.name, production.type, production.tenant_id) == ("Production", "Production", TENANT)
    assert production.api_root() == f"{CLOUD}/v2.0/{TENANT}/Production/api/qteam/dossier/v1.0"
    # no webServiceUrl: the cloud layout
    assert test.api_root() == f"{CLOUD}/v2.0/{TENANT}/Test/api/qteam/dossier/v1.0"


def test_api_base_from_service_urls() -> None:
    sandbox = "http://127.0.0.1:8080/v2.0/sandbox/Production"
    assert environment_api_base(sandbox, "", "Production", CLOUD) == sandbox
    assert environment_api_base(f"{sandbox}/ODataV4/", "", "Production", CLOUD) == sandbox
    assert environment_api_base("", "", "My Env", CLOUD) == f"{CLOUD}/v2.0/common/My%20Env"


@pytest.mark.parametrize("body", [b"", b"{}", b'{"value": [{"type": "Production"}]}', b"<html>"])
def test_malformed_lists_raise(body: bytes) -> None:
    with pytest.raises(MalformedResponseError):
        parse_environments(body, CLOUD)


def test_installed_version_from_the_admin_center_apps_list() -> None:
    apps = {
        "value": [
            {
                "id": "1",
                "name": "Base Application",
                "publisher": "Microsoft",
                "version": "25.2.1.0",
                "state": "Installed",
            },
            {
                "id": "2",
                "name": "Dynamics Dossier",
                "publisher": "Q-Team",
                "version": "1.4.0.7",
                "state": "Installed",
            },
        ]
    }
    assert installed_version(json.dumps(apps).encode()) == "1.4.0.7"
    apps["value"].pop()
    assert installed_version(json.dumps(apps).encode()) is None
    with pytest.raises(MalformedResponseError):
        installed_version(b"[]")


def test_versions_compare_numerically() -> None:
    assert version_tuple("1.10.0.0") > version_tuple("1.9.9.9")
    assert version_tuple("0.9.0.0") < version_tuple("1.0.0.0")
    assert version_tuple("1.0") < version_tuple("1.0.0.1")
