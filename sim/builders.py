"""The model side of NEURON's point-and-click builders, with no windows.

NEURON's session files build models through its GUI tools (``single.hoc``,
``inserter.hoc``, ``pointman.hoc``): ``new SingleCompartment(0)``, ``mt.select("hh")``,
``ms[i] = new MechanismStandard("hh")``, ``maction(i)``, ``sec.sec move()``...
Real NEURON loads such a file with ``-nogui`` and builds the same sections,
mechanisms and point processes.  This module holds what those tools do to the
model: :class:`InserterModel`, :class:`PointManagerModel`,
:class:`SingleCompartmentModel` and :class:`MechanismStandard`.  The Qt tools
(``app.builders``) subclass them and add their windows; the headless stand-ins in
:mod:`sim._gui_stubs` subclass them with windows that are never drawn.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from sim import h
from sim.mechanisms import MECHANISMS

__all__ = [
    "InserterModel",
    "MechanismStandard",
    "PointManagerModel",
    "SingleCompartmentModel",
    "TypeChooser",
    "density_mechanisms",
    "parameter_names",
    "point_types",
]


def parameter_names(mech: str) -> list[str]:
    """The user-visible parameters of ``mech`` in NEURON's order."""
    m = MECHANISMS[mech]
    return [v.name for v in m.vars if v.role == "parameter" and v.name not in m.hidden]


def density_mechanisms() -> list[str]:
    """The mechanisms the Inserter offers, in NEURON's type order (pas, hh...)."""
    return [name for name, m in MECHANISMS.items() if m.kind == "density"]


def point_types() -> list[str]:
    """The point-process types the PointProcessManager offers, in NEURON's type order."""
    return [name for name, m in MECHANISMS.items() if m.kind == "point"]


class MechanismStandard:
    """Parameter values of one mechanism, kept apart from any instance.

    ``MechanismStandard("IClamp")``, ``set(name, value, i)``, ``get(name)``, ``count()``,
    ``name()``/``name(i)``, ``in(obj_or_seg)`` (copy from), ``out(obj_or_seg)`` (copy to).
    Only parameters are held (vartype 1).  A density mechanism's parameters carry
    the suffix (``gnabar_hh``) as in NEURON; ``in()`` with no argument reads the
    accessed section's first segment and ``out()`` sets all its segments.
    """

    def __init__(self, name: str, vartype: float = 1) -> None:
        if name not in MECHANISMS:
            raise ValueError(f"MechanismStandard: {name!r} is not a mechanism")
        self._mech = name
        m = MECHANISMS[name]
        self._names = parameter_names(name)
        self._values = {v.name: float(v.default) for v in m.vars if v.name in self._names}

    def name(self, *i: float) -> str:
        """The mechanism's name, or NEURON's name of parameter ``i`` (``gnabar_hh``)."""
        return self._mech if not i else self.hoc_name(self._names[int(i[0])])

    def count(self) -> float:
        return float(len(self._names))

    @property
    def _density(self) -> bool:
        return MECHANISMS[self._mech].kind == "density"

    def _key(self, var: str) -> str:
        suffix = f"_{self._mech}"
        if var not in self._values and self._density and str(var).endswith(suffix):
            var = str(var)[: -len(suffix)]
        if var not in self._values:
            raise ValueError(f"MechanismStandard {self._mech}: no parameter {var!r}")
        return var

    def set(self, var: str, value: float, index: float = 0) -> float:
        self._values[self._key(var)] = float(value)
        return 0.0

    def get(self, var: str, index: float = 0) -> float:
        return self._values[self._key(var)]

    def hoc_name(self, var: str) -> str:
        """The parameter as NEURON names it (``gnabar_hh`` for a density mechanism)."""
        return f"{var}_{self._mech}" if self._density else var

    def in_(self, target: Any = None) -> float:
        """Copy the values from a point process (or a segment with the mechanism; by
        default the accessed section's first segment, as NEURON's ``in()``)."""
        if target is None:
            target = h.cas()(0)
        for var in self._names:
            self._values[var] = float(getattr(target, self.hoc_name(var)))
        return 0.0

    def out(self, target: Any = None) -> float:
        """Copy the values to a point process (or a segment with the mechanism; by
        default every segment of the accessed section)."""
        if target is None:
            for seg in h.cas():
                self.out(seg)
            return 0.0
        for var in self._names:
            setattr(target, self.hoc_name(var), self._values[var])
        return 0.0

    def session_lines(self, name: str = "ms[i]") -> list[str]:
        """NEURON's ``ms.save("ms[i]")``: one ``set`` line per parameter."""
        return [
            f'{name}.set("{self.hoc_name(var)}", {self._values[var]:g}, 0)' for var in self._names
        ]

    def values(self) -> dict[str, float]:
        return dict(self._values)

    def __getattr__(self, name: str) -> Any:
        if name == "in":  # `ms.in(pp)` from HOC
            return self.in_
        raise AttributeError(name)

    def hname(self) -> str:
        return f"MechanismStandard[{self._mech}]"


