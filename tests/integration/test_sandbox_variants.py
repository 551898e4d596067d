"""Choosing the server variant: at start (config, CLI), at run time (method and admin API), fixtures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from dossier_sandbox import VARIANTS, SandboxConfig, SandboxServer
from dossier_sandbox.__main__ import parse_args
from tests.sandbox_fixtures import ALL_VARIANTS, client_of


def test_variant_names() -> None:
    assert VARIANTS == ("bc", "bc23", "odata", "vendor")
    assert SandboxConfig().variant == "bc"


def test_unknown_variant_is_refused_before_start() -> None:
    with pytest.raises(ValueError, match="unknown sandbox variant"):
        SandboxServer(SandboxConfig(variant="graph"))


def test_cli_takes_a_variant() -> None:
    assert parse_args([]).variant == "bc"
    assert parse_args(["--variant", "odata"]).variant == "odata"


def test_session_sandbox_is_bc(sandbox: SandboxServer) -> None:
    assert sandbox.variant == "bc"


def test_switch_at_run_time(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=5)
    with client_of(server) as client:
        dossier = client.get("dossiers", params={"$top": "1"}).json()["value"][0]
        url = f"dossiers({dossier['id']})"
        assert client.patch(url, json={"ourReference": "x"}).status_code == 412
        server.set_variant("odata")
        assert server.variant == "odata"
        assert client.patch(url, json={"ourReference": "x"}).status_code == 428
        admin = httpx.post(server.base_url + "/_sandbox/variant", json={"variant": "bc"}, trust_env=False)
        assert admin.status_code == 200
        assert admin.json() == {"variant": "bc"}
        assert server.variant == "bc"
        assert client.patch(url, json={"ourReference": "x"}).status_code == 412
    current = httpx.get(server.base_url + "/_sandbox/variant", trust_env=False).json()
    assert current == {"variant": "bc", "variants": list(VARIANTS)}
    bad = httpx.post(server.base_url + "/_sandbox/variant", json={"variant": "nope"}, trust_env=False)
    assert bad.status_code == 400
    assert server.stats()["variant"] == "bc"


def test_default_variants_fixture(sandbox_variant: str, variant_sandbox: SandboxServer, request) -> None:
    assert sandbox_variant in ("bc", "odata")
    assert variant_sandbox.variant == sandbox_variant
    assert request.node.name.endswith(f"[{sandbox_variant}]")


@pytest.mark.variants(*ALL_VARIANTS)
def test_every_variant_serves(variant_sandbox: SandboxServer) -> None:
    with client_of(variant_sandbox) as client:
        response = client.get("dossiers", params={"$top": "3"})
    assert response.status_code == 200
    assert len(response.json()["value"]) == 3


@pytest.mark.parametrize("variant", VARIANTS)
def test_cli_serves_each_variant(tmp_path, variant: str) -> None:
    args = [sys.executable, "-m", "dossier_sandbox", "--dossiers", "50", "--variant", variant]
    args += ["--data-dir", str(tmp_path), "--rate-limit", "off"]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as process:
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline() for _ in range(5)]
            assert lines[4].split() == ["Variant:", variant]
            response = httpx.get(lines[0].split()[-1] + "/$metadata", trust_env=False)
            assert response.status_code == 401
        finally:
            process.terminate()
            assert process.wait(timeout=15) == 0


@pytest.mark.variants(*ALL_VARIANTS)
def test_serves_the_golden_metadata(variant_sandbox: SandboxServer, sandbox_variant: str) -> None:
    golden = Path(__file__).resolve().parents[1] / "fixtures" / "metadata"
    name = {"vendor": "vendor.xml", "bc23": "bc23.xml"}.get(sandbox_variant, "bc.xml")
    with client_of(variant_sandbox) as client:
        response = client.get(variant_sandbox.api_root + "/$metadata")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert response.content == (golden / name).read_bytes()
