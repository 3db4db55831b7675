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

from layouts.boxes import Deck, VBox
from sim import h
from sim.builders import PointManagerModel, TypeChooser, point_types
from widgets import panel as xp

__all__ = ["PointProcessManager", "TypeChooser", "point_types"]


class PointProcessManager(PointManagerModel):
    """A point process placed with the mouse; ``pp`` is the live instance (or None).

    The model (``mt``, ``ms``, ``maction``, ``move``) is :class:`PointManagerModel`.
    """

    def __init__(self, map_now: float = 1, sec: Any = None) -> None:
        super().__init__(sec)
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

    def _replaced(self, old: Any) -> None:
        if old is not None:
            self.shape.point_mark_remove(old)
        if self.pp is not None:
            self.shape.point_mark(self.pp, 3)
        self._rebuild_parameters()
        self._show_where()

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

    def _moved(self) -> None:
        if self.pp is not None:
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
        body = self.state_lines(max(self.d1.current(), 0))
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