class TypeChooser:
    """``mt`` of NEURON's tools: which type is selected (index 0 is "none" if ``none``)."""

    def __init__(self, names: list[str], none: bool = True) -> None:
        self.names = ["none", *names] if none else list(names)
        self._selected = 0

    def select(self, name: str) -> float:
        self._selected = self.names.index(str(name)) if str(name) in self.names else 0
        return 0.0

    def selected(self) -> float:
        return float(self._selected)

    def count(self) -> float:
        return float(len(self.names))


class _Checks:
    """One attribute per mechanism (0/1): the Inserter's ticks (check boxes bind to them)."""


class _States:
    """``mstate``: NEURON's tick states by type index (``mstate[i] = 1``)."""

    def __init__(self, inserter: InserterModel) -> None:
        self._ins = inserter

    def __getitem__(self, i: float) -> float:
        return float(getattr(self._ins.checks, self._ins.mt.names[int(i)]))

    def __setitem__(self, i: float, value: float) -> None:
        setattr(self._ins.checks, self._ins.mt.names[int(i)], 1.0 if value else 0.0)


class InserterModel:
    """Insert/Remove Mechanisms for one section: a tick per density mechanism.

    Ticking inserts the mechanism with the parameters it had when it was last
    unticked; unticking keeps them and removes it.  Attributes follow NEURON's
    ``inserter.hoc`` (``mt``, ``ms``, ``mstate``, ``maction(i)``) so its session blocks run.
    """

    def __init__(self, sec: Any = None) -> None:
        self.sec = sec if sec is not None else h.cas()
        self.checks = _Checks()
        self.mechanisms = density_mechanisms()
        for mech in self.mechanisms:
            setattr(self.checks, mech, 0.0)
        self.mt = TypeChooser(self.mechanisms, none=False)
        self.ms: list[Any] = [None] * len(self.mechanisms)
        self.mstate = _States(self)
        self._saved: dict[tuple[int, str], dict[str, list[float]]] = {}
        self._label = h.ref("")

    def select_section(self, sec: Any) -> None:
        """Act on ``sec``: its name, and a tick for each mechanism it has."""
        self.sec = sec
        self._label[0] = f"{sec.name()}"
        for i, mech in enumerate(self.mechanisms):
            present = sec.has_membrane(mech)
            setattr(self.checks, mech, 1.0 if present else 0.0)
            if present:  # NEURON keeps a MechanismStandard of each one present
                self.ms[i] = MechanismStandard(mech)
                self.ms[i].in_(sec(0))
        h.doNotify()

    def toggle(self, mech: str) -> None:
        """Follow the tick: insert (restoring parameters) or remove (keeping them)."""
        if getattr(self.checks, mech):
            self.insert(mech)
        else:
            self.remove(mech)
        i = self.mechanisms.index(mech)
        if self.ms[i] is None:  # as NEURON's maction: a clicked mechanism is saved
            self.ms[i] = MechanismStandard(mech)

    def maction(self, i: float) -> float:
        """NEURON's name for a tick on type ``i`` (session files call it)."""
        i = int(i)
        mech = self.mechanisms[i]
        if getattr(self.checks, mech) and self.ms[i] is not None:
            if not self.sec.has_membrane(mech):
                self.sec.insert(mech)
            for seg in self.sec:
                self.ms[i].out(seg)
        else:
            self.toggle(mech)
        h.doNotify()
        return 0.0

    def insert(self, mech: str) -> None:
        if self.sec.has_membrane(mech):
            return
        self.sec.insert(mech)
        saved = self._saved.get((id(self.sec), mech))
        if saved is not None and len(next(iter(saved.values()), [])) == self.sec.nseg:
            for var, values in saved.items():
                for seg, value in zip(self.sec, values, strict=True):
                    setattr(seg, f"{var}_{mech}", value)
        setattr(self.checks, mech, 1.0)

    def remove(self, mech: str) -> None:
        if not self.sec.has_membrane(mech):
            return
        self._saved[(id(self.sec), mech)] = {
            var: [getattr(seg, f"{var}_{mech}") for seg in self.sec]
            for var in parameter_names(mech)
        }
        i = self.mechanisms.index(mech)
        self.ms[i] = MechanismStandard(mech)
        self.ms[i].in_(self.sec(0))
        self.sec.uninsert(mech)
        setattr(self.checks, mech, 0.0)

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

    def inserted(self) -> list[str]:
        return [m for m in self.mechanisms if self.sec.has_membrane(m)]

    def checkbox_states(self) -> dict[str, bool]:
        return {m: bool(getattr(self.checks, m)) for m in self.mechanisms}


