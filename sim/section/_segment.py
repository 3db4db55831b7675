"""``sec(x)``: a segment, and ``seg.hh``: one mechanism's values at a segment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sim.mechanisms import MECHANISMS, find_range_variable
from sim.section._nodes import node_storage, resolve, segment_index
from sim.section._pointers import StoragePointer

__all__ = ["MechanismView", "RangeVar", "Segment"]

_GEOMETRY_NAMES = ("v", "diam", "cm")


class Segment:
    """A location ``x`` on a section (NEURON's ``nrn.Segment``)."""

    __slots__ = ("sec", "x")

    def __init__(self, sec: Any, x: float) -> None:
        object.__setattr__(self, "sec", sec)
        object.__setattr__(self, "x", float(x))

    # -- geometry and voltage ----------------------------------------------------------
    @property
    def v(self) -> float:
        arr, i, _ = node_storage(self.sec, self.x)
        return float(arr[i])

    @v.setter
    def v(self, value: float) -> None:
        arr, i, _ = node_storage(self.sec, self.x)
        arr[i] = _number(value, "v")

    @property
    def diam(self) -> float:
        self.sec._sync_diam()
        return float(self.sec._diam[segment_index(self.sec, self.x)])

    @diam.setter
    def diam(self, value: float) -> None:
        self.sec._set_segment_diam(segment_index(self.sec, self.x), _number(value, "diam"))

    @property
    def cm(self) -> float:
        return float(self.sec._cm[segment_index(self.sec, self.x)])

    @cm.setter
    def cm(self, value: float) -> None:
        self.sec._cm[segment_index(self.sec, self.x)] = _number(value, "cm")

    def area(self) -> float:
        """µm² of the segment; 0 at x = 0 and 1 (end nodes)."""
        if resolve(self.sec, self.x)[0] != "seg":
            return 0.0
        return float(self.sec._geometry().area[segment_index(self.sec, self.x)])

    def ri(self) -> float:
        """MΩ between this node and its parent node (1e30 for a root node)."""
        from sim.section._section import node_ri

        return node_ri(self.sec, self.x)

    def node_index(self) -> int:
        return segment_index(self.sec, self.x)

    def point_processes(self) -> list[Any]:
        """Point processes on this segment's node."""
        sec = self.sec
        kind, i = resolve(sec, self.x)
        return [p for p in sec._point_processes() if resolve(sec, p._x) == (kind, i)]

    def hoc_internal_name(self) -> str:
        return repr(self)

    # -- mechanisms and range variables ------------------------------------------------
    def __iter__(self) -> Iterator[MechanismView]:
        """The mechanisms at this segment (NEURON's order: most recently inserted first)."""
        for name in self.sec._mech_order:
            yield MechanismView(self, MECHANISMS[name])

    def __getattr__(self, name: str) -> Any:
        sec = self.sec
        if name.startswith("_ref_"):
            return self._ref(name[5:])
        if name.startswith("__"):
            raise AttributeError(name)
        mech = MECHANISMS.get(name)
        if mech is not None and mech.kind in ("density", "ion"):
            if name not in sec._mechs:
                raise AttributeError(f"{name}, the mechanism does not exist at {self!r}")
            return MechanismView(self, mech)
        found = find_range_variable(name)
        if found is None:
            raise AttributeError(f"'nrn.Segment' object has no attribute '{name}'")
        mech, var = found
        data = sec._mechs.get(mech.name)
        if data is None:
            raise AttributeError(f"{name}, the mechanism does not exist at {self!r}")
        return float(data[segment_index(sec, self.x), mech.index(var)])

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _GEOMETRY_NAMES:
            object.__setattr__(self, name, value)
            return
        if name in ("sec", "x"):
            raise AttributeError(f"segment.{name} is read-only")
        found = find_range_variable(name)
        if found is None:
            raise AttributeError(f"'nrn.Segment' object has no attribute '{name}'")
        mech, var = found
        data = self.sec._mechs.get(mech.name)
        if data is None:
            raise AttributeError(f"{name}, the mechanism does not exist at {self!r}")
        data[segment_index(self.sec, self.x), mech.index(var)] = _number(value, name)

    def _ref(self, name: str) -> StoragePointer:
        sec, x = self.sec, self.x
        alive = sec._is_alive
        if name == "v":
            return StoragePointer(lambda: node_storage(sec, x)[:2], f"{self!r}.v", alive)
        if name in ("diam", "cm"):
            attr = "_" + name
            return StoragePointer(
                lambda: (getattr(sec, attr), segment_index(sec, x)), f"{self!r}.{name}", alive
            )
        found = find_range_variable(name)
        if found is None:
            raise AttributeError(f"'nrn.Segment' object has no attribute '_ref_{name}'")
        mech, var = found
        if mech.name not in sec._mechs:
            raise AttributeError(f"{name}, the mechanism does not exist at {self!r}")
        return _mech_pointer(self, mech, var)

    # -- identity ----------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"{self.sec._name}({self.x:g})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Segment) and other.sec is self.sec and other.x == self.x

    def __hash__(self) -> int:
        return hash((id(self.sec), self.x))

    def __lt__(self, other: Segment) -> bool:
        return (self.sec._order, self.x) < (other.sec._order, other.x)


def _mech_pointer(seg: Segment, mech: Any, var: str) -> StoragePointer:
    sec, x = seg.sec, seg.x
    col = mech.index(var)
    name = mech.suffixed(var)
    return StoragePointer(
        lambda: (sec._mechs[mech.name], (segment_index(sec, x), col)),
        f"{seg!r}.{name}",
        lambda: sec._is_alive() and mech.name in sec._mechs,
    )


class MechanismView:
    """``seg.hh``: read and write one mechanism's variables at one segment."""

    __slots__ = ("_mech", "_seg")

    def __init__(self, seg: Segment, mech: Any) -> None:
        object.__setattr__(self, "_seg", seg)
        object.__setattr__(self, "_mech", mech)

    def name(self) -> str:
        return self._mech.name

    def segment(self) -> Segment:
        return self._seg

    def is_ion(self) -> bool:
        return self._mech.kind == "ion"

    def _column(self, name: str) -> int:
        col = self._mech.index(name)
        if col is None:
            raise AttributeError(f"'nrn.Mechanism' object has no attribute '{name}'")
        return col

    def _row(self) -> Any:
        sec = self._seg.sec
        return sec._mechs[self._mech.name], segment_index(sec, self._seg.x)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_ref_"):
            self._column(name[5:])
            return _mech_pointer(self._seg, self._mech, name[5:])
        if name.startswith("__"):
            raise AttributeError(name)
        col = self._column(name)
        data, i = self._row()
        return float(data[i, col])

    def __setattr__(self, name: str, value: Any) -> None:
        col = self._column(name)
        data, i = self._row()
        data[i, col] = _number(value, name)

    def __iter__(self) -> Iterator[RangeVar]:
        for var in self._mech.visible():
            yield RangeVar(self, var)

    def __dir__(self) -> list[str]:
        return sorted(set(object.__dir__(self)) | set(self._mech.visible()))

    def __repr__(self) -> str:
        return self._mech.name


class RangeVar:
    """One variable of a mechanism at a segment, as iterating ``seg.hh`` yields."""

    __slots__ = ("_var", "_view")

    def __init__(self, view: MechanismView, var: str) -> None:
        self._view = view
        self._var = var

    def name(self) -> str:
        return self._view._mech.suffixed(self._var)

    def mechanism(self) -> MechanismView:
        return self._view

    def __len__(self) -> int:
        return 1

    def __getitem__(self, i: int) -> float:
        if i != 0:
            raise IndexError("range variable index out of range")
        return getattr(self._view, self._var)

    def __setitem__(self, i: int, value: float) -> None:
        if i != 0:
            raise IndexError("range variable index out of range")
        setattr(self._view, self._var, value)

    def __repr__(self) -> str:
        return f"<range variable {self.name()}>"


def _number(value: Any, what: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{what} is a number; cannot assign {value!r}") from None
