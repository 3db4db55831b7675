"""The message dock: where ``print`` output, warnings and errors land.

:class:`MessageBus` is the one thread-safe entry point (``post(text, level)``
may be called from any thread; the view is updated on the GUI thread).
:class:`StreamTee` replaces ``sys.stdout``/``sys.stderr`` so that output still
reaches the terminal *and* the dock.  :class:`MessageView` shows the text,
errors in red and warnings in amber.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "LEVELS",
    "MessageBus",
    "MessageView",
    "StreamTee",
    "bus",
    "install_tees",
    "original_stream",
    "remove_tees",
]

LEVELS = ("output", "info", "warning", "error")

_COLOURS = {
    "output": None,
    "info": QColor("#2f6fb0"),
    "warning": QColor("#a86200"),
    "error": QColor("#c0262d"),
}

MAX_BLOCKS = 20000  # lines kept in the dock


class MessageBus(QObject):
    """Carries text to the message view, from any thread."""

    posted = Signal(str, str)  # text, level

    def post(self, text: str, level: str = "output") -> None:
        if level not in LEVELS:
            raise ValueError(f"message level must be one of {LEVELS}, not {level!r}")
        self.posted.emit(text, level)


_bus: MessageBus | None = None


def bus() -> MessageBus:
    """The process-wide message bus."""
    global _bus
    if _bus is None:
        _bus = MessageBus()
    return _bus


class StreamTee:
    """A text stream that writes to ``original`` and posts the same text to the bus."""

    def __init__(
        self,
        original: TextIO,
        level: str = "output",
        intercept: Callable[[str], bool] | None = None,
    ) -> None:
        self.original = original
        self.level = level
        self.enabled = True
        self.intercept = intercept  # takes text it recognises (True) instead of posting it

    def write(self, text: str) -> int:
        n = self.original.write(text) if self.original is not None else len(text)
        if self.intercept is not None and text and self.intercept(text):
            return n if n is not None else len(text)
        if self.enabled and text:
            try:
                bus().post(text, self.level)
            except RuntimeError:  # the bus's QObject is gone (interpreter shutdown)
                self.enabled = False
        return n if n is not None else len(text)

    def flush(self) -> None:
        if self.original is not None:
            self.original.flush()

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, fileno...
        return getattr(self.original, name)


class MessageView(QWidget):
    """A read-only log of messages with a Clear button and a count of errors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageView")
        self._errors = 0
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("messageText")
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(MAX_BLOCKS)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(font)
        self.summary = QLabel("No messages", self)
        self.summary.setObjectName("messageSummary")
        clear = QToolButton(self)
        clear.setText("Clear")
        clear.setToolTip("Clear the messages")
        clear.clicked.connect(self.clear)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.summary, 1)
        bar.addWidget(clear)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addWidget(self.text)
        bus().posted.connect(self.append, Qt.ConnectionType.QueuedConnection)

    def append(self, text: str, level: str = "output") -> None:
        """Add ``text`` (may be a partial line) in the colour of ``level``."""
        fmt = QTextCharFormat()
        colour = _COLOURS.get(level)
        if colour is not None:
            fmt.setForeground(colour)
        if level == "error":
            fmt.setFontWeight(QFont.Weight.DemiBold)
            self._errors += 1
        cursor = self.text.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if level != "output" and not self._at_line_start(cursor):
            cursor.insertText("\n")
        cursor.insertText(text if level == "output" or text.endswith("\n") else text + "\n", fmt)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()
        self._update_summary()

    def plain_text(self) -> str:
        return self.text.toPlainText()

    def error_count(self) -> int:
        return self._errors

    def clear(self) -> None:
        self.text.clear()
        self._errors = 0
        self._update_summary()

    @staticmethod
    def _at_line_start(cursor: QTextCursor) -> bool:
        return cursor.atBlockStart()

    def _update_summary(self) -> None:
        if self.text.document().isEmpty():
            self.summary.setText("No messages")
        elif self._errors:
            s = "s" if self._errors != 1 else ""
            self.summary.setText(f"{self._errors} error{s}")
        else:
            self.summary.setText("Output")


def original_stream(stream: TextIO) -> TextIO:
    """The terminal stream behind a tee (or the stream itself)."""
    return stream.original if isinstance(stream, StreamTee) else stream


def install_tees(stderr_intercept: Callable[[str], bool] | None = None) -> None:
    """Tee ``sys.stdout`` and ``sys.stderr`` into the message dock (idempotent)."""
    if not isinstance(sys.stdout, StreamTee):
        sys.stdout = StreamTee(sys.stdout, "output")  # type: ignore[assignment]
    if not isinstance(sys.stderr, StreamTee):
        sys.stderr = StreamTee(sys.stderr, "warning", stderr_intercept)  # type: ignore[assignment]


def remove_tees() -> None:
    sys.stdout = original_stream(sys.stdout)  # type: ignore[arg-type]
    sys.stderr = original_stream(sys.stderr)  # type: ignore[arg-type]
