"""A date field that can be blank and never turns an impossible typed day into another date.

QDateEdit, given "3" in the day of a February date, completes it to 03 and jumps to the month, so
typing "31" yields 3 January. Here a first day digit that could still begin a longer day waits for
the next key: "31" in February is refused with ``impossibleDate(text)`` (the form says why) and the
date stays as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from dossier_desk.domain.deadlines import parse_iso_date

BLANK_DATE = QDate(1900, 1, 1)  # QDateEdit cannot be empty: its minimum stands for "no date"


class DateField(QDateEdit):
    """A date edit that can be blank (shown as a dash), matching BC's 0001-01-01 -> "" convention."""

    impossibleDate = Signal(str)  # e.g. "31/02/2026": refused, the date unchanged

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(BLANK_DATE)
        self.setSpecialValueText("—")
        self._first_digit: int | None = None  # a day digit held until the next key
        self.set_iso("")

    def iso(self) -> str:
        """``YYYY-MM-DD`` or "" when blank."""
        value = self.date()
        return "" if value == BLANK_DATE else value.toString(Qt.DateFormat.ISODate)

    def set_iso(self, text: str) -> None:
        """Show an ISO date, or blank."""
        value = parse_iso_date(text)
        self.setDate(QDate(value.year, value.month, value.day) if value else BLANK_DATE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        held, self._first_digit = self._first_digit, None
        in_day = self.currentSection() == QDateEdit.Section.DaySection and self.date() != BLANK_DATE
        digit = event.text() if event.text().isdigit() else ""
        if in_day and held is not None:
            if digit:
                day = held * 10 + int(digit)
                if day > self.date().daysInMonth():
                    self.impossibleDate.emit(self._text_with_day(day))
                    return  # refused: the date stays as it was
                self.setDate(self.date().addDays(day - self.date().day()))
                return
            self.setDate(self.date().addDays(held - self.date().day()))  # "3" then Tab: the 3rd
        elif in_day and digit and int(digit) * 10 > self.date().daysInMonth() and int(digit) * 10 <= 31:
            self._first_digit = int(digit)  # "3" in February could start "31": wait for the next key
            return
        super().keyPressEvent(event)

    def _text_with_day(self, day: int) -> str:
        """The field's text with ``day`` typed into the day section (for the message)."""
        text = self.date().toString(self.displayFormat())
        section = self.sectionText(QDateEdit.Section.DaySection)
        return text.replace(section, f"{day:02d}" if len(section) == 2 else str(day), 1)
