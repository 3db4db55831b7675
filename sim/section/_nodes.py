"""Where a position ``x`` on a section lives: a segment, the far end, or the attachment node.

NEURON gives each section ``nseg`` segment-centre nodes plus its far-end node
(x = 1, or x = 0 for a reversed child); a root section also owns its x = 0
root node, and a child's connected end *is* the node it is attached to on its
parent (numerics §1.2, §1.6).

Sections store per-segment values in **x order** (index ``i`` holds the
segment containing ``(i + 0.5) / nseg``) whatever their orientation; the
engine maps them to node order when it compiles the tree.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["node_storage", "resolve", "segment_index"]


def segment_index(sec: Any, x: float) -> int:
    """The segment containing ``x`` (x = 0 and 1 give the nearest segment), x order."""
    nseg = sec._nseg
    return min(int(nseg * x), nseg - 1) if x > 0 else 0


def resolve(sec: Any, x: float) -> tuple[str, int]:
    """("seg", i): a segment; ("end", 0): the far end; ("start", 0): the connected end."""
    rev = sec._child_end == 1.0
    if x <= 0.0:
        return ("end", 0) if rev else ("start", 0)
    if x >= 1.0:
        return ("start", 0) if rev else ("end", 0)
    return ("seg", segment_index(sec, x))


def node_storage(sec: Any, x: float) -> tuple[np.ndarray, int, Any]:
    """``(v array, index, owning section)`` of the node at ``x`` (follows x = 0 up the tree)."""
    kind, i = resolve(sec, x)
    while kind == "start":
        parent = sec._parent
        if parent is None:
            return sec._v_root, 0, sec
        sec, x = parent, sec._parent_x
        kind, i = resolve(sec, x)
    if kind == "end":
        return sec._v_end, 0, sec
    return sec._v, i, sec
