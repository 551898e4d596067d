"""Counters that change ten times a second during a sync (row count, sync progress) do not re-lay out
the window: each relayout repainted the whole dossier table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from dossier_desk.ui.views.steady_label import release_steady, set_steady_text


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_counter_relays_out_only_when_its_text_needs_more_room(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QHBoxLayout(window)
    label = QLabel(window)
    layout.addWidget(label)
    layout.addStretch(1)
    window.show()
    set_steady_text(label, "100 of 100")
    qtbot.wait(20)
    requests = LayoutRequests()
    window.installEventFilter(requests)
    for n in (200, 300, 400, 500, 600, 700, 800, 900, 999):  # same width or narrower
        set_steady_text(label, f"{n} of {n}")
        qtbot.wait(1)
    assert label.text() == "999 of 999"
    assert requests.count == 0
    set_steady_text(label, "100,000 of 100,000")  # wider: the label grows once
    qtbot.wait(20)
    assert requests.count >= 1
    assert label.width() >= label.sizeHint().width()
    release_steady(label)
    assert label.minimumSize() != label.maximumSize()


def test_a_plain_label_relays_out_on_every_text(qtbot) -> None:
    """The reference the test above is measured against: QLabel.setText invalidates the layout."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QHBoxLayout(window)
    label = QLabel("100 of 100", window)
    layout.addWidget(label)
    window.show()
    qtbot.wait(20)
    requests = LayoutRequests()
    window.installEventFilter(requests)
    for n in (200, 300, 400):
        label.setText(f"{n} of {n}")
        qtbot.wait(1)
    assert requests.count >= 1
