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

from app.builders.mechstd import MechanismStandard
from app.builders.pointman import TypeChooser
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


class _States:
    """``mstate``: NEURON's check-box states by type index (``mstate[i] = 1``)."""

    def __init__(self, inserter: Inserter) -> None:
        self._ins = inserter

    def __getitem__(self, i: float) -> float:
        return float(getattr(self._ins.checks, self._ins.mt.names[int(i)]))

    def __setitem__(self, i: float, value: float) -> None:
        setattr(self._ins.checks, self._ins.mt.names[int(i)], 1.0 if value else 0.0)


class Inserter:
    """Insert/Remove Mechanisms for one section (the accessed one, or ``sec``).

    Its attributes follow NEURON's ``inserter.hoc`` so NEURON's session blocks load:
    ``mt.select("hh")``, ``i = mt.selected()``, ``ms[i] = new MechanismStandard("hh")``,
    ``ms[i].set("gnabar_hh", 0.12, 0)``, ``mstate[i] = 1``, ``maction(i)``, ``v1``.
    """

    def __init__(self, map_now: float = 1, sec: Any = None) -> None:
        self.sec = sec if sec is not None else h.cas()
        self.checks = _Checks()
        self.mechanisms = density_mechanisms()
        self.mt = TypeChooser(self.mechanisms, none=False)
        self.ms: list[Any] = [None] * len(self.mechanisms)
        self.mstate = _States(self)
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
        for i, mech in enumerate(self.mechanisms):
            present = sec.has_membrane(mech)
            setattr(self.checks, mech, 1.0 if present else 0.0)
            if present:  # NEURON keeps a MechanismStandard of each one present
                self.ms[i] = MechanismStandard(mech)
                self.ms[i].in_(sec(0))
        xp.doNotify()

    def toggle(self, mech: str) -> None:
        """Follow the check box: insert (restoring parameters) or remove (keeping them)."""
        if getattr(self.checks, mech):
            self.insert(mech)
        else:
            self.remove(mech)
        i = self.mechanisms.index(mech)
        if self.ms[i] is None:  # as NEURON's maction: a clicked mechanism is saved
            self.ms[i] = MechanismStandard(mech)

    def maction(self, i: float) -> float:
        """NEURON's name for a check-box click on type ``i`` (session files call it)."""
        i = int(i)
        mech = self.mechanisms[i]
        if getattr(self.checks, mech) and self.ms[i] is not None:
            if not self.sec.has_membrane(mech):
                self.sec.insert(mech)
            for seg in self.sec:
                self.ms[i].out(seg)
        else:
            self.toggle(mech)
        xp.doNotify()
        return 0.0

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
        i = self.mechanisms.index(mech)
        self.ms[i] = MechanismStandard(mech)
        self.ms[i].in_(self.sec(0))
        self.sec.uninsert(mech)
        setattr(self.checks, mech, 0.0)

    # -- sessions --------------------------------------------------------------------
    def state_lines(self) -> list[str]:
        """NEURON's ``dsave``: for each mechanism present when the tool was made or
        clicked since, its parameters (as the section has them now) and its tick."""
        lines = []
        for i, mech in enumerate(self.mechanisms):
            if self.ms[i] is None:
                continue
            if self.sec.has_membrane(mech):
                self.ms[i].in_(self.sec(0))
            on = int(bool(getattr(self.checks, mech)))
            lines.append(f'mt.select("{mech}") i = mt.selected()')
            lines.append(f'ms[i] = new MechanismStandard("{mech}")')
            lines += self.ms[i].session_lines("ms[i]")
            lines.append(f"mstate[i]= {on}")
            if on:
                lines.append("maction(i)")
        return lines

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
        if h._lookup("soma") is None or not _soma_alive():
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


def _soma_alive() -> bool:
    """False if the top-level ``soma`` was deleted (its name is left, the section gone)."""
    try:
        _ = h.soma.L  # a deleted section refuses its values
    except (ReferenceError, AttributeError, TypeError):
        return False
    return True


def open_single_compartment() -> SingleCompartment:
    """What Build ▸ single compartment does."""
    return SingleCompartment()
