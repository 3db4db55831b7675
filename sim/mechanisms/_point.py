"""Point processes (``h.IClamp(seg)``): one instance on one node of a section.

Values live in ``pp._data`` (one row of the type's columns); once the engine
compiles the model, that row is a view into the engine's flat arrays, so
``ic.amp = 0.3`` between runs needs no copying.
"""

from __future__ import annotations

import itertools
import weakref
from typing import Any

import numpy as np

from sim.mechanisms._base import MechanismType
from sim.section._registry import push_section, structure_changed

__all__ = ["PointProcess", "all_point_processes", "point_process_class", "reset_counts"]

_serial = itertools.count()
_live: dict[str, list[weakref.ref]] = {}
_classes: dict[str, type] = {}


def all_point_processes(type_name: str | None = None) -> list[PointProcess]:
    """Live point processes (of one type, or all), in creation order."""
    names = [type_name] if type_name is not None else list(_live)
    out: list[PointProcess] = []
    for name in names:
        refs = _live.get(name, [])
        alive = [r for r in refs if r() is not None]
        _live[name] = alive
        out.extend(p for p in (r() for r in alive) if p is not None)
    out.sort(key=lambda p: p._serial)
    return out


class PointProcess:
    """Base of every point-process class; ``_mech`` is set per subclass."""

    _mech: MechanismType
    _count = 0

    def __init__(self, *args: Any, sec: Any = None) -> None:
        cls = type(self)
        d = self.__dict__
        d["_data"] = np.array(cls._mech.defaults(), dtype=float)
        d["_serial"] = next(_serial)
        d["_index"] = cls._count
        cls._count += 1
        d["_sec"] = None
        d["_x"] = 0.5
        _live.setdefault(cls._mech.name, []).append(weakref.ref(self))
        if args or sec is not None:
            self.loc(*args, sec=sec)

    # -- location --------------------------------------------------------------------
    def loc(self, *args: Any, sec: Any = None) -> float:
        """Place on ``seg``, or at ``x`` of ``sec`` (default: the accessed section)."""
        from sim.section import Segment, current_section

        if len(args) == 1 and isinstance(args[0], Segment):
            seg = args[0]
            target, x = seg.sec, seg.x
        elif len(args) == 1:
            try:
                x = float(args[0])
            except (TypeError, ValueError):
                raise TypeError(
                    f"{self.hname()}: location must be a segment such as soma(0.5) "
                    f"or a number 0..1, got {args[0]!r}"
                ) from None
            target = sec if sec is not None else current_section()
        else:
            raise TypeError(f"{self.hname()}.loc() takes a segment, or x with sec=")
        if not 0.0 <= x <= 1.0:
            raise ValueError(f"{self.hname()}: position {x} is outside 0..1")
        target._check_alive()
        self.__dict__["_sec"] = target
        self.__dict__["_x"] = _node_x(target._nseg, x)
        target._add_point_process(self)
        from sim.section._section import _notify

        _notify("note_point", self, target, self._x)
        structure_changed()
        return self._x

    def __del__(self) -> None:
        try:
            if self.__dict__.get("_sec") is not None:
                structure_changed()  # gone from the model: the next run recompiles without it
        except Exception:  # interpreter shutdown
            pass

    def has_loc(self) -> float:
        sec = self._sec
        return 1.0 if sec is not None and not sec._deleted else 0.0

    def get_loc(self) -> float:
        """x of the node it sits on; pushes its section (NEURON does: pop it afterwards)."""
        self._require_loc()
        push_section(self._sec)
        return self._x

    def get_segment(self) -> Any:
        self._require_loc()
        return self._sec(self._x)

    def _require_loc(self) -> None:
        if not self.has_loc():
            raise RuntimeError(f"{self.hname()} is not located in a section")

    # -- variables ---------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        mech = type(self)._mech
        if name.startswith("_ref_"):
            return self._ref(name[5:])
        col = mech.index(name)
        if col is None or name.startswith("_"):
            raise AttributeError(f"'{mech.name}' object has no attribute '{name}'")
        return float(self._data[col])

    def __setattr__(self, name: str, value: Any) -> None:
        mech = type(self)._mech
        col = mech.index(name)
        if col is None:
            raise AttributeError(
                f"{mech.name} has no variable '{name}' (it has: {', '.join(mech.visible())})"
            )
        try:
            self._data[col] = float(value)
        except (TypeError, ValueError):
            raise TypeError(f"{self.hname()}.{name} is a number; cannot assign {value!r}") from None

    def _ref(self, name: str) -> Any:
        from sim.section._pointers import StoragePointer

        col = type(self)._mech.index(name)
        if col is None:
            raise AttributeError(f"{self.hname()} has no variable '{name}'")
        return StoragePointer(lambda: (self._data, col), f"{self.hname()}.{name}", lambda: True)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(type(self)._mech.visible()))

    # -- names -------------------------------------------------------------------------
    def hname(self) -> str:
        return f"{type(self)._mech.name}[{self._index}]"

    def __repr__(self) -> str:
        return self.hname()

    __str__ = __repr__


def _node_x(nseg: int, x: float) -> float:
    """The x of the node a point process at ``x`` sits on (segment centre or an end)."""
    if x <= 0.0 or x >= 1.0:
        return 0.0 if x <= 0.0 else 1.0
    i = min(int(nseg * x), nseg - 1)
    return (i + 0.5) / nseg


def reset_counts() -> None:
    """Number point processes from 0 again (``IClamp[0]``...) once none is alive."""
    for name, cls in _classes.items():
        if not all_point_processes(name):
            cls._count = 0


def point_process_class(mech: MechanismType) -> type:
    """The ``h.<name>`` class of a point-process type (one class per type)."""
    cls = _classes.get(mech.name)
    if cls is None:
        doc = f"NEURON's {mech.name} point process: variables {', '.join(mech.visible())}."
        cls = type(mech.name, (PointProcess,), {"_mech": mech, "_count": 0, "__doc__": doc})
        _classes[mech.name] = cls
    return cls
