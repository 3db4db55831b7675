"""Importing this opens the GUI: ``from neuron import gui`` under ``neuroqt``.

:func:`load` creates the QApplication if needed, opens the NEURON Main Menu
window (which hosts every other window as a dock), and installs the Qt
implementations of the GUI names into ``h`` in place of the headless
stand-ins.  Importing the module calls :func:`load`.
"""

from __future__ import annotations

import atexit
import importlib
import sys
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication

from app import install

__all__ = [
    "application",
    "delete_windows",
    "install_error_hooks",
    "load",
    "load_standard_run",
    "main_window",
    "remember_file",
    "report_exception",
]

# The modules whose implementations() are installed (the list lives in app.install).
_IMPLEMENTATION_MODULES = install.IMPLEMENTATION_MODULES

_main_window: Any = None


def application() -> QApplication:
    """The QApplication (created once, with NeuroQt's look)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1] or ["neuroqt"])
        app.setApplicationName("NeuroQt")
        app.setOrganizationName("NeuroQt")
        app.setApplicationDisplayName("NeuroQt")
        from app.theme import apply_theme

        apply_theme(app)
    return app  # type: ignore[return-value]


def _install_implementations() -> dict[str, Any]:
    """Install the Qt implementations (see :func:`app.install.install_implementations`)."""
    return install.install_implementations(_IMPLEMENTATION_MODULES)


def main_window() -> Any:
    return _main_window


def load(show: bool = True) -> Any:
    """Open the GUI once per process; returns the main window.

    The window is put on screen first, then the engine and the Qt
    implementations (pyqtgraph...) are imported, so the Main Menu appears fast.
    """
    global _main_window
    app = application()
    if _main_window is None:
        from app.main_window import MainWindow
        from layouts.registry import registry

        _main_window = MainWindow()
        registry().set_host(_main_window)
        if show:
            _main_window.show()
            app.processEvents()
            _report_startup_probe()
        _install_implementations()
        load_standard_run()
        _main_window.menus.refresh()
        atexit.register(delete_windows)  # runs after the error hooks' removal (LIFO)
        if "pytest" not in sys.modules:  # the test runner keeps its own hooks and streams
            install_error_hooks()
    return _main_window


def delete_windows() -> None:
    """Delete the app's windows now, in Qt's order, while Python and Qt are whole.

    Called at exit (before Python's final collections): the registry's windows and
    the Main Menu with its docks.  Otherwise a window still
    referenced from a reference cycle would be deleted by the cycle collector in an
    arbitrary order -- a crash inside ``gc`` when a graphics item outlives its view.
    """
    global _main_window
    import shiboken6

    from layouts.lifetime import drop_python_refs
    from layouts.registry import registry

    app = QApplication.instance()
    if app is None:
        return
    reg = registry()
    windows = [r.widget for r in reg.records()]
    reg.set_host(None)
    window, _main_window = _main_window, None
    if window is not None and shiboken6.isValid(window):
        windows.append(window)  # its docks (and the windows they hold) go with it
    for widget in windows:
        if shiboken6.isValid(widget):
            shiboken6.delete(widget)
    # Other top-level widgets are left alone: some belong to C++ structures (deleting
    # them here crashed a test run's exit); a dropped graph or shape view deletes its
    # own tree (widgets' __del__).
    if window is not None:
        drop_python_refs(window)  # its menus, docks... are empty shells now


HEAVY_MODULES = ("sim", "pyqtgraph", "numpy", "scipy", "numba", "matplotlib")


def _report_startup_probe() -> None:
    """For tests/benchmarks/bench_startup.py: say when the Main Menu is on screen."""
    import os

    if os.environ.get("NEUROQT_STARTUP_PROBE"):
        heavy = ",".join(m for m in HEAVY_MODULES if m in sys.modules)
        print(f"NEUROQT_MAIN_MENU_SHOWN heavy={heavy}", flush=True)


load_standard_run = install.load_standard_run


def install_error_hooks() -> None:
    """Route every error and all output to the message dock (see app.errors)."""
    from app.errors import funnel
    from app.messages import install_tees

    funnel().install()
    install_tees(stderr_intercept=funnel().note_stderr)
    _connect_widget_errors()
    atexit.register(_remove_error_hooks)  # before Qt objects go away at exit


def _remove_error_hooks() -> None:
    from app.errors import funnel
    from app.messages import remove_tees

    funnel().uninstall()
    remove_tees()


# Where the widgets package lets the app receive exceptions from button callbacks.
_WIDGET_ERROR_HOOKS = (
    ("widgets.binding", "set_error_handler"),
    ("widgets.errors", "set_error_handler"),
    ("widgets", "set_error_handler"),
)


def _connect_widget_errors() -> None:
    from app.errors import funnel

    for modname, attr in _WIDGET_ERROR_HOOKS:
        try:
            module = importlib.import_module(modname)
        except ImportError:
            continue
        setter = getattr(module, attr, None)
        if callable(setter):
            setter(funnel().report_exception)
            return


def remember_file(path: Any) -> None:
    """Add a file the user ran to File ▸ Recent files, and name it in the title bar."""
    from app.settings import settings

    settings().add_recent_file(path)
    if _main_window is not None:
        _main_window.set_document(path)


def report_exception(
    etype: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """Show an exception to the user (once); the app keeps running."""
    if _main_window is not None:
        from app.errors import funnel

        funnel().report_exception(etype, value, tb)
    else:
        sys.__excepthook__(etype, value, tb)


load()
importlib.import_module("sim.compat").set_gui_loader(load)
