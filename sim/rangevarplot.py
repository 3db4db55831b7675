"""``h.RangeVarPlot``: a range variable along the path between two points of a tree.

Headless: ``to_vector``/``vector``/``left``/``right`` work without a GUI; a
Graph shows one with ``g.addobject(rvp)`` and redraws it on every flush.

The path follows NEURON (checked against NEURON 9.0.2):

- each end is snapped to its node: x = 0 and x = 1 are the end nodes, any
  other x is the centre of the segment containing it;
- the path runs through every node between the two ends; the end nodes of the
  sections it crosses (the x = 0/1 points) are included for ``v``, which lives
  there, and left out for other variables (the path's own ends always count);
- the abscissa is the distance along the path (µm, float32 like NEURON), with
  0 at the path point nearest the root, shifted by ``origin(x)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["RangeVarPlot", "register"]


def _u_of_x(sec: Any, x: float) -> float:
    """Position measured from the section's connected end (0) to its free end (1)."""
    return 1.0 - x if getattr(sec, "_child_end", 0.0) == 1.0 else x


def _x_of_u(sec: Any, u: float) -> float:
    return _u_of_x(sec, u)


def _snap(sec: Any, x: float) -> float:
    """The x of the node that holds position x (an end, or a segment centre)."""
    x = float(x)
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    nseg = int(sec._nseg)
    i = min(int(nseg * x), nseg - 1)
    return (i + 0.5) / nseg


def _node_us(sec: Any) -> np.ndarray:
    """u of the section's own nodes (centres and the free end), ascending."""
    nseg = int(sec._nseg)
    return np.concatenate(((np.arange(nseg) + 0.5) / nseg, [1.0]))


def _normalise(sec: Any, u: float) -> tuple[Any, float]:
    """A location at a connected end belongs to the parent's node."""
    while u == 0.0 and sec._parent is not None:
        parent = sec._parent
        u = _u_of_x(parent, _snap(parent, sec._parent_x))
        sec = parent
    return sec, u


def _chain(sec: Any, u: float) -> list[tuple[Any, float]]:
    """[(section, entry u)] from the location up to its root."""
    out = [(sec, u)]
    while sec._parent is not None:
        parent = sec._parent
        sec, u = _normalise(parent, _u_of_x(parent, _snap(parent, sec._parent_x)))
        out.append((sec, u))
    return out


class _Point:
    __slots__ = ("dist", "is_end", "sec", "x")

    def __init__(self, sec: Any, u: float, dist: float) -> None:
        self.sec = sec
        self.x = _x_of_u(sec, u)
        self.dist = dist
        self.is_end = u in (0.0, 1.0)


def _walk(sec: Any, u_from: float, u_to: float, dist: float, out: list[_Point]) -> float:
    """Append the section's nodes from u_from to u_to (inclusive); returns the end distance."""
    us = _node_us(sec)
    if sec._parent is None:
        us = np.concatenate(([0.0], us))
    lo, hi = min(u_from, u_to), max(u_from, u_to)
    sel = us[(us >= lo) & (us <= hi)]
    if u_from > u_to:
        sel = sel[::-1]
    length = float(sec.L)
    prev = u_from
    for u in sel:
        dist += abs(u - prev) * length
        out.append(_Point(sec, float(u), dist))
        prev = u
    return dist + abs(u_to - prev) * length


def path_points(begin: tuple[Any, float], end: tuple[Any, float]) -> tuple[list[_Point], float]:
    """The nodes from ``begin`` to ``end`` and the path distance of the origin point."""
    a_sec, a_u = _normalise(begin[0], _u_of_x(begin[0], _snap(*begin)))
    b_sec, b_u = _normalise(end[0], _u_of_x(end[0], _snap(*end)))
    chain_a, chain_b = _chain(a_sec, a_u), _chain(b_sec, b_u)
    ids_b = [id(s) for s, _ in chain_b]
    ia = next((i for i, (s, _) in enumerate(chain_a) if id(s) in ids_b), None)
    if ia is None:
        raise ValueError("RangeVarPlot: begin and end are on different trees (no path joins them)")
    ib = ids_b.index(id(chain_a[ia][0]))
    out: list[_Point] = []
    dist = 0.0
    for s, u in chain_a[:ia]:  # up from begin: own nodes above the connected end
        dist = _walk_open(s, u, dist, out, descending=True)
    common, ua = chain_a[ia]
    ub = chain_b[ib][1]
    start = len(out)
    origin_u = min(ua, ub)
    dist = _walk(common, ua, ub, dist, out)
    origin = next(p.dist for p in out[start:] if abs(_u_of_x(common, p.x) - origin_u) < 1e-12)
    for s, u in reversed(chain_b[:ib]):  # down to end
        dist = _walk_open(s, u, dist, out, descending=False)
    return out, origin


def _walk_open(sec: Any, u: float, dist: float, out: list[_Point], *, descending: bool) -> float:
    """Nodes of a section strictly above its connected end, up to u (one direction)."""
    us = _node_us(sec)
    sel = us[(us > 0.0) & (us <= u)]
    length = float(sec.L)
    if descending:
        prev = u
        for v in sel[::-1]:
            dist += (prev - v) * length
            out.append(_Point(sec, float(v), dist))
            prev = v
        return dist + prev * length
    prev = 0.0
    for v in sel:
        dist += (v - prev) * length
        out.append(_Point(sec, float(v), dist))
        prev = v
    return dist


