"""The sandbox's self-signed certificate: a usable trust anchor for 127.0.0.1, private key kept private."""

from __future__ import annotations

import ipaddress
import os
import ssl
from pathlib import Path

import pytest
from cryptography import x509

from dossier_sandbox.tls import ensure_self_signed_cert


def test_certificate_names_loopback_and_is_its_own_ca(tmp_path: Path) -> None:
    cert_path, key_path = ensure_self_signed_cert(tmp_path / "tls")
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert ipaddress.ip_address("127.0.0.1") in san.get_values_for_type(x509.IPAddress)
    assert "localhost" in san.get_values_for_type(x509.DNSName)
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert cert.issuer == cert.subject
    context = ssl.create_default_context(cafile=str(cert_path))  # loads as a trust anchor
    context.load_cert_chain(cert_path, key_path)  # and the key matches the certificate


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_key_file_is_private(tmp_path: Path) -> None:
    _, key_path = ensure_self_signed_cert(tmp_path)
    assert key_path.stat().st_mode & 0o777 == 0o600


def test_existing_pair_is_reused(tmp_path: Path) -> None:
    cert_path, key_path = ensure_self_signed_cert(tmp_path)
    before = cert_path.read_bytes(), key_path.read_bytes()
    assert ensure_self_signed_cert(tmp_path) == (cert_path, key_path)
    assert (cert_path.read_bytes(), key_path.read_bytes()) == before


def test_mismatched_or_broken_pair_is_replaced(tmp_path: Path) -> None:
    cert_path, key_path = ensure_self_signed_cert(tmp_path / "a")
    other_cert, _ = ensure_self_signed_cert(tmp_path / "b")
    cert_path.write_bytes(other_cert.read_bytes())  # certificate of another key
    ensure_self_signed_cert(tmp_path / "a")
    ssl.create_default_context().load_cert_chain(cert_path, key_path)
    key_path.write_text("garbage")
    ensure_self_signed_cert(tmp_path / "a")
    ssl.create_default_context().load_cert_chain(cert_path, key_path)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_loosened_key_permissions_force_a_new_key(tmp_path: Path) -> None:
    _, key_path = ensure_self_signed_cert(tmp_path)
    old = key_path.read_bytes()
    key_path.chmod(0o644)
    ensure_self_signed_cert(tmp_path)
    assert key_path.read_bytes() != old
    assert key_path.stat().st_mode & 0o777 == 0o600
