"""How sections hang together: order, nodes, ``h.topology()``, ``h.distance``.

A *node* is named by a pair ``(section, index)`` in the section's node order
(numerics §1.2): ``0 .. nseg-1`` are the segment centres counted from the
connected end, ``nseg`` is the far end (the x = 1 node, or x = 0 for a
reversed child) and ``-1`` is a root section's own root node.  A section's
0-end is not a node of its own: :func:`parent_node` names the node it
attaches to.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

__all__ = [
    "Node",
    "distance",
    "node_dist",
    "node_exact",
    "node_index",
    "orientation",
    "parent_node",
    "psection_dict",
    "register",
    "root_of",
    "section_order",
    "topol_distance",
    "topology_text",
]

Node = tuple[Any, int]
_FAR = 1e20  # NEURON's distance between locations in different trees


# -- structure --------------------------------------------------------------------------
def orientation(sec: Any) -> float:
    """0.0 normally; 1.0 when the section is attached by its x = 1 end."""
    return float(getattr(sec, "_child_end", 0.0) or 0.0)


def _live_children(sec: Any) -> list[Any]:
    """Children in NEURON's sibling order: by position measured from the parent's connected end.

    For a reversed parent that is 1 - x.  The sort is stable, so children at the
    same position keep the order ``sec._children`` gives them (newest first).
    """
    live = [ch for ch in sec._children if not getattr(ch, "_deleted", False)]
    if orientation(sec):
        live.sort(key=lambda ch: 1.0 - float(ch._parent_x))
    return live


def section_order(sections: Iterable[Any]) -> list[Any]:
    """NEURON's ``secorder``: each root in the given order, then its tree breadth first.

    ``sections`` may be every section (non-roots are skipped as starting
    points) or just the roots.  Children are visited in sibling order.
    """
    order: list[Any] = []
    for root in sections:
        if root._parent is not None or getattr(root, "_deleted", False):
            continue
        queue = deque([root])
        while queue:
            sec = queue.popleft()
            order.append(sec)
            queue.extend(_live_children(sec))
    return order


def root_of(sec: Any) -> Any:
    """The root section of the tree ``sec`` belongs to."""
    while sec._parent is not None:
        sec = sec._parent
    return sec


def node_index(sec: Any, x: float) -> int:
    """Node-order index of the segment containing ``x`` (NEURON's ``node_index``)."""
    x = float(x)
    if x < 0.0 or x > 1.0:
        raise ValueError(f"range variable domain is 0<=x<=1 (got x={x:g})")
    n = int(sec._nseg)
    i = int(n * x)
    if i == n:
        i = n - 1
    if orientation(sec):
        i = n - i - 1
    return i


def parent_node(sec: Any) -> Node:
    """The node the section's connected end sits on (its own root node for a root)."""
    s = sec
    while True:
        p = s._parent
        if p is None:
            return (s, -1)
        x = float(s._parent_x)
        if x != orientation(p):
            if x in (0.0, 1.0):
                return (p, int(p._nseg))
            return (p, node_index(p, x))
        s = p


def node_exact(sec: Any, x: float) -> Node:
    """The node for location ``x``: the centre of its segment, or an end node at 0 and 1."""
    x = float(x)
    if x <= 0.0 or x >= 1.0:
        x = min(max(x, 0.0), 1.0)
        if orientation(sec):
            x = 1.0 - x
        return parent_node(sec) if x == 0.0 else (sec, int(sec._nseg))
    return (sec, node_index(sec, x))


def node_index_exact(sec: Any, x: float) -> int:
    """Like :func:`node_index`, but -1 at the connected end and nseg at the far end."""
    x = float(x)
    if x in (0.0, 1.0):
        at_start = (x == 0.0) != bool(orientation(sec))
        return -1 if at_start else int(sec._nseg)
    return node_index(sec, x)


# -- distance -----------------------------------------------------------------------------
def node_dist(sec: Any, node: Node) -> float:
    """Path length from the section's connected end to ``node`` (a node of ``sec``)."""
    if sec is None or _same(parent_node(sec), node):
        return 0.0
    from sim.geometry import section_length

    n = int(sec._nseg)
    idx = node[1]
    ratio = 1.0 if idx == n else (float(idx) + 0.5) / float(n)
    return section_length(sec) * ratio


def _same(a: Node, b: Node) -> bool:
    return a[0] is b[0] and a[1] == b[1]


def _bfs_key(sec: Any) -> tuple[int, int, tuple[int, ...]]:
    """A key that sorts the sections of one tree in ``secorder`` (breadth-first) order.

    Breadth first visits by depth, then by the parent's place, then by sibling
    order: so (depth, sibling indices from the root down) sorts the same way.
    Different trees only need a consistent order (their distance is 1e20).
    """
    path: list[int] = []
    while sec._parent is not None:
        siblings = _live_children(sec._parent)
        path.append(next(i for i, ch in enumerate(siblings) if ch is sec))
        sec = sec._parent
    return id(sec), len(path), tuple(reversed(path))


def _up(key: Any) -> Any:
    """The key of the parent section (None above a root)."""
    root, depth, path = key
    return (root, depth - 1, path[:-1]) if depth else None


def topol_distance(sec1: Any, node1: Node, sec2: Any, node2: Node) -> float:
    """Distance along the tree between two nodes (1e20 if in different trees).

    Like NEURON, repeatedly steps up from whichever section comes later in
    ``secorder``, summing path pieces in the same order (bit-identical sums).
    """
    d = 0.0
    key1 = _bfs_key(sec1) if sec1 is not None else None
    key2 = _bfs_key(sec2) if sec2 is not None else None
    while sec1 is not sec2:
        if sec1 is None or (sec2 is not None and key1 <= key2):  # type: ignore[operator]
            d += node_dist(sec2, node2)
            node2, sec2, key2 = parent_node(sec2), sec2._parent, _up(key2)
        else:
            d += node_dist(sec1, node1)
            node1, sec1, key1 = parent_node(sec1), sec1._parent, _up(key1)
    if sec1 is None:
        if not _same(node1, node2):
            return _FAR
    elif not _same(node1, node2):
        x1 = node_dist(sec1, node1)
        x2 = node_dist(sec2, node2)
        d += x2 - x1 if x1 < x2 else x1 - x2
    return d


class _Origin:
    """The origin set by ``h.distance(sec=s)`` / ``h.distance(0, seg)``."""

    sec: Any = None
    node: Node | None = None


_origin = _Origin()


def _is_segment(obj: Any) -> bool:
    return hasattr(obj, "sec") and hasattr(obj, "x") and not isinstance(obj, (int, float))


def _origin_object(arg: Any) -> Any:
    """A segment given as ``distance``'s first argument (or via its ``segment`` property).

    Returns None for a number (the 0/1 mode flag).
    """
    if isinstance(arg, (int, float)):
        return None
    if _is_segment(arg):
        return arg
    seg = getattr(arg, "segment", None)
    if _is_segment(seg):
        return seg
    try:
        float(arg)
    except (TypeError, ValueError):
        raise TypeError(
            "Distance origin not valid: if the first argument is an object it must be a "
            f"segment such as soma(0.5) or have a segment property, got {arg!r}"
        ) from None
    return None


def _location(arg: Any, sec: Any) -> tuple[Any, float]:
    """(section, x) from a segment, or from a number and the ``sec=`` section."""
    if _is_segment(arg):
        return arg.sec, float(arg.x)
    try:
        x = float(arg)
    except (TypeError, ValueError):
        raise TypeError(
            f"distance: expected a segment such as soma(0.5) or a number, got {arg!r}"
        ) from None
    return _current(sec), x


def _current(sec: Any) -> Any:
    if sec is not None:
        return sec
    from sim.section import current_section

    return current_section()


def _check_alive(sec: Any) -> None:
    if getattr(sec, "_deleted", False):
        raise ReferenceError("distance: can't access a deleted section")


def distance(*args: Any, sec: Any = None) -> float:
    """NEURON's ``h.distance`` in all its call forms (numerics §8.2).

    ``distance(sec=s)`` / ``distance(0, seg)`` / ``distance(0, x, sec=s)`` set
    the origin; ``distance(seg)`` / ``distance(1, seg)`` measure from it;
    ``distance(seg1, seg2)`` measures between two locations.
    """
    if len(args) > 2:
        raise TypeError("distance takes at most two arguments")
    if len(args) == 2:
        loc_sec, x = _location(args[1], sec)
        origin = _origin_object(args[0])
        if origin is not None:
            osec, ox = origin.sec, float(origin.x)
            _check_alive(osec)
            _check_alive(loc_sec)
            return topol_distance(osec, node_exact(osec, ox), loc_sec, node_exact(loc_sec, x))
        mode = _mode(args[0])
    elif len(args) == 1:
        loc_sec, x = _location(args[0], sec)
        mode = 1
    else:
        loc_sec, x, mode = _current(sec), 0.0, 0
    _check_alive(loc_sec)
    node = node_exact(loc_sec, x)
    if mode == 0:
        _origin.sec, _origin.node = loc_sec, node
        return x
    osec = _origin.sec
    if osec is None or getattr(osec, "_deleted", False) or _origin.node is None:
        raise RuntimeError(
            "Distance origin not valid. Need to initialize origin with distance(), "
            "e.g. h.distance(sec=soma) or h.distance(0, soma(0.5))"
        )
    return topol_distance(osec, _origin.node, loc_sec, node)


def _mode(arg: Any) -> int:
    try:
        mode = float(arg)
    except (TypeError, ValueError):
        raise TypeError(
            f"distance: first argument must be 0, 1 or a segment, got {arg!r}"
        ) from None
    if mode < 0 or mode > 1:
        raise ValueError(
            f"distance: first argument must be 0 (set origin) or 1 (measure), got {arg!r}"
        )
    return int(mode)


# -- h.topology() ------------------------------------------------------------------------
def _fmt(v: float) -> str:
    return f"{float(v):g}"


def _line(sec: Any, lead: str, offset: int, first: str) -> str:
    o = int(orientation(sec))
    line = (
        f"{lead}{' ' * offset}{first}{'-' * (int(sec._nseg) - 1)}|       {sec._name}({o}-{1 - o})"
    )
    rall = float(getattr(sec, "_rallbranch", 1.0))
    if rall != 1:
        line += f" with {_fmt(rall)} rall branches"
    return line + "\n"


def topology_text(sections: Iterable[Any] | None = None) -> str:
    """The text ``h.topology()`` prints (numerics §8.1), ending in a newline.

    Roots in list order, each followed depth first by its children in reverse
    sibling order; a child's backquote sits under its parent's attachment node.
    """
    if sections is None:
        from sim.section import all_sections

        sections = all_sections()
    out: list[str] = ["\n"]
    for root in sections:
        if root._parent is not None or getattr(root, "_deleted", False):
            continue
        stack = [(root, "|", 0, "-")]
        while stack:  # explicit stack: long chains of sections must not hit the recursion limit
            sec, lead, offset, first = stack.pop()
            out.append(_line(sec, lead, offset, first))
            for ch in _live_children(sec):  # pushed in sibling order, so printed in reverse
                i = node_index_exact(sec, float(ch._parent_x))
                stack.append((ch, " ", i + offset + 1, "`"))
    return "".join(out) + "\n"


def topology() -> float:
    """``h.topology()``: print the tree of sections; returns 1."""
    print(topology_text(), end="")
    return 1.0


# -- h registration -----------------------------------------------------------------------
def register(h: Any) -> None:
    """``h.topology``, ``h.distance`` and ``h.psection``."""
    from sim import psection as _psection

    h._register("topology", topology)
    h._register("distance", distance)
    h._register("psection", _psection.psection)


def psection_dict(sec: Any) -> dict[str, Any]:
    """``sec.psection()`` (kept here for callers of the first version; see :mod:`sim.psection`)."""
    from sim.psection import psection_dict as _dict

    return _dict(sec)
