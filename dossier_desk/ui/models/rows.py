"""What the dossier table derives per dossier, built in one pass that any thread may run.

:class:`RowBuilder` is an immutable snapshot of what building needs (today, the next-deadline function,
the contact collation); :meth:`RowBuilder.build` turns dossiers into :class:`PreparedRows`, a batch of
columns (folded search text, sort values, derived values) that the table model applies on the GUI
thread. Nothing here imports Qt.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from dossier_desk.api.models import PRIORITY_VALUES, STATUS_VALUES, Dossier
from dossier_desk.domain.deadlines import parse_iso_date
from dossier_desk.domain.rights import is_restricted
from dossier_desk.domain.text_fold import fold, surname_first
from dossier_desk.store.outbox_model import is_local_id
from dossier_desk.ui.models.number_keys import number_key
from dossier_desk.ui.models.row_ids import GUID_SIZE, NO_GUID, guid_bytes
from dossier_desk.ui.models.search_text import EncodedRows

# Statuses in which a dossier still needs work; the "Open" preset and "overdue" only consider these.
OPEN_STATUSES = frozenset({"New", "Open", "In Process"})

STATUS_RANK = {s: i for i, s in enumerate(STATUS_VALUES)}
PRIORITY_RANK = {p: i for i, p in enumerate(PRIORITY_VALUES)}

# Row flags (one small int per row instead of four attributes).
OVERDUE = 1
DEADLINE_PASSED = 2
ENDING_PASSED = 4
PENDING = 8
RESTRICTED = 16  # the server withheld the details from this user (blank description)

# Fields the instant search looks in (No., description, contact, references) plus the type and
# department, which caseworkers type as often.
_SEARCH_FIELDS = (
    "no",
    "description",
    "primary_contact_no",
    "primary_contact_name",
    "your_reference",
    "our_reference",
    "external_document_no",
    "dossier_type_code",
    "department",
    "case_manager_code",
)
_search_values = attrgetter(*_SEARCH_FIELDS)  # one C call for all fields

# Sort values a batch carries per row, by name (the column table says which column sorts by which):
# folded text, integer ranks, dates as ``yyyymmdd`` integers (0 when blank), the contact's collation key.
TEXT_KEYS = ("no", "description")
VOCAB_KEYS = ("type", "category", "department", "case_manager")  # few distinct values: ranked by the store
# ``date_closed`` is no column's key: the filters read it.
INT_KEYS = (
    "status",
    "priority",
    "document_date",
    "starting_date",
    "ending_date",
    "days_open",
    "deadline",
    "date_closed",
)
NO_DEADLINE = 99_999_999  # no deadline sorts last when ascending
# What the table shows besides its sort keys: texts distinct per row (one str each, repeated values
# shared) and values with few distinct values (the store keeps a small code per row, see row_store).
SHOWN_TEXTS = ("no", "description")
CODED = (*VOCAB_KEYS, "status", "priority", "contact", "contact_no")


def no_deadline(_dossier: Dossier) -> date | None:
    """Default ``next_deadline`` provider: no deadline information available."""
    return None


def date_number(value: str) -> int:
    """``YYYY-MM-DD`` -> ``yyyymmdd`` as an int (0 when blank or malformed): sorts like the date."""
    if len(value) < 10 or value.startswith("0001-01-01"):
        return 0
    try:
        return int(value[0:4]) * 10_000 + int(value[5:7]) * 100 + int(value[8:10])
    except ValueError:
        return 0


def days_open(dossier: Dossier, today: date) -> int:
    """Days since the dossier started (or was dated), up to its closing date; -1 when unknown."""
    start = parse_iso_date(dossier.starting_date) or parse_iso_date(dossier.document_date)
    if start is None:
        return -1
    end = parse_iso_date(dossier.date_closed) if dossier.status not in OPEN_STATUSES else None
    return max(0, ((end or today) - start).days)


class _Shared(dict[str, str]):
    """Each text once: ``shared[text]`` is the first equal text seen."""

    def __missing__(self, text: str) -> str:
        self[text] = text
        return text


class PreparedRows:
    """A ready-to-apply batch for ``DossierTableModel.apply``: one list per column, one entry per dossier.

    It holds what the table shows, sorts and searches by, never the dossiers themselves (whoever needs a
    dossier reads it from the store by id). Opaque to callers apart from ``len()`` and ``ids``.
    """

    __slots__ = (
        "contact",
        "flags",
        "guids",
        "ids",
        "ints",
        "names",
        "numbers",
        "search_rows",
        "shared",
        "shown",
        "texts",
        "vocab",
    )

    def __init__(self) -> None:
        # Numbers in arrays, texts interned where they repeat: a batch of every row is built before it is
        # applied, and a list of int objects per column would cost more than the table itself.
        self.ids: list[str] = []
        self.guids = bytearray()  # the ids' 16-byte forms (see row_ids), made here, off the GUI thread
        self.numbers = array("q")  # No. as sort keys (see number_keys); texts["no"] is "" where one fits
        self.search_rows = EncodedRows()  # folded search text (see :attr:`search`)
        self.flags = bytearray()
        self.contact: list[Any] = []
        self.names: dict[str, Any] = {}  # contact name -> its collation key, shared by the batch's rows
        # Repeated texts share one object. Not ``sys.intern``: its table would keep the size it grew to.
        self.shared = _Shared()
        self.texts: dict[str, list[str]] = {name: [] for name in TEXT_KEYS}
        self.shown: dict[str, list[str]] = {name: [] for name in SHOWN_TEXTS}
        self.vocab: dict[str, list[str]] = {name: [] for name in CODED}
        self.ints: dict[str, array[int]] = {name: array("q") for name in INT_KEYS}

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def search(self) -> list[str]:
        """Each row's folded search text: fields joined by ``\x1f`` (kept encoded, see ``EncodedRows``)."""
        return self.search_rows.texts()

    def without(self, drop: Callable[[str], bool]) -> PreparedRows:
        """The batch minus the rows whose id ``drop`` accepts (self when none is dropped)."""
        keep = [i for i, dossier_id in enumerate(self.ids) if not drop(dossier_id)]
        if len(keep) == len(self.ids):
            return self
        out = PreparedRows()
        out.search_rows = self.search_rows.select(keep)
        for name in ("ids", "contact"):
            values = getattr(self, name)
            setattr(out, name, [values[i] for i in keep])
        out.flags = bytearray(self.flags[i] for i in keep)
        guids = self.guids
        out.guids = bytearray().join(guids[i * GUID_SIZE : (i + 1) * GUID_SIZE] for i in keep)
        for columns, target in ((self.texts, out.texts), (self.shown, out.shown), (self.vocab, out.vocab)):
            for name, values in columns.items():
                target[name] = [values[i] for i in keep]
        for name, numbers in self.ints.items():
            out.ints[name] = array("q", [numbers[i] for i in keep])
        out.numbers = array("q", [self.numbers[i] for i in keep])
        return out


