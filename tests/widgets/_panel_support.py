"""Shared set-up for the panel and box tests: Qt implementations installed in ``h``
for one test, errors captured, everything restored afterwards."""

from __future__ import annotations

import runpy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from layouts import boxes
from layouts import registry as reg
from sim import compat, h
from widgets import panel
from widgets.binding import set_error_handler
from widgets.panel_window import Panel

EXAMPLES = Path(__file__).with_name("panel_examples")


@dataclass
class Gui:
    """What a test gets: the registry, the errors reported, and helpers."""

    registry: Any
    qtbot: Any
    errors: list[BaseException] = field(default_factory=list)

    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]

    def panels(self, title: str) -> list[Panel]:
        return [p for p in panel.panel_refresh.live_panels() if p.title == title]

    def panel(self, title: str) -> Panel:
        found = self.panels(title)
        assert found, f"no panel titled {title!r}"
        return found[-1]

    def run_example(self, name: str) -> dict[str, Any]:
        """Run a tutorial example under the ``neuron`` shim, as ``neuroqt`` does."""
        was_installed = compat.installed()
        old_loader = compat._gui_loader
        compat.install()
        compat.set_gui_loader(lambda: None)  # the implementations are already in h
        try:
            return runpy.run_path(str(EXAMPLES / name), run_name="__main__")
        finally:
            compat.set_gui_loader(old_loader)
            if not was_installed:
                compat.uninstall()


def install(qt_windows: Any, qtbot: Any):
    """Generator behind the ``gui`` fixture."""
    names = list(panel.implementations()) + list(boxes.implementations())
    saved = {name: h._symbols.get(name) for name in names}
    saved_loaded = h._gui_loaded
    gui = Gui(qt_windows, qtbot)
    old_handler = set_error_handler(lambda _t, value, _tb: gui.errors.append(value))
    h._install_gui({**panel.implementations(), **boxes.implementations()})
    try:
        yield gui
    finally:
        qt_windows.close_all()
        panel.reset()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # panels really go
        reg._interceptors.clear()
        set_error_handler(old_handler)
        for name, obj in saved.items():
            if obj is None:
                h._symbols.pop(name, None)
            else:
                h._symbols[name] = obj
        object.__setattr__(h, "_gui_loaded", saved_loaded)


def type_into(qtbot: Any, line_edit: QWidget, text: str, enter: bool = True) -> None:
    """Select the field's text as a person would (Ctrl+A), type, and press Enter."""
    qtbot.keyClick(line_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line_edit, text)
    if enter:
        qtbot.keyClick(line_edit, Qt.Key.Key_Return)


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def hoc_expressions_available() -> bool:
    try:
        return hasattr(h._hoc(), "eval_expression")
    except ImportError:
        return False
