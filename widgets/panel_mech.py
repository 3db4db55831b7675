"""Ready-made panels over the model: ``nrnpointmenu``, ``nrnsecmenu``, ``nrnglobalmechmenu``.

They are built from the mechanism descriptions (:mod:`sim.mechanisms`): the
variables, their roles (parameter, assigned, state) and units, in NEURON's
order.  Each is an ordinary panel made with the xpanel calls, so an
intercepting box adopts it like any other.
"""

from __future__ import annotations

from typing import Any

from sim import h
from widgets.binding import Action, Binding, NoValue, PanelError
from widgets.panel_field import ValueField

__all__ = ["nrnallsectionmenu", "nrnglobalmechmenu", "nrnpointmenu", "nrnsecmenu"]

_ROLES = {1: "parameter", 2: "assigned", 3: "state"}
_TITLES = {1: "Parameters", 2: "Assigned", 3: "States"}


def _add_field(prompt: str, target: Any, units: str | None, deflt: bool = False) -> None:
    """An xvalue row with known units (the current panel must be open)."""
    from widgets.panel import current_panel

    panel = current_panel()
    if panel is None:
        raise PanelError(f"{prompt}: No panel is open")
    binding = Binding(target)
    if units and units != "1":
        binding.units = units
    panel.add_item(ValueField(prompt, binding, Action(None), deflt=deflt), control=True)


def nrnpointmenu(pp: Any, labelstyle: float = 1) -> float:
    """A panel of every variable of point process ``pp``.

    ``labelstyle`` -1: no label; 0: the object's name; 1 (default): its name
    and location.
    """
    mech = getattr(type(pp), "_mech", None)
    if mech is None:
        raise PanelError(f"nrnpointmenu: {pp!r} is not a point process")
    name = pp.hname()
    h.xpanel(name)
    style = int(labelstyle)
    if style == 0:
        h.xlabel(name)
    elif style >= 1:
        where = f" at {pp.get_segment()}" if pp.has_loc() else ""
        h.xlabel(f"{name}{where}")
    for var in mech.vars:
        if var.name in mech.hidden:
            continue
        _add_field(var.name, (pp, var.name), var.units, deflt=var.role == "parameter")
    h.xpanel()
    return 0.0


class _SectionWide:
    """A range variable over a whole section (``nrnsecmenu(-1, ...)``): reads the value
    when it is the same everywhere, writes every segment."""

    def __init__(self, sec: Any, name: str) -> None:
        self.sec, self.name = sec, name

    def __getitem__(self, _i: int) -> float:
        values = {getattr(seg, self.name) for seg in self.sec}
        if len(values) != 1:
            raise NoValue("not constant")
        return values.pop()

    def __setitem__(self, _i: int, value: float) -> None:
        for seg in self.sec:
            setattr(seg, self.name, value)

    def describe(self) -> str:
        return f"{self.sec.name()}.{self.name}"


def _range_names(seg: Any, role: str) -> list[tuple[str, str]]:
    """(suffixed name, units) of every mechanism variable in ``seg`` with ``role``."""
    from sim.mechanisms import MECHANISMS

    found = []
    for mview in seg:
        mech = MECHANISMS.get(mview.name())
        if mech is None:
            continue
        for var in mech.vars:
            if var.role == role and var.name not in mech.hidden and not var.name.endswith("_"):
                found.append((mech.suffixed(var.name), var.units))
    return found


def nrnsecmenu(x: float, vartype: float, sec: Any = None) -> float:
    """A panel of a section's parameters (1), assigned variables (2) or states (3) at
    ``x``; ``x = -1`` shows values constant over the whole section."""
    kind = int(vartype)
    if kind not in _ROLES:
        raise PanelError(f"nrnsecmenu: vartype must be 1, 2 or 3, not {vartype!r}")
    sec = sec if sec is not None else h.cas()
    whole = x < 0
    seg = sec(0.5) if whole else sec(x)
    where = sec.name() if whole else f"{sec.name()}({x:g})"
    h.xpanel(f"{where} ({_TITLES[kind]})")
    if whole:
        h.xlabel(f"{sec.name()} (all segments)")
    names: list[tuple[str, str]] = []
    if kind == 1:
        h.xvalue("nseg", (sec, "nseg"), 1)
        _add_field("L", (sec, "L"), "µm", deflt=True)
        _add_field("Ra", (sec, "Ra"), "ohm-cm", deflt=True)
        names = [("diam", "µm"), ("cm", "uF/cm2")]
    elif kind == 3:
        names = [("v", "mV")]
    names += _range_names(seg, _ROLES[kind])
    for name, units in names:
        target = _SectionWide(sec, name) if whole else (seg, name)
        _add_field(name, target, units, deflt=kind == 1)
    h.xpanel()
    return 0.0


def nrnglobalmechmenu(name: str, show: float = 1) -> float:
    """A panel of mechanism ``name``'s global variables; ``(name, 0)`` only counts them."""
    from sim.mechanisms import MECHANISMS

    if name not in MECHANISMS:
        raise PanelError(f"nrnglobalmechmenu: {name!r} is not a mechanism")
    suffix = f"_{name}"
    globals_ = [
        n
        for n, sym in h._symbols.items()
        if n.endswith(suffix) and hasattr(sym, "__hoc_get__") and hasattr(sym, "__hoc_set__")
    ]
    if not show:
        return float(len(globals_))
    h.xpanel(f"{name} (Globals)")
    if not globals_:
        h.xlabel(f"{name} has no global variables")
    for n in globals_:
        _add_field(n, n, getattr(h._symbols[n], "units", None), deflt=True)
    h.xpanel()
    return float(len(globals_))


def nrnallsectionmenu() -> float:
    """A panel listing every section; a section's button opens its parameter panel
    (values constant over the section, as ``nrnsecmenu(-1, 1)``)."""
    sections = list(h.allsec())
    h.xpanel("Section Parameters")
    if not sections:
        h.xlabel("There are no sections")
    for sec in sections:
        h.xbutton(sec.name(), (nrnsecmenu, (-1, 1, sec)))
    h.xpanel()
    return 0.0
