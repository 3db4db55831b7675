"""A small ``MechanismStandard``: a named set of a mechanism's parameter values.

Enough of NEURON's class for the builders and their session files:
``MechanismStandard("IClamp")``, ``set(name, value, i)``, ``get(name)``, ``count()``,
``name()``/``name(i)``, ``in(obj_or_seg)`` (copy from a point process or segment),
``out(obj_or_seg)`` (copy to it).  Only parameters are held (vartype 1).

For a density mechanism NEURON names the parameters with the suffix (``gnabar_hh``),
as its session files write them; ``in()`` with no argument reads the accessed section
where NEURON does (its first segment, ``sec(0)``) and ``out()`` sets every segment of
the accessed section.
"""

from __future__ import annotations

from typing import Any

from sim.mechanisms import MECHANISMS

__all__ = ["MechanismStandard", "parameter_names"]


def parameter_names(mech: str) -> list[str]:
    """The user-visible parameters of ``mech`` in NEURON's order."""
    m = MECHANISMS[mech]
    return [v.name for v in m.vars if v.role == "parameter" and v.name not in m.hidden]


class MechanismStandard:
    """Parameter values of one mechanism, kept apart from any instance."""

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

    def _key(self, var: str) -> str:
        suffix = f"_{self._mech}"
        if var not in self._values and self._density and str(var).endswith(suffix):
            var = str(var)[: -len(suffix)]
        if var not in self._values:
            raise ValueError(f"MechanismStandard {self._mech}: no parameter {var!r}")
        return var

    @property
    def _density(self) -> bool:
        return MECHANISMS[self._mech].kind == "density"

    def set(self, var: str, value: float, index: float = 0) -> float:
        self._values[self._key(var)] = float(value)
        return 0.0

    def get(self, var: str, index: float = 0) -> float:
        return self._values[self._key(var)]

    def hoc_name(self, var: str) -> str:
        """The parameter as NEURON names it (``gnabar_hh`` for a density mechanism)."""
        return f"{var}_{self._mech}" if self._density else var

    def _attr(self, target: Any, var: str) -> str:
        point = MECHANISMS[self._mech].kind != "density"
        return var if point else f"{var}_{self._mech}"

    def in_(self, target: Any = None) -> float:
        """Copy the values from a point process (or a segment with the mechanism; by
        default the accessed section's first segment, as NEURON's ``in()``)."""
        if target is None:
            from sim import h

            target = h.cas()(0)
        for var in self._names:
            self._values[var] = float(getattr(target, self._attr(target, var)))
        return 0.0

    def out(self, target: Any = None) -> float:
        """Copy the values to a point process (or a segment with the mechanism; by
        default every segment of the accessed section)."""
        if target is None:
            from sim import h

            for seg in h.cas():
                self.out(seg)
            return 0.0
        for var in self._names:
            setattr(target, self._attr(target, var), self._values[var])
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
