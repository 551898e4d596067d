"""Look and feel: Fusion with a calm palette that follows the OS light/dark setting.

Fusion renders the same on Windows, macOS and Linux, which keeps screenshots and support instructions
valid everywhere; the palette follows ``QStyleHints.colorScheme()`` and updates when the OS switches.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_LIGHT = {
    "window": "#f5f6f8",
    "base": "#ffffff",
    "alt": "#f7f8fa",
    "text": "#1f2328",
    "muted": "#5f6b7a",
    "button": "#eef0f3",
    "highlight": "#2563eb",
    "border": "#d0d5dc",
    "error": "#b42318",
    "ok": "#15803d",
    "warn": "#b45309",
    "banner": "#fff7e6",
    "banner_border": "#f2c879",
}
_DARK = {
    "window": "#1e2126",
    "base": "#16181c",
    "alt": "#1b1e22",
    "text": "#e6e8eb",
    "muted": "#9aa4b2",
    "button": "#2a2e35",
    "highlight": "#3b82f6",
    "border": "#3a3f47",
    "error": "#f87171",
    "ok": "#4ade80",
    "warn": "#fbbf24",
    "banner": "#3a2f17",
    "banner_border": "#7a5b1c",
}


def is_dark(app: QApplication) -> bool:
    """True when the OS asks for a dark appearance."""
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_style(app: QApplication, *, dark: bool | None = None, follow_os: bool = True) -> None:
    """Install Fusion, the palette and the style sheet; ``dark`` None follows the OS.

    With ``follow_os`` the palette is re-applied when the OS switches between light and dark.
    """
    app.setStyle(QStyleFactory.create("Fusion"))
    use_dark = is_dark(app) if dark is None else dark
    colors = _DARK if use_dark else _LIGHT
    app.setPalette(_palette(colors))
    app.setStyleSheet(_style_sheet(colors))
    font = app.font()
    if font.pointSizeF() < 9.5:
        font.setPointSizeF(9.5)  # offscreen/Xvfb defaults are tiny; 9.5 pt reads well at 96 dpi
        app.setFont(font)
    if follow_os and dark is None and not app.property("_ddStyleFollowsOs"):
        app.setProperty("_ddStyleFollowsOs", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_style(app, follow_os=False))


def _palette(c: dict[str, str]) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"),
        (role.Base, "base"),
        (role.AlternateBase, "alt"),
        (role.Text, "text"),
        (role.WindowText, "text"),
        (role.ButtonText, "text"),
        (role.ToolTipText, "text"),
        (role.ToolTipBase, "base"),
        (role.Button, "button"),
        (role.Highlight, "highlight"),
        (role.PlaceholderText, "muted"),
        (role.Mid, "border"),
        (role.Link, "highlight"),
    ):
        p.setColor(r, QColor(c[key]))
    p.setColor(role.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(c["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c["muted"]))
    return p


def _style_sheet(c: dict[str, str]) -> str:
    return f"""
    QToolBar {{ border: none; spacing: 4px; padding: 2px 6px; }}
    QToolBar QToolButton {{ padding: 4px 8px; }}
    #filterBar {{ border-bottom: 1px solid {c["border"]}; }}
    #filterBar QToolButton {{ padding: 3px 5px; border: 1px solid {c["border"]}; border-radius: 4px; }}
    #filterBar QToolButton:checked, #filterBar QToolButton[active="true"] {{
        background: {c["highlight"]}; color: #ffffff; border-color: {c["highlight"]}; }}
    #filterBar QLineEdit {{ padding: 4px 6px; border: 1px solid {c["border"]}; border-radius: 4px; }}
    #countLabel {{ color: {c["muted"]}; }}
    QTableView {{ border: none; selection-background-color: {c["highlight"]}; }}
    QHeaderView::section {{ padding: 4px 6px; border: none; border-bottom: 1px solid {c["border"]};
        border-right: 1px solid {c["border"]}; background: {c["window"]}; font-weight: 600; }}
    #detailPane {{ background: {c["window"]}; }}
    #detailTitle {{ font-size: 12pt; font-weight: 600; }}
    #sectionTitle {{ font-weight: 600; }}
    #hint {{ color: {c["muted"]}; }}
    #fieldError {{ color: {c["error"]}; }}
    [invalid="true"] {{ border: 1px solid {c["error"]}; border-radius: 3px; }}
    #banner {{ background: {c["banner"]}; border: 1px solid {c["banner_border"]}; border-radius: 4px;
        padding: 6px 8px; }}
    #saveState[state="pending"] {{ color: {c["warn"]}; }}
    #saveState[state="synced"] {{ color: {c["ok"]}; }}
    #saveState[state="failed"] {{ color: {c["error"]}; }}
    #connectivity[state="online"] {{ color: {c["ok"]}; }}
    #connectivity[state="offline"] {{ color: {c["warn"]}; }}
    #outboxButton {{ padding: 0 6px; border: none; }}
    #outboxButton[attention="true"] {{ color: {c["error"]}; font-weight: 600; }}
    QStatusBar QLabel {{ padding: 0 6px; }}
    QPushButton#primary {{ background: {c["highlight"]}; color: #ffffff; border-radius: 4px;
        padding: 5px 14px; border: 1px solid {c["highlight"]}; }}
    QPushButton#primary:disabled {{ background: {c["button"]}; color: {c["muted"]};
        border-color: {c["border"]}; }}
    QLineEdit:read-only, QPlainTextEdit[readOnly="true"], QTextEdit[readOnly="true"] {{
        background: {c["window"]}; border: 1px dashed {c["border"]}; border-radius: 3px; }}
    QTableView[dropTarget="true"] {{ border: 2px dashed {c["highlight"]}; background: {c["alt"]}; }}
    QSplitter::handle {{ background: {c["border"]}; }}
    QSplitter::handle:horizontal {{ width: 1px; }}
    """


def title_font(base: QFont) -> QFont:
    """A slightly larger, semibold font for headings."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * 1.2)
    font.setWeight(QFont.Weight.DemiBold)
    return font
