"""The BC environments list: parsing, and where each environment's APIs live."""

from __future__ import annotations

import json

import pytest

from dossier_desk.api.environments import environment_api_base, parse_environments
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
