"""Shape plot speed (issue 8's benchmark; not a timed test).

Model: a binary tree of 1000 sections (L 50 um, diam 1 um, nseg 10: 10,000 segments),
hh everywhere, a 1 nA IClamp at the root, 100 ms.  Prints:

- build: ``h.PlotShape()`` from nothing to the first painted frame (define_shape of
  sections without points, pieces, colours) -- target under 1 s;
- recolour cost: one frame (read v at 10,000 segments, map to colours, rebuild the
  per-colour paths, paint the viewport), averaged over 50 frames with changing values;
- frames per second during a threaded ``h.run()`` with the screen update every 20 ms
  -- target at least 30.

Run: ``QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_shape.py [--engine-nogil]``.

``--engine-nogil`` recompiles the engine's numba kernels with ``nogil=True`` (a diagnostic):
the engine's worker holds the GIL inside its compiled chunks, and every Qt call of a frame
hands the GIL back and forth, so without it a frame takes 100+ ms during a run.
Measured on the shared 2-core box: recolour capacity 60-100 fps; during a run 2-4 fps as
the engine stands, 19 fps with ``--engine-nogil``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
if sys.version_info < (3, 12):  # PySide6 6.12 drops references (see app/gui.py)
    import ctypes

    for _obj in (None, True, False):  # void calls and Signal.emit drop references
        ctypes.c_ssize_t.from_address(id(_obj)).value += 1 << 40

from PySide6.QtWidgets import QApplication

from sim import h

N_SECTIONS = 1000
TSTOP = 100.0


def build_tree() -> list:
    h.load_file("stdrun.hoc")
    secs = []
    for i in range(N_SECTIONS):
        sec = h.Section(name=f"b{i}")
        sec.L, sec.diam, sec.nseg = 50, 1, 10
        sec.insert("hh")
        if i:
            sec.connect(secs[(i - 1) // 2](1), 0)
        secs.append(sec)
    stim = h.IClamp(secs[0](0.5))
    stim.delay, stim.dur, stim.amp = 0.5, 1e9, 1.0
    secs.append(stim)
    h.tstop = TSTOP
    h.dt = 0.025
    return secs


def paint(ps) -> None:
    ps._view.graphics.viewport().repaint()


def build_time(app: QApplication):
    from widgets.shape import PlotShape

    t0 = time.perf_counter()
    ps = PlotShape()
    ps._view.resize(800, 600)
    ps._view.show()
    app.processEvents()
    paint(ps)
    return ps, time.perf_counter() - t0


def frame_cost(ps, secs) -> float:
    """Seconds per recolour frame (values change every frame; only flush+paint is timed)."""
    h.finitialize(-65)
    frames = 50
    spent = 0.0
    for k in range(frames):
        secs[k % 10](0.5).v = -80 + 2.4 * k  # a value moves through the colour scale
        for sec in secs[100 + k : 100 + k + 50]:
            sec.v = -65 + k
        t0 = time.perf_counter()
        ps.flush()
        paint(ps)
        spent += time.perf_counter() - t0
    return spent / frames


def run_fps(app: QApplication, ps) -> tuple[float, int, float, float]:
    """(frames per second, frames, wall seconds, seconds per frame) during a threaded run."""
    from app import simthread

    simthread.install()
    h.screen_update_invl = 0.02
    ps._timer.setInterval(20)
    frames = [0]
    busy = [0.0]
    original = ps.flush

    def counted() -> float:
        frames[0] += 1
        t0 = time.perf_counter()
        result = original()
        paint(ps)
        busy[0] += time.perf_counter() - t0
        return result

    ps.flush = counted
    t0 = time.perf_counter()
    h.run()
    wall = time.perf_counter() - t0
    ps.flush = original
    return frames[0] / wall, frames[0], wall, busy[0] / max(1, frames[0])


def engine_nogil() -> int:
    """Recompile the engine's kernels without the GIL (diagnostic); returns how many."""
    from numba.core.caching import NullCache

    from sim.engine import _kernels

    n = 0
    for name in dir(_kernels):
        f = getattr(_kernels, name)
        if hasattr(f, "targetoptions") and hasattr(f, "recompile"):
            f.targetoptions["nogil"] = True
            f._cache = NullCache()
            n += 1
    return n


def main() -> int:
    if "--engine-nogil" in sys.argv:
        print(f"engine kernels recompiled with nogil=True: {engine_nogil()}")
    app = QApplication.instance() or QApplication([])
    secs = build_tree()
    nseg = sum(s.nseg for s in secs if hasattr(s, "nseg"))
    ps, t_build = build_time(app)
    cost = frame_cost(ps, secs)
    fps, frames, wall, per_frame = run_fps(app, ps)
    print(f"Shape plot: {N_SECTIONS} sections, {nseg} segments, {ps._morph.n_pieces} pieces")
    print(
        f"  build to first frame  {t_build * 1e3:8.1f} ms   (target < 1000 ms) "
        f"{'ok' if t_build < 1 else 'MISSED'}"
    )
    print(f"  one recolour frame    {cost * 1e3:8.1f} ms   (= {1 / cost:5.1f} fps capacity)")
    print(
        f"  during h.run()        {fps:8.1f} fps  ({frames} frames in {wall:.2f} s, "
        f"target >= 30) {'ok' if fps >= 30 else 'MISSED'}"
    )
    print(
        f"  a frame during the run {per_frame * 1e3:7.1f} ms of wall time (GIL shared with "
        "the engine's worker)"
    )
    ps._view.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
