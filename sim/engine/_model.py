"""Compiling the model (sections, mechanisms, point processes) into flat arrays.

Layout (numerics §2.1): root nodes first, then every section's nodes
breadth-first from each root, each section contributing its nseg segment
nodes (node order) and its far-end node.  All recordable values live in one
float64 ``pool``: ``pool[0]`` is t, then v of every node, then each
mechanism's instances as rows.  After compiling, the sections' and point
processes' arrays are *views* into the pool, so range-variable access and
the compiled loop touch the same memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sim.mechanisms import MECHANISMS
from sim.mechanisms._point import all_point_processes
from sim.section import all_sections, structure_version
from sim.section._nodes import resolve

__all__ = ["Compiled", "compile_model", "hines_order", "solve_schedule"]

END_AREA = 100.0
# the mechanisms the kernels know, in the order of the kernel's ``mp`` tuple (nodes, data)
# pairs; hh's ion maps follow hh, then EXTRA_MECHS, the solve schedule (mp[16]),
# EVENT_MECHS (mp[17:23]), COLUMN_MECHS (mp[23:27]), hh's work rows (mp[27]) and the
# schedule again (mp[-1]);
# new entries go before it.
KERNEL_MECHS = ("pas", "na_ion", "k_ion", "IClamp", "hh")
EXTRA_MECHS = ("AlphaSynapse", "SEClamp")
EVENT_MECHS = ("ExpSyn", "Exp2Syn", "APCount")
# then the density mechanisms again as [column, instance] arrays (mp[23:27]), for the
# kernels whose loops over instances the compiler vectorises
COLUMN_MECHS = ("pas", "na_ion", "k_ion", "hh")
# and hh's block temporaries (mp[27]: rows as sim/engine/_hh.py lists them, one block wide)
HH_WORK_ROWS, HH_BLOCK = 12, 256


@dataclass
class Compiled:
    """The flat arrays of one compiled model."""

    version: int
    pool: np.ndarray
    v: np.ndarray
    ncell: int
    parent: np.ndarray
    a: np.ndarray
    b: np.ndarray
    cm: np.ndarray
    area: np.ndarray
    rhs: np.ndarray
    d: np.ndarray
    start: dict[int, int]  # id(section) -> index of its node 0 (valid while compiling)
    owner: list[str]  # node -> section name (for messages); no references keep sections alive
    mech_nodes: dict[str, np.ndarray] = field(default_factory=dict)
    mech_data: dict[str, np.ndarray] = field(default_factory=dict)
    ion_map: dict[str, np.ndarray] = field(default_factory=dict)

    schedule: np.ndarray = field(default_factory=lambda: np.zeros((0, 3), dtype=np.int64))
    _mp: tuple | None = None

    def mp(self) -> tuple:
        """The kernels' mechanism tuple (see KERNEL_MECHS), built once."""
        if self._mp is None:
            out: list[Any] = []
            for name in KERNEL_MECHS:
                out.extend((self.mech_nodes[name], self.mech_data[name]))
            out.extend((self.ion_map["hh_na"], self.ion_map["hh_k"]))
            for name in EXTRA_MECHS:
                out.extend((self.mech_nodes[name], self.mech_data[name]))
            out.append(self.schedule)
            for name in EVENT_MECHS:
                out.extend((self.mech_nodes[name], self.mech_data[name]))
            for name in COLUMN_MECHS:  # [column, instance], C-contiguous (mp[23:27])
                out.append(self.mech_data[name].T)
            out.append(np.zeros((HH_WORK_ROWS, HH_BLOCK)))  # mp[27]: hh's temporaries
            out.append(self.schedule)  # again last: callers read it as mp[-1] too
            self._mp = tuple(out)
        return self._mp

    def tree(self) -> tuple:
        return (
            self.parent,
            self.a,
            self.b,
            self.cm,
            self.area,
            self.ncell,
            self.v,
            self.rhs,
            self.d,
        )

    def pool_index(self, array: np.ndarray, index: Any) -> int | None:
        """Index into ``pool`` of ``array[index]`` when ``array`` is a view into it."""
        pool = self.pool
        base = pool.__array_interface__["data"][0]
        addr = array.__array_interface__["data"][0]
        idx = index if isinstance(index, tuple) else (index,)
        for i, stride in zip(idx, array.strides):
            addr += int(i) * stride
        off, rem = divmod(addr - base, pool.itemsize)
        if rem or not 0 <= off < pool.shape[0]:
            return None
        return off

    def node_section(self, node: int) -> str:
        return self.owner[node]


