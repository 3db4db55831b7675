"""The panel window ``xpanel`` builds: rows (or columns) of controls and menubar rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenuBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from widgets import panel_refresh
from widgets.panel_field import ValueField
from widgets.theme import COMPACT_STRETCH, MARGIN, PANEL_STYLESHEET, SCROLL_THRESHOLD, SPACING

__all__ = ["Panel"]


class Panel(QWidget):
    """One ``xpanel``: a vertical (or horizontal) list of controls.

    ``controls`` are the items that show a variable (they have ``refresh()``);
    ``items`` are all row widgets in order.
    """

    def __init__(self, title: str, horizontal: bool = False) -> None:
        super().__init__()
        self.setObjectName("NeuroQtPanel")
        self.setStyleSheet(PANEL_STYLESHEET)
        self.title = title
        self.horizontal = horizontal
        self.items: list[QWidget] = []
        self.controls: list[Any] = []
        self.scrolls = False
        self.calls: list[tuple[str, tuple[Any, ...]]] = []  # the x* calls that built it
        self.close_args: tuple[int, tuple[int, int, int, int] | None] = (-1, None)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self._body = QWidget()
        self._body.setObjectName("panelBody")
        self._rows: QBoxLayout = QHBoxLayout(self._body) if horizontal else QVBoxLayout(self._body)
        self._rows.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self._rows.setSpacing(SPACING + (4 if horizontal else 0))
        self._outer.addWidget(self._body)
        self._menubar: QMenuBar | None = None
        panel_refresh.register_panel(self)

    # -- building ---------------------------------------------------------------------
    def add_item(self, widget: QWidget, control: bool = False) -> QWidget:
        """Append a row (a column in a horizontal panel)."""
        self._menubar = None
        self.items.append(widget)
        self._rows.addWidget(widget)
        if control:
            self.controls.append(widget)
        return widget

    def add_label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "label")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_item(label)
        return label

    def menubar(self, new_row: bool) -> QMenuBar:
        """The menubar row a top-level ``xmenu`` goes in (a new one when asked)."""
        if self._menubar is None or new_row:
            bar = QMenuBar()
            bar.setNativeMenuBar(False)
            self.add_item(bar)
            self._menubar = bar
        return self._menubar

    def finish(self, scroll: int = -1) -> None:
        """Called by ``xpanel()``: align prompts, add a scroll box if asked or needed."""
        if not self.horizontal:
            self._align_prompts()
            self._rows.addStretch(1)
        else:
            self._rows.addStretch(1)
        if scroll == 1 or (scroll == -1 and len(self.items) > SCROLL_THRESHOLD):
            self._make_scrolling()
        else:
            self._keep_compact()

    def _keep_compact(self) -> None:
        """In a wide dock, stay near the natural width at the top left (as NEURON's
        panels do) instead of stretching buttons and fields across the screen."""
        natural = self._body.sizeHint().width()
        self._body.setMaximumWidth(max(natural, int(natural * COMPACT_STRETCH)))
        self._outer.setAlignment(self._body, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def _align_prompts(self) -> None:
        fields = [w for w in self.items if isinstance(w, ValueField)]
        if len(fields) < 2:
            return
        width = max(f.prompt.sizeHint().width() for f in fields)
        boxes = [f.default_box.sizeHint().width() for f in fields if f.default_box is not None]
        steppers = [f.stepper.sizeHint().width() for f in fields if f.stepper is not None]
        for f in fields:
            f.prompt.setMinimumWidth(width)
            f.reserve_columns(max(boxes, default=0), max(steppers, default=0))

    def _make_scrolling(self) -> None:
        self._outer.removeWidget(self._body)
        area = QScrollArea()
        area.setObjectName("panelScroll")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        area.setWidget(self._body)
        hint = self._body.sizeHint()
        area.setMinimumWidth(hint.width() + area.verticalScrollBar().sizeHint().width() + 4)
        self._outer.addWidget(area)
        self.scrolls = True

    # -- refreshing -------------------------------------------------------------------
    def refresh_controls(self) -> None:
        self.setUpdatesEnabled(False)  # one repaint for the whole panel, not one per field
        try:
            for control in self.controls:
                control.refresh()
        finally:
            self.setUpdatesEnabled(True)

    def session_text(self) -> str:
        """HOC statements that rebuild this panel (what a session file holds)."""
        from widgets.panel_session import panel_hoc

        return panel_hoc(self)

    def value_fields(self) -> list[ValueField]:
        return [w for w in self.items if isinstance(w, ValueField)]

    def __repr__(self) -> str:
        return f"<Panel {self.title!r}>"
