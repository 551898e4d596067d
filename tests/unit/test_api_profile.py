"""ApiProfile: which API roots are accepted, BC cloud roots and the companies-discovery URL."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from dossier_desk.api.profile import ApiProfile, bc_cloud_api_root, companies_url_for, is_loopback_host


def test_bc_cloud_root_and_discovery() -> None:
    root = bc_cloud_api_root("contoso.onmicrosoft.com", "Production")
    assert (
        root
        == "https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/Production/api/qteam/dossier/v1.0"
    )
    profile = ApiProfile.bc_cloud("contoso.onmicrosoft.com", "Production", "c-1")
    assert profile.api_root == root
    assert profile.company_id == "c-1"
    assert profile.companies_url == (
        "https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/Production/api/v2.0/companies"
    )


def test_cloud_root_segments_are_validated_and_encoded() -> None:
    with pytest.raises(ValueError):
        bc_cloud_api_root("tenant/../x", "Production")
    with pytest.raises(ValueError):
        bc_cloud_api_root("..", "Production")
    assert "/My%20Sandbox/" in bc_cloud_api_root("t", "My Sandbox")


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        (
            "http://127.0.0.1:8080/v2.0/sandbox/Production/api/qteam/dossier/v1.0",
            "http://127.0.0.1:8080/v2.0/sandbox/Production/api/v2.0/companies",
        ),
        (
            "https://bc.example.com:7048/BC/api/qteam/dossier/v1.0/",
            "https://bc.example.com:7048/BC/api/v2.0/companies",
        ),
        ("https://proxy.example.com/dossier", "https://proxy.example.com/dossier/companies"),
    ],
)
def test_companies_url_for(root: str, expected: str) -> None:
    assert companies_url_for(root) == expected
    assert ApiProfile(root).companies_url == expected


@pytest.mark.parametrize(
    "root",
    [
        "http://bc.example.com/api/qteam/dossier/v1.0",
        "ftp://bc.example.com/api",
        "bc.example.com/api",
        "https:///nohost",
        "https://user:pw@bc.example.com/api",
        "https://bc.example.com/api?x=1",
        "http://127.0.0.1.example.com/api",
    ],
)
def test_unsafe_roots_are_refused(root: str) -> None:
    with pytest.raises(ValueError):
        ApiProfile(root)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "localhost", "[::1]", "::1", "app.localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)
    bracketed = f"[{host}]" if host == "::1" else host
    assert ApiProfile(f"http://{bracketed}:9000/api/x/y/v1.0").api_root.startswith("http://")


@pytest.mark.parametrize("host", ["10.0.0.1", "example.com", "localhost.example.com", "0.0.0.0"])
def test_non_loopback_hosts(host: str) -> None:
    assert not is_loopback_host(host)


def test_verify_off_only_for_loopback() -> None:
    assert ApiProfile("https://127.0.0.1/api", verify=False).ssl_verify() is False
    with pytest.raises(ValueError):
        ApiProfile("https://bc.example.com/api", verify=False)


def test_verify_with_ca_file(tmp_path: Path) -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "test ca")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    ca = tmp_path / "ca.pem"
    ca.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    profile = ApiProfile("https://bc.example.com/api", verify=str(ca))  # type: ignore[arg-type]
    assert profile.verify == ca
    assert isinstance(profile.ssl_verify(), ssl.SSLContext)


def test_root_is_normalised_and_company_switch() -> None:
    profile = ApiProfile("  https://bc.example.com/api/p/g/v1.0/ ", "a")
    assert profile.api_root == "https://bc.example.com/api/p/g/v1.0"
    assert profile.origin == ("https", "bc.example.com")
    other = profile.with_company("b")
    assert (other.company_id, other.api_root, other.companies_url) == (
        "b",
        profile.api_root,
        profile.companies_url,
    )


def test_companies_url_must_stay_on_the_server() -> None:
    with pytest.raises(ValueError):
        ApiProfile("https://bc.example.com/api", companies_url="https://evil.example.com/companies")


def test_pacing_windows_reference_remote_none_for_loopback_and_configurable() -> None:
    from dossier_desk.api.pacing import REFERENCE_WINDOWS

    assert ApiProfile("https://api.example.com/v2.0/t/e/api/q/d/v1.0").pacing_windows == REFERENCE_WINDOWS
    assert ApiProfile("http://127.0.0.1:1/api").pacing_windows == ()
    custom = ApiProfile("https://api.example.com/api", rate_windows=((6000, 300.0),))
    assert custom.pacing_windows == ((6000, 300.0),)
    assert custom.with_company("c").pacing_windows == ((6000, 300.0),)
