"""Reading a range variable at every segment, fast enough for a 30 fps movie.

The engine's references implement ``Pointer.location() -> (array, index)``.
:class:`ValueReader` asks once (per structure change) where each segment's
value lives, groups the locations by array, and from then on a read is one
numpy gather per array -- or a single gather when all arrays are views of one
base buffer (the engine's compiled state).  Without locations it falls back
to reading ``getattr(seg, var)`` segment by segment.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["ValueReader"]

_READ_ERRORS = (AttributeError, LookupError, NameError, TypeError, ValueError)


def _flat_view(arrays: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray] | None:
    """(base as 1-D, element offset of each array) when all are 1-D views of one buffer."""
    base = arrays[0].base if arrays[0].base is not None else arrays[0]
    if not isinstance(base, np.ndarray) or not base.flags.c_contiguous:
        return None
    item = base.itemsize
    start = base.ctypes.data
    offsets = []
    for a in arrays:
        owner = a.base if a.base is not None else a
        if owner is not base or a.ndim != 1 or a.dtype != base.dtype or a.strides[0] != item:
            return None
        offsets.append((a.ctypes.data - start) // item)
    return base.reshape(-1), np.asarray(offsets, dtype=np.int64)


class ValueReader:
    """Reads ``var`` at fixed (section, x) locations; NaN where the variable is absent."""

    def __init__(self, sections: list[Any], seg_sec: np.ndarray, seg_x: np.ndarray, var: str):
        self.var = var
        self._segments = [sections[int(i)](float(x)) for i, x in zip(seg_sec, seg_x)]
        self._groups: list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None
        self._flat: tuple[np.ndarray, np.ndarray] | None = None
        self._probe: tuple[Any, Any] | None = None
        self._locate()

    def __len__(self) -> int:
        return len(self._segments)

    def _locate(self) -> None:
        """Find every value's (array, index); leave the groups unset if any is missing."""
        self._groups, self._flat, self._probe = None, None, None
        by_array: dict[int, tuple[np.ndarray, list[int], list[int]]] = {}
        name = "_ref_" + self.var
        for pos, seg in enumerate(self._segments):
            try:
                loc = getattr(seg, name).location()
            except _READ_ERRORS:
                return
            if loc is None or not isinstance(loc[0], np.ndarray):
                return
            arr, idx = loc
            entry = by_array.setdefault(id(arr), (arr, [], []))
            entry[1].append(pos)
            entry[2].append(int(idx))
        if not by_array:
            return
        groups = [(a, np.asarray(p), np.asarray(i)) for a, p, i in by_array.values()]
        self._groups = groups
        flat = _flat_view([g[0] for g in groups])
        if flat is not None:
            base, offsets = flat
            index = np.empty(len(self._segments), dtype=np.int64)
            for (_, pos, idx), off in zip(groups, offsets):
                index[pos] = off + idx
            self._flat = (base, index)
        self._probe = (getattr(self._segments[0], name), groups[0][0])

    def _locations_current(self) -> bool:
        """The engine may reallocate its arrays (recompile): check one reference."""
        if self._probe is None:
            return False
        ref, arr = self._probe
        try:
            loc = ref.location()
        except _READ_ERRORS:
            loc = None
        if loc is not None and loc[0] is arr:
            return True
        self._locate()
        return self._groups is not None

    def read(self) -> np.ndarray:
        if self._locations_current():
            if self._flat is not None:
                base, index = self._flat
                return base[index].astype(np.float64, copy=False)
            out = np.empty(len(self._segments))
            for arr, pos, idx in self._groups or ():
                out[pos] = arr[idx]
            return out
        out = np.full(len(self._segments), np.nan)
        for i, seg in enumerate(self._segments):
            try:
                out[i] = float(getattr(seg, self.var))
            except _READ_ERRORS:
                continue
        return out
