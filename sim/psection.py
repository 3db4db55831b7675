"""``h.psection()`` text and ``sec.psection()`` dict (numerics §8.3).

NEURON prints the properties of a section's first node in the order of that
node's property list, which has a history: properties are linked at the head
when inserted, an ion already present moves to the head when a mechanism that
uses it is inserted, and changing ``nseg`` reuses some nodes and *clones* the
others (cloning reverses the list).  This module replays that history per
node when the engine reports it through the ``note_*`` functions (the Section
class does, for insert, uninsert, nseg changes and point-process locations);
for a section it was never told about, the default order is used
(morphology, capacitance, mechanisms in insertion order, point processes in
creation order), which is NEURON's for a section whose nseg never changed.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

from sim.topology import _current, _fmt, _same, node_exact, node_index, orientation, section_order

__all__ = [
    "note_insert",
    "note_nseg",
    "note_point",
    "note_uninsert",
    "psection",
    "psection_dict",
    "psection_text",
]

_MORPH, _CAP = "morphology", "capacitance"


# -- the first node's property order ------------------------------------------------------
_lists: weakref.WeakKeyDictionary[Any, list[list[Any]]] = weakref.WeakKeyDictionary()


def _nodes(sec: Any) -> list[list[Any]]:
    """Per node (NEURON's node order), its property list head first."""
    lists = _lists.get(sec)
    if lists is None:
        lists = [[_CAP, _MORPH] for _ in range(int(sec._nseg))]
        _lists[sec] = lists
    return lists


def _need(props: list[Any], name: str) -> None:
    """Link ``name`` at the head, moving it there if present (NEURON's need_memb)."""
    if name in props:
        props.remove(name)
    props.insert(0, name)


def note_insert(sec: Any, mech: str, ions: Iterable[str] = ()) -> None:
    """``sec.insert(mech)`` happened; ``ions`` are the ion mechanisms it uses, in its order."""
    for props in _nodes(sec):
        if mech in props:
            continue
        props.insert(0, mech)
        for ion in ions:
            _need(props, ion)


def note_uninsert(sec: Any, mech: str) -> None:
    """``sec.uninsert(mech)`` happened."""
    for props in _nodes(sec):
        if mech in props:
            props.remove(mech)


def _clone(props: list[Any]) -> list[Any]:
    """A new node's list built from ``props`` (head to tail; point processes are not copied)."""
    from sim.mechanisms import MECHANISMS

    out: list[Any] = []
    for name in props:
        if not isinstance(name, str):
            continue
        out.insert(0, name)
        mech = MECHANISMS.get(name)
        for ion in _ions_of(mech):
            if ion in out:
                _need(out, ion)
    return out


def _ions_of(mech: Any) -> list[str]:
    """The ion mechanisms a mechanism type uses, in the order it asks for them."""
    ions = (*getattr(mech, "ions_read", ()), *getattr(mech, "ions_written", ()))
    return [f"{ion}_ion" for ion in dict.fromkeys(ions)]


def note_nseg(sec: Any, old: int, new: int) -> None:
    """``sec.nseg`` went from ``old`` to ``new`` (call after the change)."""
    old_lists = _lists.get(sec) or [[_CAP, _MORPH] for _ in range(old)]
    if len(old_lists) != old or old == new:
        return
    lists: list[list[Any] | None] = [None] * new
    if old < new:
        for i1 in range(old):
            lists[int(new * ((i1 + 0.5) / old))] = old_lists[i1]
        for i2 in range(new):
            if lists[i2] is None:
                lists[i2] = _clone(old_lists[int(old * ((i2 + 0.5) / new))])
    else:
        used = [False] * old
        for i2 in range(new):
            i1 = int(old * ((i2 + 0.5) / new))
            lists[i2], used[i1] = old_lists[i1], True
        i1 = 0
        for i2 in range(new):
            far = (i2 + 1.0) / new
            while i1 < old and (i1 + 0.5) / old <= far:
                if not used[i1]:
                    for token in old_lists[i1]:
                        if not isinstance(token, str):
                            lists[i2].insert(0, token)  # type: ignore[union-attr]
                i1 += 1
    _lists[sec] = [props for props in lists if props is not None]


class _Token:
    """A point process's entry in a node's property list (dead once it moves away)."""

    __slots__ = ("dead", "ref")

    def __init__(self, pp: Any) -> None:
        self.ref = weakref.ref(pp)
        self.dead = False

    def __call__(self) -> Any:
        return None if self.dead else self.ref()


_tokens: weakref.WeakKeyDictionary[Any, _Token] = weakref.WeakKeyDictionary()


def note_point(pp: Any, sec: Any | None, x: float) -> None:
    """Point process ``pp`` was located at ``x`` on ``sec`` (``sec=None``: removed)."""
    old = _tokens.pop(pp, None)
    if old is not None:
        old.dead = True  # O(1): the stale entry is skipped wherever it sits
    if sec is None or not 0.0 < float(x) < 1.0:
        return
    token = _Token(pp)
    _nodes(sec)[node_index(sec, float(x))].insert(0, token)
    _tokens[pp] = token


def _first_node_order(sec: Any, mechs: list[str], pps: list[Any]) -> list[Any]:
    """Names and point processes of node 0, in the order psection prints them."""
    remaining: list[Any] = [_MORPH, _CAP, *mechs, *pps]
    lists = _lists.get(sec)
    if not lists or len(lists) != int(sec._nseg):
        return remaining
    order: list[Any] = []
    for token in reversed(lists[0]):  # the list is head first; NEURON prints tail first
        item = token if isinstance(token, str) else token()
        for k, candidate in enumerate(remaining):
            if candidate is item or (isinstance(candidate, str) and candidate == item):
                order.append(remaining.pop(k))
                break
    return order + remaining


def _first_node_index(sec: Any) -> int:
    """x-order index of node 0 (the segment at the connected end)."""
    return int(sec._nseg) - 1 if orientation(sec) else 0


def _current_diams(sec: Any) -> list[float]:
    from sim.geometry import segment_geometry

    refresh = getattr(sec, "_geometry", None)
    geom = refresh() if refresh is not None else segment_geometry(sec)
    return [float(d) for d in geom.diam]


def _mechanism_values(sec: Any) -> dict[str, dict[str, list[float]]]:
    values = getattr(sec, "_mechanism_values", None)
    return values() if values is not None else {}


def _point_processes(sec: Any) -> list[Any]:
    pps = getattr(sec, "_point_processes", None)
    return list(pps()) if pps is not None else []


def _mech_type(name: str) -> Any:
    try:
        from sim.mechanisms import MECHANISMS
    except ImportError:  # pragma: no cover - the engine always has its mechanisms
        return None
    return MECHANISMS.get(name)


def _parameters(name: str, variables: Iterable[str]) -> list[str]:
    """The variables psection prints for a mechanism: its parameters (ions: e<ion>)."""
    if name.endswith("_ion"):
        return [v for v in variables if v == "e" + name[:-4]]
    mech = _mech_type(name)
    if mech is None:
        return list(variables)
    roles = {v.name: v.role for v in mech.vars}
    return [v for v in variables if roles.get(v) == "parameter"]


def _suffixed(name: str, var: str) -> str:
    return var if name.endswith("_ion") else f"{var}_{name}"


def _pp_type(pp: Any) -> str:
    mech = getattr(type(pp), "_mech", None)
    if mech is not None:
        return str(mech.name)
    return str(pp.hname()).split("[", 1)[0]


def psection_text(sec: Any) -> str:
    """What ``h.psection(sec=s)`` prints (numerics §8.3)."""
    from sim.geometry import section_length

    first = _first_node_index(sec)
    head = (
        f"{sec._name} {{ nseg={int(sec._nseg)}  L={_fmt(section_length(sec))}  Ra={_fmt(sec._Ra)}"
    )
    rall = float(getattr(sec, "_rallbranch", 1.0))
    if rall != 1:
        head += f" rallbranch={_fmt(rall)}"
    lines = [head]
    o = _fmt(orientation(sec))
    if sec._parent is not None:
        lines.append(f"\t{sec._parent._name} connect {sec._name} ({o}), {_fmt(sec._parent_x)}")
    else:
        from sim.section import all_sections

        roots = [s for s in section_order(all_sections()) if s._parent is None]
        cell = next((k for k, r in enumerate(roots) if r is sec), 0)
        lines.append(f"\t/*location {o} attached to cell {cell}*/")
    lines.append("\t/* First segment only */")
    values = _mechanism_values(sec)
    pps = [p for p in _point_processes(sec) if _same(node_exact(sec, float(p._x)), (sec, 0))]
    for item in _first_node_order(sec, list(values), pps):
        lines.append(_insert_line(sec, item, values, first))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _insert_line(sec: Any, item: Any, values: dict[str, Any], first: int) -> str:
    """One ``insert name { var=value ...}`` line for the first node."""
    if item == _MORPH:
        shown = f" diam={_fmt(_current_diams(sec)[first])}"
    elif item == _CAP:
        shown = f" cm={_fmt(sec._cm[first])}"
    elif isinstance(item, str):
        table = values[item]
        shown = "".join(
            f" {_suffixed(item, v)}={_fmt(table[v][first])}" for v in _parameters(item, table)
        )
    else:
        params = [v.name for v in type(item)._mech.vars if v.role == "parameter"]
        shown = "".join(f" {v}={_fmt(getattr(item, v))}" for v in params)
        item = _pp_type(item)
    return f"\tinsert {item} {{{shown}}}"


def psection(sec: Any = None) -> float:
    """``h.psection(sec=s)``: print the section's HOC description; returns 1."""
    print(psection_text(_current(sec)), end="")
    return 1.0


def psection_dict(sec: Any) -> dict[str, Any]:
    """What ``sec.psection()`` returns (numerics §8.3), with NEURON 9.0.2's rxd keys empty."""
    from sim.geometry import section_length

    density: dict[str, dict[str, list[float]]] = {}
    ions: dict[str, dict[str, list[float]]] = {}
    for name, table in _mechanism_values(sec).items():
        if name.endswith("_ion"):
            ions[name[:-4]] = {v: list(vals) for v, vals in table.items()}
        else:
            density[name] = {v: list(vals) for v, vals in table.items()}
    pps: dict[str, set[Any]] = {}
    for pp in _point_processes(sec):
        pps.setdefault(_pp_type(pp), set()).add(pp)
    parentseg = getattr(sec, "parentseg", None)
    trueparentseg = getattr(sec, "trueparentseg", None)
    morphology = {
        "L": section_length(sec),
        "diam": _current_diams(sec),
        "pts3d": [tuple(float(v) for v in (x, y, z, abs(d))) for x, y, z, d in sec._pt3d],
        "parent": parentseg() if parentseg is not None else None,
        "trueparent": trueparentseg() if trueparentseg is not None else None,
    }
    internal = getattr(sec, "hoc_internal_name", None)
    return {
        "point_processes": pps,
        "density_mechs": density,
        "ions": ions,
        "morphology": morphology,
        "nseg": int(sec._nseg),
        "Ra": float(sec._Ra),
        "cm": [float(c) for c in sec._cm],
        # NEURON 9.0.2 adds these five whenever neuron.rxd imports (it does by default);
        # there are no rxd regions or species here.
        "regions": set(),
        "species": set(),
        "name": sec._name,
        "hoc_internal_name": internal() if internal is not None else sec._name,
        "cell": getattr(sec, "_cell", None),
    }
