"""Variable step on scipy (numerics §7): the fallback integrator of :mod:`sim.engine._cvrun`.

Used when NEUROQT_CVODE=scipy is set (the compiled integrator is the default).

Small models use LSODA (dense Jacobian), larger ones (over 200 states) BDF with the
tree's sparse Jacobian pattern.

State y = the voltage of every node with capacitance, then hh's m, h, n, ExpSyn's g
and Exp2Syn's A, B.  Nodes without capacitance (the root and x = 1 end nodes) are
algebraic: before every evaluation their v is set so that their axial currents balance
(they only ever neighbour capacitive nodes).  f(y) uses the fixed step's current
evaluation (:func:`sim.engine._synkernels.setup_matrix_ext`) at the actual t.
The Jacobian is found by scipy's grouped finite differences over the tree's sparsity.

The integration stops and restarts at every discontinuity: at_time points (IClamp
del and del+dur, SEClamp dur1/tc2/tc3, AlphaSynapse onset), stopping at
te - 100 eps te and restarting at 150 eps later as NEURON does, and at every event
delivery time (stopping exactly at te).  Threshold spikes are stamped at the end of
the step where v first exceeds the threshold (condition_order 1).  Continuous
recordings sample after every step; record(ref, Dt or tvec) values are interpolated.
"""

from __future__ import annotations

import math
import time
import warnings
from typing import Any

import numpy as np
from numba import njit

from sim.engine._cvmodel import build_alg_data, load_state, node_neighbours
from sim.engine._hh import H, M, N, _hh_rates
from sim.engine._kernels import CHUNK, DONE, FLUSH
from sim.engine._state import state
from sim.engine._synkernels import (
    AP_FIRING,
    AP_N,
    AP_THRESH,
    AP_TIME,
    play_continuous,
    setup_matrix_ext,
)

__all__ = ["CvodeError", "reset", "runner"]

EPS = 2.220446049250313e-16


class CvodeError(RuntimeError):
    """The variable-step integration cannot make progress."""


@njit(cache=True, error_model="numpy")
def _load(y, v, cap, alg, alg_ptr, alg_nb, alg_w, mp, sp):
    load_state(y, v, cap, mp[9], sp[3], sp[5], alg, alg_ptr, alg_nb, alg_w)


@njit(cache=True, error_model="numpy")
def _f(t, y, tree, mp, sp, alg_data, q10, usetable, tab, pool, play):
    parent, a, b, cm, area, ncell, v, rhs, d = tree
    cap, alg, alg_ptr, alg_nb, alg_w = alg_data
    _load(y, v, cap, alg, alg_ptr, alg_nb, alg_w, mp, sp)
    play_continuous(t, pool, play)
    setup_matrix_ext(t, v, rhs, d, parent, a, b, cm, area, ncell, 0.0, mp, sp)
    ydot = np.empty(y.shape[0])
    ncap = cap.shape[0]
    for k in range(ncap):
        ydot[k] = rhs[cap[k]] / (0.001 * cm[cap[k]])
    hh_node, hh = mp[8], mp[9]
    out = np.empty(6)
    off = ncap
    for j in range(hh.shape[0]):
        r = _hh_rates(v[hh_node[j]], q10, usetable, tab, out)
        hh[j, 7], hh[j, 8], hh[j, 9] = r[0], r[1], r[2]
        hh[j, 10], hh[j, 11], hh[j, 12] = r[3], r[4], r[5]
        ydot[off] = (r[0] - hh[j, M]) / r[3]
        ydot[off + 1] = (r[1] - hh[j, H]) / r[4]
        ydot[off + 2] = (r[2] - hh[j, N]) / r[5]
        off += 3
    ex, e2 = sp[3], sp[5]
    for j in range(ex.shape[0]):
        ydot[off] = -ex[j, 3] / ex[j, 0]
        off += 1
    for j in range(e2.shape[0]):
        ydot[off] = -e2[j, 6] / e2[j, 0]
        ydot[off + 1] = -e2[j, 7] / e2[j, 1]
        off += 2
    return ydot


