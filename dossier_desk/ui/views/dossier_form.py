"""The dossier's fields as an editable form, with local validation and per-field error display.

Fields are keyed by :class:`DossierField`; the rules (what may change, what is wrong) are the domain's,
the same the store applies, and their problem codes are worded here (:mod:`.rule_texts`). Errors the
server reported for a field (kept by the outbox under the same names) land on the same widget.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import Contact, Dossier, DossierType
from dossier_desk.domain.dossier_rules import (
    PRIORITIES,
    REQUIRED_ON_CREATE,
    RESTRICTED_FIELDS,
    STATUSES,
    DossierField,
    field_values,
    validate_edits,
)
from dossier_desk.ui.models.dossier_columns import format_date
from dossier_desk.ui.models.rows import parse_iso_date
from dossier_desk.ui.models.vocab import caption
from dossier_desk.ui.views.date_field import DateField as _DateField
from dossier_desk.ui.views.rule_texts import problem_messages

F = DossierField


class DossierForm(QWidget):
    """All dossier fields. :meth:`changes` returns only what the user altered (for a PATCH)."""

    modifiedChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: dict[DossierField, Any] = {}
        self._dossier: Dossier | None = None
        self._contacts: dict[str, str] | None = {}  # number -> name (None: not read yet, see set_choices)
        self._contact_source: Callable[[], Sequence[Contact]] | None = None
        self._types: dict[str, DossierType] = {}
        self._modified = False
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(6)
        outer.addLayout(self.form)
        outer.addStretch(1)

        self.no = QLineEdit(self)
        self.no.setPlaceholderText(self.tr("Assigned by the number series"))
        self.description = QLineEdit(self)
        self.contact = QLineEdit(self)
        self.contact.setPlaceholderText(self.tr("Contact number or name"))
        self._contact_model = QStringListModel(self)
        completer = QCompleter(self._contact_model, self.contact)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._on_contact_completed)
        self.contact.setCompleter(completer)
        self.contact.installEventFilter(self)  # contacts read when the field is first focused
        self.contact_name = QLabel(self)
        self.contact_name.setObjectName("hint")
        self.type = QComboBox(self)
        # Long type descriptions must not widen the form beyond the detail pane.
        self.type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type.setMinimumContentsLength(14)
        self.category = QLabel(self)
        self.status = QComboBox(self)
        for value in STATUSES:
            self.status.addItem(caption(value), value)
        self.priority = QComboBox(self)
        for value in PRIORITIES:
            self.priority.addItem(caption(value), value)
        self.document_date = _DateField(self)
        self.starting_date = _DateField(self)
        self.ending_date = _DateField(self)
        for key, field in (
            (F.DOCUMENT_DATE, self.document_date),
            (F.STARTING_DATE, self.starting_date),
            (F.ENDING_DATE, self.ending_date),
        ):
            field.impossibleDate.connect(lambda text, key=key: self._impossible_date(key, text))
        self.date_closed = QLabel(self)
        self.your_reference = QLineEdit(self)
        self.our_reference = QLineEdit(self)
        self.department = QLineEdit(self)
        self.case_manager = QLineEdit(self)
        self.confidentiality = QSpinBox(self)
        self.confidentiality.setRange(0, 9)
        self.external_no = QLineEdit(self)  # the user's own reference: sent as typed

        # field -> (label, widget); the order is the form's order.
        self.fields: dict[DossierField, tuple[str, QWidget]] = {
            F.NO: (self.tr("No."), self.no),
            F.DESCRIPTION: (self.tr("Description"), self.description),
            F.PRIMARY_CONTACT_NO: (self.tr("Contact"), self.contact),
            F.DOSSIER_TYPE_CODE: (self.tr("Dossier type"), self.type),
            F.STATUS: (self.tr("Status"), self.status),
            F.PRIORITY: (self.tr("Priority"), self.priority),
            F.DOCUMENT_DATE: (self.tr("Document date"), self.document_date),
            F.STARTING_DATE: (self.tr("Starting date"), self.starting_date),
            F.ENDING_DATE: (self.tr("Ending date"), self.ending_date),
            F.YOUR_REFERENCE: (self.tr("Your reference"), self.your_reference),
            F.OUR_REFERENCE: (self.tr("Our reference"), self.our_reference),
            F.DEPARTMENT: (self.tr("Department"), self.department),
            F.CASE_MANAGER_CODE: (self.tr("Case manager"), self.case_manager),
            F.CONFIDENTIALITY_LEVEL: (self.tr("Confidentiality level"), self.confidentiality),
            F.EXTERNAL_DOCUMENT_NO: (self.tr("External document no."), self.external_no),
        }
        self._errors: dict[DossierField, QLabel] = {}
        for key, (label, widget) in self.fields.items():
            widget.setObjectName(f"field_{key.value}")
            widget.setAccessibleName(label)
            required = key in REQUIRED_ON_CREATE
            field: QWidget | QHBoxLayout = widget
            if key is F.PRIMARY_CONTACT_NO:
                # The looked-up name sits beside the number, so a typo shows at a glance.
                field = QHBoxLayout()
                field.addWidget(widget, 1)
                field.addWidget(self.contact_name, 1)
            self.form.addRow(f"{label}{' *' if required else ''}:", field)
            # The message goes directly under its field, before any read-only companion rows.
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            self.form.addRow("", error)
            self._errors[key] = error
            if key is F.DOSSIER_TYPE_CODE:
                self.form.addRow(self.tr("Category:"), self.category)
            if key is F.ENDING_DATE:
                self.form.addRow(self.tr("Date closed:"), self.date_closed)

        for widget in (self.no, self.description, self.contact, self.your_reference, self.our_reference):
            widget.textEdited.connect(self._on_edited)
        for widget in (self.department, self.case_manager, self.external_no):
            widget.textEdited.connect(self._on_edited)
        self.contact.textChanged.connect(self._show_contact_name)
        for combo in (self.type, self.status, self.priority):
            combo.currentIndexChanged.connect(self._on_edited)
        self.type.currentIndexChanged.connect(self._show_category)
        for edit in (self.document_date, self.starting_date, self.ending_date):
            edit.dateChanged.connect(self._on_edited)
        self.confidentiality.valueChanged.connect(self._on_edited)

    # -- choices and loading ------------------------------------------------------------------------
    def set_choices(
        self, types: Sequence[DossierType], contacts: Sequence[Contact] | Callable[[], Sequence[Contact]]
    ) -> None:
        """The dossier types for the combo and the contacts for the lookup (or how to read them: then
        they are read when first needed, which for the detail pane is often never)."""
        current = self.type.currentData()
        self._types = {t.code: t for t in types}
        self._loading = True
        self.type.clear()
        self.type.addItem(self.tr("(choose a type)"), "")
        for t in sorted(types, key=lambda t: t.code):
            self.type.addItem(f"{t.code} – {t.description}" if t.description else t.code, t.code)
        self.type.setCurrentIndex(max(0, self.type.findData(current)))
        self._loading = False
        if callable(contacts):
            self._contact_source, self._contacts = contacts, None
            self._contact_model.setStringList([])
            if self.contact.hasFocus():
                self._known_contacts()
        else:
            self._contact_source = None
            self._fill_contacts(contacts)

    def _fill_contacts(self, contacts: Sequence[Contact]) -> None:
        # Names only (the contact structs are dropped): with tens of thousands of contacts the structs
        # cost more than the whole dossier table.
        self._contacts = {c.no: sys.intern(c.name) for c in contacts}
        self._contact_model.setStringList([f"{no} – {name}" for no, name in self._contacts.items()])

    def _known_contacts(self) -> dict[str, str]:
        if self._contacts is None:
            self._fill_contacts(self._contact_source() if self._contact_source is not None else [])
        assert self._contacts is not None
        return self._contacts

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.contact and event.type() == QEvent.Type.FocusIn:
            self._known_contacts()  # before the completer is asked
        return super().eventFilter(watched, event)

    def load(self, dossier: Dossier | None, defaults: Mapping[DossierField, Any] | None = None) -> None:
        """Show ``dossier`` (None: an empty form for a new dossier, pre-filled with ``defaults``)."""
        self._loading = True
        self._dossier = dossier
        d = dossier or Dossier(id="", document_date=date.today().isoformat())
        values = field_values(d)
        values.update(defaults or {})
        self.no.setText(values[F.NO])
        self.no.setReadOnly(dossier is not None)  # the number is the key once it exists
        self.no.updateGeometry()  # the read-only style has another height: the layout must ask again
        self.description.setText(values[F.DESCRIPTION])
        self.contact.setText(values[F.PRIMARY_CONTACT_NO])
        self._select(self.type, values[F.DOSSIER_TYPE_CODE])
        self._select(self.status, values[F.STATUS])
        self._select(self.priority, values[F.PRIORITY])
        self.document_date.set_iso(values[F.DOCUMENT_DATE])
        self.starting_date.set_iso(values[F.STARTING_DATE])
        self.ending_date.set_iso(values[F.ENDING_DATE])
        self.your_reference.setText(values[F.YOUR_REFERENCE])
        self.our_reference.setText(values[F.OUR_REFERENCE])
        self.department.setText(values[F.DEPARTMENT])
        self.case_manager.setText(values[F.CASE_MANAGER_CODE])
        self.confidentiality.setValue(int(values[F.CONFIDENTIALITY_LEVEL]))
        closed = parse_iso_date(d.date_closed)
        self.date_closed.setText(format_date(closed) if closed else "—")
        self.external_no.setText(values[F.EXTERNAL_DOCUMENT_NO])
        self._loaded = field_values(d) if dossier else {}
        self._loading = False
        self._show_category()
        self._show_contact_name()
        self.clear_errors()
        self._set_modified(dossier is None and bool(defaults))

    def set_editable(self, editable: bool | Collection[DossierField]) -> None:
        """Enable the inputs of the given fields (``True``: all, ``False``: none); normally the domain's
        ``editable_fields`` (a closed dossier: only the status, to reopen it). The number's read-only
        state is set by :meth:`load`."""
        enabled = set(DossierField) if editable is True else set(editable or ())
        for key, (_label, widget) in self.fields.items():
            if key is not F.NO:
                widget.setEnabled(key in enabled)

    def set_restricted(self, withheld: bool) -> None:
        """Say "Restricted" in the fields the server blanked for this user, instead of showing blanks."""
        for key in RESTRICTED_FIELDS:
            widget = self.fields[key][1]
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(self.tr("Restricted") if withheld else "")

    # -- values, validation, errors -----------------------------------------------------------------
    def values(self) -> dict[DossierField, Any]:
        """Every editable field as the form shows it."""
        return {
            F.NO: self.no.text().strip(),
            F.DESCRIPTION: self.description.text().strip(),
            F.PRIMARY_CONTACT_NO: self._contact_no(),
            F.DOSSIER_TYPE_CODE: self.type.currentData() or "",
            F.STATUS: self.status.currentData() or "New",
            F.PRIORITY: self.priority.currentData() or "Normal",
            F.DOCUMENT_DATE: self.document_date.iso(),
            F.STARTING_DATE: self.starting_date.iso(),
            F.ENDING_DATE: self.ending_date.iso(),
            F.YOUR_REFERENCE: self.your_reference.text().strip(),
            F.OUR_REFERENCE: self.our_reference.text().strip(),
            F.DEPARTMENT: self.department.text().strip(),
            F.CASE_MANAGER_CODE: self.case_manager.text().strip(),
            F.CONFIDENTIALITY_LEVEL: self.confidentiality.value(),
            F.EXTERNAL_DOCUMENT_NO: self.external_no.text().strip(),
        }

    def changes(self) -> dict[DossierField, Any]:
        """Fields whose value differs from the loaded dossier (all non-blank ones for a new dossier)."""
        now = self.values()
        if not self._loaded:
            return {k: v for k, v in now.items() if v not in ("", None)}
        return {k: v for k, v in now.items() if v != self._loaded.get(k)}

    def validate(self) -> dict[DossierField | None, str]:
        """The domain's checks of :meth:`changes` (the store applies the same), as sentences per field."""
        problems = validate_edits(
            self.changes(),
            current=self._dossier,
            type_codes=self._types.keys(),
            contact_nos=self._known_contacts().keys(),
        )
        return problem_messages(problems)

    def _impossible_date(self, key: DossierField, text: str) -> None:
        self.show_errors(
            {key: self.tr("“{0}” is not a day on the calendar; the date was not changed.").format(text)}
        )

    def show_errors(self, errors: Mapping[Any, str]) -> list[Any]:
        """Show each message under its field and focus the first; returns keys not on this form.

        Keys are fields, or the names the outbox kept for a server's field errors (a field's value, or
        whatever the server named)."""
        self.clear_errors()
        unplaced = []
        first: QWidget | None = None
        for name, message in errors.items():
            key = _as_field(name)
            label = self._errors.get(key) if key is not None else None
            if key is None or label is None:
                unplaced.append(name)
                continue
            label.setText(message)
            label.show()
            widget = self.fields[key][1]
            widget.setProperty("invalid", True)
            widget.setAccessibleDescription(message)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            first = first or widget
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return unplaced

    def clear_errors(self) -> None:
        """Remove all field errors."""
        for key, label in self._errors.items():
            label.hide()
            widget = self.fields[key][1]
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setAccessibleDescription("")
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def error_text(self, key: DossierField) -> str:
        """The visible error under a field ("" when none)."""
        label = self._errors[key]
        return label.text() if label.isVisibleTo(self) else ""

    def is_modified(self) -> bool:
        """True when the form holds edits not yet saved."""
        return self._modified

    def mark_saved(self) -> None:
        """The current values became the baseline (after a successful save)."""
        self._loaded = self.values()
        self._set_modified(False)

    def restore_edits(self, edits: Mapping[DossierField, Any]) -> None:
        """Put typed-but-unsaved values (``changes()`` of an earlier load) back over the loaded dossier,
        e.g. after the same dossier was refreshed underneath; the form is modified where they differ."""
        self._loading = True
        for key, value in edits.items():
            if key is F.NO:
                continue
            widget = self.fields.get(key, (None, None))[1]
            if isinstance(widget, _DateField):
                widget.set_iso(str(value))
            elif isinstance(widget, QComboBox):
                self._select(widget, str(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))
        self._loading = False
        self._show_category()
        self._show_contact_name()
        self._on_edited()

    @staticmethod
    def values_of(dossier: Dossier) -> dict[DossierField, Any]:
        """A dossier's field values as :meth:`values` names them."""
        return field_values(dossier)

    # -- internals ----------------------------------------------------------------------------------

    def _select(self, combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index < 0 and value:
            combo.addItem(value, value)  # a value the cache does not know (newer server): keep it
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def _contact_no(self) -> str:
        # The completer inserts "C0001 – Name"; the number is the part before the dash.
        return self.contact.text().split(" – ", 1)[0].strip()

    def _on_contact_completed(self, text: str) -> None:
        self.contact.setText(text.split(" – ", 1)[0])
        self._on_edited()

    def _show_contact_name(self) -> None:
        no, shown = self._contact_no(), self._dossier
        if not no:
            name = ""
        elif (
            self._contacts is None
            and shown is not None
            and shown.primary_contact_name
            and no == shown.primary_contact_no
        ):
            name = shown.primary_contact_name  # the dossier's own copy: no need to read every contact
        else:
            name = self._known_contacts().get(no, "")
        self.contact_name.setText(name)

    def _show_category(self) -> None:
        kind = self._types.get(self.type.currentData() or "")
        self.category.setText(caption(kind.category) if kind else "—")

    def _on_edited(self) -> None:
        if not self._loading:
            self._set_modified(bool(self.changes()) if self._loaded else True)

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modifiedChanged.emit(modified)


def _as_field(name: Any) -> DossierField | None:
    if isinstance(name, DossierField):
        return name
    try:
        return DossierField(str(name))
    except ValueError:
        return None
