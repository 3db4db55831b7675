"""Per-segment area, axial resistance and diameter, exactly as NEURON computes them.

Two paths (numerics §1.3 and §1.4):

* a section with fewer than two 3-D points is a chain of right cylinders, one
  per segment, of the segment's own diameter;
* a section with 3-D points has its diameter profile integrated piecewise
  along the points' path, one half-segment at a time, with a single cursor
  carried from one half (and one segment) to the next.

Results are returned in *x order* (index ``i`` is the segment containing
``x = (i + 0.5) / nseg``), whatever the section's orientation.  NEURON
integrates in *node order* (from the connected end), which for a reversed
child (``connect(parent(x), 1)``) is the opposite direction; that mapping is
done here so callers never have to think about it.

:func:`segment_geometry` is pure: it reads the section's contract fields
(``_L``, ``_Ra``, ``_nseg``, ``_diam``, ``_pt3d``, ``_arc3d``, ``_child_end``)
and never writes them.  The engine stores :attr:`SegmentGeometry.diam` back
into ``sec._diam`` when 3-D points exist (NEURON does the same).
"""

from __future__ import annotations

import contextlib
import math
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "END_NODE_AREA",
    "PI",
    "SegmentGeometry",
    "get_spine_area",
    "is_reversed",
    "section_length",
    "segment_geometry",
    "set_spine_area",
]

PI = 3.14159265358979323846
END_NODE_AREA = 100.0  # the dimensionless sentinel area of end and root nodes
_MIN_LENGTH = 1e-9


@dataclass(frozen=True)
class SegmentGeometry:
    """Geometry of one section's segments, in x order.

    ``area``
        µm² per segment.
    ``ri_left`` / ``ri_right``
        MΩ of each half segment: ``ri_left[i]`` runs from the segment's
        x-smaller boundary to its centre, ``ri_right[i]`` from the centre to
        the x-larger boundary.
    ``diam``
        µm per segment: the section's own values without 3-D points; with
        them, NEURON's integrated average (which replaces the stored value
        when they differ by more than 1e-9).
    ``reversed``
        True when the section is connected by its x = 1 end (node order runs
        from x = 1 to x = 0).
    """

    area: np.ndarray
    ri_left: np.ndarray
    ri_right: np.ndarray
    diam: np.ndarray
    reversed: bool = False

    def node_rinv(self) -> list[float]:
        """``1/ri`` (µS, Python floats) of the section's nodes in node order: nseg centres, then
        the far end.

        Node 0's resistance is the half segment from the attachment point to
        its centre; node j's is the far half of segment j-1 plus the near half
        of segment j; the far-end node's is the far half of the last segment.
        """
        if self.reversed:  # node j is segment nseg-1-j, entered from its x = 1 side
            near, far = self.ri_right[::-1], self.ri_left[::-1]
        else:
            near, far = self.ri_left, self.ri_right
        rinv = []
        prev = 0.0
        for j in range(len(near)):
            rinv.append(1.0 / (prev + float(near[j])))
            prev = float(far[j])
        rinv.append(1.0 / prev)
        return rinv


def is_reversed(sec: Any) -> bool:
    """True if ``sec`` is attached by its x = 1 end (NEURON's orientation 1)."""
    return bool(getattr(sec, "_child_end", 0.0))


def section_length(sec: Any) -> float:
    """The length NEURON uses: the last 3-D point's arc if any, never below 1e-9 µm."""
    pts = sec._pt3d
    length = float(sec._arc3d[-1]) if len(pts) else float(sec._L)
    return length if length > _MIN_LENGTH else _MIN_LENGTH


def segment_geometry(sec: Any) -> SegmentGeometry:
    """Area, half-segment resistances and diameter of every segment of ``sec``.

    The result is remembered per section and reused while the fields it
    depends on are unchanged.
    """
    key = _signature(sec)
    try:
        hit = _cache.get(sec)
    except TypeError:  # a section that cannot be weakly referenced: no caching
        hit = None
    if hit is None or hit[0] != key:
        hit = (key, _from_points(sec) if len(sec._pt3d) > 1 else _cylinders(sec))
        with contextlib.suppress(TypeError):
            _cache[sec] = hit
    g = hit[1]  # callers get their own arrays: the remembered ones stay as computed
    return SegmentGeometry(
        g.area.copy(), g.ri_left.copy(), g.ri_right.copy(), g.diam.copy(), g.reversed
    )


_cache: weakref.WeakKeyDictionary[Any, tuple[tuple, SegmentGeometry]] = weakref.WeakKeyDictionary()


def _signature(sec: Any) -> tuple:
    """Everything segment_geometry reads, in a comparable form."""
    return (
        int(sec._nseg),
        float(sec._L),
        float(sec._Ra),
        is_reversed(sec),
        np.asarray(sec._diam, dtype=float).tobytes(),
        np.asarray(sec._pt3d).tobytes(),
        np.asarray(sec._arc3d, dtype=float).tobytes(),
        _Spines.area,
    )


