"""Homogeneous Spec (NEURON's ``ShowMechanism``, neuron-gui-api.md §10).

A box with a Shape where the sections that have the chosen mechanism are red (colour 2)
and the others black, a **MechType** menu, and one field per parameter of the mechanism.
Editing a field sets that parameter, as a constant, in every segment of every section
that has the mechanism.  The fields start from the first such section's values.
"""

from __future__ import annotations

from typing import Any

from app.builders.mechstd import parameter_names
from layouts.boxes import Deck, VBox
from sim.mechanisms import MECHANISMS
from widgets import panel as xp

__all__ = ["ShowMechanism"]


class _Values:
    """The fields' values: one attribute per parameter name of the chosen mechanism."""


class ShowMechanism:
    """Set a mechanism's parameters across every section that has it."""

    def __init__(self, map_now: float = 1) -> None:
        self.mechanisms = [n for n, m in MECHANISMS.items() if m.kind == "density"]
        self.mech = self.mechanisms[0]
        self.values = _Values()
        self.v1 = VBox()
        self.v1.ref(self)
        self.v1.intercept(1)
        xp.xpanel("Homogeneous Spec")
        xp.xmenu("MechType")
        for name in self.mechanisms:
            xp.xradiobutton(name, _bind(self.choose, name), name == self.mech)
        xp.xmenu()
        xp.xpanel()
        from widgets.shape import Shape

        self.shape = Shape()
        self.deck = Deck()
        self.deck.intercept(1)
        for name in self.mechanisms:
            self._parameter_panel(name)
        self.deck.intercept(0)
        self.deck.map()
        self.v1.intercept(0)
        self.choose(self.mech)
        if map_now:
            self.v1.map("Homogeneous Spec")

    def _parameter_panel(self, mech: str) -> None:
        xp.xpanel(mech)
        for var in parameter_names(mech):
            attr = f"{var}_{mech}"
            setattr(self.values, attr, 0.0)
            xp.xvalue(attr, (self.values, attr), 1, _bind(self.apply, attr))
        xp.xpanel()

    def sections_with(self, mech: str) -> list[Any]:
        from sim.section._registry import all_sections

        return [s for s in all_sections() if s.has_membrane(mech)]

    def choose(self, mech: str) -> None:
        """MechType ▸ mech: colour its sections red and show its parameters."""
        self.mech = mech
        having = self.sections_with(mech)
        for attr in (f"{v}_{mech}" for v in parameter_names(mech)):
            if having:
                setattr(self.values, attr, float(getattr(having[0](0.5), attr)))
        self.shape.color_all(1)
        for sec in having:
            self.shape.color(2, sec=sec)
        self.deck.flip_to(self.mechanisms.index(mech))
        xp.doNotify()

    def apply(self, attr: str) -> None:
        """Set ``attr`` to the field's value in every segment that has the mechanism."""
        value = float(getattr(self.values, attr))
        for sec in self.sections_with(self.mech):
            for seg in sec:
                setattr(seg, attr, value)

    def red_sections(self) -> list[str]:
        return [s.name() for s in self.sections_with(self.mech)]


def _bind(fn: Any, arg: Any) -> Any:
    return lambda: fn(arg)