def hines_order(sections: list[Any]) -> list[Any]:
    """Roots in creation order, each followed by its tree breadth-first (sibling order)."""
    roots = sorted((s for s in sections if s._parent is None), key=lambda s: s._order)
    out: list[Any] = []
    for root in roots:
        queue = [root]
        while queue:
            sec = queue.pop(0)
            out.append(sec)
            queue.extend(c for c in sec._children if not c._deleted)
    return out


def _global_node(sec: Any, x: float, start: dict[int, int], root_of: dict[int, int]) -> int:
    kind, i = resolve(sec, x)
    while kind == "start":
        if sec._parent is None:
            return root_of[id(sec)]
        sec, x = sec._parent, sec._parent_x
        kind, i = resolve(sec, x)
    s0, n = start[id(sec)], sec._nseg
    if kind == "end":
        return s0 + n
    return s0 + (n - 1 - i if sec._child_end == 1.0 else i)


def _node_order(arr: np.ndarray, rev: bool) -> np.ndarray:
    return arr[::-1] if rev else arr


def compile_model(t: float) -> Compiled:
    """Lay the current model out in flat arrays (values copied from the sections)."""
    version = structure_version()
    secs = hines_order(all_sections())
    roots = [s for s in secs if s._parent is None]
    ncell = len(roots)
    root_of = {id(s): k for k, s in enumerate(roots)}
    start: dict[int, int] = {}
    n = ncell
    for sec in secs:
        start[id(sec)] = n
        n += sec._nseg + 1
    sizes = _mech_sizes(secs)
    pool = np.zeros(1 + n + sum(cnt * MECHANISMS[m].nvars for m, cnt in sizes.items()))
    pool[0] = t
    v = pool[1 : 1 + n]
    parent = np.full(n, -1, dtype=np.int64)
    a, b, rinv = np.zeros(n), np.zeros(n), np.zeros(n)
    cm, area = np.zeros(n), np.full(n, END_AREA)
    owner: list[str] = [s.name() for s in roots] + [""] * (n - ncell)
    geoms = {}
    for sec in secs:
        s0, ns, rev = start[id(sec)], sec._nseg, sec._child_end == 1.0
        g = sec._geometry()
        geoms[id(sec)] = g
        area[s0 : s0 + ns] = _node_order(g.area, rev)
        rinv[s0 : s0 + ns + 1] = g.node_rinv()
        cm[s0 : s0 + ns] = _node_order(np.asarray(sec._cm, dtype=float), rev)
        v[s0 : s0 + ns] = _node_order(np.asarray(sec._v, dtype=float), rev)
        v[s0 + ns] = sec._v_end[0]
        owner[s0 : s0 + ns + 1] = [sec.name()] * (ns + 1)
        parent[s0] = _global_node(sec, 0.0 if not rev else 1.0, start, root_of)
        if sec._parent is None:
            parent[s0] = root_of[id(sec)]
            v[root_of[id(sec)]] = sec._v_root[0]
        parent[s0 + 1 : s0 + ns + 1] = np.arange(s0, s0 + ns)
    # a_i = -100*rall*rinv_i/area_p (rall only on a section's node 0), b_i = -100*rinv_i/area_i;
    # element-wise numpy arithmetic rounds exactly as the scalar formulas (numerics §2.2).
    rall = np.ones(n)
    for sec in secs:
        rall[start[id(sec)]] = sec._rallbranch
    if n > ncell:
        nodes = np.arange(ncell, n)
        a[ncell:] = -1.0e2 * rall[ncell:] * rinv[ncell:] / area[parent[nodes]]
        b[ncell:] = -1.0e2 * rinv[ncell:] / area[ncell:]
    comp = Compiled(
        version,
        pool,
        v,
        ncell,
        parent,
        a,
        b,
        cm,
        area,
        np.zeros(n),
        np.zeros(n),
        start,
        owner,
    )
    _layout_mechanisms(comp, secs, sizes, root_of)
    _bind_views(comp, secs, roots)
    comp.schedule = solve_schedule(
        [(start[id(sec)], sec._nseg + 1) for sec in secs], parent, ncell, n
    )
    return comp


SOLVE_LANES = 8  # sections whose division chains the solve interleaves


