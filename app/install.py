"""Installing the Qt implementations of the GUI names into ``h``, without opening anything.

:mod:`app.gui` (what ``from neuron import gui`` imports) opens the main window
*and* calls :func:`install_implementations`; tests that want the real tools
without the app's window use this module directly (importing :mod:`app.gui`
opens the app, for the whole process).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["IMPLEMENTATION_MODULES", "install_implementations", "load_standard_run"]

# Modules providing Qt implementations of h names; each has implementations() -> dict.
# A module that is not written yet is skipped.
IMPLEMENTATION_MODULES = (
    "widgets.panel",  # xpanel, xbutton, xvalue... doNotify, doEvents
    "layouts.boxes",  # HBox, VBox, Deck
    "widgets.graph",  # Graph, newPlotV...
    "widgets.shape",  # Shape, PlotShape
    "widgets.runcontrol",  # nrncontrolmenu
    "app.simthread",  # the threaded run driver for run/continuerun/steprun
    "app.menus",  # nrnmainmenu and the Main Menu's tools
    "app.session",  # save_session
    "app.builders",  # Inserter, PointProcessManager, SingleCompartment, MechanismStandard
)


def install_implementations(modules: tuple[str, ...] = IMPLEMENTATION_MODULES) -> dict[str, Any]:
    """Install every Qt implementation that loads (a broken tool is reported, not fatal);
    returns what was installed."""
    impls: dict[str, Any] = {}
    for modname in modules:
        try:
            module = importlib.import_module(modname)
            impls.update(module.implementations())
        except ModuleNotFoundError as e:
            if e.name != modname:
                _report_broken_tool(modname, e)
        except Exception as e:
            _report_broken_tool(modname, e)
    from sim import h

    h._install_gui(impls)
    return impls


def _report_broken_tool(modname: str, error: Exception) -> None:
    from app.errors import funnel

    funnel().report_exception(
        type(error), error, error.__traceback__, f"while loading {modname}; its tools are off"
    )


def load_standard_run() -> None:
    """What nrngui.hoc does first: load the standard run system (graphList, run...)."""
    from sim import h

    if h._lookup("load_file") is not None:
        h.load_file("stdrun.hoc")
