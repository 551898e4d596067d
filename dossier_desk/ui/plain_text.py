"""Server text is shown as plain text, never as rich text.

Qt guesses rich text from a string (``Qt.mightBeRichText``): a dossier description ``<img src=...>``
would load an image, ``<a href=...>`` in an error message would become a clickable link. Labels and
message boxes are therefore switched to ``Qt.PlainText`` with link activation off, and tooltips (which
Qt always guesses about) are escaped when the text looks like markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

RICH_TEXT_ALLOWED = "richTextAllowed"  # property set on the few labels whose markup we write ourselves


def plain_label(label: QLabel) -> QLabel:
    """Show ``label``'s text literally; selectable text stays selectable, links never open."""
    if label.property(RICH_TEXT_ALLOWED):
        return label
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    flags = label.textInteractionFlags() & ~Qt.TextInteractionFlag.LinksAccessibleByMouse
    label.setTextInteractionFlags(flags & ~Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    return label


def plain_labels(root: QWidget) -> None:
    """Apply :func:`plain_label` to every label inside ``root`` (call at the end of a constructor)."""
    if isinstance(root, QLabel):
        plain_label(root)
    for label in root.findChildren(QLabel):
        plain_label(label)


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """A message box whose text, informative text and details show literally."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    plain_labels(box)
    return box


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (escaped into rich text only when Qt would guess rich)."""
    if text and QtGui.mightBeRichText(text):
        return QtGui.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)
    return text