class RowBuilder:
    """An immutable snapshot of what building rows needs; :meth:`build` is pure and thread-safe."""

    __slots__ = ("_collate", "_next_deadline", "_today")

    def __init__(
        self,
        next_deadline: Callable[[Dossier], date | None] = no_deadline,
        collate: Callable[[str], Any] = fold,
        today: date | None = None,
    ) -> None:
        self._next_deadline = next_deadline
        self._collate = collate
        self._today = today or date.today()

    @property
    def today(self) -> date:
        """The day the derived values (days open, overdue) were computed for."""
        return self._today

    def build(
        self,
        dossiers: Sequence[Dossier],
        pending_ids: Collection[str] = (),
        *,
        into: PreparedRows | None = None,
        skip: Collection[str] = (),
    ) -> PreparedRows:
        """Rows for ``dossiers`` (the last version of a dossier wins), appended to ``into`` when given
        (a batch built page by page); dossiers whose id is in ``skip`` are left out."""
        latest = list({d.id: d for d in dossiers if d.id not in skip}.values())
        pending = pending_ids if isinstance(pending_ids, set | frozenset | dict) else set(pending_ids)
        out = PreparedRows() if into is None else into
        out.ids.extend(d.id for d in latest)
        for d in latest:
            out.guids += guid_bytes(d.id) or NO_GUID
        today, next_deadline, collate = self._today, self._next_deadline, self._collate
        today_number = today.year * 10_000 + today.month * 100 + today.day
        contact_keys = out.names  # one collation key per distinct name, across the pages of a batch
        texts, shown, vocab, ints = out.texts, out.shown, out.vocab, out.ints
        intern = out.shared.__getitem__  # repeated texts (descriptions, above all) share one object
        search: list[str] = []  # this call's rows only: encoded below, in one piece
        for d in latest:
            search.append(fold("\x1f".join(_search_values(d))))
            name = d.primary_contact_name or d.primary_contact_no  # the number beats a blank
            key = contact_keys.get(name)
            if key is None:
                key = contact_keys[name] = collate(surname_first(name))
            out.contact.append(key)
            # No. sorts by its folded form in upper case, so a number already in upper case (D0001, as
            # number series are) is its own sort key and is shown from it: one str per row, not two.
            if d.no.isascii() and d.no == d.no.upper():
                key = d.no
                shown["no"].append("")
            else:
                key = fold(d.no).upper()
                shown["no"].append(d.no)
            number = number_key(key)  # most numbers are one integer: no str per row
            out.numbers.append(number)
            texts["no"].append("" if number >= 0 else key)
            texts["description"].append(intern(fold(d.description)))
            shown["description"].append(intern(d.description))
            vocab["type"].append(intern(d.dossier_type_code))
            vocab["category"].append(intern(d.category))
            vocab["department"].append(intern(d.department))
            vocab["case_manager"].append(intern(d.case_manager_code))
            vocab["status"].append(intern(d.status))
            vocab["priority"].append(intern(d.priority))
            vocab["contact"].append(intern(name))
            vocab["contact_no"].append(intern(d.primary_contact_no))
            # Integer ranks sort in workflow / urgency order, not alphabetically.
            ints["status"].append(STATUS_RANK.get(d.status, len(STATUS_RANK)))
            ints["priority"].append(PRIORITY_RANK.get(d.priority, len(PRIORITY_RANK)))
            ints["document_date"].append(date_number(d.document_date))
            ints["starting_date"].append(date_number(d.starting_date))
            ending = date_number(d.ending_date)
            ints["ending_date"].append(ending)
            ints["date_closed"].append(date_number(d.date_closed))
            ints["days_open"].append(days_open(d, today) + 1)  # unknown (-1) sorts first
            is_open = d.status in OPEN_STATUSES
            deadline = next_deadline(d) if is_open else None
            ints["deadline"].append(
                deadline.year * 10_000 + deadline.month * 100 + deadline.day if deadline else NO_DEADLINE
            )
            # Only open dossiers can be overdue. A passed deadline (an undecided step, see domain.schedule)
            # and a passed ending date are told apart in the tooltip.
            flags = PENDING if d.id in pending else 0
            if is_open and deadline is not None and deadline < today:
                flags |= DEADLINE_PASSED | OVERDUE
            if is_open and ending and ending < today_number:
                flags |= ENDING_PASSED | OVERDUE
            if is_restricted(d.description, not is_local_id(d.id)):
                flags |= RESTRICTED
            out.flags.append(flags)
        out.search_rows.extend(search)
        return out
