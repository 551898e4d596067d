"""The detail pane's Details tab: a scroll area that builds its
:class:`~dossier_desk.ui.views.dossier_form.DossierForm` at the form's first use.

With no dossier shown (the window's first paint) the pane shows no form, so the window is built and
painted without it; the workspace builds it right after the first paint, or the first dossier shown does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea

from dossier_desk.ui.plain_text import plain_labels

if TYPE_CHECKING:
    from dossier_desk.ui.views.dossier_form import DossierForm


class FormSlot(QScrollArea):
    """Holds the form once built; ``on_modified`` follows the form's ``modifiedChanged``."""

    def __init__(self, on_modified: Callable[[bool], None]) -> None:
        super().__init__()
        self._on_modified = on_modified
        self._form: DossierForm | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the form fits the width

    @property
    def built(self) -> bool:
        return self._form is not None

    @property
    def form(self) -> DossierForm:
        """The form, built now if it was not yet: empty, hidden and read-only, as for no dossier."""
        if self._form is None:
            from dossier_desk.ui.views.dossier_form import DossierForm

            form = DossierForm()
            self.setWidget(form)  # first: it shows the form, which is then hidden as for no dossier
            plain_labels(form)
            form.modifiedChanged.connect(self._on_modified)
            form.load(None)
            form.setVisible(False)
            form.set_editable(False)
            self._form = form
        return self._form
