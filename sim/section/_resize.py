"""Changing nseg keeps values the way NEURON does (numerics §1.5)."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["remap_index", "resize"]


def remap_index(n_old: int, n_new: int) -> np.ndarray:
    """For each new segment, the old segment whose values it takes."""
    src = np.array([int(n_old * ((k + 0.5) / n_new)) for k in range(n_new)], dtype=np.int64)
    if n_new > n_old:  # old nodes move to where their centre falls; the rest are clones
        for j in range(n_old):
            src[min(int(n_new * ((j + 0.5) / n_old)), n_new - 1)] = j
    return np.minimum(src, n_old - 1)


def resize(sec: Any, n_new: int) -> None:
    """Give ``sec`` ``n_new`` segments: per-segment values remapped, point processes moved."""
    n_old = sec._nseg
    src = remap_index(n_old, n_new)
    d = sec.__dict__
    d["_diam"] = np.array(sec._diam)[src]
    d["_cm"] = np.array(sec._cm)[src]
    d["_v"] = np.array(sec._v)[src]
    d["_v_end"] = np.array(sec._v_end)
    d["_v_root"] = np.array(sec._v_root)
    d["_mechs"] = {name: np.array(arr)[src] for name, arr in sec._mechs.items()}
    d["_nseg"] = n_new
    for pp in sec._point_processes():
        x = pp._x
        if 0.0 < x < 1.0:
            pp.__dict__["_x"] = (min(int(n_new * x), n_new - 1) + 0.5) / n_new
