"""DocumentsModel: columns, confidentiality filtering per role, sorting, qtmodeltester."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from dossier_desk.api.models import Document
from dossier_desk.ui.dates import format_date
from dossier_desk.ui.documents.model import DocumentsModel, visible_to

DOCS = [
    Document(
        id="1",
        dossier_id="d",
        description="Verlofaanvraag",
        document_type="Administrative",
        document_date="2026-02-01",
        file_name="verlof.pdf",
        file_size=2048,
        mime_type="application/pdf",
        created_by="caseworker@demo",
    ),
    Document(id="2", dossier_id="d", description="Huisarts", document_type="Medical", file_size=10),
    Document(
        id="3", dossier_id="d", description="Contract", document_type="Legal", confidential=True, file_size=5
    ),
    Document(id="4", dossier_id="d", description="aanpak", document_type="Legal", file_size=3 * 1024**2),
]


@pytest.mark.parametrize(
    ("can_see_medical", "ids"),
    [(False, ["1", "4"]), (True, ["1", "2", "3", "4"])],
)
def test_confidential_and_medical_hidden_without_permission(
    qtmodeltester, can_see_medical: bool, ids: list[str]
) -> None:
    model = DocumentsModel(can_see_medical)
    model.set_documents(DOCS)
    qtmodeltester.check(model)
    assert [d.id for d in model.documents()] == ids
    assert model.hidden_count() == 4 - len(ids)


def test_visible_to() -> None:
    assert visible_to(DOCS[0], False)
    assert not visible_to(DOCS[1], False)
    assert not visible_to(DOCS[2], False)
    assert visible_to(DOCS[2], True)


def test_columns_show_human_text() -> None:
    model = DocumentsModel(True)
    model.set_documents(DOCS)
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row == [
        "Verlofaanvraag",
        "Administrative",
        format_date(date(2026, 2, 1)),  # the locale's short date, as in the dossier table
        "verlof.pdf",
        "2 KB",
        "application/pdf",
        "caseworker@demo",
        "",
    ]
    assert model.data(model.index(2, DocumentsModel.CONFIDENTIAL)) == "Confidential"
    assert model.data(model.index(0, DocumentsModel.SIZE), Qt.ItemDataRole.ToolTipRole) == "2,048 bytes"
    assert model.data(model.index(0, 0), DocumentsModel.DocumentRole) is DOCS[0]
    assert model.headerData(DocumentsModel.MIME, Qt.Orientation.Horizontal) == "MIME type"


def test_sort_by_size_numerically_and_description_case_insensitive(qtmodeltester) -> None:
    model = DocumentsModel(True)
    model.set_documents(DOCS)
    keep = QPersistentModelIndex(model.index(0, 0))  # document "1" must be followed through the sort
    model.sort(DocumentsModel.SIZE, Qt.SortOrder.DescendingOrder)
    assert [d.id for d in model.documents()] == ["4", "1", "2", "3"]
    assert model.data(keep, DocumentsModel.DocumentRole).id == "1"
    assert keep.row() == 1
    model.sort(DocumentsModel.DESCRIPTION)
    assert [d.description for d in model.documents()] == ["aanpak", "Contract", "Huisarts", "Verlofaanvraag"]
    qtmodeltester.check(model)
