"""Shape Name (Tools ▸ Distributed Mechanisms ▸ Viewers ▸ Shape Name, neuron-gui-api.md §10):
a Shape and a **Type** menu (Parameters / Assigned / States); clicking a section opens
``nrnsecmenu`` for that spot, showing the chosen kind of variables.
"""

from __future__ import annotations

from typing import Any

from layouts.boxes import VBox
from sim import h
from widgets import panel as xp

__all__ = ["ShapeName"]

_TYPES = (("Parameters", 1), ("Assigned", 2), ("States", 3))


class ShapeName:
    """Click a section to see its values; ``vartype`` is 1, 2 or 3 (the Type menu)."""

    def __init__(self, map_now: float = 1) -> None:
        self.vartype = 1
        self.opened: list[Any] = []  # (section, x) of each panel opened, for the record
        self.v1 = VBox()
        self.v1.ref(self)
        self.v1.intercept(1)
        xp.xpanel("Shape Name")
        xp.xmenu("Type")
        for label, kind in _TYPES:
            xp.xradiobutton(label, _bind(self.set_type, kind), kind == 1)
        xp.xmenu()
        xp.xlabel("Click a section to see its values")
        xp.xpanel()
        from widgets.shape import Shape

        self.shape = Shape()
        self.shape.action(self.clicked)
        self.v1.intercept(0)
        if map_now:
            self.v1.map("Shape Name")

    def set_type(self, kind: int) -> None:
        self.vartype = int(kind)

    def clicked(self, sec: Any, x: float) -> None:
        """Open the section's value panel at the clicked spot."""
        self.opened.append((sec, float(x)))
        h.nrnsecmenu(float(x), self.vartype, sec=sec)


def _bind(fn: Any, arg: Any) -> Any:
    return lambda: fn(arg)
