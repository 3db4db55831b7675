"""NEURON's default 2-D layout of sections without 3-D points (numerics §1.7).

Every step follows NEURON's single-precision arithmetic: the points and the
direction vector are float32, the angle comes from the C library's atan2f and
the end point from cosf/sinf, while the interpolations are done in double and
rounded when stored.  Sections that already have points are only translated
(by their logical connection point if they have one, see ``pt3dstyle``).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from sim.geometry import PI, section_length
from sim.morph3d import _F32, _changed, _Const, _logical, _recompute_arcs
from sim.topology import _live_children

__all__ = ["define_shape"]


class _Libm:
    """The C library's single-precision atan2f/cosf/sinf, which NEURON's layout uses.

    Loaded on first use (never at ``import sim``); where no C math library can
    be found, double-precision results rounded to float32 stand in.
    """

    lib: Any = None
    loaded = False

    @classmethod
    def get(cls) -> Any:
        if not cls.loaded:
            cls.loaded = True
            cls.lib = _load_libm()
        return cls.lib


def _libm_candidates() -> Iterator[Any]:
    import ctypes.util

    yield None  # the running program: it links the C math library on Linux
    for name in ("m", "ucrtbase", "msvcrt"):
        with contextlib.suppress(Exception):
            path = ctypes.util.find_library(name)
            if path:
                yield path


def _load_libm() -> Any:
    import ctypes

    for path in _libm_candidates():
        try:
            lib = ctypes.CDLL(path)
            fns = [getattr(lib, name) for name in ("atan2f", "cosf", "sinf")]
        except (OSError, AttributeError):
            continue
        for fn, nargs in zip(fns, (2, 1, 1)):
            fn.restype = ctypes.c_float
            fn.argtypes = [ctypes.c_float] * nargs
        return lib
    return None  # pragma: no cover - every supported platform has a C math library


def _atan2f(y: np.float32, x: np.float32) -> np.float32:
    lib = _Libm.get()
    if lib is not None:
        return _F32(lib.atan2f(float(y), float(x)))
    return _F32(math.atan2(float(y), float(x)))


def _cosf(a: np.float32) -> np.float32:
    lib = _Libm.get()
    return _F32(lib.cosf(float(a))) if lib is not None else _F32(math.cos(float(a)))


def _sinf(a: np.float32) -> np.float32:
    lib = _Libm.get()
    return _F32(lib.sinf(float(a))) if lib is not None else _F32(math.sin(float(a)))


def define_shape() -> None:
    """Give every section without 3-D points NEURON's default 2-D layout (numerics §1.7).

    Sections that already have points are only translated so that their first
    point sits where they attach to their parent.
    """
    from sim.section import all_sections
    from sim.topology import section_order

    changed = False
    for k, sec in enumerate(section_order(all_sections())):
        changed = _shape_one(sec, k) or changed
    if changed:  # a redraw calling define_shape on a laid-out model must not look like an edit
        _changed(None)


def _attachment(sec: Any, k: int) -> tuple[np.float32, np.float32, np.float32, Any, Any]:
    """Start point and direction vector of section number ``k`` in secorder."""
    psec = sec._parent
    if psec is None:
        return _F32(0), _F32(0), _F32(k * 100.0), _F32(1), _F32(0)
    ppts = psec._pt3d
    first, last = ppts[0], ppts[-1]
    x1 = _F32(last[0] - first[0])
    y1 = _F32(last[1] - first[1])
    arc1 = float(sec._parent_x)
    if getattr(psec, "_child_end", 0.0):
        arc1 = 1.0 - arc1
    if arc1 < 0.5:
        x1, y1 = -x1, -y1
    x, y, z = (_F32(float(last[c]) * arc1 + float(first[c]) * (1 - arc1)) for c in range(3))
    return x, y, z, x1, y1


def _translate(sec: Any, to: tuple[np.float32, np.float32, np.float32]) -> bool:
    """Move the points so the first (or the logical connection point) is at ``to``.

    Returns whether anything moved.
    """
    pts = sec._pt3d
    point = _logical.get(sec)
    ref = point if point is not None else pts[0, :3]
    delta = [_F32(v - ref[c]) for c, v in enumerate(to)]
    if point is not None:
        point[:] = to
    if not any(delta):
        return False
    for c in range(3):
        pts[:, c] = pts[:, c] + delta[c]
    return True


def _shape_one(sec: Any, k: int) -> bool:
    """Lay out (or translate) section number ``k`` in secorder; True if it changed."""
    x, y, z, x1, y1 = _attachment(sec, k)
    if len(sec._pt3d):
        return sec._parent is not None and not _Const.on and _translate(sec, (x, y, z))
    arc = float(getattr(sec, "_parent_x", 0.0))
    if abs(y1) < 1e-6 and abs(x1) < 1e-6:
        if sec._parent is not None:
            print(f"nrn_define_shape: {sec._parent._name} first and last 3-d point at same (x,y)")
        angle = _F32(0.0)
    else:
        angle = _atan2f(y1, x1)
    if 0.0 < arc < 1.0:
        angle = _F32(float(angle) + PI / 2.0)
    psec = sec._parent
    if psec is not None:
        same = [ch for ch in _live_children(psec) if float(ch._parent_x) == arc]
        nch = float(len(same))
        ich = float(same.index(sec)) if sec in same else 0.0
        if nch > 1:
            angle = _F32(float(angle) + (ich / (nch - 1.0) * 0.8 - 0.4))
    length = section_length(sec)
    ex = _F32(float(x) + length * float(_cosf(angle)))
    ey = _F32(float(y) + length * float(_sinf(angle)))
    nseg = int(sec._nseg)
    diam = np.asarray(sec._diam, dtype=float)
    order = range(nseg - 1, -1, -1) if getattr(sec, "_child_end", 0.0) else range(nseg)
    node_diams = [float(diam[i]) for i in order]
    rows = [(x, y, z, node_diams[0])]
    for j in range(nseg):
        frac = (float(j) + 0.5) / float(nseg)
        rows.append(
            (
                float(x) * (1 - frac) + float(ex) * frac,
                float(y) * (1 - frac) + float(ey) * frac,
                z,
                node_diams[j],
            )
        )
    rows.append((ex, ey, z, node_diams[-1]))
    sec._pt3d = np.array([[float(v) for v in r] for r in rows], dtype=np.float64).astype(_F32)
    sec._arc3d = np.zeros(len(rows))
    _recompute_arcs(sec, 0)
    sec._arc3d[-1] = length
    sec._L = length
    return True
