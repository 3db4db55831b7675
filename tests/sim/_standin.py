"""The Section data contract's fields on a plain object, for geometry tests that must not
depend on the engine's Section class (sim/section)."""

from __future__ import annotations

import numpy as np

__all__ = ["Seg", "StandIn", "connect_standin"]


class StandIn:
    """The Section data contract's fields, nothing else."""

    def __init__(self, name="s", L=100.0, diam=500.0, nseg=1, Ra=35.4):
        self._name, self._cell = name, None
        self._L, self._Ra, self._nseg, self._rallbranch = float(L), float(Ra), nseg, 1.0
        self._diam = np.full(nseg, float(diam))
        self._cm = np.ones(nseg)
        self._pt3d = np.zeros((0, 4), np.float32)
        self._arc3d = np.zeros(0)
        self._parent, self._parent_x, self._child_end = None, 0.0, 0.0
        self._children, self._deleted, self._order = [], False, 0

    def __call__(self, x):
        return Seg(self, x)


class Seg:
    def __init__(self, sec, x):
        self.sec, self.x = sec, x


def connect_standin(child, parent, x, end=0.0):
    """Contract semantics of connect: sibling order by position from the parent's start."""
    child._parent, child._parent_x, child._child_end = parent, float(x), float(end)

    def pos(c):
        return 1.0 - c._parent_x if parent._child_end else c._parent_x

    i = 0
    while i < len(parent._children) and pos(parent._children[i]) < pos(child):
        i += 1
    parent._children.insert(i, child)