class PointManagerModel:
    """A point process of a chosen type at ``sec(x)``; ``pp`` is the live instance.

    Switching type and back keeps each type's parameters (``ms``).  Attributes follow
    NEURON's ``pointman.hoc`` (``mt``, ``ms``, ``maction(i)``, ``sec``, ``move()``).
    """

    def __init__(self, sec: Any = None) -> None:
        self.sec = h.SectionRef(sec=sec if sec is not None else h.cas())
        self.x = 0.5
        self.pp: Any = None
        self.mt = TypeChooser(point_types())
        self.ms: list[Any] = [None] * int(self.mt.count())

    def maction(self, i: float) -> float:
        """Make the point process of type ``mt.names[i]`` (none for 0)."""
        i = int(i)
        self._keep_parameters()
        old, self.pp = self.pp, None
        name = self.mt.names[i]
        self.mt.select(name)
        if i > 0:
            self.pp = getattr(h, name)(self.sec.sec(self.x))
            if self.ms[i] is not None:
                self.ms[i].out(self.pp)
        self._replaced(old)
        return 0.0

    def _replaced(self, old: Any) -> None:
        """Hook: ``pp`` was made anew (``old`` is the instance it replaced, or None)."""

    def _moved(self) -> None:
        """Hook: the point process (or where the next one goes) moved."""

    def _keep_parameters(self) -> None:
        """The live instance's parameters go to ``ms`` of its type (mt may have moved on)."""
        if self.pp is None:
            return
        name = type(self.pp)._mech.name
        ms = MechanismStandard(name)
        ms.in_(self.pp)
        self.ms[self.mt.names.index(name)] = ms

    def move(self) -> float:
        """HOC's ``sec.sec move()``: to the accessed section at ``hoc_ac_``."""
        x = float(h.hoc_ac_) if h._lookup("hoc_ac_") is not None else self.x
        self.move_to(h.cas(), x)
        return 0.0

    def move_to(self, sec: Any, x: float) -> None:
        """Put the point process (and where the next one goes) at ``sec(x)``."""
        self.sec = h.SectionRef(sec=sec)
        self.x = float(x)
        if self.pp is not None:
            self.pp.loc(self.sec.sec(self.x))
        self._moved()

    def state_lines(self, deck_card: int = 0) -> list[str]:
        """The body of NEURON's PointProcessManager session block."""
        body = []
        if self.pp is not None:
            name = type(self.pp)._mech.name
            body.append(f'mt.select("{name}") i = mt.selected()')
            body.append(f'ms[i] = new MechanismStandard("{name}")')
            body += [
                f'ms[i].set("{var}", {getattr(self.pp, var):g}, 0)' for var in parameter_names(name)
            ]
            body.append(f'mt.select("{name}") i = mt.selected() maction(i)')
        body.append(f"hoc_ac_ = {self.x:g}")
        body.append(f"sec.sec move() d1.flip_to({deck_card})")
        return body


class SingleCompartmentModel:
    """Build ▸ single compartment: a top-level ``soma`` of area 100 µm² (diam 10 µm,
    L 10/π µm, so mA/cm² and nA read the same), accessed, with an Inserter for it."""

    def __init__(self) -> None:
        if h._lookup("soma") is None or not _soma_alive():
            h("create soma")
        else:
            sys.stderr.write("SingleCompartment: soma already exists at top level; using it\n")
        h("access soma")
        self.soma = h.soma
        self.soma.diam = 10
        self.soma.L = 10 / math.pi
        self.inserter: Any = None

    def endbox(self) -> float:
        return 0.0


def _soma_alive() -> bool:
    """False if the top-level ``soma`` was deleted (its name is left, the section gone)."""
    try:
        _ = h.soma.L  # a deleted section refuses its values
    except (ReferenceError, AttributeError, TypeError):
        return False
    return True
