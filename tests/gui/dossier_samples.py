"""Deterministic sample dossiers, contacts and types for the GUI tests and the model benchmark."""

from __future__ import annotations

import random
from datetime import date, timedelta

from dossier_desk.api.models import (
    CATEGORY_VALUES,
    PRIORITY_VALUES,
    STATUS_VALUES,
    Contact,
    Dossier,
    DossierType,
)
from dossier_desk.store import DossierStore, SyncListener, profile_paths
from dossier_desk.store.session import open_session
from dossier_desk.ui.models.dossier_table_model import DossierTableModel

TODAY = date(2026, 3, 15)
TYPES = (
    DossierType(id="t1", code="ABSENCE", description="Sickness absence", category="Absence", sickness=True),
    DossierType(id="t2", code="MEDEXAM", description="Medical examination", category="Examination"),
    DossierType(id="t3", code="REINT", description="Reintegration", category="Reintegration"),
    DossierType(id="t4", code="SAFETY", description="Safety incident", category="Safety"),
)
_WORDS = ("back", "knee", "burnout", "audit", "ladder", "review", "follow-up", "return", "plan", "intake")
_NAMES = ("Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos")


def contacts(n: int = 20) -> list[Contact]:
    """``n`` contacts C0001.. with Dutch surnames."""
    return [
        Contact(id=f"c{i}", no=f"C{i:04d}", name=f"{chr(65 + i % 26)}. {_NAMES[i % len(_NAMES)]}")
        for i in range(1, n + 1)
    ]


def dossiers(n: int, seed: int = 7, n_contacts: int = 20) -> list[Dossier]:
    """``n`` varied dossiers D000001.. (statuses, dates, managers) from a fixed seed."""
    rng = random.Random(seed)
    people = contacts(n_contacts)
    out = []
    for i in range(1, n + 1):
        person = people[rng.randrange(len(people))]
        kind = TYPES[rng.randrange(len(TYPES))]
        status = STATUS_VALUES[rng.randrange(len(STATUS_VALUES))]
        start = TODAY - timedelta(days=rng.randrange(0, 700))
        end = start + timedelta(days=rng.randrange(30, 400))
        closed = ""
        if status in ("Closed", "Archived"):
            closed = min(end, TODAY).isoformat()
        out.append(
            Dossier(
                id=f"id-{i:06d}",
                etag=f'W/"{i}"',
                no=f"D{i:06d}",
                description=f"{_WORDS[rng.randrange(10)].capitalize()} {_WORDS[rng.randrange(10)]} {i}",
                primary_contact_no=person.no,
                primary_contact_name=person.name,
                dossier_type_code=kind.code,
                category=kind.category if kind.category in CATEGORY_VALUES else "Absence",
                status=status,
                document_date=start.isoformat(),
                starting_date=start.isoformat(),
                ending_date=end.isoformat(),
                date_closed=closed,
                priority=PRIORITY_VALUES[rng.randrange(3)],
                case_manager_code=("CM1", "CM2", "CM3")[rng.randrange(3)],
                department=("HR", "Logistics", "Sales")[rng.randrange(3)],
                your_reference=f"REF-{rng.randrange(1000, 9999)}",
            )
        )
    return out


def make_store(listener: SyncListener, n: int = 200, *, name: str = "gui") -> DossierStore:
    """A real SQLite-backed ``DossierStore`` (in the test's tmp platform dirs) seeded with samples."""
    session = open_session(profile_paths(name, "company"), None, listener).wait()
    cache = session.cache
    cache.upsert_dossiers(dossiers(n)).wait()
    cache.replace_dossier_types(list(TYPES)).wait()
    cache.replace_contacts(contacts()).wait()
    return session.store


class FakeSync:
    """A ``SyncControl`` that records calls; tests play the server's part on the store directly."""

    def __init__(self) -> None:
        self.sync_calls = 0
        self.offline: list[bool] = []

    async def sync_now(self) -> Exception | None:
        self.sync_calls += 1
        return None

    def set_work_offline(self, enabled: bool) -> None:
        self.offline.append(enabled)


def big_table() -> tuple[DossierTableModel, list[Dossier]]:
    """A table holding the first 20,000 of 26,000 sample dossiers, and all 26,000 (the rest arrive
    in tests)."""
    pool = dossiers(26_000)
    model = DossierTableModel(today=lambda: TODAY)
    model.set_dossiers(pool[:20_000])
    return model, pool
