"""Deterministic seed data: a company, employees (contacts), dossier types with workflows, dossiers,
workflow progress and documents. Same seed, same data (ids, numbers, names, statuses...); dates are
relative to the reference date (the sandbox's ``today``) and ``lastModifiedDateTime`` stamps to the start.

Descriptions never name a diagnosis: Dutch privacy rules forbid an employer to record one.
Scales from 50 to 200,000 dossiers: rows are generated as plain tuples, chunk by chunk, and
bulk-inserted in one transaction without a journal; indexes are built afterwards; documents share a
handful of in-memory blobs (``blobs.py``).
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from dossier_sandbox.blobs import SEED_KINDS, seed_blob
from dossier_sandbox.db import Database, iso_ms_series
from dossier_sandbox.seed_data import (
    CASE_MANAGERS,
    CREATED_BY,
    DEPARTMENTS,
    DESCRIPTIONS,
    DOC_TEMPLATES,
    DOSSIER_TYPES,
    FIRST_NAMES,
    HOSTILE_CONTACTS,
    HOSTILE_DESCRIPTIONS,
    LAST_NAMES,
    LEVELS,
    MONTHS,
    PRIORITIES,
    STATUSES,
    WORKFLOWS,
)
from dossier_sandbox.workflow_terms import add_term


@dataclass(frozen=True)
class SeedInfo:
    company_id: str
    dossiers: int
    contacts: int
    documents: int


# Dossiers are generated and inserted this many at a time, so seeding 200,000 never holds them all.
CHUNK = 10_000


def _weighted(rng: random.Random, choices: tuple[tuple[object, int], ...], n: int) -> list:
    values = [c for c, _ in choices]
    weights = [w for _, w in choices]
    return rng.choices(values, weights=weights, k=n)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _contacts(rng: random.Random, count: int) -> list[tuple]:
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        phone = f"+31 6 {rng.randrange(10**7, 10**8)}"
        contact_id = _uuid(rng)  # drawn in the same order as always: the seed's ids stay the same
        department = rng.choice(DEPARTMENTS)
        if 1 <= i <= len(HOSTILE_CONTACTS):
            first, last = HOSTILE_CONTACTS[i - 1]
        local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        email = f"{local}@cronus.example"
        if i in (2, 5):  # empty optional fields
            email, phone = "", ""
        if i == 6:
            department = ""
        rows.append((contact_id, f"C{i + 1:05d}", f"{first} {last}", email, phone, department))
    return rows


@dataclass
class _DossierGenerator:
    """Generates dossiers with their workflow progress and documents, in order, chunk by chunk."""

    rng: random.Random
    seed: int
    reference: date
    contacts: list[tuple]
    types: list[tuple]
    count: int

    def __post_init__(self) -> None:
        self.statuses = _weighted(self.rng, STATUSES, self.count)
        self.priorities = _weighted(self.rng, PRIORITIES, self.count)
        self.levels = _weighted(self.rng, LEVELS, self.count)

    def chunk(self, first: int, size: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
        """(dossiers, workflow steps, documents) of dossiers ``first`` .. ``first + size - 1``."""
        dossiers: list[tuple] = []
        steps: list[tuple] = []
        documents: list[tuple] = []
        for i in range(first, first + size):
            dossier_id, start = self._dossier(i, dossiers)
            self._steps(dossier_id, i, start, steps)
            self._documents(dossier_id, i, start, documents)
        return dossiers, steps, documents

    def _dossier(self, i: int, out: list[tuple]) -> tuple[str, date]:
        rng = self.rng
        dossier_id = _uuid(rng)
        contact = self.contacts[rng.randrange(len(self.contacts))]
        _tid, code, _desc, category, _sick, _duration, self._workflow = self.types[
            rng.randrange(len(self.types))
        ]
        start = self.reference - timedelta(days=rng.randrange(1, 3 * 365))
        status = self.statuses[i]
        template = rng.choice(DESCRIPTIONS[category])
        description = template.format(
            name=contact[2], month=MONTHS[start.month - 1], year=start.year, dept=contact[5]
        )[:100]
        if status in ("Closed", "Archived"):
            ending: date | None = start + timedelta(days=rng.randrange(30, 400))
        else:
            ending = start + timedelta(days=rng.randrange(60, 730)) if rng.random() < 0.4 else None
        closed = ending.isoformat() if ending and status in ("Closed", "Archived") else ""
        external = f"EXT-{self.seed}-{i + 1}" if rng.random() < 0.1 else ""
        your_reference, department, manager = "", contact[5], rng.choice(CASE_MANAGERS)
        starting = start.isoformat()
        if 1 <= i <= len(HOSTILE_DESCRIPTIONS):
            description, your_reference = HOSTILE_DESCRIPTIONS[i - 1]
            external = f"EXT#{i + 1}&+%"
        if i % 50 == 7:  # empty optional fields and a blank starting date (the log counts from documentDate)
            department, manager, starting = "", "", ""
        out.append(
            (
                dossier_id,
                f"D{i + 1:05d}",
                description,
                contact[1],
                contact[2],
                code,
                status,
                start.isoformat(),
                starting,
                ending.isoformat() if ending else "",
                closed,
                external,
                your_reference,
                f"HR/{start.year}/{i + 1}",
                department,
                manager,
                self.priorities[i],
                self.levels[i],
                category,
            )
        )
        return dossier_id, start

    def _steps(self, dossier_id: str, i: int, start: date, out: list[tuple]) -> None:
        """Decided workflow lines: all for closed dossiers, none for new ones, some otherwise."""
        lines = WORKFLOWS[self._workflow]
        status = self.statuses[i]
        if status in ("Closed", "Archived"):
            done = len(lines)
        else:
            done = 0 if status == "New" else self.rng.randrange(0, len(lines))
        for n in range(done):
            when = add_term(start, lines[n][1])
            state = "Rejected" if self.rng.random() < 0.03 else "Completed"
            comment = "Afgerond" if state == "Completed" else "Niet akkoord, opnieuw plannen"
            out.append(
                (
                    dossier_id,
                    (n + 1) * 10000,
                    state,
                    CREATED_BY,
                    f"{when.isoformat()}T09:00:00.000000Z",
                    comment,
                )
            )

    def _documents(self, dossier_id: str, i: int, start: date, out: list[tuple]) -> None:
        rng = self.rng
        for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 3))):
            desc, doc_type, confidential, kind = rng.choice(DOC_TEMPLATES)
            ext, mime = SEED_KINDS[kind]
            doc_date = (start + timedelta(days=rng.randrange(0, 60))).isoformat()
            file_name = f"{desc.split(' /')[0].replace(' ', '_')}_{i + 1}{ext}"
            out.append(
                (
                    _uuid(rng),
                    dossier_id,
                    desc,
                    doc_type,
                    doc_date,
                    file_name,
                    len(seed_blob(kind)),
                    mime,
                    CREATED_BY,
                    f"{doc_date}T10:00:00.000000Z",
                    int(confidential),
                    f"seed:{kind}",
                )
            )


def _insert(db: Database, conn: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
    """Insert rows in primary-key order (B-tree appends instead of page splits), each with its own
    row version and millisecond so delta sync sees a strict order."""
    if not rows:
        return
    rows.sort()
    version, ms = db.reserve_stamps(len(rows))
    stamps = iso_ms_series(ms, len(rows))
    marks = ",".join("?" * (len(rows[0]) + 2))
    conn.executemany(
        f"INSERT INTO {table} VALUES ({marks})",
        [(*row, version + k, stamps[k]) for k, row in enumerate(rows)],
    )


def seed_database(
    db: Database, dossier_count: int, seed: int, company_name: str, reference: date
) -> SeedInfo:
    """Fill an empty database. ``reference`` anchors dates (dossiers start in the 3 years before it)."""
    rng = random.Random(seed)
    company_id = _uuid(rng)
    contacts = _contacts(rng, max(25, dossier_count // 4))
    types = [(_uuid(rng), *t) for t in DOSSIER_TYPES]
    generator = _DossierGenerator(rng, seed, reference, contacts, types, dossier_count)
    documents = 0
    # Generously many stamps per dossier (its workflow steps and documents are stamped too).
    db.backdate_clock(dossier_count * 16 + len(contacts) + len(types) + 1)
    with db.bulk_load():
        with db.tx() as conn:
            _insert(db, conn, "companies", [(company_id, company_name, company_name)])
            _insert(db, conn, "contacts", list(contacts))
            _insert(db, conn, "dossier_types", list(types))
            conn.executemany(
                "INSERT INTO workflow_lines VALUES (?,?,?,?,?)",
                [
                    (wf, (n + 1) * 10000, d, t, int(r))
                    for wf, lines in WORKFLOWS.items()
                    for n, (d, t, r) in enumerate(lines)
                ],
            )
            for first in range(0, dossier_count, CHUNK):
                dossiers, steps, docs = generator.chunk(first, min(CHUNK, dossier_count - first))
                _insert(db, conn, "dossiers", dossiers)
                _insert(db, conn, "workflow_steps", steps)
                _insert(db, conn, "documents", docs)
                documents += len(docs)
            conn.execute(
                "INSERT OR REPLACE INTO meta VALUES ('next_dossier_no', ?)", (str(dossier_count + 1),)
            )
        db.create_indexes()
    return SeedInfo(company_id, dossier_count, len(contacts), documents)
