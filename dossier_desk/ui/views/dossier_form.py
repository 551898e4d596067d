"""The dossier's fields as an editable form, with local validation and per-field error display.

Field keys are the API's camelCase names, so errors from the server (``details[].target``) and from
local validation land on the same widget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import PRIORITY_VALUES, STATUS_VALUES, Contact, Dossier, DossierType
from dossier_desk.ui.models.dossier_columns import format_date
from dossier_desk.ui.models.rows import parse_iso_date
from dossier_desk.ui.models.vocab import caption

_BLANK_DATE = QDate(1900, 1, 1)  # QDateEdit cannot be empty: its minimum stands for "no date"
REQUIRED_FIELDS = ("description", "primaryContactNo", "dossierTypeCode")


class _DateField(QDateEdit):
    """A date edit that can be blank (shown as a dash), matching BC's 0001-01-01 -> "" convention."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(_BLANK_DATE)
        self.setSpecialValueText("—")
        self.set_iso("")

    def iso(self) -> str:
        """``YYYY-MM-DD`` or "" when blank."""
        value = self.date()
        return "" if value == _BLANK_DATE else value.toString(Qt.DateFormat.ISODate)

    def set_iso(self, text: str) -> None:
        """Show an ISO date, or blank."""
        value = parse_iso_date(text)
        self.setDate(QDate(value.year, value.month, value.day) if value else _BLANK_DATE)


