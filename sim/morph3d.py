"""3-D points of sections and NEURON's default shape (numerics §1.4 and §1.7).

Points are stored in ``sec._pt3d`` as float32 rows ``(x, y, z, d)`` and their
path lengths in ``sec._arc3d`` (float64).  Once a section has points, its
length is the last point's arc.  Every function here takes the section first;
the :class:`~sim.section.Section` methods (``sec.pt3dadd(...)``) delegate to
them, and :func:`register` adds NEURON's HOC-style ``h.pt3dadd(..., sec=s)``
and ``h.define_shape()``.
"""

from __future__ import annotations

import contextlib
import math
import weakref
from collections.abc import Sequence
from typing import Any

import numpy as np

from sim.geometry import get_spine_area, section_length, set_spine_area

__all__ = [
    "arc3d",
    "define_shape",
    "diam3d",
    "diam_changed",
    "n3d",
    "pt3dadd",
    "pt3dchange",
    "pt3dclear",
    "pt3dconst",
    "pt3dinsert",
    "pt3dremove",
    "pt3dstyle",
    "register",
    "set_L",
    "set_diam_all",
    "set_points",
    "spine3d",
    "x3d",
    "y3d",
    "z3d",
]

_F32 = np.float32


# -- the point list ---------------------------------------------------------------------
def _changed(sec: Any) -> None:
    from sim import section as _section

    notify = getattr(_section, "structure_changed", None)
    if notify is not None:
        notify()


def _recompute_arcs(sec: Any, i0: int) -> None:
    """Arc lengths from point ``i0`` on (float32 differences, summed in double)."""
    pts = sec._pt3d
    n = len(pts)
    arcs = sec._arc3d
    if len(arcs) != n or not isinstance(arcs, np.ndarray) or arcs.dtype != np.float64:
        arcs = np.zeros(n)
        old = np.asarray(sec._arc3d, dtype=float)[:n]
        arcs[: len(old)] = old
    if n == 0:
        sec._arc3d = arcs
        return
    if i0 == 0:
        arcs[0] = 0.0
        i0 = 1
    for i in range(i0, n):
        dx = float(pts[i, 0] - pts[i - 1, 0])
        dy = float(pts[i, 1] - pts[i - 1, 1])
        dz = float(pts[i, 2] - pts[i - 1, 2])
        arcs[i] = arcs[i - 1] + math.sqrt(dx * dx + dy * dy + dz * dz)
    sec._arc3d = arcs
    sec._L = float(arcs[-1]) if arcs[-1] > 1e-9 else 1e-9


def _check_section(sec: Any) -> None:
    if getattr(sec, "_deleted", False):
        raise ReferenceError("can't access a deleted section")


def _row(x: float, y: float, z: float, d: float) -> np.ndarray:
    try:
        return np.array([float(x), float(y), float(z), float(d)], dtype=_F32)
    except (TypeError, ValueError):
        raise TypeError(f"3-D point coordinates must be numbers, got {(x, y, z, d)!r}") from None


def _index(sec: Any, i: Any, last: int, what: str) -> int:
    try:
        k = float(i)
    except (TypeError, ValueError):
        raise TypeError(f"{what}: point index must be a number, got {i!r}") from None
    if not 0 <= k <= last:
        name = getattr(sec, "_name", "section")
        raise IndexError(f"{what}: index {i} out of range 0..{last} for {name}")
    return int(k)


def pt3dadd(sec: Any, x: Any, y: Any = None, z: Any = None, d: Any = None) -> None:
    """Append the point (x, y, z, d); with four vectors, replace all points by them."""
    _check_section(sec)
    if y is None or z is None or d is None:
        raise TypeError("pt3dadd needs four arguments: x, y, z, diam")
    if not isinstance(x, (int, float, str)) and hasattr(x, "__len__"):
        set_points(sec, x, y, z, d)
        return
    _append(sec, _row(x, y, z, d))
    _changed(sec)


