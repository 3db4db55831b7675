"""Headless stand-ins for every GUI name in ``h`` (NEURON's ``-nogui``).

Until :mod:`app.gui` is imported, ``h.xpanel(...)``, ``h.Graph()`` and the
rest accept any arguments and draw nothing, so a script that builds windows
still runs (and computes the same numbers) with no Qt installed.  The Qt
implementations replace these through ``h._install_gui``.
"""

from __future__ import annotations

from typing import Any

from sim._hocname import HocNamed

__all__ = ["GUI_CLASSES", "GUI_FUNCTIONS", "HeadlessWindow", "install_stubs"]

# Panel and menu calls: each returns 0 in NEURON.
GUI_FUNCTIONS = (
    "xpanel",
    "xlabel",
    "xbutton",
    "xvalue",
    "xpvalue",
    "xfixedvalue",
    "xvarlabel",
    "xcheckbox",
    "xstatebutton",
    "xradiobutton",
    "xmenu",
    "xslider",
    "nrnpointmenu",
    "nrnsecmenu",
    "nrnglobalmechmenu",
    "nrnallsectionmenu",
    "nrncontrolmenu",
    "nrnmainmenu",
    "ivoc_style",
    "doNotify",
    "doEvents",
    "newPlotV",
    "newPlotI",
    "newPlotS",
    "newshapeplot",
    "makecellbuilder",
)

# Window classes: constructible; every method accepts anything.
GUI_CLASSES = (
    "HBox",
    "VBox",
    "Deck",
    "Graph",
    "Shape",
    "PlotShape",
    "ValueFieldEditor",
    "SymChooser",
    "PointProcessManager",
    "CellBuild",
    "PWManager",
)


def _accept_anything(*_args: Any, **_kwargs: Any) -> float:
    return 0.0


class HeadlessWindow(HocNamed):
    """A window that is never drawn: every method accepts anything and returns 0."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._args = args

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _accept_anything

    def ismapped(self) -> float:
        return 0.0


def _make_class(name: str) -> type:
    return type(name, (HeadlessWindow,), {"__doc__": f"Headless stand-in for h.{name}."})


def install_stubs(h: Any) -> None:
    """Register the stand-ins in ``h`` (names already defined are kept)."""
    for name in GUI_FUNCTIONS:
        if h._lookup(name) is None:
            h._register(name, _accept_anything)
    for name in GUI_CLASSES:
        if h._lookup(name) is None:
            h._register(name, _make_class(name))