def _cylinders(sec: Any) -> SegmentGeometry:
    """Numerics §1.3: one right cylinder per segment (operation order matters)."""
    nseg = int(sec._nseg)
    ra = float(sec._Ra)
    dx = section_length(sec) / float(nseg)
    diam = np.array(sec._diam, dtype=float, copy=True)
    area = np.empty(nseg)
    half = np.empty(nseg)
    for j in range(nseg):
        d = float(diam[j])
        if d <= 0.0:
            raise ValueError(
                f"{_name(sec)}: diameter diam = {d:g} at segment {j}; diam must be > 0"
            )
        area[j] = PI * d * dx
        half[j] = 1e-2 * ra * (dx / 2) / (PI * d * d / 4.0)
    return SegmentGeometry(area, half, half.copy(), diam, is_reversed(sec))


class _Points:
    """A section's 3-D points as the integration reads them."""

    __slots__ = ("arcs", "dabs", "spine")

    def __init__(self, sec: Any) -> None:
        self.arcs = [float(a) for a in sec._arc3d]
        d = [float(v) for v in sec._pt3d[:, 3]]
        self.dabs = [abs(v) for v in d]
        self.spine = [v < 0 for v in d]  # a negative diameter marks a spine


class _Cursor:
    """Where the integration stands: current point index and last (arc, diameter)."""

    __slots__ = ("j", "x", "y")

    def __init__(self, arcs: list[float], dabs: list[float]) -> None:
        self.j, self.x, self.y = 0, arcs[0], dabs[0]


def _integrate_to(cur: _Cursor, si: float, sip: float, pts: _Points, sums: list[float]) -> float:
    """Integrate from the cursor (half start ``si``) to arc position ``sip``, between points.

    Adds to ``sums`` = [Σ(d1+d2)·δ, Σ area terms, spine count] (running over a
    whole segment, as NEURON accumulates them) and returns this half's Σ 1/r.
    Past the last point the last piece is extrapolated, as NEURON does.
    """
    arcs, dabs = pts.arcs, pts.dabs
    rsum = 0.0
    last = len(arcs) - 1
    while True:
        j = cur.j
        jp = j + 1
        xj, xjp = arcs[j], arcs[jp]
        if pts.spine[j] and si <= xj < sip:
            sums[2] += 1
        if xjp > sip or jp == last:
            frac = 1.0 if abs(xjp - xj) < 1e-10 else (sip - xj) / (xjp - xj)
            x2, y2, jnext = sip, (1.0 - frac) * dabs[j] + frac * dabs[jp], j
        else:
            x2, y2, jnext = xjp, dabs[jp], jp
        x1, y1 = cur.x, cur.y
        delta = x2 - x1
        sums[0] += (y2 + y1) * delta
        if delta < 1e-15:
            delta = 1e-15
        temp = y2 * y1 / delta
        if temp == 0:
            temp = 1e-15
        rsum += 1 / temp
        temp = 0.5 * (y2 - y1)
        temp = math.sqrt(delta * delta + temp * temp)
        sums[1] += (y2 + y1) * temp
        cur.x, cur.y = x2, y2
        if j == jnext:
            return rsum
        cur.j = jnext


def _from_points(sec: Any) -> SegmentGeometry:
    """Numerics §1.4: trapezoidal integration along the 3-D points, in node order."""
    nseg = int(sec._nseg)
    ra = float(sec._Ra)
    pts = _Points(sec)
    ds = pts.arcs[-1] / float(nseg)
    rev = is_reversed(sec)
    old = np.asarray(sec._diam, dtype=float)
    area, near, far = np.empty(nseg), np.empty(nseg), np.empty(nseg)  # near: attachment side
    diam = old.copy()
    cur = _Cursor(pts.arcs, pts.dabs)
    for inode in range(nseg):
        si = float(inode) * ds
        sums = [0.0, 0.0, 0]
        sip = si + ds / 2.0
        near[inode] = _integrate_to(cur, si, sip, pts, sums) * ra / PI * (4.0 * 0.01)
        si, sip = sip, sip + ds / 2.0
        far[inode] = _integrate_to(cur, si, sip, pts, sums) * ra / PI * (4.0 * 0.01)
        xi = nseg - 1 - inode if rev else inode
        dmean = sums[0] * (0.5 / ds)
        if abs(dmean - float(old[xi])) > 1e-9 or dmean < 1e-5:
            diam[xi] = dmean
        if inode == nseg - 1 and pts.spine[-1]:
            sums[2] += 1
        area[inode] = sums[1] * 0.5 * PI + sums[2] * _Spines.area
    if rev:
        return SegmentGeometry(area[::-1].copy(), far[::-1].copy(), near[::-1].copy(), diam, True)
    return SegmentGeometry(area, near, far, diam, False)


class _Spines:
    """``h.setSpineArea(a)``: µm² added to a segment's area per spine (negative-d) point."""

    area = 0.0


def set_spine_area(area: float) -> float:
    """NEURON's ``setSpineArea``: returns the new value."""
    _Spines.area = float(area)
    return _Spines.area


def get_spine_area() -> float:
    """NEURON's ``getSpineArea``."""
    return _Spines.area


def _name(sec: Any) -> str:
    name = getattr(sec, "_name", None)
    return name if name else "section"