def solve_schedule(
    ranges: list[tuple[int, int]], parent: np.ndarray, ncell: int, n: int
) -> np.ndarray:
    """Rows (top, members, length) for the tree solve, in elimination order.

    Each section is a chain of consecutive nodes (start, count).  Up to SOLVE_LANES
    neighbouring sections of equal length, none hanging on another of them, are
    eliminated in lockstep: a row covers nodes top - members*length + 1 .. top, and
    every step takes one node of each member, the latest section first.  Each node's
    value then comes from the same operations in the same order as in the plain
    descending loop (a node's children still contribute in descending order), while
    independent division chains overlap.
    """
    rows: list[tuple[int, int, int]] = []
    k = len(ranges) - 1
    while k >= 0:
        x0, length = ranges[k]
        low = x0  # lowest node of the group so far
        members = 1
        while members < SOLVE_LANES and k - members >= 0:
            y0, yn = ranges[k - members]
            if yn != length or y0 + yn != low:
                break
            group_starts = [ranges[k - m][0] for m in range(members)]
            if any(y0 <= parent[s0] < y0 + yn for s0 in group_starts):
                break
            low = y0
            members += 1
        rows.append((x0 + length - 1, members, length))
        k -= members
    out = np.array(rows, dtype=np.int64).reshape(len(rows), 3)
    if int((out[:, 1] * out[:, 2]).sum()) != n - ncell:
        raise AssertionError("solve schedule does not cover the tree")  # a layout bug
    return out


def _mech_sizes(secs: list[Any]) -> dict[str, int]:
    sizes = dict.fromkeys(MECHANISMS, 0)
    for sec in secs:
        for name in sec._mechs:
            sizes[name] += sec._nseg
    for pp in all_point_processes():
        if pp.has_loc():
            sizes[type(pp)._mech.name] += 1
    return sizes


def _layout_mechanisms(comp: Compiled, secs: list[Any], sizes: dict, root_of: dict) -> None:
    off = 1 + comp.v.shape[0]
    pps = [p for p in all_point_processes() if p.has_loc()]
    for name, mech in MECHANISMS.items():
        cnt, nv = sizes[name], mech.nvars
        if mech.is_point:
            data = comp.pool[off : off + cnt * nv].reshape(cnt, nv)
        else:  # column-major: data[i, c] at off + c*cnt + i (a column is contiguous)
            data = comp.pool[off : off + cnt * nv].reshape(nv, cnt).T
        off += cnt * nv
        nodes = np.zeros(cnt, dtype=np.int64)
        row = 0
        if mech.is_point:
            mine = [p for p in pps if type(p)._mech is mech]
            keyed = [(_global_node(p._sec, p._x, comp.start, root_of), -p._serial, p) for p in mine]
            keyed.sort(key=lambda k: (k[0], k[1]))
            for node, _, p in keyed:
                nodes[row] = node
                data[row] = p._data
                p.__dict__["_data"] = data[row]
                row += 1
        else:
            for sec in secs:
                arr = sec._mechs.get(name)
                if arr is None:
                    continue
                s0, ns, rev = comp.start[id(sec)], sec._nseg, sec._child_end == 1.0
                block = data[row : row + ns]
                block[:] = _node_order(np.asarray(arr, dtype=float), rev)
                nodes[row : row + ns] = np.arange(s0, s0 + ns)
                sec._mechs[name] = _node_order(block, rev)
                row += ns
        comp.mech_nodes[name] = nodes
        comp.mech_data[name] = data
    n = comp.v.shape[0]
    for ion, key in (("na_ion", "hh_na"), ("k_ion", "hh_k")):
        where = np.full(n, -1, dtype=np.int64)
        where[comp.mech_nodes[ion]] = np.arange(comp.mech_nodes[ion].shape[0])
        comp.ion_map[key] = where[comp.mech_nodes["hh"]]


def _bind_views(comp: Compiled, secs: list[Any], roots: list[Any]) -> None:
    v, cm = comp.v, comp.cm
    for sec in secs:
        s0, ns, rev = comp.start[id(sec)], sec._nseg, sec._child_end == 1.0
        d = sec.__dict__
        d["_v"] = _node_order(v[s0 : s0 + ns], rev)
        d["_cm"] = _node_order(cm[s0 : s0 + ns], rev)
        d["_v_end"] = v[s0 + ns : s0 + ns + 1]
    for k, root in enumerate(roots):
        root.__dict__["_v_root"] = v[k : k + 1]