class _Model:
    """The variable-step view of one compiled model."""

    def __init__(self, comp: Any, sp: tuple) -> None:
        self.comp = comp
        self.sp = sp
        nbrs = node_neighbours(comp)
        self.alg_data = build_alg_data(comp, nbrs)
        cap = self.alg_data[0]
        self.cap = cap
        self.nbrs = nbrs
        self.state_nodes = self._state_nodes(comp, sp)
        self.ny = len(cap) + len(self.state_nodes)

    @staticmethod
    def _state_nodes(comp: Any, sp: tuple) -> list[int]:
        nodes: list[int] = []
        for ni in comp.mech_nodes["hh"]:
            nodes += [int(ni)] * 3
        for ni in sp[2]:
            nodes.append(int(ni))
        for ni in sp[4]:
            nodes += [int(ni)] * 2
        return nodes

    def y_from_model(self) -> np.ndarray:
        comp, sp = self.comp, self.sp
        hh = comp.mech_data["hh"]
        parts = [
            comp.v[self.cap],
            hh[:, [M, H, N]].reshape(-1),
            sp[3][:, 3],
            sp[5][:, 6:8].reshape(-1),
        ]
        return np.concatenate(parts).astype(float)

    def sparsity(self) -> Any:
        from scipy.sparse import lil_matrix

        pos = {int(c): k for k, c in enumerate(self.cap)}
        cm = self.comp.cm
        s = lil_matrix((self.ny, self.ny), dtype=np.int8)
        for c, k in pos.items():
            s[k, k] = 1
            for j, _ in self.nbrs[c]:
                hops = [j] if cm[j] > 0 else [q for q, _ in self.nbrs[j]]
                for q in hops:
                    if q in pos:
                        s[k, pos[q]] = 1
        base = len(self.cap)
        for r, node in enumerate(self.state_nodes):
            s[base + r, base + r] = 1
            if node in pos:
                s[base + r, pos[node]] = 1
                s[pos[node], base + r] = 1
        return s.tocsr()


def _breakpoints(comp: Any) -> list[float]:
    """at_time discontinuities of the point processes."""
    out: list[float] = []
    ic = comp.mech_data["IClamp"]
    for row in ic:
        out += [row[0], row[0] + row[1]]
    for row in comp.mech_data["SEClamp"]:
        out += [row[1], row[1] + row[3], row[1] + row[3] + row[5]]
    for row in comp.mech_data["AlphaSynapse"]:
        if row[2]:
            out.append(row[0])
    return sorted({float(x) for x in out if x > 0})


class _Integrator:
    """Keeps the scipy solver between calls of :func:`runner` (one per finitialize)."""

    current: _Integrator | None = None

    def __init__(self, comp: Any, ctl: tuple) -> None:
        from sim.engine._events import net

        self.comp = comp
        arrays = net.arrays(comp)
        self.sp, self.play = arrays[0], arrays[3]
        self.model = _Model(comp, self.sp)
        self.set_ctl(ctl)
        # small models: LSODA with a dense Jacobian (scipy's BDF costs ~4x more per step there);
        # large ones: BDF with the tree's sparsity
        self.jac = self.model.sparsity() if self.model.ny > 200 else None
        self.breaks = _breakpoints(comp)
        self.solver: Any = None
        self.t_restart = float(comp.pool[0])
        self.key = (id(comp), comp.version)

    def set_ctl(self, ctl: tuple) -> None:
        """The run's constants (q10, table...); f's arguments are built once from them."""
        self.ctl = ctl
        comp = self.comp
        self.args = (comp.tree(), comp.mp(), self.sp, self.model.alg_data, ctl[6], ctl[7], ctl[8])
        self.args2 = (comp.pool, self.play)

    def fun(self, t: float, y: np.ndarray) -> np.ndarray:
        return _f(t, y, *self.args, *self.args2)

    def start(self, t0: float, t_bound: float) -> None:
        from scipy.integrate import BDF, LSODA

        from sim.engine._cvode import _settings

        atol, rtol = _settings["atol"], max(_settings["rtol"], 1e-13)
        y0 = self.model.y_from_model()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.jac is None:
                self.solver = LSODA(self.fun, t0, y0, t_bound, rtol=rtol, atol=atol)
            else:
                self.solver = BDF(
                    self.fun, t0, y0, t_bound, rtol=rtol, atol=atol, jac_sparsity=self.jac
                )

    def set_model(self, t: float, y: np.ndarray) -> None:
        """Put (t, y) into the model's arrays, assigned variables included."""
        self.comp.pool[0] = t
        self.fun(t, y)

    def record_discrete(self, t_old: float, t_new: float, drec: tuple) -> None:
        """record(ref, Dt or tvec) samples in (t_old, t_new], interpolated."""
        di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, _ = drec
        if not di.shape[0] or not (dnext <= t_new).any():
            return
        t_old = min(t_old, t_new)
        dense = self.solver.dense_output()
        pool = self.comp.pool
        from sim.engine._events import net

        due = net.tnext() <= t_new  # events at t_new go first; those samples wait for them
        for r in range(di.shape[0]):
            while dnext[r] < t_new or (dnext[r] == t_new and not due):
                te = float(dnext[r])
                if di[r] == 0:
                    dbuf[r, dn[r]] = te
                else:
                    self.set_model(te, dense(min(max(te, t_old), t_new)))
                    dbuf[r, dn[r]] = pool[di[r]]
                dn[r] += 1
                if dstep[r] > 0.0:
                    dnext[r] = te + dstep[r]
                else:
                    dpos[r] += 1
                    dnext[r] = dtimes[dpos[r]] if dpos[r] < dend[r] else np.inf
        self.set_model(t_new, self.solver.y)