# Spare capacity behind sec._pt3d / sec._arc3d, so that adding n points one by one
# (a morphology import) costs O(n), not O(n^2).  The section's arrays are views of
# exactly its n rows; a buffer is used again only while they still are.
_spare: weakref.WeakKeyDictionary[Any, tuple[np.ndarray, np.ndarray]] = weakref.WeakKeyDictionary()


def _append(sec: Any, row: np.ndarray) -> None:
    pts, arcs = sec._pt3d, sec._arc3d
    n = len(pts)
    try:
        spare = _spare.get(sec)
    except TypeError:  # not weakly referenceable: plain copies
        spare = None
    if (
        spare is None
        or pts.base is not spare[0]
        or arcs.base is not spare[1]
        or len(arcs) != n
        or n >= len(spare[0])
    ):
        size = max(16, 2 * (n + 1))
        spare = (np.zeros((size, 4), dtype=_F32), np.zeros(size))
        spare[0][:n] = np.asarray(pts, dtype=_F32).reshape(-1, 4)
        spare[1][:n] = np.asarray(arcs, dtype=float)[:n] if len(arcs) == n else 0.0
        with contextlib.suppress(TypeError):
            _spare[sec] = spare
        if len(arcs) != n:
            sec._pt3d, sec._arc3d = spare[0][:n], spare[1][:n]
            _recompute_arcs(sec, 0)
    spare[0][n] = row
    sec._pt3d, sec._arc3d = spare[0][: n + 1], spare[1][: n + 1]
    _recompute_arcs(sec, n)


def set_points(sec: Any, xs: Sequence, ys: Sequence, zs: Sequence, ds: Sequence) -> None:
    """Replace all the points of ``sec`` by the given coordinate sequences."""
    _check_section(sec)
    cols = [np.asarray(c, dtype=float).ravel() for c in (xs, ys, zs, ds)]
    n = len(cols[0])
    if any(len(c) != n for c in cols):
        raise ValueError("pt3dadd: the x, y, z and diam vectors must have the same size")
    sec._pt3d = np.column_stack(cols).astype(_F32) if n else np.zeros((0, 4), _F32)
    sec._arc3d = np.zeros(n)
    _recompute_arcs(sec, 0)
    _changed(sec)


def pt3dclear(sec: Any, buffer_size: int = 0) -> int:
    """Remove all points (the length stays what it was); returns the buffer size."""
    _check_section(sec)
    sec._pt3d = np.zeros((0, 4), dtype=_F32)
    sec._arc3d = np.zeros(0)
    _changed(sec)
    return int(buffer_size)


def pt3dinsert(sec: Any, i: Any, x: float, y: float, z: float, d: float) -> None:
    """Insert the point before index ``i`` (``i == n3d()`` appends)."""
    _check_section(sec)
    k = _index(sec, i, len(sec._pt3d), "pt3dinsert")
    sec._pt3d = np.insert(sec._pt3d.reshape(-1, 4).astype(_F32), k, _row(x, y, z, d), axis=0)
    sec._arc3d = np.insert(np.asarray(sec._arc3d, dtype=float), k, 0.0)
    _recompute_arcs(sec, k)
    _changed(sec)


def pt3dchange(sec: Any, i: Any, *values: float) -> None:
    """``pt3dchange(i, d)`` changes a diameter; ``pt3dchange(i, x, y, z, d)`` a point."""
    _check_section(sec)
    k = _index(sec, i, len(sec._pt3d) - 1, "pt3dchange")
    if len(values) == 1:
        sec._pt3d[k, 3] = _F32(float(values[0]))
    elif len(values) == 4:
        sec._pt3d[k] = _row(*values)
        _recompute_arcs(sec, k)
    else:
        raise TypeError("pt3dchange takes (i, diam) or (i, x, y, z, diam)")
    _changed(sec)


def pt3dremove(sec: Any, i: Any) -> None:
    """Remove point ``i``."""
    _check_section(sec)
    k = _index(sec, i, len(sec._pt3d) - 1, "pt3dremove")
    sec._pt3d = np.delete(sec._pt3d, k, axis=0)
    sec._arc3d = np.delete(np.asarray(sec._arc3d, dtype=float), k)
    if len(sec._pt3d):
        _recompute_arcs(sec, k)  # removing the last point leaves the other arcs as they are
    _changed(sec)


