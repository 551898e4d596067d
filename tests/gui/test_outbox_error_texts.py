"""Failures the outbox kept and the dossier rules' problems are worded in the UI's language.

The store keeps codes and data (kind, status, server text, support reference); the sentence is made
when shown, so an item parked while the app ran in English reads Dutch once the UI is Dutch.
"""

from __future__ import annotations

import time

import pytest

from dossier_desk.api import errors
from dossier_desk.domain.dossier_rules import DossierField, Problem, ProblemCode, ReadOnlyReason
from dossier_desk.store.outbox_errors import ErrorKind, ItemError, error_of
from dossier_desk.store.outbox_model import OutboxItem, OutboxKind, OutboxState
from dossier_desk.ui import i18n
from dossier_desk.ui.api_messages import outbox_error_message
from dossier_desk.ui.sync_issues.window import SyncIssuesWindow
from dossier_desk.ui.views.rule_texts import problem_text, read_only_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _item(error: ItemError, state: OutboxState = OutboxState.FAILED, **kw: object) -> OutboxItem:
    return OutboxItem(
        id=1,
        kind=OutboxKind.UPDATE,
        dossier_id="d1",
        state=state,
        payload={"changes": {"ourReference": "x"}, "base": {"no": "D0042"}},
        error=error,
        **kw,  # type: ignore[arg-type]
    )


class Store:
    def __init__(self, parked: list[OutboxItem], waiting: list[OutboxItem] = ()) -> None:  # type: ignore[assignment]
        self.parked, self.waiting = parked, list(waiting)

    def parked_items(self) -> list[OutboxItem]:
        return list(self.parked)

    def waiting_items(self) -> list[OutboxItem]:
        return list(self.waiting)

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        raise AssertionError(exc)


@pytest.fixture
def dutch(qapp):
    translators = i18n.install_translators(qapp, i18n.locale_for("nl"))
    assert any("dossier_desk" in t.filePath() for t in translators)
    yield
    i18n.remove_translators(qapp, translators)


def _shown(qtbot, parked: list[OutboxItem], waiting: list[OutboxItem] = ()) -> str:  # type: ignore[assignment]
    store = Store(parked, waiting)
    window = SyncIssuesWindow(store, store)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.list.setCurrentRow(0)
    return window.failure_text.text()


def test_a_parked_refusal_reads_dutch_with_its_support_reference(qtbot, dutch) -> None:
    refused = error_of(errors.PermissionDeniedError("Forbidden", status=403, correlation_id="corr-403"))
    assert refused == ItemError(ErrorKind.FORBIDDEN, 403, "Forbidden", "corr-403")
    text = _shown(qtbot, [_item(refused)])
    assert "U hebt geen toestemming om dit te doen." in text
    assert "(Referentie voor ondersteuning: corr-403.)" in text
    assert "permission" not in text


def test_a_waiting_item_reads_dutch_with_the_servers_wait(qtbot, dutch) -> None:
    busy = error_of(errors.RateLimitedError(status=429, retry_after=90))
    waiting = _item(busy, OutboxState.PENDING, next_attempt_at=time.time() + 90)
    assert "Probeer het over 90 seconden opnieuw." in _shown(qtbot, [], [waiting])


def test_server_text_and_field_messages_are_shown_as_the_server_wrote_them(qtbot, dutch) -> None:
    refused = error_of(
        errors.ValidationError(
            "Uw referentie is te lang",
            status=400,
            details=[errors.ErrorDetail("TooLong", "Maximaal 35 tekens", "yourReference")],
        )
    )
    assert refused.field_errors == {"your_reference": "Maximaal 35 tekens"}  # under the field's name
    text = _shown(qtbot, [_item(refused)])
    assert "Uw referentie is te lang." in text
    assert "Maximaal 35 tekens." in text


def test_an_item_parked_by_an_older_version_shows_its_text(qtbot, dutch) -> None:
    old = ItemError(ErrorKind.UNKNOWN, server_text="The server did not accept the entered data.")
    assert "The server did not accept the entered data." in _shown(qtbot, [_item(old)])
    assert (
        outbox_error_message(ItemError(ErrorKind.UNKNOWN))
        == "De server heeft de wijziging niet geaccepteerd."
    )


def test_every_kind_has_a_sentence_in_english_and_dutch(qapp) -> None:
    english = {kind: outbox_error_message(ItemError(kind, server_text="E")) for kind in ErrorKind}
    assert all(english.values())
    translators = i18n.install_translators(qapp, i18n.locale_for("nl"))
    try:
        dutch = {kind: outbox_error_message(ItemError(kind, server_text="E")) for kind in ErrorKind}
    finally:
        i18n.remove_translators(qapp, translators)
    # Ours differ by language; the server's own text (validation, other refusals, old rows) does not.
    server_worded = {ErrorKind.VALIDATION, ErrorKind.REFUSED, ErrorKind.UNKNOWN}
    assert [k for k in ErrorKind if k not in server_worded and dutch[k] == english[k]] == []


def test_problem_codes_read_dutch(dutch) -> None:
    ending = Problem(DossierField.ENDING_DATE, ProblemCode.ENDING_BEFORE_STARTING)
    assert problem_text(ending) == "De einddatum kan niet vóór de begindatum liggen."
    assert (
        problem_text(Problem(DossierField.OUR_REFERENCE, ProblemCode.TOO_LONG, 35)) == "Maximaal 35 tekens."
    )
    assert all(problem_text(Problem(None, code, 1)) for code in ProblemCode)
    assert all(read_only_text(reason) for reason in ReadOnlyReason)
