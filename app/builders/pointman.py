"""PointProcessManager (neuron-gui-api.md §10): choose a point-process type, place it by
clicking on a Shape, edit its parameters; switching type and back keeps the parameters.

The window is a VBox: a panel with the menus **SelectPointProcess** (none + every
point-process type) and **Show** (Shape | Parameters), two labels (the instance name and
``at: soma(0.5)``), then a Deck whose cards are a Shape (click a section to move the point
process there; it is marked in colour 3) and the instance's parameter panel.

Its attributes follow NEURON's ``pointman.hoc`` so NEURON's session blocks load:
``mt.select("IClamp")``, ``i = mt.selected()``, ``ms[i] = new MechanismStandard(..)``,
``ms[i].set(name, value, 0)``, ``maction(i)``, ``hoc_ac_ = x``, ``sec.sec move()``,
``d1.flip_to(0)``, ``v1``.
"""

from __future__ import annotations

from typing import Any

from app.builders.mechstd import MechanismStandard, parameter_names
from layouts.boxes import Deck, VBox
from sim import h
from sim.mechanisms import MECHANISMS
from widgets import panel as xp

__all__ = ["PointProcessManager", "TypeChooser", "point_types"]


def point_types() -> list[str]:
    """The point-process types offered, in NEURON's type order."""
    return [name for name, m in MECHANISMS.items() if m.kind == "point"]


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


class PointProcessManager:
    """A point process placed with the mouse; ``pp`` is the live instance (or None)."""

    def __init__(self, map_now: float = 1, sec: Any = None) -> None:
        self.sec = h.SectionRef(sec=sec if sec is not None else h.cas())
        self.x = 0.5
        self.pp: Any = None
        self.mt = TypeChooser(point_types())
        self.ms: list[Any] = [None] * int(self.mt.count())
        self._name = h.ref("None")
        self._where = h.ref("")
        self.v1 = VBox()
        self.v1.priority(990)
        self.v1.ref(self)
        self.v1.intercept(1)
        self._build_panel()
        self.d1 = Deck()
        self.d1.intercept(1)
        from widgets.shape import Shape

        self.shape = Shape()
        self.shape.action(self._clicked)
        self._params_placeholder()
        self.d1.intercept(0)
        self.d1.map()
        self.d1.flip_to(0)
        self.v1.intercept(0)
        self._show_where()
        if map_now:
            self.v1.map("PointProcessManager")

    def _build_panel(self) -> None:
        xp.xpanel("PointProcessManager")
        xp.xmenu("SelectPointProcess")
        for i, name in enumerate(self.mt.names):
            xp.xradiobutton(name, _bind(self.choose, name), 1 if i == 0 else 0)
        xp.xmenu()
        xp.xmenu("Show")
        xp.xradiobutton("Shape", lambda: self.d1.flip_to(0), 1)
        xp.xradiobutton("Parameters", lambda: self.d1.flip_to(1))
        xp.xmenu()
        xp.xvarlabel(self._name)
        xp.xvarlabel(self._where)
        xp.xpanel()

    def _params_placeholder(self) -> None:
        xp.xpanel("no point process")
        xp.xlabel("Choose a type in SelectPointProcess")
        xp.xpanel()

    # -- what the user does ----------------------------------------------------------
    def choose(self, name: str) -> None:
        """SelectPointProcess ▸ name: keep the old type's parameters, make the new one."""
        self.mt.select(name)
        self.maction(self.mt.selected())
        xp.doNotify()

    def maction(self, i: float) -> float:
        """Make the point process of type ``mt.names[i]`` (NEURON's name for it)."""
        i = int(i)
        self._keep_parameters()
        if self.pp is not None:
            self.shape.point_mark_remove(self.pp)
        self.pp = None
        name = self.mt.names[i]
        self.mt.select(name)
        if i > 0:
            self.pp = getattr(h, name)(self.sec.sec(self.x))
            if self.ms[i] is not None:
                self.ms[i].out(self.pp)
            self.shape.point_mark(self.pp, 3)
        self._rebuild_parameters()
        self._show_where()
        return 0.0

    def _keep_parameters(self) -> None:
        """The live instance's parameters go to ``ms`` of its type (mt may have moved on)."""
        if self.pp is None:
            return
        name = type(self.pp)._mech.name
        ms = MechanismStandard(name)
        ms.in_(self.pp)
        self.ms[self.mt.names.index(name)] = ms

    def _rebuild_parameters(self) -> None:
        shown = self.d1.current()
        self.d1.remove(1)
        self.d1.intercept(1)
        if self.pp is None:
            self._params_placeholder()
        else:
            h.nrnpointmenu(self.pp, 0)
        self.d1.intercept(0)
        self.d1.flip_to(shown if shown >= 0 else 0)

    def _clicked(self, sec: Any, x: float) -> None:
        """A click on the Shape: the point process moves there."""
        self.move_to(sec, x)

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
            self.shape.point_mark_remove(self.pp)
            self.shape.point_mark(self.pp, 3)
        self._show_where()

    def _show_where(self) -> None:
        self._name[0] = self.pp.hname() if self.pp is not None else "None"
        seg = self.pp.get_segment() if self.pp is not None else self.sec.sec(self.x)
        self._where[0] = f"at: {seg}"
        xp.doNotify()

    # -- sessions --------------------------------------------------------------------
    def session_text(self) -> str:
        """NEURON's PointProcessManager block (placed by the VBox's map line)."""
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
        body.append(f"sec.sec move() d1.flip_to({max(self.d1.current(), 0)})")
        g = self.v1.widget
        return (
            "\n".join(
                [
                    "//Begin PointProcessManager",
                    "{",
                    'load_file("pointman.hoc")',
                    "}",
                    "{",
                    f"{self.sec.sec.hname()} ocbox_ = new PointProcessManager(0)",
                    "}",
                    "{object_push(ocbox_)}",
                    "{",
                    *body,
                    "}",
                    "{object_pop() doNotify()}",
                    "{",
                    "ocbox_ = ocbox_.v1",
                    f'ocbox_.map("PointProcessManager", {g.x()}, {g.y()}, '
                    f"{g.width()}, {g.height()})",
                    "}",
                    "objref ocbox_",
                    "//End PointProcessManager",
                ]
            )
            + "\n"
        )


def _bind(fn: Any, arg: Any) -> Any:
    return lambda: fn(arg)