_logical: weakref.WeakKeyDictionary[Any, np.ndarray] = weakref.WeakKeyDictionary()


def pt3dstyle(sec: Any, style: Any = None, x: Any = None, y: Any = None, z: Any = None) -> bool:
    """The section's 3-D connection style; True when it has a *logical* connection point.

    ``pt3dstyle(1, x, y, z)`` sets the logical point: define_shape then moves the
    section by how much that point moved, instead of snapping its first point
    onto the parent.  ``pt3dstyle(1, rx, ry, rz)`` with ``h.ref`` objects reads it
    back; ``pt3dstyle(0)`` returns to the classic style.
    """
    _check_section(sec)
    if style is not None:
        if int(float(style)) == 1:
            if x is None or y is None or z is None:
                raise TypeError("pt3dstyle(1, x, y, z) needs the logical connection point")
            if all(hasattr(r, "__setitem__") for r in (x, y, z)):
                point = _logical.get(sec)
                if point is not None:
                    for ref, v in zip((x, y, z), point):
                        ref[0] = float(v)
            else:
                _logical[sec] = _row(x, y, z, 0.0)[:3]
                _changed(sec)
        elif _logical.pop(sec, None) is not None:
            _changed(sec)
    return sec in _logical


class _Const:
    """``h.pt3dconst(1)``: L and diam assignments leave the 3-D points alone."""

    on = False


def pt3dconst(value: Any = None) -> float:
    """NEURON's ``pt3dconst([0|1])``: returns the previous setting."""
    before = 1.0 if _Const.on else 0.0
    if value is not None:
        v = float(value)
        if v not in (0.0, 1.0):
            raise ValueError(f"pt3dconst takes 0 or 1 (got {value!r})")
        _Const.on = v == 1.0
    return before


def n3d(sec: Any) -> int:
    """Number of 3-D points."""
    _check_section(sec)
    return len(sec._pt3d)


def _coord(sec: Any, i: Any, col: int, what: str) -> float:
    _check_section(sec)
    k = _index(sec, i, len(sec._pt3d) - 1, what)
    return float(sec._pt3d[k, col])


def x3d(sec: Any, i: Any) -> float:
    """x of point ``i``."""
    return _coord(sec, i, 0, "x3d")


def y3d(sec: Any, i: Any) -> float:
    """y of point ``i``."""
    return _coord(sec, i, 1, "y3d")


def z3d(sec: Any, i: Any) -> float:
    """z of point ``i``."""
    return _coord(sec, i, 2, "z3d")


def diam3d(sec: Any, i: Any) -> float:
    """Diameter of point ``i`` (its absolute value; a negative d marks a spine)."""
    return abs(_coord(sec, i, 3, "diam3d"))


def spine3d(sec: Any, i: Any) -> float:
    """1.0 if point ``i`` was given a negative diameter (a spine marker)."""
    return 1.0 if _coord(sec, i, 3, "spine3d") < 0 else 0.0


def arc3d(sec: Any, i: Any) -> float:
    """Path length from point 0 to point ``i``."""
    _check_section(sec)
    k = _index(sec, i, len(sec._pt3d) - 1, "arc3d")
    return float(sec._arc3d[k])


# -- length and diameter changes --------------------------------------------------------
def set_L(sec: Any, length: float) -> None:
    """``sec.L = length``: rescales the points about point 0 when there are any."""
    _check_section(sec)
    length = float(length)
    if not length > 0:
        raise ValueError("L must be > 0.")
    if _Const.on:
        return  # NEURON ignores the assignment while pt3dconst is on
    if len(sec._pt3d):
        _rescale(sec, length)  # sets L to the new last arc
    else:
        sec._L = length
    _changed(sec)