def reset() -> None:
    """finitialize: the next variable-step run starts a new integration."""
    _Integrator.current = None


def _integrator(comp: Any, ctl: tuple) -> _Integrator:
    integ = _Integrator.current
    if integ is None or integ.key != (id(comp), comp.version):
        integ = _Integrator(comp, ctl)
        _Integrator.current = integ
    integ.set_ctl(ctl)
    return integ


def runner(pool: Any, tree: Any, mp: Any, ctl: tuple, rec: Any, drec: Any) -> tuple[int, int]:
    """Drop-in for ``run_steps`` under variable step: integrator steps while t < until."""
    from sim.engine._events import net

    comp = state.comp
    integ = _integrator(comp, ctl)
    ts, dt, max_steps = ctl[0], ctl[3], ctl[2]
    until = ts + dt / 2.0 if math.isfinite(ts) else math.inf
    ri, rbuf, rn = rec
    steps = 0
    deadline = time.perf_counter() + 0.02  # return at least every ~20 ms (stop requests)
    while True:
        t = float(pool[0])
        if net.tnext() <= t:
            net.deliver_until(t)
            integ.solver = None
        if t >= until:
            return DONE, steps
        if steps >= max_steps or (steps % 16 == 15 and time.perf_counter() > deadline):
            return CHUNK, steps
        if rn[0] + 1 > rbuf.shape[1] or (
            drec[0].shape[0] and (drec[7] + drec[8] > drec[6].shape[1]).any()
        ):
            return FLUSH, steps
        _one_step(integ, t, until, net, drec)
        c = rn[0]
        for r in range(ri.shape[0]):
            rbuf[r, c] = pool[ri[r]]
        rn[0] = c + 1
        steps += 1
        _after_step(integ, float(pool[0]), net)


def _next_stop(integ: _Integrator, t: float, until: float, net: Any) -> tuple[float, bool]:
    """The next place to stop: an event (exactly), an at_time break (just before) or until."""
    stop, is_break = min(until, t + 1e9), False
    if net.tnext() < stop:
        stop = net.tnext()
    for te in integ.breaks:
        t1 = te - 100 * EPS * te
        if t1 > t:
            if t1 < stop:
                stop, is_break = t1, True
            break
    return stop, is_break


def _one_step(integ: _Integrator, t: float, until: float, net: Any, drec: tuple) -> None:
    stop, is_break = _next_stop(integ, t, until, net)
    if integ.solver is None or integ.solver.status != "running":
        integ.start(t, stop)
    elif stop < integ.solver.t_bound:
        if integ.jac is None:
            integ.start(t, stop)  # LSODA's stop time is fixed when it starts
        else:
            integ.solver.t_bound = stop
    solver = integ.solver
    msg = solver.step()
    if solver.status == "failed":
        raise CvodeError(f"variable step: the integration failed at t = {t:g} ms ({msg})")
    t_new = float(solver.t)
    if not np.isfinite(solver.y).all():
        raise CvodeError(
            f"variable step: the state became NaN or infinite at t = {t_new:.6g} ms; the run "
            f"was stopped (check the stimulus and the mechanism parameters)"
        )
    integ.set_model(t_new, solver.y)
    integ.record_discrete(t, t_new, drec)
    if solver.status == "finished":
        integ.solver = None
        if is_break and t_new == stop:
            integ.comp.pool[0] = t_new + 150 * EPS * t_new  # restart just after te


def _after_step(integ: _Integrator, t: float, net: Any) -> None:
    """Threshold spikes (end of the step where v first exceeds), APCount, events due."""
    srcs = net.arrays(integ.comp)[4]
    idx, thr, flag = net.arrays(integ.comp)[1]
    pool = integ.comp.pool
    for s in range(idx.shape[0]):
        if pool[idx[s]] - thr[s] > 0.0:
            if flag[s] == 0.0:
                flag[s] = 1.0
                srcs[s].spike(t)
        else:
            flag[s] = 0.0
    ap_node, ap = integ.sp[8], integ.sp[9]
    fired = False
    for j in range(ap_node.shape[0]):
        vv = integ.comp.v[ap_node[j]]
        if vv >= ap[j, AP_THRESH] and ap[j, AP_FIRING] == 0.0:
            ap[j, AP_FIRING], ap[j, AP_TIME] = 1.0, t
            ap[j, AP_N] += 1.0
            fired = True
        if ap[j, AP_FIRING] != 0.0 and vv < ap[j, AP_THRESH]:
            ap[j, AP_FIRING] = 0.0
    if fired:
        from sim.netcon import apcount_fired

        apcount_fired()
    if net.tnext() <= t:
        net.deliver_until(t)
        integ.solver = None


_ = (CHUNK, FLUSH)
