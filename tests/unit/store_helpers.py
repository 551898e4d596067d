"""Shared helpers for the store tests: an in-memory keyring and dossier factories."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import pytest

from dossier_desk.api.models import Dossier


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps passwords in a dict (a stand-in for the OS keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install an in-memory keyring for one test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def make_dossier(n: int, **overrides: object) -> Dossier:
    """A deterministic dossier number ``n``."""
    fields: dict[str, object] = {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "no": f"D{n:05d}",
        "description": f"Dossier {n}",
        "primary_contact_no": f"C{n % 50:04d}",
        "dossier_type_code": ("ABSENCE", "MEDICAL", "REINTEGR")[n % 3],
        "status": "Open",
        "starting_date": "2026-01-05",
        "etag": f'W/"v{n}-1"',
        "last_modified_date_time": f"2026-03-01T10:00:{n % 60:02d}.000000Z",
    }
    fields.update(overrides)
    return Dossier(**fields)  # type: ignore[arg-type]
