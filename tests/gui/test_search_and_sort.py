"""Search ignores case and diacritics; the contact column sorts by surname in the UI locale."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QLocale, QSettings, Qt

from dossier_desk.domain.text_fold import fold, surname_first
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models.dossier_filter import DossierFilter
from tests.gui.dossier_samples import FakeSync, dossiers, make_store

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

NAMES = (
    "Anna Müller",
    "Kemal Yılmaz",
    "Zoë Janssen",
    "Jan de Vries",
    "piet Bakker",
    "Émile Zola",
    "Ömer Çelik",
    "Lars Ødegaard",
)


@pytest.fixture
def bridge() -> SyncBridge:
    return SyncBridge()


@pytest.fixture
def store(bridge: SyncBridge):
    store = make_store(bridge, 0)
    samples = dossiers(len(NAMES))
    store.cache.upsert_dossiers(
        [
            msgspec.structs.replace(d, primary_contact_name=name, status="Open", description=f"Case {i}")
            for i, (d, name) in enumerate(zip(samples, NAMES, strict=True))
        ]
    ).wait()
    yield store
    store.cache.db.close()


@pytest.fixture
def window(qtbot, tmp_path: Path, store, bridge: SyncBridge) -> MainWindow:
    window = MainWindow(
        store,
        FakeSync(),
        bridge,
        QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat),
        account="caseworker@demo",
        profile="Sandbox",
        my_case_manager_code="CM1",
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def shown_contacts(window: MainWindow) -> list[str]:
    model = window.table.model()
    return [model.index(r, c.COL_CONTACT).data() for r in range(model.rowCount())]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("muller", "Anna Müller"),
        ("MÜLLER", "Anna Müller"),
        ("yilmaz", "Kemal Yılmaz"),
        ("YILMAZ", "Kemal Yılmaz"),
        ("zoe", "Zoë Janssen"),
        ("emile", "Émile Zola"),
        ("celik", "Ömer Çelik"),
        ("odegaard", "Lars Ødegaard"),
        ("Bakker", "piet Bakker"),
    ],
)
def test_search_ignores_case_and_diacritics(qtbot, window: MainWindow, typed: str, found: str) -> None:
    qtbot.keyClicks(window.filter_bar.search, typed)
    qtbot.waitUntil(lambda: shown_contacts(window) == [found])


def test_search_folds_every_text_column(window: MainWindow, store) -> None:
    first = window._repo.dossier(window.model.dossier_id_at(0))
    window.model.upsert([msgspec.structs.replace(first, your_reference="Ärztliche Überweisung")])
    window.filter_bar.set_filter(DossierFilter(text="arztliche uberweisung"))
    assert window.model.rowCount() == 1


def test_contact_sorts_by_surname_ignoring_case(qtbot, window: MainWindow) -> None:
    window.table.sortByColumn(c.COL_CONTACT, Qt.SortOrder.AscendingOrder)
    assert shown_contacts(window) == [
        "piet Bakker",  # lower-case first letter, still under B
        "Ömer Çelik",  # Ç sorts with C, not after Z
        "Zoë Janssen",
        "Anna Müller",
        "Lars Ødegaard",
        "Jan de Vries",  # under V: the particle does not decide the place
        "Kemal Yılmaz",
        "Émile Zola",
    ]


def test_fold_and_surname_keys() -> None:
    assert fold("Müller") == fold("muller") == "muller"
    assert fold("Yılmaz") == fold("YILMAZ") == fold("yilmaz") == "yilmaz"
    assert fold("İstanbul") == "istanbul"
    assert fold("Zoë") == "zoe"
    assert fold("Straße") == "strasse"
    assert surname_first("Jan van der Berg") == "Berg Jan van der"
    assert surname_first("Berg, Jan van der") == "Berg Jan van der"
    assert surname_first("Madonna") == "Madonna"


def test_collation_follows_the_locale() -> None:
    from dossier_desk.ui.models.collation import name_collation

    swedish = name_collation(QLocale(QLocale.Language.Swedish))
    english = name_collation(QLocale(QLocale.Language.English))
    words = ["Öberg", "Zetterlund", "Olsson"]
    assert sorted(words, key=english) == ["Öberg", "Olsson", "Zetterlund"] or sorted(words, key=english) == [
        "Olsson",
        "Öberg",
        "Zetterlund",
    ]
    assert sorted(words, key=swedish) == ["Olsson", "Zetterlund", "Öberg"]  # Ö after Z in Swedish
