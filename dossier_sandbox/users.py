"""Demo users of the sandbox and what each role may see and do (docs/INTERFACES.md, "Roles")."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: str
    clearance: int
    can_write: bool
    sees_medical_documents: bool
    sees_medical_details: bool

    @property
    def email(self) -> str:
        """The ``email`` claim (differs from the username, so tests can tell which claim is shown)."""
        return self.username.replace("@demo", "@demo.example")

    @property
    def subject(self) -> str:
        """Stable subject id (``sub``/``oid`` claim) derived from the username."""
        digest = hashlib.sha256(self.username.encode()).hexdigest()
        return f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-8{digest[17:20]}-{digest[20:32]}"


DEMO_USERS: dict[str, DemoUser] = {
    u.username: u
    for u in (
        DemoUser("caseworker@demo", "Sanne de Vries (caseworker)", "caseworker", 2, True, False, True),
        DemoUser("linemanager@demo", "Pieter Jansen (line manager)", "linemanager", 1, False, False, False),
        DemoUser(
            "occhealth@demo",
            "Dr. Anouk Bakker (occupational health)",
            "occupationalhealth",
            3,
            True,
            True,
            True,
        ),
        DemoUser("auditor@demo", "Willem Smit (auditor)", "auditor", 2, False, False, True),
        # Application administrator: the only role the admin center endpoints answer.
        DemoUser("admin@demo", "Femke Visser (administrator)", "admin", 3, True, False, False),
    )
}
USERS_BY_SUBJECT: dict[str, DemoUser] = {u.subject: u for u in DEMO_USERS.values()}
