"""Variable step (numerics §7): ``cvode_active(1)`` / ``CVode().active(1)`` runs.

The integrator is the compiled BDF of :mod:`sim.engine._cvbdf`, driven by the
compiled loop :func:`sim.engine._cvloop.cv_run`, which returns to Python only for
event deliveries, spikes to send, full recording buffers, a chunk's end and the
run's end.  Python here keeps the integrator between calls (one per finitialize),
delivers events (restarting the integration at te when a delivery changes the
cell), sends spikes, and overwrites ``h.dt`` with the last step size at the end of
a run, as NEURON does.

scipy's LSODA/BDF path (:mod:`sim.engine._cvscipy`) stays as the fallback: it is used
when the environment variable NEUROQT_CVODE is ``scipy``, and for a model with no
state at all.  The compiled path covers everything the scipy one does (the same
f(t, y), discontinuities, events, plays and recording rules).
"""

from __future__ import annotations

import heapq
import math
import os
from typing import Any

import numpy as np

from sim.engine._cvscipy import CvodeError, _breakpoints
from sim.engine._state import state

__all__ = ["CvodeError", "reset", "runner"]


class _Run:
    """The compiled integrator's arrays for one compiled model (kept between calls)."""

    current: _Run | None = None
    # the last one, kept after a finitialize: the next run of the same model and network
    # tables takes its model-only arrays (building them costs more than a short run)
    last: _Run | None = None

    def __init__(self, comp: Any, ctl: tuple) -> None:
        from sim.engine import _cvbdf, _cvloop, _cvmodel
        from sim.engine._events import net

        self.comp = comp
        sp, src, _ev, play, srcs = net.arrays(comp)
        self.src, self.srcs = src, srcs
        self.key = (id(comp), comp.version, net.version)
        self.sp, self.play = sp, play
        last = _Run.last
        if last is not None and last.key == self.key and last.sp is sp:
            self.ny, self.S, self.D, self.w, self.yv = last.ny, last.S, last.D, last.w, last.yv
            self.alg, self.state_index, self.model = last.alg, last.state_index, last.model
            self.in_state = last.in_state
            self.S[:] = 0.0
        else:
            self.ny = _cvmodel.state_size(comp, sp)
            self.S, self.D, self.w = _cvbdf.new_state(self.ny)
            self.yv = np.zeros(max(self.ny, 1))
            self.alg = _cvmodel.build_alg_data(comp)
            self.state_index = _state_index(comp, sp)
            self.in_state: np.ndarray | None = None  # pool entries that are t, a v or a state
            self.model = ()
        _Run.last = self
        self.brk = np.array(_breakpoints(comp), dtype=float)
        self.rev = _play_points(net.plays)
        self.L = np.zeros(_cvloop.L_LEN)
        self.L[_cvloop.TVIS] = comp.pool[0]
        self.L[_cvloop.INIT] = 1.0
        self.spk = (
            np.zeros(max(1, len(srcs)), dtype=np.int64),
            np.zeros(1, dtype=np.int64),
            np.zeros(1, dtype=np.int64),
        )
        self.set_ctl(ctl)

    def set_ctl(self, ctl: tuple) -> None:
        """The run's constants (q10, usetable, table) and plays into the model tuple."""
        from sim.engine._cvmodel import PLAY, Q10, TAB, USETABLE, flat_model

        m = self.model
        if (
            not m
            or m[Q10] != ctl[6]
            or m[USETABLE] != ctl[7]
            or m[TAB] is not ctl[8]
            or m[PLAY] is not self.play
        ):
            self.model = flat_model(self.comp, self.sp, self.alg, ctl, self.play)

    def full(self, rec: Any, drec: Any) -> bool:
        """True when something recorded or watched is not v, a state or t."""
        from sim.engine._run import _Recording

        cur = _Recording.current
        if state.step_callbacks or (cur is not None and cur.python):
            return True
        if self.in_state is None:
            self.in_state = np.zeros(self.comp.pool.shape[0], dtype=bool)
            self.in_state[self.state_index] = True
        in_state = self.in_state
        return not (
            in_state[rec[0]].all() and in_state[drec[0]].all() and in_state[self.src[0]].all()
        )

    def check_model(self) -> None:
        """Restart when t or a state was changed from outside since the last call."""
        from sim.engine._cvloop import BEHIND, INIT, RECINIT, TVIS
        from sim.engine._cvmodel import cv_gather

        L = self.L
        if L[INIT] != 0.0:
            return
        comp = self.comp
        y = np.empty_like(self.yv)
        cv_gather(y, self.model)
        if comp.pool[0] != L[TVIS] or not np.array_equal(y[: self.ny], self.yv[: self.ny]):
            L[TVIS] = comp.pool[0]
            L[INIT], L[RECINIT], L[BEHIND] = 1.0, 0.0, 0.0


