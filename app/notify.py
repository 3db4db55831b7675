"""A non-blocking notification inside the main window (no modal dialog, no extra window)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

__all__ = ["Notification"]

HIDE_AFTER_MS = {"error": 15000, "warning": 8000, "info": 5000}


class Notification(QFrame):
    """A card in the bottom-right corner of its parent: a headline, Details, close."""

    details_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notification")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setObjectName("notificationText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPushButton("Details", self)
        self.details.setObjectName("notificationDetails")
        self.details.clicked.connect(self._on_details)
        close = QToolButton(self)
        close.setObjectName("notificationClose")
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 8, 6, 8)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.details, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._pending = 0
        parent.installEventFilter(self)
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        """Show ``text``; a second message while one is showing adds a "+N more" note."""
        self._pending = self._pending + 1 if self.isVisible() else 0
        more = f"<br><i>(+{self._pending} more in the Messages dock)</i>" if self._pending else ""
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        self.label.setText(f"{escaped}{more}")
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(HIDE_AFTER_MS.get(level, 8000))

    def text(self) -> str:
        return self.label.text()

    def _on_details(self) -> None:
        self.hide()
        self.details_requested.emit()

    def _place(self) -> None:
        parent = self.parentWidget()
        width = min(460, max(260, parent.width() - 40))
        self.setFixedWidth(width)
        self.adjustSize()
        bottom_of = getattr(parent, "notification_bottom", None)
        bottom = bottom_of() if callable(bottom_of) else parent.height() - 36
        self.move(parent.width() - width - 16, max(8, bottom - self.height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
