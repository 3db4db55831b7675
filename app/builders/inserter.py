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

import math
import sys
from typing import Any

from layouts.boxes import VBox
from sim import h
from sim.mechanisms import MECHANISMS
from widgets import panel as xp

__all__ = ["Inserter", "SingleCompartment", "density_mechanisms", "open_single_compartment"]


def density_mechanisms() -> list[str]:
    """The mechanisms the Inserter offers, in NEURON's type order (pas, hh...)."""
    return [name for name, m in MECHANISMS.items() if m.kind == "density"]


def _parameters(mech: str) -> list[str]:
    m = MECHANISMS[mech]
    return [v.name for v in m.vars if v.role == "parameter" and v.name not in m.hidden]


def _range_name(var: str, mech: str) -> str:
    return f"{var}_{mech}"


class _Checks:
    """One attribute per mechanism (0/1), what the check boxes are bound to."""


class Inserter:
    """Insert/Remove Mechanisms for one section (the accessed one, or ``sec``)."""

    def __init__(self, map_now: float = 1, sec: Any = None) -> None:
        self.sec = sec if sec is not None else h.cas()
        self.checks = _Checks()
        self.mechanisms = density_mechanisms()
        self._saved: dict[tuple[int, str], dict[str, list[float]]] = {}
        self._label = h.ref("")
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
            setattr(self.checks, mech, 0.0)
            xp.xcheckbox(mech, (self.checks, mech), _call(self.toggle, mech))
        xp.xpanel()

    # -- what the user does ----------------------------------------------------------
    def select_section(self, sec: Any) -> None:
        """Show (and act on) ``sec``: its name, and a tick for each mechanism it has."""
        self.sec = sec
        self._label[0] = f"{sec.name()}"
        for mech in self.mechanisms:
            setattr(self.checks, mech, 1.0 if sec.has_membrane(mech) else 0.0)
        xp.doNotify()

    def toggle(self, mech: str) -> None:
        """Follow the check box: insert (restoring parameters) or remove (keeping them)."""
        if getattr(self.checks, mech):
            self.insert(mech)
        else:
            self.remove(mech)

    def insert(self, mech: str) -> None:
        if self.sec.has_membrane(mech):
            return
        self.sec.insert(mech)
        saved = self._saved.get((id(self.sec), mech))
        if saved is not None and len(next(iter(saved.values()), [])) == self.sec.nseg:
            for var, values in saved.items():
                for seg, value in zip(self.sec, values, strict=True):
                    setattr(seg, _range_name(var, mech), value)
        setattr(self.checks, mech, 1.0)

    def remove(self, mech: str) -> None:
        if not self.sec.has_membrane(mech):
            return
        self._saved[(id(self.sec), mech)] = {
            var: [getattr(seg, _range_name(var, mech)) for seg in self.sec]
            for var in _parameters(mech)
        }
        self.sec.uninsert(mech)
        setattr(self.checks, mech, 0.0)

    def mech_on(self, mech: str) -> float:
        """Tick ``mech`` and insert it (what a session file says for each tick)."""
        self.insert(mech)
        xp.doNotify()
        return 0.0

    def session_text(self) -> str:
        """NEURON's Inserter block (its section pushed); ticks as ``mech_on(name)``."""
        g = self.v1.widget
        return (
            "\n".join(
                [
                    "//Begin Inserter",
                    "{",
                    'load_file("inserter.hoc")',
                    "}",
                    "{",
                    f"{self.sec.hname()} ocbox_ = new Inserter(0)",
                    "}",
                    "{object_push(ocbox_)}",
                    "{",
                    *[f'mech_on("{m}")' for m in self.inserted()],
                    "}",
                    "{object_pop() doNotify()}",
                    "{",
                    "ocbox_ = ocbox_.v1",
                    f'ocbox_.map("Insert/Remove Mechanisms", {g.x()}, {g.y()}, '
                    f"{g.width()}, {g.height()})",
                    "}",
                    "objref ocbox_",
                    "//End Inserter",
                ]
            )
            + "\n"
        )

    def inserted(self) -> list[str]:
        return [m for m in self.mechanisms if self.sec.has_membrane(m)]

    def checkbox_states(self) -> dict[str, bool]:
        return {m: bool(getattr(self.checks, m)) for m in self.mechanisms}


def _call(fn: Any, arg: Any) -> Any:
    return lambda: fn(arg)


def _sections() -> list[Any]:
    from sim.section._registry import all_sections

    return list(all_sections())


class SingleCompartment:
    """Build ▸ single compartment: ``soma`` of area 100 µm² and an Inserter for it.

    ``SingleCompartment(0)`` (a session file) leaves the box intercepting with no
    Inserter; the session then makes one, maps it into the box and calls ``endbox()``.
    """

    def __init__(self, map_now: float = 1) -> None:
        if h._lookup("soma") is None:
            h("create soma")
        else:
            sys.stderr.write("SingleCompartment: soma already exists at top level; using it\n")
        h("access soma")
        self.soma = h.soma
        self.soma.diam = 10
        self.soma.L = 10 / math.pi  # area 100 um2: mA/cm2 and nA read the same
        self.inserter: Inserter | None = None
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
        """NEURON's SingleCompartment block; the Inserter's ticks as ``mech_on(name)``."""
        mechs = [] if self.inserter is None else self.inserter.inserted()
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
                    *[f'mech_on("{m}")' for m in mechs],
                    "}",
                    "{object_pop()}",
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