def _state_index(comp: Any, sp: tuple) -> np.ndarray:
    """Pool indices of t, every v and every integrated state."""
    from sim.engine._hh import H, M, N

    idx = [np.arange(comp.v.shape[0] + 1)]
    for data, cols in ((comp.mech_data["hh"], (M, H, N)), (sp[3], (3,)), (sp[5], (6, 7))):
        if not data.shape[0]:
            continue
        first = comp.pool_index(data, (0, 0))
        if first is None:  # not a view into the pool (then nothing records it)
            continue
        rows = np.arange(data.shape[0])[:, None] * (data.strides[0] // data.itemsize)
        idx.append((first + rows + np.array(cols) * (data.strides[1] // data.itemsize)).ravel())
    return np.concatenate(idx).astype(np.int64)


def _play_points(plays: list) -> np.ndarray:
    """Breakpoints of continuous Vector.play: NEURON restarts the integrator at each."""
    pts: set[float] = set()
    for p in plays:
        if p.continuous:
            tv, _y = p.times_values()
            pts.update(float(x) for x in tv if x > 0)
    return np.array(sorted(pts), dtype=float)


def reset() -> None:
    """finitialize: the next variable-step run starts a new integration."""
    from sim.engine import _cvscipy

    _Run.current = None
    _cvscipy.reset()


def _use_scipy() -> bool:
    return os.environ.get("NEUROQT_CVODE", "").lower() == "scipy"


def _current(comp: Any, ctl: tuple) -> _Run:
    from sim.engine._events import net

    run = _Run.current
    if run is None or run.key != (id(comp), comp.version, net.version):
        run = _Run(comp, ctl)  # a new model, or new arrays (a NetCon added): restart at t
        _Run.current = run
    run.set_ctl(ctl)
    run.check_model()
    return run


def _until(ts: float, dt: float) -> float:
    """The run's end: the running continuerun's tstop (exact), else ts + dt/2."""
    if not math.isfinite(ts):
        return math.inf
    guess = ts + dt / 2.0
    from sim import stdrun

    jobs = stdrun._running
    if jobs and jobs[-1].nsteps is None and jobs[-1].until is not None:
        until = float(jobs[-1].until)
        if abs(until - guess) <= 1e-9 * max(1.0, abs(until)):
            return until
    return guess


def _is_cell_target(nc: Any) -> bool:
    target = nc._target
    has_loc = getattr(target, "has_loc", None)
    return bool(nc._active and target is not None and has_loc is not None and has_loc())


def _deliver(t: float) -> bool:
    """Deliver every event with te <= t; True when one changed a cell (restart needed)."""
    from sim.engine._events import _DELIVER, net

    restart = False
    q = net.queue
    while q and q[0][0] <= t:
        te, _, kind, payload = heapq.heappop(q)
        _DELIVER[kind](te, payload)
        if kind == "play" or (kind == "netcon" and _is_cell_target(payload)):
            restart = True
    return restart


def _settings() -> tuple[float, float, float]:
    from sim.engine._cvode import _settings as s

    atol = s["atol"]
    rtol = s["rtol"]
    r = max(rtol, 100 * 2.220446049250313e-16)
    return atol, rtol, max(10 * 2.220446049250313e-16 / r, min(0.03, r**0.5))


def runner(pool: Any, tree: Any, mp: Any, ctl: tuple, rec: Any, drec: Any) -> tuple[int, int]:
    """Drop-in for ``run_steps`` under variable step: integrate while t < the run's end."""
    from sim.engine import _cvloop as lp

    comp = state.comp
    if _use_scipy() or (_Run.current is None and _no_state(comp)):
        from sim.engine import _cvscipy

        return _cvscipy.runner(pool, tree, mp, ctl, rec, drec)
    run = _current(comp, ctl)
    L = run.L
    # CVode().active(1) without cvode_active (using_cvode_ = 0): stdrun's fixed-step loop,
    # one integrator step per fadvance while t < tstop - dt/2, so the run overshoots tstop
    fixed_end = math.isfinite(ctl[0]) and not _using_cvode()
    L[lp.UNTIL] = math.inf if fixed_end else _until(ctl[0], ctl[3])
    L[lp.ATOL], L[lp.RTOL], L[lp.NTOL] = _settings()
    L[lp.FULL] = float(run.full(rec, drec))
    max_steps = int(ctl[2])
    total = 0
    while True:
        from sim.engine._events import net

        if fixed_end and (L[lp.TVIS] >= ctl[0] or total >= max_steps):
            status = lp.DONE if L[lp.TVIS] >= ctl[0] else lp.CHUNK
            break
        L[lp.TNEXT] = net.tnext()
        L[lp.MAXSTEPS] = 1 if fixed_end else max(0, max_steps - total)
        args = (run.S, run.D, run.w, run.yv, run.brk, run.rev, run.model)
        status, steps = lp.cv_run(L, *args, rec, drec, run.src, run.spk)
        total += steps
        t = float(L[lp.TVIS])
        _send_spikes(run, t)
        if status == lp.FAIL:
            _fail(run, float(run.S[0]))
        if status == lp.EVENT or net.tnext() <= t:
            if _deliver(t):
                L[lp.INIT], L[lp.RECINIT] = 1.0, 1.0
            L[lp.RECDUE] = 1.0
            run.check_model()
            continue
        if status == lp.SPIKE or (fixed_end and status == lp.CHUNK):
            continue
        break
    _finish(run, status)
    return status, total


def _using_cvode() -> bool:
    h = state.h
    sym = h._lookup("using_cvode_") if h is not None else None
    return sym is None or bool(getattr(sym, "value", 1.0))


def _finish(run: _Run, status: int) -> None:
    """Back to Python: source flags, assigned values at the visible state, h.dt."""
    from sim.engine import _cvloop as lp

    L = run.L
    t = float(L[lp.TVIS])
    for s, flag in zip(run.srcs, run.src[2]):
        s.flag = float(flag)
    if not L[lp.FULL]:  # assigned values (currents...) at the visible state
        from sim.engine._cvmodel import cv_f

        cv_f(t, run.yv, run.w[5], run.model)
    if (status == lp.DONE or not math.isfinite(L[lp.UNTIL])) and run.S[4] > 0:
        _set_dt(float(run.S[4]))


def _no_state(comp: Any) -> bool:
    return not (comp.cm > 0).any()


def _send_spikes(run: _Run, t: float) -> None:
    spk_src, spk_n, apfired = run.spk
    for k in range(int(spk_n[0])):
        run.srcs[int(spk_src[k])].spike(t)
    spk_n[0] = 0
    if apfired[0]:
        apfired[0] = 0
        from sim.netcon import apcount_fired

        apcount_fired()


def _fail(run: _Run, t: float) -> None:
    from sim.engine._cvbdf import FAILNAN

    if run.S[FAILNAN]:
        raise CvodeError(
            f"variable step: the state became NaN or infinite at t = {t:.6g} ms; the run "
            f"was stopped (check the stimulus and the mechanism parameters)"
        )
    raise CvodeError(
        f"variable step: the step size fell below the smallest possible at t = {t:.10g} ms "
        f"(the integration cannot make progress; check the model, or loosen atol/rtol)"
    )


def _set_dt(dt: float) -> None:
    """NEURON leaves h.dt at the integrator's last step size."""
    h = state.h
    if h is not None:
        h.dt = dt