def _location(args: tuple[Any, ...], sec: Any) -> tuple[Any, float]:
    """(section, x) from ``(seg)``, ``(x, sec=)`` or ``(x)`` on the accessed section."""
    if len(args) == 1 and hasattr(args[0], "sec") and hasattr(args[0], "x"):
        return args[0].sec, float(args[0].x)
    if len(args) == 1:
        if sec is None:
            from sim import section

            sec = section.current_section()
        return sec, float(args[0])
    raise TypeError("expected a segment, or x with sec=")


def _fill(vec: Any, data: np.ndarray) -> None:
    from_python = getattr(vec, "from_python", None)
    if from_python is not None:
        from_python(data)
        return
    vec.resize(len(data))
    for k, v in enumerate(data):
        vec[k] = float(v)


class RangeVarPlot:
    """``RangeVarPlot("v" | f [, seg0, seg1])``; ``f(x)`` runs with the section pushed."""

    _count = 0

    def __init__(self, var: str | Callable[[Any], float], seg0: Any = None, seg1: Any = None):
        if not isinstance(var, str) and not callable(var):
            raise TypeError(f"RangeVarPlot needs a variable name or a callable, not {var!r}")
        if (seg0 is None) != (seg1 is None):
            raise TypeError("RangeVarPlot: give both begin and end segments, or neither")
        self.var = var
        self._begin: tuple[Any, float] | None = None
        self._end: tuple[Any, float] | None = None
        self._origin = 0.0
        self._color = 1.0
        self._index = RangeVarPlot._count
        RangeVarPlot._count += 1
        if seg0 is not None:
            self.begin(seg0)
            self.end(seg1)

    def hname(self) -> str:
        return f"RangeVarPlot[{self._index}]"

    def __repr__(self) -> str:
        return self.hname()

    # -- the path ---------------------------------------------------------------------
    def begin(self, *args: Any, sec: Any = None) -> float:
        self._begin = _location(args, sec)
        return 1.0

    def end(self, *args: Any, sec: Any = None) -> float:
        self._end = _location(args, sec)
        return 1.0

    def origin(self, x: float) -> float:
        self._origin = float(x)
        return 0.0

    def color(self, i: float) -> float:
        self._color = float(i)
        return 0.0

    def _points(self) -> tuple[list[_Point], float]:
        if self._begin is None or self._end is None:
            return [], 0.0
        pts, origin = path_points(self._begin, self._end)
        if self.var == "v" or callable(self.var):
            return pts, origin
        last = len(pts) - 1
        return [p for i, p in enumerate(pts) if not p.is_end or i in (0, last)], origin

    def _value(self, p: _Point) -> float:
        if callable(self.var):  # NEURON calls f(x) with the section pushed, x as float32
            from sim import section

            section.push_section(p.sec)
            try:
                return float(self.var(float(np.float32(p.x))))
            finally:
                section.pop_section()
        seg = p.sec(p.x)
        try:
            return float(getattr(seg, self.var))
        except (AttributeError, LookupError, TypeError, ValueError):
            return 0.0

    def xy(self) -> tuple[np.ndarray, np.ndarray]:
        """(distances, values) along the path: what a Graph draws."""
        pts, origin = self._points()
        x = np.array([p.dist - origin + self._origin for p in pts], dtype=np.float32)
        y = np.array([self._value(p) for p in pts], dtype=np.float64)
        return x.astype(np.float64), y

    def left(self) -> float:
        x, _ = self.xy()
        return float(x[0]) if len(x) else 0.0

    def right(self) -> float:
        x, _ = self.xy()
        return float(x[-1]) if len(x) else 0.0

    def to_vector(self, yvec: Any, xvec: Any = None) -> float:
        x, y = self.xy()
        _fill(yvec, y)
        if xvec is not None:
            _fill(xvec, x)
        return float(len(y))

    def from_vector(self, yvec: Any) -> float:
        """Set the variable at the path's nodes from ``yvec``."""
        if callable(self.var):
            raise TypeError("from_vector: the variable is a callable; there is nothing to set")
        pts, _ = self._points()
        values = list(yvec)
        if len(values) != len(pts):
            raise ValueError(f"from_vector: need {len(pts)} values, got {len(values)}")
        for p, v in zip(pts, values):
            setattr(p.sec(p.x), self.var, float(v))
        return 0.0

    def vector(self) -> Any:
        from sim import h

        vec = h.Vector()
        _fill(vec, self.xy()[1])
        return vec

    def list(self, seclist: Any) -> float:
        """Append the path's sections, in path order, to ``seclist``."""
        seen: list[Any] = []
        for p in self._points()[0]:
            if not any(p.sec is s for s in seen):
                seen.append(p.sec)
        for s in seen:
            seclist.append(s)
        return 0.0

    def plot(self, target: Any, *args: Any, **kwargs: Any) -> Any:
        """A snapshot of the curve on a NEURON Graph (``Vector.line``)."""
        from sim import h

        x, y = self.xy()
        xv, yv = h.Vector(), h.Vector()
        _fill(xv, x)
        _fill(yv, y)
        return yv.line(target, xv, *args, **kwargs)


def register(h: Any) -> None:
    h._register("RangeVarPlot", RangeVarPlot)