class DossierForm(QWidget):
    """All dossier fields. :meth:`changes` returns only what the user altered (for a PATCH)."""

    modifiedChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: dict[str, Any] = {}
        self._contacts: dict[str, Contact] = {}
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
        self.contact_name = QLabel(self)
        self.contact_name.setObjectName("hint")
        self.type = QComboBox(self)
        # Long type descriptions must not widen the form beyond the detail pane.
        self.type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type.setMinimumContentsLength(14)
        self.category = QLabel(self)
        self.status = QComboBox(self)
        for value in STATUS_VALUES:
            self.status.addItem(caption(value), value)
        self.priority = QComboBox(self)
        for value in PRIORITY_VALUES:
            self.priority.addItem(caption(value), value)
        self.document_date = _DateField(self)
        self.starting_date = _DateField(self)
        self.ending_date = _DateField(self)
        self.date_closed = QLabel(self)
        self.your_reference = QLineEdit(self)
        self.our_reference = QLineEdit(self)
        self.department = QLineEdit(self)
        self.case_manager = QLineEdit(self)
        self.confidentiality = QSpinBox(self)
        self.confidentiality.setRange(0, 9)
        self.external_no = QLineEdit(self)  # the user's own reference: sent as typed

        # camelCase field -> (label, widget); the order is the form's order.
        self.fields: dict[str, tuple[str, QWidget]] = {
            "no": (self.tr("No."), self.no),
            "description": (self.tr("Description"), self.description),
            "primaryContactNo": (self.tr("Contact"), self.contact),
            "dossierTypeCode": (self.tr("Dossier type"), self.type),
            "status": (self.tr("Status"), self.status),
            "priority": (self.tr("Priority"), self.priority),
            "documentDate": (self.tr("Document date"), self.document_date),
            "startingDate": (self.tr("Starting date"), self.starting_date),
            "endingDate": (self.tr("Ending date"), self.ending_date),
            "yourReference": (self.tr("Your reference"), self.your_reference),
            "ourReference": (self.tr("Our reference"), self.our_reference),
            "department": (self.tr("Department"), self.department),
            "caseManagerCode": (self.tr("Case manager"), self.case_manager),
            "confidentialityLevel": (self.tr("Confidentiality level"), self.confidentiality),
            "externalDocumentNo": (self.tr("External document no."), self.external_no),
        }
        self._errors: dict[str, QLabel] = {}
        for key, (label, widget) in self.fields.items():
            widget.setObjectName(f"field_{key}")
            widget.setAccessibleName(label)
            required = key in REQUIRED_FIELDS
            field: QWidget | QHBoxLayout = widget
            if key == "primaryContactNo":
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
            if key == "dossierTypeCode":
                self.form.addRow(self.tr("Category:"), self.category)
            if key == "endingDate":
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
    def set_choices(self, types: Sequence[DossierType], contacts: Sequence[Contact]) -> None:
        """The dossier types for the combo and the contacts for the lookup."""
        current = self.type.currentData()
        self._types = {t.code: t for t in types}
        self._loading = True
        self.type.clear()
        self.type.addItem(self.tr("(choose a type)"), "")
        for t in sorted(types, key=lambda t: t.code):
            self.type.addItem(f"{t.code} – {t.description}" if t.description else t.code, t.code)
        self.type.setCurrentIndex(max(0, self.type.findData(current)))
        self._loading = False
        self._contacts = {c.no: c for c in contacts}
        self._contact_model.setStringList([f"{c.no} – {c.name}" for c in contacts])

    def load(self, dossier: Dossier | None, defaults: Mapping[str, Any] | None = None) -> None:
        """Show ``dossier`` (None: an empty form for a new dossier, pre-filled with ``defaults``)."""
        self._loading = True
        d = dossier or Dossier(id="", document_date=date.today().isoformat())
        values = self._values_of(d)
        values.update(defaults or {})
        self.no.setText(values["no"])
        self.no.setReadOnly(dossier is not None)  # the number is the key once it exists
        self.description.setText(values["description"])
        self.contact.setText(values["primaryContactNo"])
        self._select(self.type, values["dossierTypeCode"])
        self._select(self.status, values["status"])
        self._select(self.priority, values["priority"])
        self.document_date.set_iso(values["documentDate"])
        self.starting_date.set_iso(values["startingDate"])
        self.ending_date.set_iso(values["endingDate"])
        self.your_reference.setText(values["yourReference"])
        self.our_reference.setText(values["ourReference"])
        self.department.setText(values["department"])
        self.case_manager.setText(values["caseManagerCode"])
        self.confidentiality.setValue(int(values["confidentialityLevel"]))
        closed = parse_iso_date(d.date_closed)
        self.date_closed.setText(format_date(closed) if closed else "—")
        self.external_no.setText(values["externalDocumentNo"])
        self._loaded = self._values_of(d) if dossier else {}
        self._loading = False
        self._show_category()
        self._show_contact_name()
        self.clear_errors()
        self._set_modified(dossier is None and bool(defaults))

    def set_editable(self, editable: bool, *, status_only: bool = False) -> None:
        """Enable the inputs; ``status_only`` leaves just the status (a closed dossier can be reopened)."""
        for key, (_label, widget) in self.fields.items():
            if key == "no":
                continue
            widget.setEnabled(editable and (not status_only or key == "status"))

    # -- values, validation, errors -----------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Every writable field as the form shows it (camelCase)."""
        return {
            "no": self.no.text().strip(),
            "description": self.description.text().strip(),
            "primaryContactNo": self._contact_no(),
            "dossierTypeCode": self.type.currentData() or "",
            "status": self.status.currentData() or "New",
            "priority": self.priority.currentData() or "Normal",
            "documentDate": self.document_date.iso(),
            "startingDate": self.starting_date.iso(),
            "endingDate": self.ending_date.iso(),
            "yourReference": self.your_reference.text().strip(),
            "ourReference": self.our_reference.text().strip(),
            "department": self.department.text().strip(),
            "caseManagerCode": self.case_manager.text().strip(),
            "confidentialityLevel": self.confidentiality.value(),
            "externalDocumentNo": self.external_no.text().strip(),
        }

    def changes(self) -> dict[str, Any]:
        """Fields whose value differs from the loaded dossier (all non-blank ones for a new dossier)."""
        now = self.values()
        if not self._loaded:
            return {k: v for k, v in now.items() if v not in ("", None)}
        return {k: v for k, v in now.items() if v != self._loaded.get(k)}

    def validate(self) -> dict[str, str]:
        """Local checks before anything is queued: required fields, known type/contact, date order."""
        v = self.values()
        errors: dict[str, str] = {}
        if not v["description"]:
            errors["description"] = self.tr("Enter a description.")
        if not v["primaryContactNo"]:
            errors["primaryContactNo"] = self.tr("Choose the employee this dossier is about.")
        elif self._contacts and v["primaryContactNo"] not in self._contacts:
            errors["primaryContactNo"] = self.tr("No contact with this number is known.")
        if not v["dossierTypeCode"]:
            errors["dossierTypeCode"] = self.tr("Choose a dossier type.")
        if v["startingDate"] and v["endingDate"] and v["endingDate"] < v["startingDate"]:
            errors["endingDate"] = self.tr("The ending date cannot be before the starting date.")
        return errors

    def show_errors(self, errors: Mapping[str, str]) -> list[str]:
        """Show each message under its field and focus the first; returns keys not on this form."""
        self.clear_errors()
        unplaced = []
        first: QWidget | None = None
        for key, message in errors.items():
            label = self._errors.get(key)
            if label is None:
                unplaced.append(key)
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

    def error_text(self, key: str) -> str:
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

    def restore_edits(self, edits: Mapping[str, Any]) -> None:
        """Put typed-but-unsaved values (``changes()`` of an earlier load) back over the loaded dossier,
        e.g. after the same dossier was refreshed underneath; the form is modified where they differ."""
        self._loading = True
        for key, value in edits.items():
            if key == "no":
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
    def values_of(dossier: Dossier) -> dict[str, Any]:
        """A dossier's field values as :meth:`values` names them (camelCase)."""
        return DossierForm._values_of(dossier)

    # -- internals ----------------------------------------------------------------------------------
    @staticmethod
    def _values_of(d: Dossier) -> dict[str, Any]:
        return {
            "no": d.no,
            "description": d.description,
            "primaryContactNo": d.primary_contact_no,
            "dossierTypeCode": d.dossier_type_code,
            "status": d.status,
            "priority": d.priority,
            "documentDate": d.document_date,
            "startingDate": d.starting_date,
            "endingDate": d.ending_date,
            "yourReference": d.your_reference,
            "ourReference": d.our_reference,
            "department": d.department,
            "caseManagerCode": d.case_manager_code,
            "confidentialityLevel": d.confidentiality_level,
            "externalDocumentNo": d.external_document_no,
        }

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
        contact = self._contacts.get(self._contact_no())
        self.contact_name.setText(contact.name if contact else "")

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
