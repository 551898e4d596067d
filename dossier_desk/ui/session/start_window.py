"""The start window: open a saved profile, sign in with a work account, or try the demo.

A dumb view: it shows pages and emits what the user asked for; :mod:`.start_flow` does the work
(sign-in, environments, companies, extension check) and tells the window what to show next.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.config import Profile

COLUMN_WIDTH = 720


class _Pages(QWidget):
    """Pages of which only the current one is visible. Unlike a QStackedWidget it is as tall as the
    current page (not the tallest), so the problem text stays right under what the user looks at."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = -1

    def addWidget(self, page: QWidget) -> None:
        self._layout.addWidget(page)
        self._pages.append(page)
        page.setVisible(len(self._pages) == 1)
        if self._current < 0:
            self._current = 0

    def setCurrentIndex(self, index: int) -> None:
        self._current = index
        for i, page in enumerate(self._pages):
            page.setVisible(i == index)

    def currentIndex(self) -> int:
        return self._current


class StartWindow(QWidget):
    """Pages: WELCOME (profiles, work account, demo), BUSY, ENVIRONMENTS, COMPANIES."""

    openProfileRequested = Signal(str)  # a saved profile's name
    workAccountRequested = Signal()
    otherCompanyRequested = Signal(str)  # a saved profile's name: choose its environment/company again
    demoRequested = Signal()
    environmentChosen = Signal(int)  # row in the list shown by show_environments
    companyChosen = Signal(int)  # row in the list shown by show_companies
    backRequested = Signal()
    cancelRequested = Signal()  # Cancel on the busy page
    closed = Signal()

    WELCOME, BUSY, ENVIRONMENTS, COMPANIES = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startWindow")
        self.setWindowTitle(self.tr("Dossier Desk"))
        self.resize(640, 480)
        # one centred column: at full screen a line of text or a list would otherwise span 1,900 px
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QWidget(self)
        column.setMaximumWidth(COLUMN_WIDTH)
        column.setMinimumWidth(min(COLUMN_WIDTH, 480))
        outer.addWidget(column, 4)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.addStretch(1)
        title = QLabel(self.tr("Welcome to Dossier Desk"), column)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        subtitle = QLabel(self.tr("Case files for HR and occupational health, on Business Central."), column)
        subtitle.setWordWrap(True)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        self.pages = _Pages(column)
        for page in (
            self._welcome_page(),
            self._busy_page(),
            self._environments_page(),
            self._companies_page(),
        ):
            self.pages.addWidget(page)
        layout.addWidget(self.pages)
        self.problem_label = QLabel("", column)
        self.problem_label.setObjectName("startProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)  # server text is never rich text
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.setVisible(False)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

    # -- pages ---------------------------------------------------------------------------------
    def _welcome_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "Sign in with your work account: Dossier Desk finds your Business Central environments "
                "and companies. Or try it first on demo data, without an account."
            ),
            page,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        self.work_account_button = QPushButton(self.tr("&Sign in with your work account"), page)
        self.work_account_button.setObjectName("workAccountButton")
        self.work_account_button.setDefault(True)
        self.work_account_button.setMinimumHeight(36)
        self.work_account_button.clicked.connect(self.workAccountRequested.emit)
        buttons.addWidget(self.work_account_button, 2)
        self.demo_button = QPushButton(self.tr("Try the &demo"), page)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setMinimumHeight(36)
        self.demo_button.clicked.connect(self.demoRequested.emit)
        buttons.addWidget(self.demo_button, 1)
        layout.addLayout(buttons)
        layout.addSpacing(16)

        self.profiles_label = QLabel(self.tr("Or open a profile on this computer:"), page)
        layout.addWidget(self.profiles_label)
        self.profile_list = QListWidget(page)
        self.profile_list.setObjectName("profileList")
        self.profile_list.setMaximumHeight(220)
        self.profile_list.itemActivated.connect(lambda _item: self._open_selected())
        layout.addWidget(self.profile_list, 1)
        self.open_button = QPushButton(self.tr("&Open profile"), page)
        self.open_button.clicked.connect(self._open_selected)
        self.other_company_button = QPushButton(self.tr("Other &company…"), page)
        self.other_company_button.setObjectName("otherCompanyButton")
        self.other_company_button.clicked.connect(self._other_company)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.other_company_button)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        return page

    def _busy_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        self.status_label = QLabel("", page)
        self.status_label.setObjectName("startStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        progress = QProgressBar(page)
        progress.setRange(0, 0)
        layout.addWidget(progress)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), page)
        self.cancel_button.clicked.connect(self.cancelRequested.emit)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _choice_page(
        self, heading: str, chosen: Signal, button_text: str
    ) -> tuple[QWidget, QListWidget, QLabel]:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(heading, page)
        label.setWordWrap(True)
        layout.addWidget(label)
        choices = QListWidget(page)
        choices.setMaximumHeight(260)
        choices.itemActivated.connect(lambda _item: chosen.emit(choices.currentRow()))
        layout.addWidget(choices, 1)
        row = QHBoxLayout()
        back = QPushButton(self.tr("&Back"), page)
        back.clicked.connect(self.backRequested.emit)
        row.addWidget(back)
        row.addStretch(1)
        forward = QPushButton(button_text, page)
        forward.setDefault(True)
        forward.clicked.connect(lambda: choices.currentRow() >= 0 and chosen.emit(choices.currentRow()))
        row.addWidget(forward)
        layout.addLayout(row)
        return page, choices, label

    def _environments_page(self) -> QWidget:
        page, self.environment_list, self.environments_heading = self._choice_page(
            self.tr("Choose the Business Central environment:"), self.environmentChosen, self.tr("&Next")
        )
        self.environment_list.setObjectName("environmentList")
        return page

    def _companies_page(self) -> QWidget:
        page, self.company_list, self.companies_heading = self._choice_page(
            self.tr("Choose the company:"), self.companyChosen, self.tr("&Open")
        )
        self.company_list.setObjectName("companyList")
        return page

    # -- what the flow tells the window ----------------------------------------------------------
    def show_welcome(self, profiles: Sequence[Profile], selected: str | None = None) -> None:
        self.profile_list.clear()
        for profile in profiles:
            item = QListWidgetItem(profile.label, self.profile_list)
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            if profile.site:
                item.setToolTip(self.tr("Set up for this computer by your IT department"))
            if profile.name == selected:
                self.profile_list.setCurrentItem(item)
        if profiles and self.profile_list.currentRow() < 0:
            self.profile_list.setCurrentRow(0)
        for widget in (self.profiles_label, self.profile_list, self.open_button, self.other_company_button):
            widget.setVisible(bool(profiles))
        self.pages.setCurrentIndex(self.WELCOME)

    def set_demo_available(self, available: bool) -> None:
        """An installation without the bundled sandbox has no demo to offer."""
        self.demo_button.setVisible(available)

    def show_busy(self, status: str, *, can_cancel: bool = True) -> None:
        self.status_label.setText(status)
        self.cancel_button.setEnabled(can_cancel)
        self.cancel_button.setVisible(can_cancel)
        self.pages.setCurrentIndex(self.BUSY)

    def show_environments(self, rows: Sequence[str], heading: str | None = None) -> None:
        self._fill(self.environment_list, rows)
        if heading:
            self.environments_heading.setText(heading)
        self.pages.setCurrentIndex(self.ENVIRONMENTS)

    def show_companies(self, rows: Sequence[str], heading: str) -> None:
        self._fill(self.company_list, rows)
        self.companies_heading.setText(heading)
        self.pages.setCurrentIndex(self.COMPANIES)

    def show_problem(self, text: str) -> None:
        """A sentence for the user under the page ("" hides it)."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def page(self) -> int:
        return self.pages.currentIndex()

    @staticmethod
    def _fill(widget: QListWidget, rows: Sequence[str]) -> None:
        widget.clear()
        widget.addItems(list(rows))
        if rows:
            widget.setCurrentRow(0)

    def _open_selected(self) -> None:
        item = self.profile_list.currentItem()
        if item is not None:
            self.openProfileRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _other_company(self) -> None:
        item = self.profile_list.currentItem()
        if item is not None:
            self.otherCompanyRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