def _rescale(sec: Any, length: float) -> None:
    pts = sec._pt3d
    arcs = np.asarray(sec._arc3d, dtype=float)
    if float(arcs[-1]) == 0.0:  # NEURON would fill the points with NaN
        name = getattr(sec, "_name", "section")
        raise ValueError(
            f"{name}: cannot rescale 3-D points that span no length ({len(pts)} point(s)); "
            "add points with pt3dadd or remove them with pt3dclear() first"
        )
    fac = length / float(arcs[-1])
    origin = [float(v) for v in pts[0, :3]]
    for i in range(len(pts)):
        for c in range(3):
            pts[i, c] = _F32(origin[c] + (float(pts[i, c]) - origin[c]) * fac)
    sec._arc3d = arcs * fac
    sec._L = float(sec._arc3d[-1])


def set_diam_all(sec: Any, d: float) -> None:
    """``sec.diam = d``: every segment gets ``d``, then the points follow (:func:`diam_changed`)."""
    _check_section(sec)
    d = float(d)
    if not d > 0:
        raise ValueError(f"diam must be > 0 (got {d:g})")
    if _Const.on:  # NEURON then sets only the middle segment and leaves the points
        sec._diam[min(int(sec._nseg * 0.5), sec._nseg - 1)] = d
        _changed(sec)
        return
    sec._diam[:] = d
    diam_changed(sec)


def diam_changed(sec: Any) -> None:
    """After a segment diam changed: each point's d becomes its segment's diam.

    The segment of a point is the one containing its relative arc position
    (the same rule as ``sec(x).diam``).  Without points this only notifies.
    """
    _check_section(sec)
    pts = sec._pt3d
    if len(pts) and not _Const.on:
        length = section_length(sec)
        if abs(length - float(sec._arc3d[-1])) > 0.001:
            _rescale(sec, length)
        nseg = int(sec._nseg)
        for i in range(len(pts)):
            x = min(float(sec._arc3d[i]) / length, 1.0)
            seg = min(int(nseg * x), nseg - 1)
            pts[i, 3] = _F32(float(sec._diam[seg]))
    _changed(sec)


# -- define_shape (the layout itself lives in sim.default_shape) --------------------------
def define_shape() -> None:
    """Give every section without 3-D points NEURON's default 2-D layout (numerics §1.7).

    Sections that already have points are only translated so that their first
    point sits where they attach to their parent.
    """
    from sim.default_shape import define_shape as _layout

    _layout()


# -- h registration ---------------------------------------------------------------------
def _current(sec: Any) -> Any:
    if sec is not None:
        return sec
    from sim.section import current_section

    return current_section()


def _hoc_style(fn: Any, result: Any = None) -> Any:
    def call(*args: Any, sec: Any = None) -> float:
        value = fn(_current(sec), *args)
        return float(value if result is None else result)  # HOC functions return doubles

    call.__name__ = fn.__name__
    call.__doc__ = fn.__doc__
    return call


def register(h: Any) -> None:
    """HOC-style ``h.pt3dadd(x, y, z, d, sec=s)`` and friends, and ``h.define_shape()``."""
    for fn, result in (
        (pt3dadd, 1.0),
        (pt3dinsert, 0.0),
        (pt3dchange, 0.0),
        (pt3dremove, 0.0),
        (pt3dstyle, None),
        (pt3dclear, None),
        (n3d, None),
        (x3d, None),
        (y3d, None),
        (z3d, None),
        (diam3d, None),
        (arc3d, None),
        (spine3d, None),
    ):
        h._register(fn.__name__, _hoc_style(fn, result))

    h._register("pt3dconst", pt3dconst)

    def setSpineArea(area: float) -> float:
        """µm² added to a segment's area for each spine (negative-diameter) 3-D point."""
        value = set_spine_area(area)
        _changed(None)
        return value

    h._register("setSpineArea", setSpineArea)
    h._register("getSpineArea", get_spine_area)

    def _define_shape() -> float:
        define_shape()
        return 1.0

    _define_shape.__doc__ = define_shape.__doc__
    h._register("define_shape", _define_shape)
