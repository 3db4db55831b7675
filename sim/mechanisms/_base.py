"""Mechanisms described by data.

A :class:`MechanismType` names a mechanism's variables (parameters, assigned
variables and states, in NEURON's order), their defaults and units, the ions
it reads and writes, and its kind:

``density``    inserted into a section (``pas``, ``hh``), one instance per segment;
``ion``        an ion's per-segment data (``na_ion``), inserted along with its users;
``point``      a point process living on one node (``IClamp``, ``ExpSyn``...);
``artificial`` an artificial cell with no node (``NetStim``).

Each instance's values are one row of a float64 array (columns = ``vars``), so
the engine can lay all instances of a type out as one 2-D array and the
compiled kernels index columns by position.  The kernels themselves live in
:mod:`sim.engine` (imported lazily, so ``import sim`` stays fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MechanismType", "Var"]


@dataclass(frozen=True)
class Var:
    """One variable of a mechanism: name, default value, units, role."""

    name: str
    default: float = 0.0
    units: str = ""
    role: str = "parameter"  # "parameter", "assigned", "state"


@dataclass
class MechanismType:
    """A mechanism's description: its variables, kind, ions and place in the type order."""

    name: str
    kind: str  # "density", "ion", "point", "electrode", "artificial"
    vars: tuple[Var, ...]
    order: int  # NEURON's type order (smaller runs first in setup and states)
    ions_read: tuple[str, ...] = ()
    ions_written: tuple[str, ...] = ()
    electrode: bool = False  # ELECTRODE_CURRENT (rhs += i) instead of a membrane current
    hidden: tuple[str, ...] = ()  # columns that are not user-visible range variables
    aliases: dict[str, str] = field(default_factory=dict)  # Python name -> var name (delay->del)
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {v.name: i for i, v in enumerate(self.vars)}

    @property
    def nvars(self) -> int:
        return len(self.vars)

    @property
    def is_point(self) -> bool:
        return self.kind in ("point", "artificial")

    def index(self, name: str) -> int | None:
        """Column of variable ``name`` (aliases accepted), or None."""
        name = self.aliases.get(name, name)
        return self._index.get(name)

    def visible(self) -> list[str]:
        """The range-variable names a user sees, in NEURON's order."""
        return [v.name for v in self.vars if v.name not in self.hidden]

    def defaults(self) -> list[float]:
        return [v.default for v in self.vars]

    def suffixed(self, var: str) -> str:
        """``gnabar`` -> ``gnabar_hh`` (ions keep their bare names: ``ena``)."""
        return var if self.kind == "ion" else f"{var}_{self.name}"
