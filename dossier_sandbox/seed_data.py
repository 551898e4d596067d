"""The vocabulary of the seed data: names, departments, workflows with their terms, dossier types,
descriptions (never a diagnosis), distributions and document templates."""

from __future__ import annotations

FIRST_NAMES = (
    "Sanne",
    "Daan",
    "Emma",
    "Lucas",
    "Julia",
    "Sem",
    "Tess",
    "Milan",
    "Anna",
    "Levi",
    "Sophie",
    "Finn",
    "Lotte",
    "Bram",
    "Fleur",
    "Thijs",
    "Noor",
    "Ruben",
    "Eva",
    "Jesse",
    "Olivia",
    "James",
    "Charlotte",
    "Oliver",
    "Amelia",
    "Harry",
    "Grace",
    "Jack",
    "Chloé",
    "Zoë",
    "Mohammed",
    "Fatima",
    "Yusuf",
    "Aïsha",
)
LAST_NAMES = (
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "O'Brien",
    "O'Connor",
    "Yılmaz",
    "El Amrani",
    "Nguyễn",
    "Müller",
    "van 't Hof",
)
DEPARTMENTS = ("SALES", "PRODUCTION", "WAREHOUSE", "FINANCE", "IT", "HR", "LOGISTICS", "SERVICE", "R&D")
CASE_MANAGERS = ("SVD", "PJ", "AB", "WS", "MK", "LH")

# (code, workflow, lines): line = (description, term, comments required)
WORKFLOWS: dict[str, list[tuple[str, str, bool]]] = {
    "WF-ABSENCE": [
        ("Ziekmelding geregistreerd / Sick report registered", "1D", False),
        ("Probleemanalyse bedrijfsarts (week 6)", "6W", False),
        ("Plan van aanpak (week 8)", "8W", False),
        ("Evaluatie plan van aanpak (6-wekelijks)", "14W", False),
        ("Eerstejaarsrapportage / report to UWV (week 42)", "42W", True),
        ("Eerstejaarsevaluatie (week 52)", "52W", False),
        ("WIA-aanvraag / WIA application (week 91)", "91W", True),
        ("Einde loondoorbetaling / end of continued pay (week 104)", "104W", False),
    ],
    "WF-MEDICAL": [
        ("Intake occupational health", "1W", False),
        ("Spreekuur bedrijfsarts / consultation", "3W", False),
        ("Advies aan werkgever / advice to employer", "4W", True),
        ("Follow-up consultation", "12W", False),
    ],
    "WF-REINTEGRATION": [
        ("Keuze spoor 1 / spoor 2", "2W", True),
        ("Re-integratieplan / reintegration plan", "4W", False),
        ("Tussenevaluatie / interim evaluation", "13W", False),
        ("Afronding re-integratie / completion", "26W", False),
    ],
    "WF-EXAMINATION": [
        ("Uitnodiging PAGO / invitation", "2W", False),
        ("Onderzoek / examination", "4W", False),
        ("Rapportage / report", "6W", True),
    ],
    "WF-SAFETY": [
        ("Incident geregistreerd / incident registered", "1D", False),
        ("Onderzoek oorzaak / investigation", "3D", True),
        ("Maatregelen / corrective measures", "2W", False),
        ("Afsluiting / closing review", "4W", False),
    ],
}

# code, description, category, sickness, duration, workflow
DOSSIER_TYPES = (
    ("ABSENCE", "Ziekteverzuim / Sickness absence", "Absence", True, "P2Y", "WF-ABSENCE"),
    ("ABSENCE-PART", "Gedeeltelijk verzuim / Partial absence", "Absence", True, "P2Y", "WF-ABSENCE"),
    ("MEDICAL", "Medical Records", "Medical", False, "P1Y", "WF-MEDICAL"),
    ("REINTEGR", "Re-integratie / Reintegration", "Reintegration", False, "P1Y", "WF-REINTEGRATION"),
    ("PAGO", "Periodiek arbeidsgezondheidskundig onderzoek", "Examination", False, "P6M", "WF-EXAMINATION"),
    ("SAFETY", "Arbo-incident / Safety incident", "Safety", False, "P3M", "WF-SAFETY"),
)

DESCRIPTIONS = {
    "Absence": (
        "Ziekmelding {name}",
        "Absence report {month}",
        "Langdurig verzuim {name}",
        "Frequent verzuim – gesprek",
        "Partial return to work {month}",
    ),
    "Medical": (
        "Employee Medical Assessment",
        "Spreekuur bedrijfsarts {month}",
        "Medical follow-up {name}",
        "Arbeidsgeschiktheid beoordeling",
    ),
    "Reintegration": ("Re-integratie spoor 1 – {name}", "Spoor 2 traject {month}", "Return-to-work plan"),
    "Examination": ("PAGO {year} – {dept}", "Pre-employment examination", "Periodic health check {month}"),
    "Safety": (
        "Incident {dept}: heftruck",
        "Near miss {month}",
        "Werkplekonderzoek {dept}",
        "Slip incident warehouse",
    ),
}

STATUSES = (("New", 10), ("Open", 30), ("In Process", 35), ("Closed", 18), ("Archived", 7))
PRIORITIES = (("Low", 25), ("Normal", 55), ("High", 20))
LEVELS = ((0, 35), (1, 30), (2, 25), (3, 10))
MONTHS = (
    "januari",
    "February",
    "maart",
    "April",
    "mei",
    "June",
    "juli",
    "August",
    "september",
    "October",
    "november",
    "December",
)
# document kinds per category: (description, documentType, confidential, blob kind)
DOC_TEMPLATES = (
    ("Ziekmelding formulier", "Administrative", False, "pdf"),
    ("Medical Certificate", "Medical", True, "pdf"),
    ("Plan van aanpak", "Legal", False, "docx"),
    ("Foto werkplek / workplace photo", "Administrative", False, "png"),
    ("Gespreksverslag / meeting notes", "Administrative", False, "txt"),
    ("Advies bedrijfsarts", "Medical", False, "pdf"),
)
CREATED_BY = "Sanne de Vries (caseworker)"

# Fixed records that exercise escaping and blanks in every variant (quotes, &, #, +, %, accents, dotless
# i, sharp s, emoji; empty optional fields; blank dates). Applied by position after the random data is
# drawn, so the rest of the seed stays the same. Contacts C00002.. get these names:
HOSTILE_CONTACTS = (
    ("Zoë", "Müller"),
    ("Seán", "O'Brien"),
    ("Ayşe", "Yılmaz"),
    ("Jürgen", "Weiß"),
    ("Chloé", "van 't Hof"),
    ("Mia 🌷", "de Vries-Smit"),
)
# Dossiers D00002.. get these descriptions (<= 100 characters) and references (<= 35).
HOSTILE_DESCRIPTIONS = (
    ("Verzuim Zoë Müller – 50% hersteld & #2 + evaluatie", "A&B #1+2 100%"),
    ("O'Brien: plan van aanpak #1 + 'tussenevaluatie'", "O'Brien/2026"),
    ("Yılmaz & Co — PAGO ⏰ 100%", "Yılmaz #3"),
    ("Straße Weiß: werkplek ≥ 20% + ß/ı/é/ü", "ß+ı=%"),
    ("Gesprek 🙂 #3 + follow-up 🩺", "🙂"),
    ("Re-integratie R&D: 50 %/50 % (spoor 1+2)", "50%+50%"),
    ('Quote " backslash \\ and <tag> &amp; test', 'x"y\\z'),
)
