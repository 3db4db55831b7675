"""Headless stand-ins for every GUI name in ``h`` (NEURON's ``-nogui``).

Until :mod:`app.gui` is imported, ``h.xpanel(...)``, ``h.Graph()`` and the
rest accept any arguments and draw nothing, so a script that builds windows
still runs (and computes the same numbers) with no Qt installed.  The Qt
implementations replace these through ``h._install_gui``.

The model-building tools (``SingleCompartment``, ``Inserter``,
``PointProcessManager``) and ``MechanismStandard`` are not mere stand-ins: as
with NEURON's ``-nogui``, a session file that uses them builds the same
sections, mechanisms and point processes (:mod:`sim.builders`), with no windows.
"""

from __future__ import annotations

from typing import Any

from sim._hocname import HocNamed
from sim.builders import (
    InserterModel,
    MechanismStandard,
    PointManagerModel,
    SingleCompartmentModel,
)
from sim.cellspec import CellSessionCalls, CellSpec

__all__ = [
    "GUI_CLASSES",
    "GUI_FUNCTIONS",
    "HeadlessCellBuild",
    "HeadlessInserter",
    "HeadlessPointProcessManager",
    "HeadlessSingleCompartment",
    "HeadlessWindow",
    "install_stubs",
]

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
    "makesinglecompartment",
)

# Window classes: constructible; every method accepts anything.
GUI_CLASSES = (
    "HBox",
    "VBox",
    "Deck",
    "Graph",
    "Shape",
    "PlotShape",
    "SingleCompartment",
    "Inserter",
    "PointProcessManager",
    "ValueFieldEditor",
    "SymChooser",
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


_HeadlessVBox = _make_class("VBox")
_HeadlessDeck = _make_class("Deck")

# The tools made so far.  A tool's box holds it (``v1.ref(this)``) and a mapped box
# lives on, so ``objref ocbox_`` at the end of a session block keeps the point
# process NEURON's tool made; here nothing is mapped, so they are kept in this list.
_tools_made: list[Any] = []


def _keep(tool: Any) -> None:
    _tools_made.append(tool)


class HeadlessInserter(HocNamed, InserterModel):
    """``Inserter``: ticks act on the section; its box ``v1`` is never drawn."""

    hoc_class_name = "Inserter"

    def __init__(self, map_now: float = 1, sec: Any = None) -> None:
        super().__init__(sec)
        self.v1 = _HeadlessVBox()
        self.select_section(self.sec)
        _keep(self)


class HeadlessPointProcessManager(HocNamed, PointManagerModel):
    """``PointProcessManager``: the point process is made and moved; no Shape, no panel."""

    hoc_class_name = "PointProcessManager"

    def __init__(self, map_now: float = 1, sec: Any = None) -> None:
        super().__init__(sec)
        self.v1 = _HeadlessVBox()
        self.d1 = _HeadlessDeck()
        _keep(self)


class HeadlessSingleCompartment(HocNamed, SingleCompartmentModel):
    """``SingleCompartment``: the 100 µm² soma, and its Inserter unless a session makes it."""

    hoc_class_name = "SingleCompartment"

    def __init__(self, map_now: float = 1) -> None:
        super().__init__()
        self.vbox = _HeadlessVBox()
        _keep(self)
        if map_now:
            self.inserter = HeadlessInserter(1, sec=self.soma)


class HeadlessCellBuild(HocNamed, CellSessionCalls):
    """``CellBuild``: a Cell Builder session block's specification; with Continuous
    Create on (``continuous_set(1)``), the cell is made as the Qt tool makes it."""

    hoc_class_name = "CellBuild"

    def __init__(self, *_args: float) -> None:
        self.spec = CellSpec()
        self.classname = "Cell"
        self.continuous = False
        _keep(self)

    def classname_set(self, name: str) -> float:
        self.classname = str(name)
        return 0.0

    def continuous_set(self, on: float) -> float:
        self.continuous = bool(on)
        if self.continuous:
            self.instantiate()
        return 0.0

    def map(self, *_args: Any) -> float:
        return 0.0


def _makesinglecompartment() -> float:
    HeadlessSingleCompartment()
    return 0.0


_TOOLS: dict[str, Any] = {
    "MechanismStandard": MechanismStandard,
    "SingleCompartment": HeadlessSingleCompartment,
    "Inserter": HeadlessInserter,
    "PointProcessManager": HeadlessPointProcessManager,
    "CellBuild": HeadlessCellBuild,
    "makesinglecompartment": _makesinglecompartment,
}


def install_stubs(h: Any) -> None:
    """Register the stand-ins in ``h`` (names already defined are kept)."""
    for name, tool in _TOOLS.items():
        if h._lookup(name) is None:
            h._register(name, tool)
    for name in GUI_FUNCTIONS:
        if h._lookup(name) is None:
            h._register(name, _accept_anything)
    for name in GUI_CLASSES:
        if h._lookup(name) is None:
            h._register(name, _make_class(name))
