"""``h.Section``: a cable with nseg segments, its geometry, mechanisms and connections.

Per-segment values (``_diam``, ``_cm``, ``_v`` and one ``(nseg, nvars)`` array
per inserted mechanism) are stored in x order.  When the engine compiles the
model these arrays are replaced by views into its flat arrays, so reading or
writing a range variable always touches the engine's data; a structural
change (nseg...) makes fresh arrays, which the next compile copies over.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any

import numpy as np

from sim.mechanisms import MECHANISMS, find_range_variable, ion_type, unknown_mechanism
from sim.section import _registry
from sim.section._nodes import node_storage, resolve, segment_index
from sim.section._segment import Segment, _number

__all__ = ["Section", "node_ri"]

_DEFAULTS = {"L": 100.0, "diam": 500.0, "Ra": 35.4, "cm": 1.0, "v": -65.0}
_PLAIN = frozenset({"L", "diam", "nseg", "Ra", "cm", "rallbranch", "v"})  # handled by properties


class Section:
    """A NEURON section (``h.Section(name='soma', cell=obj)``)."""

    def __init__(self, name: str | None = None, cell: Any = None) -> None:
        d = self.__dict__
        d["_order"] = _registry.next_order()
        d["_cell_ref"] = _weak(cell)
        if name is None:
            d["_name"] = f"__nrnsec_0x{id(self):x}"
        else:
            d["_name"] = f"{cell}.{name}" if cell is not None else str(name)
        d["_L"] = _DEFAULTS["L"]
        d["_Ra"] = _DEFAULTS["Ra"]
        d["_nseg"] = 1
        d["_rallbranch"] = 1.0
        d["_diam"] = np.full(1, _DEFAULTS["diam"])
        d["_cm"] = np.full(1, _DEFAULTS["cm"])
        d["_v"] = np.full(1, _DEFAULTS["v"])
        d["_v_end"] = np.full(1, _DEFAULTS["v"])
        d["_v_root"] = np.full(1, _DEFAULTS["v"])
        d["_pt3d"] = np.zeros((0, 4), dtype=np.float32)
        d["_arc3d"] = np.zeros(0)
        d["_parent_ref"] = None
        d["_parent_x"] = 1.0
        d["_child_end"] = 0.0
        d["_child_refs"] = []
        d["_deleted"] = False
        d["_mechs"] = {}
        d["_mech_order"] = []
        d["_pps"] = []
        _registry.register_section(self)

    # -- links: weak, so a section goes away when the user drops it (as in NEURON) ----------
    @property
    def _parent(self) -> Section | None:
        ref = self._parent_ref
        parent = ref() if ref is not None else None
        return None if parent is None or parent._deleted else parent

    @_parent.setter
    def _parent(self, parent: Section | None) -> None:
        self.__dict__["_parent_ref"] = None if parent is None else weakref.ref(parent)

    @property
    def _children(self) -> list[Section]:
        """Children in sibling order (a fresh list; change it with ``_set_children``)."""
        kids = [r() for r in self._child_refs]
        return [c for c in kids if c is not None and not c._deleted and c._parent is self]

    def _set_children(self, children: list[Section]) -> None:
        self.__dict__["_child_refs"] = [weakref.ref(c) for c in children]

    @property
    def _cell(self) -> Any:
        ref = self._cell_ref
        return ref() if callable(ref) else ref

    def __del__(self) -> None:
        try:
            if not self.__dict__.get("_deleted", True):
                for child in self._children:
                    child._parent = None
                    child.__dict__["_parent_x"] = 1.0
                    child.__dict__["_child_end"] = 0.0
                _registry.unregister_section(self)
        except Exception:  # interpreter shutdown: nothing left to tidy
            pass

    # -- identity ----------------------------------------------------------------------
    def name(self) -> str:
        return self._name

    hname = name

    def hoc_internal_name(self) -> str:
        return f"__nrnsec_0x{id(self):x}"

    def cell(self) -> Any:
        return self._cell

    def is_pysec(self) -> bool:
        return True

    def __repr__(self) -> str:
        return self._name

    __str__ = __repr__

    def __lt__(self, other: Section) -> bool:
        return self._order < other._order

    def _is_alive(self) -> bool:
        return not self._deleted

    def _check_alive(self) -> None:
        if self._deleted:
            raise ReferenceError("can't access a deleted section")

    # -- geometry ----------------------------------------------------------------------
    @property
    def L(self) -> float:
        self._check_alive()
        return float(self._L)

    @L.setter
    def L(self, value: float) -> None:
        self._check_alive()
        value = _number(value, "L")
        if not value > 0:
            raise ValueError(f"{self._name}: L must be > 0 (got {value:g})")
        _morph3d().set_L(self, value)
        _registry.structure_changed()

    @property
    def diam(self) -> float:
        self._check_alive()
        self._sync_diam()
        return float(self._diam[segment_index(self, 0.5)])

    def _sync_diam(self) -> None:
        """With 3-D points, the segment diams are those integrated from the points."""
        if len(self._pt3d) > 1:
            self._geometry()

    @diam.setter
    def diam(self, value: float) -> None:
        self._check_alive()
        value = _number(value, "diam")
        if not value > 0:
            raise ValueError(f"{self._name}: diam must be > 0 (got {value:g})")
        _morph3d().set_diam_all(self, value)
        _registry.structure_changed()

    def _set_segment_diam(self, i: int, value: float) -> None:
        if not value > 0:
            raise ValueError(f"{self._name}: diam must be > 0 (got {value:g})")
        self._diam[i] = value
        _morph3d().diam_changed(self)
        _registry.structure_changed()

    @property
    def Ra(self) -> float:
        return float(self._Ra)

    @Ra.setter
    def Ra(self, value: float) -> None:
        value = _number(value, "Ra")
        if not value > 0:
            raise ValueError(f"{self._name}: Ra must be > 0 (got {value:g})")
        self.__dict__["_Ra"] = value
        _registry.structure_changed()

    @property
    def rallbranch(self) -> float:
        return float(self._rallbranch)

    @rallbranch.setter
    def rallbranch(self, value: float) -> None:
        value = _number(value, "rallbranch")
        if not value > 0:
            raise ValueError(f"{self._name}: rallbranch must be > 0 (got {value:g})")
        self.__dict__["_rallbranch"] = value
        _registry.structure_changed()

    @property
    def cm(self) -> float:
        return float(self._cm[segment_index(self, 0.5)])

    @cm.setter
    def cm(self, value: float) -> None:
        self._cm[:] = _number(value, "cm")

    @property
    def v(self) -> float:
        return float(self._v[segment_index(self, 0.5)])

    @v.setter
    def v(self, value: float) -> None:
        self._v[:] = _number(value, "v")

    @property
    def nseg(self) -> int:
        return int(self._nseg)

    @nseg.setter
    def nseg(self, value: Any) -> None:
        self._check_alive()
        n = _valid_nseg(value)
        if n != self._nseg:
            from sim.section._resize import resize

            old = self._nseg
            resize(self, n)
            _notify("note_nseg", self, old, n)
            _registry.structure_changed()

    def _geometry(self) -> Any:
        """Area and half-segment resistances (sim.geometry); 3-D diams are written back."""
        from sim.geometry import segment_geometry

        g = segment_geometry(self)
        if len(self._pt3d) > 1 and not np.array_equal(g.diam, self._diam):
            self._diam[:] = g.diam
        return g

    # -- segments ----------------------------------------------------------------------
    def __call__(self, x: float = 0.5) -> Segment:
        self._check_alive()
        try:
            x = float(x)
        except (TypeError, ValueError):
            raise TypeError(f"{self._name}(x): x must be a number, got {x!r}") from None
        if not 0.0 <= x <= 1.0:
            raise ValueError(f"{self._name}({x}): x must be in the range 0 to 1")
        return Segment(self, x)

    def __iter__(self) -> Iterator[Segment]:
        self._check_alive()
        n = self._nseg
        for i in range(n):
            yield Segment(self, (i + 0.5) / n)

    def allseg(self) -> Iterator[Segment]:
        """Every node's segment: x = 0, the centres, x = 1."""
        self._check_alive()
        yield Segment(self, 0.0)
        yield from self
        yield Segment(self, 1.0)

    # -- tree --------------------------------------------------------------------------
    def connect(self, parent: Any, x: Any = None, child_end: float = 0.0) -> Section:
        """``child.connect(parent(x)[, child_end])`` or ``child.connect(parent, x, child_end)``."""
        from sim.section._tree import connect

        connect(self, parent, x, child_end)
        return self

    def disconnect(self) -> None:
        from sim.section._tree import detach

        detach(self)

    def parentseg(self) -> Segment | None:
        p = self._parent
        return None if p is None else Segment(p, self._parent_x)

    def trueparentseg(self) -> Segment | None:
        sec = self
        while sec._parent is not None:
            p, x = sec._parent, sec._parent_x
            if resolve(p, x)[0] != "start":
                return Segment(p, x)
            sec = p
        return None

    def children(self) -> list[Section]:
        return [c for c in self._children if not c._deleted]

    def subtree(self) -> list[Section]:
        out = [self]
        for c in self.children():
            out.extend(c.subtree())
        return out

    def wholetree(self) -> list[Section]:
        root = self
        while root._parent is not None:
            root = root._parent
        return root.subtree()

    def orientation(self) -> float:
        return float(self._child_end)

    def has_parent(self) -> bool:
        return self._parent is not None

    # -- mechanisms --------------------------------------------------------------------
    def insert(self, name: Any) -> Section:
        """Insert a density mechanism (and the ions it uses) in every segment."""
        self._check_alive()
        key = str(name)
        mech = MECHANISMS.get(key)
        if mech is None or mech.kind != "density":
            raise unknown_mechanism(key)
        if key not in self._mechs:
            self._add_mech(mech)
            ions = [ion_type(ion).name for ion in dict.fromkeys(mech.ions_read + mech.ions_written)]
            for ion in ions:
                if ion not in self._mechs:
                    self._add_mech(MECHANISMS[ion])
            _notify("note_insert", self, key, ions)
            _registry.structure_changed()
        return self

    def _add_mech(self, mech: Any) -> None:
        data = np.empty((self._nseg, mech.nvars))
        data[:] = mech.defaults()
        self._mechs[mech.name] = data
        self._mech_order.insert(0, mech.name)

    def uninsert(self, name: str) -> Section:
        mech = MECHANISMS.get(name)
        if mech is None or mech.kind != "density":
            raise unknown_mechanism(str(name))
        if name in self._mechs:
            del self._mechs[name]
            self._mech_order.remove(name)
            _notify("note_uninsert", self, name)
            _registry.structure_changed()
        return self

    def has_membrane(self, name: str) -> bool:
        return name in self._mechs

    def _mechanism_values(self) -> dict[str, dict[str, list[float]]]:
        """{mechanism: {variable: [value per segment]}} in insertion order (ions included)."""
        out: dict[str, dict[str, list[float]]] = {}
        for name in reversed(self._mech_order):
            mech = MECHANISMS[name]
            data = self._mechs[name]
            out[name] = {v: [float(x) for x in data[:, mech.index(v)]] for v in mech.visible()}
        return out

    def _add_point_process(self, pp: Any) -> None:
        self._pps = [r for r in self._pps if r() is not None and r()._sec is self]
        if all(r() is not pp for r in self._pps):
            self._pps.append(weakref.ref(pp))

    def _point_processes(self) -> list[Any]:
        """Point processes located in this section, in creation order."""
        pps = [r() for r in self._pps]
        return sorted((p for p in pps if p is not None and p._sec is self), key=lambda p: p._serial)

    # -- range variables by name (sec.gnabar_hh, sec.ena) ----------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(f"'nrn.Section' object has no attribute '{name}'")
        found = find_range_variable(name)
        if found is None:
            raise AttributeError(f"'nrn.Section' object has no attribute '{name}'")
        return getattr(self(0.5), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _PLAIN or name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        found = find_range_variable(name)
        if found is None:
            raise AttributeError(f"'nrn.Section' object has no attribute '{name}'")
        mech, var = found
        data = self._mechs.get(mech.name)
        if data is None:
            raise AttributeError(f"{name}, the mechanism does not exist at {self._name}(0.5)")
        data[:, mech.index(var)] = _number(value, name)

    # -- 3-D points and introspection (delegated to the geometry modules) -----------------
    def pt3dadd(self, *args: Any) -> None:
        _morph3d().pt3dadd(self, *args)

    def pt3dclear(self, *args: Any) -> int:
        return _morph3d().pt3dclear(self, *args)

    def pt3dinsert(self, *args: Any) -> None:
        _morph3d().pt3dinsert(self, *args)

    def pt3dchange(self, *args: Any) -> None:
        _morph3d().pt3dchange(self, *args)

    def pt3dremove(self, *args: Any) -> None:
        _morph3d().pt3dremove(self, *args)

    def pt3dstyle(self, *args: Any) -> int:
        return _morph3d().pt3dstyle(self, *args)

    def n3d(self) -> int:
        return _morph3d().n3d(self)

    def x3d(self, i: int) -> float:
        return _morph3d().x3d(self, i)

    def y3d(self, i: int) -> float:
        return _morph3d().y3d(self, i)

    def z3d(self, i: int) -> float:
        return _morph3d().z3d(self, i)

    def diam3d(self, i: int) -> float:
        return _morph3d().diam3d(self, i)

    def arc3d(self, i: int) -> float:
        return _morph3d().arc3d(self, i)

    def spine3d(self, i: int) -> float:
        return _morph3d().spine3d(self, i)

    def psection(self) -> dict[str, Any]:
        from sim import topology

        return topology.psection_dict(self)


def node_ri(sec: Section, x: float) -> float:
    """``seg.ri()``: 1/rinv of the node at x (1e30 for a root node)."""
    arr, i, owner = node_storage(sec, x)
    if arr is owner._v_root:
        return 1e30
    rinv = owner._geometry().node_rinv()
    n = owner._nseg
    if arr is owner._v_end:
        return float(1.0 / rinv[n])
    return float(1.0 / rinv[n - 1 - i if owner._child_end == 1.0 else i])


def _notify(what: str, *args: Any) -> None:
    """Tell sim.psection about insert/uninsert/nseg/location history (NEURON's print order)."""
    try:
        from sim import psection
    except ImportError:
        return
    fn = getattr(psection, what, None)
    if fn is not None:
        fn(*args)


def _weak(obj: Any) -> Any:
    """A weak reference to ``obj`` when it allows one (else ``obj`` itself)."""
    if obj is None:
        return None
    try:
        return weakref.ref(obj)
    except TypeError:
        return obj


def _valid_nseg(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"nseg must be an integer in range 1 to 32767 (got {value!r})")
    if float(value) != int(value) or not 1 <= int(value) <= 32767:
        raise ValueError(f"nseg must be an integer in range 1 to 32767 (got {value!r})")
    return int(value)


def _morph3d() -> Any:
    from sim import morph3d

    return morph3d
