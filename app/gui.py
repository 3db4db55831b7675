"""Importing this opens the GUI: ``from neuron import gui`` under ``neuroqt``.

:func:`load` creates the QApplication if needed, opens the NEURON Main Menu
window (which hosts every other window as a dock), and installs the Qt
implementations of the GUI names into ``h`` in place of the headless
stand-ins.  Importing the module calls :func:`load`.
"""

from __future__ import annotations

import importlib
import sys
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication

from sim import compat, h

__all__ = ["application", "load", "main_window", "report_exception"]

# Modules providing Qt implementations of h names; each has implementations() -> dict.
# A module that is not written yet is skipped.
_IMPLEMENTATION_MODULES = (
    "widgets.panel",  # xpanel, xbutton, xvalue... doNotify, doEvents
    "layouts.boxes",  # HBox, VBox, Deck
    "widgets.graph",  # Graph, newPlotV...
    "widgets.shape",  # Shape, PlotShape
    "widgets.runcontrol",  # nrncontrolmenu
    "app.simthread",  # the threaded run driver for run/continuerun/steprun
    "app.menus",  # nrnmainmenu and the Main Menu's tools
)

_main_window: Any = None


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1] or ["neuroqt"])
        app.setApplicationName("NeuroQt")
        app.setOrganizationName("NeuroQt")
    return app  # type: ignore[return-value]


def _install_implementations() -> None:
    impls: dict[str, Any] = {}
    for modname in _IMPLEMENTATION_MODULES:
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError as e:
            if e.name == modname:
                continue
            raise
        impls.update(module.implementations())
    h._install_gui(impls)


def main_window() -> Any:
    return _main_window


def load(show: bool = True) -> Any:
    """Open the GUI once per process; returns the main window."""
    global _main_window
    application()
    if _main_window is None:
        from app.main_window import MainWindow
        from layouts.registry import registry

        _main_window = MainWindow()
        registry().set_host(_main_window)
        _install_implementations()
        if show:
            _main_window.show()
    return _main_window


def report_exception(
    etype: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """Show an exception to the user; the app keeps running."""
    if _main_window is not None:
        _main_window.report_exception(etype, value, tb)
    else:
        sys.__excepthook__(etype, value, tb)


def keep_responsive_at_prompt() -> None:
    """Let windows repaint while Python waits at the ``>>>`` prompt."""
    from PySide6.QtCore import QTimer

    try:
        import readline  # noqa: F401  (its input hook runs Qt's events)
    except ImportError:
        pass
    timer = QTimer()
    timer.start(50)
    application()._prompt_timer = timer  # keep it alive


compat.set_gui_loader(load)
load()
