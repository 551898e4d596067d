"""The table's compact columns: ids by slot without a str per row, and the search text in chunk blobs."""

from __future__ import annotations

import random
import uuid

import pytest

from dossier_desk.ui.models.row_ids import RowIds, guid_bytes
from dossier_desk.ui.models.search_text import CHUNK, SearchText


def _guids(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(n)]


def test_only_canonical_guids_are_packed_and_every_id_reads_back_as_given() -> None:
    guid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert guid_bytes(guid) == uuid.UUID(guid).bytes
    for odd in (
        guid.upper(),  # kept as is, so it reads back upper case
        "local-1",
        "00000000-0000-0000-0000-000000000000",  # all zeros marks a free slot
        "0f8fad5b-d9cb-469f-a165-70867728950",
        "0f8fad5b-d9cb-469f-a165-70867728950g",
        "0f8fad5b d9cb-469f-a165-70867728950e",
        "0f8fad5b-d9cb-469f-a165-7086772895 e",
        "0f8fad5b-d9cb-469f-a165-70867728950é",
    ):
        assert guid_bytes(odd) is None, odd
    ids = RowIds()
    ids.grow(3)
    for slot, dossier_id in enumerate((guid, guid.upper(), "local-1")):
        ids.put(slot, dossier_id)
    assert [ids[s] for s in range(3)] == [guid, guid.upper(), "local-1"]
    assert [ids.slot(i) for i in (guid, guid.upper(), "local-1", "local-2")] == [0, 1, 2, None]
    assert len(ids) == 3
    assert set(ids) == {guid, guid.upper(), "local-1"}


def test_ids_are_found_through_growth_removal_and_slot_reuse() -> None:
    pool = _guids(5000)
    ids = RowIds()
    ids.extend(pool[:3000], b"".join(guid_bytes(i) or bytes(16) for i in pool[:3000]))
    for i, dossier_id in enumerate(pool[3000:], start=3000):  # one at a time: the table grows
        ids.grow(1)
        ids.put(i, dossier_id)
    assert all(ids.slot(d) == s for s, d in enumerate(pool))
    gone = set(range(0, 5000, 3))
    for slot in gone:
        ids.free(slot)
    assert [ids[s] for s in sorted(gone)][:3] == ["", "", ""]
    assert all(ids.slot(pool[s]) is None for s in gone)
    assert all(ids.slot(pool[s]) == s for s in range(5000) if s not in gone)
    newcomers = _guids(len(gone), seed=8)
    for slot, dossier_id in zip(sorted(gone), newcomers, strict=True):  # the freed slots are used again
        ids.put(slot, dossier_id)
    assert all(ids.slot(d) == s for s, d in zip(sorted(gone), newcomers, strict=True))
    assert len(ids) == 5000
    assert ids.live_slots() == list(range(5000))
    assert ids.known([pool[1], newcomers[0], "nobody"]) == {pool[1], newcomers[0]}
    assert ids.isdisjoint(["nobody", pool[0]])
    assert not ids.isdisjoint([*_guids(6000)[:1], pool[2]])


def _naive(texts: list[str], word: str, slots: list[int]) -> list[int]:
    return [s for s in slots if word in texts[s]]


@pytest.mark.parametrize("rows", [1, CHUNK - 1, CHUNK, 3 * CHUNK + 17])
def test_search_finds_what_a_substring_test_of_each_row_finds(rows: int) -> None:
    rng = random.Random(rows)
    words = ("jansen", "de vries", "knie", "bäcker", "łódź", "müller", "d0001", "hr/2024/7", "", "ab")
    texts = ["\x1f".join(rng.sample(words, 3)) for _ in range(rows)]
    column = SearchText()
    column.extend(texts[: rows // 2])
    for text in texts[rows // 2 :]:
        column.append(text)
    order = list(range(rows))
    rng.shuffle(order)
    for word in ("j", "e", "jansen", "vries", "ä", "łó", "ódź", "/7", "zzz", "n\x1fk"):
        assert column.matching(word, order) == _naive(texts, word, order), word  # every row
        few = order[: max(1, rows // 20)]
        assert column.matching(word, few) == _naive(texts, word, few), word  # few rows
    assert [column[s] for s in (0, rows - 1)] == [texts[0], texts[-1]]


def test_a_changed_row_is_found_by_its_new_text_and_a_cleared_one_by_none() -> None:
    texts = [f"d{i:05d}\x1fknie" for i in range(2 * CHUNK + 5)]
    column = SearchText()
    column.extend(texts)
    everyone = list(range(len(texts)))
    column[3] = "d00003\x1frug"
    column[CHUNK + 1] = "line\nbreak"  # a newline never ends a row early
    column[2 * CHUNK + 4] = ""
    assert column.matching("rug", everyone) == [3]
    assert 3 not in column.matching("knie", everyone)
    assert column.matching("break", everyone) == [CHUNK + 1]
    assert column.matching("d", everyone) == [s for s in everyone if s not in (CHUNK + 1, 2 * CHUNK + 4)]
    assert column[CHUNK + 1] == "line break"
    with pytest.raises(IndexError):
        column[len(texts)] = "past the end"


def test_codes_and_ranks_widen_when_a_column_has_many_values() -> None:
    from dossier_desk.api.models import Dossier
    from dossier_desk.ui.models.row_store import SLOT_BITS, RowStore
    from dossier_desk.ui.models.rows import RowBuilder

    store = RowStore()
    rows = [
        Dossier(id=f"r{i}", no=f"N{i}", primary_contact_no=f"C{i:05d}", department=f"D{i:05d}")
        for i in range(3000)
    ]
    store.put(RowBuilder().build(rows[:100]))  # few values: a byte per code, 32-bit sort keys
    assert store.codes["department"].itemsize == 1
    assert store.ints["department"].itemsize == 4
    for i in range(100, 3000, 700):  # the first batch only appends; later ones go row by row too
        store.put(RowBuilder().build(rows[i : i + 700]))
    store.put(RowBuilder().build([Dossier(id="r5", no="N5", department="D99999", primary_contact_no="C5")]))
    assert store.codes["contact_no"].itemsize == 2
    assert store.ints["department"].itemsize == 8  # 3001 ranks do not fit beside the slot in 32 bits
    slots = store.live_slots()
    expected = [d.primary_contact_no if d.id != "r5" else "C5" for d in rows]
    assert [store.value(s, "contact_no") for s in slots] == expected
    by_department = sorted(slots, key=store.key_column("department").__getitem__)
    assert [store.value(s, "department") for s in by_department] == sorted(
        d.department if d.id != "r5" else "D99999" for d in rows
    )
    assert all(store.ints["department"][s] & ((1 << SLOT_BITS) - 1) == s for s in slots)
