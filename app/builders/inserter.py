"""The Distributed Mechanism Inserter and Build ▸ single compartment.

:class:`Inserter` is NEURON's "Insert/Remove Mechanisms" tool (neuron-gui-api.md §10): a
label naming the section, then one check box per density mechanism (ions and
NEURON's low built-ins are not offered).  Checking inserts the mechanism and puts back
the parameters it had when it was last unchecked; unchecking remembers them and
removes the mechanism.  With more than one section a "Section" menu picks which one.

:class:`SingleCompartment` is ``single.hoc``: a top-level ``soma`` of 100 µm² area
(diam 10 µm, L 10/π µm, so mA/cm² and nA read the same) in a box with an Inserter.
"""

from __future__ import annotations

from typing import Any

from layouts.boxes import VBox
from sim.builders import InserterModel, SingleCompartmentModel, density_mechanisms
from widgets import panel as xp

__all__ = ["Inserter", "SingleCompartment", "density_mechanisms", "open_single_compartment"]


class Inserter(InserterModel):
    """Insert/Remove Mechanisms for one section (the accessed one, or ``sec``): a label
    naming it, a check box per mechanism bound to :attr:`checks`, a Section menu.

    The model (ticks, ``mt``, ``ms``, ``mstate``, ``maction``) is :class:`InserterModel`.
    """

    def __init__(self, map_now: float = 1, sec: Any = None) -> None:
        super().__init__(sec)
        self.v1 = VBox()
        self.v1.intercept(1)
        self._build_panel()
        self.v1.intercept(0)
        self.v1.ref(self)
        self.v1.priority(900)
        self.select_section(self.sec)
        if map_now:
            self.v1.map("Insert/Remove Mechanisms")

    def _build_panel(self) -> None:
        xp.xpanel("Inserter")
        sections = _sections()
        if len(sections) > 1:
            xp.xmenu("Section")
            for sec in sections:
                xp.xradiobutton(sec.name(), _call(self.select_section, sec), sec is self.sec)
            xp.xmenu()
        xp.xvarlabel(self._label)
        for mech in self.mechanisms:
            xp.xcheckbox(mech, (self.checks, mech), _call(self.toggle, mech))
        xp.xpanel()

    # -- sessions --------------------------------------------------------------------
    def session_text(self) -> str:
        """NEURON's Inserter block (its section named, its state as ``dsave`` writes it)."""
        g = self.v1.widget
        return (
            "\n".join(
                [
                    "//Begin Insert/Remove Mechanisms",
                    "{",
                    'load_file("inserter.hoc", "Inserter")',
                    "}",
                    "{",
                    f"{self.sec.hname()} ocbox_ = new Inserter(0)",
                    "}",
                    "{object_push(ocbox_)}",
                    "{",
                    *self.state_lines(),
                    "}",
                    "{object_pop() doNotify()}",
                    "{",
                    "ocbox_ = ocbox_.v1",
                    f'ocbox_.map("Insert/Remove Mechanisms", {g.x()}, {g.y()}, '
                    f"{g.width()}, {g.height()})",
                    "}",
                    "objref ocbox_",
                    "//End Insert/Remove Mechanisms",
                ]
            )
            + "\n"
        )


def _call(fn: Any, arg: Any) -> Any:
    return lambda: fn(arg)


def _sections() -> list[Any]:
    from sim.section._registry import all_sections

    return list(all_sections())


class SingleCompartment(SingleCompartmentModel):
    """Build ▸ single compartment: ``soma`` of area 100 µm² and an Inserter for it.

    ``SingleCompartment(0)`` (a session file) leaves the box intercepting with no
    Inserter; the session then makes one, maps it into the box and calls ``endbox()``.
    """

    def __init__(self, map_now: float = 1) -> None:
        super().__init__()
        self.vbox = VBox()
        self.vbox.priority(1000)
        self.vbox.ref(self)
        self.vbox.intercept(1)
        if map_now:
            self.inserter = Inserter(1, sec=self.soma)
            self.endbox()
            self.vbox.map("SingleCompartment")

    def endbox(self) -> float:
        self.vbox.intercept(0)
        return 0.0

    def session_text(self) -> str:
        """NEURON's SingleCompartment block; the Inserter's state as NEURON writes it."""
        state = [] if self.inserter is None else self.inserter.state_lines()
        g = self.vbox.widget
        return (
            "\n".join(
                [
                    "//Begin SingleCompartment",
                    "{",
                    'load_file("single.hoc")',
                    "}",
                    "ocbox_ = new SingleCompartment(0)",
                    "ocbox_.inserter = new Inserter(0)",
                    "{object_push(ocbox_.inserter)}",
                    "{",
                    *state,
                    "}",
                    "{object_pop() doNotify()}",
                    "{object_push(ocbox_)}",
                    "{inserter.v1.map()}",
                    "{endbox()}",
                    "{object_pop() doNotify()}",
                    "{",
                    "ocbox_ = ocbox_.vbox",
                    f'ocbox_.map("SingleCompartment", {g.x()}, {g.y()}, {g.width()}, {g.height()})',
                    "}",
                    "objref ocbox_",
                    "//End SingleCompartment",
                ]
            )
            + "\n"
        )


def open_single_compartment() -> SingleCompartment:
    """What Build ▸ single compartment does."""
    return SingleCompartment()
