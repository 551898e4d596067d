"""Route Qt's own messages into Python logging (one log, one redaction filter, one format)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("dossier_desk.qt")

# Harmless platform chatter: the offscreen platform (smoke runs, CI) cannot size native windows.
_IGNORED = ("This plugin does not support propagateSizeHints()",)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message in _IGNORED:
        return
    where = f" ({context.category})" if context.category and context.category != "default" else ""
    log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install_qt_message_handler() -> None:
    qInstallMessageHandler(_handler)
