"""The compiled variable-step run loop: steps, discontinuities, recording (numerics §4, §6.2, §7).

One call integrates until the run's end, a chunk's step limit, a full recording
buffer, or something Python must handle (an event delivery, a spike to send,
a step-size underflow).  It follows NEURON's CVode rules:

- at_time discontinuities (IClamp del and del + dur, SEClamp dur1/tc2/tc3,
  AlphaSynapse onset) bound the step so it ends exactly at t1 = te - 100 eps te;
  the integrator then restarts, with the same state, at t1 + 150 eps t1, and both
  points are recorded (a pair of samples with identical v);
- events (NetCon deliveries, the run's end, continuous Vector.play breakpoints) do
  not bound the step: the step goes past them and the state is interpolated back to
  te; a delivery that changes the state restarts the integrator at te (a pair of
  samples again), a plain time marker does not;
- a continuous recording takes a sample at every time the solution is known at
  (every step's end, every interpolated event time, every restart), record(ref, Dt)
  and record(ref, tvec) the interpolated value at exactly their times;
- threshold sources (NetCon, APCount) are checked at each of those times
  (condition_order 1: the spike is stamped with that time).

Loop state lives in the float array ``L`` (indices below) so a call can stop and the
next continue exactly where it was.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from sim.engine._cvbdf import HLAST, TN, TOO_SMALL, bdf_interp, bdf_start, bdf_step
from sim.engine._cvmodel import AP, AP_NODE, POOL, V, cv_f, cv_gather, cv_load
from sim.engine._kernels import CHUNK, DONE, FLUSH, _deliver_records
from sim.engine._synkernels import AP_FIRING, AP_N, AP_THRESH, AP_TIME, EVENT, SPIKE, _detect

__all__ = ["FAIL", "L_LEN", "cv_run"]

FAIL = 6
EPS = 2.220446049250313e-16
# L: visible t, restart pending, next break, next play point, state behind the step's end,
# record a sample at the restart, deliver due record events at t, until, next Python event,
# atol, rtol, Newton tolerance, max steps, full evaluation at each visible t
TVIS, INIT, BPOS, RPOS, BEHIND, RECINIT, RECDUE = range(7)
UNTIL, TNEXT, ATOL, RTOL, NTOL, MAXSTEPS = range(7, 13)
FULL = 13  # 1: assigned values (currents...) are watched, so f runs at every visible t
L_LEN = 14


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _apcheck(t, model):
    v, ap_node, ap = model[V], model[AP_NODE], model[AP]
    fired = False
    for j in range(ap_node.shape[0]):
        vv = v[ap_node[j]]
        if vv >= ap[j, AP_THRESH] and ap[j, AP_FIRING] == 0.0:
            ap[j, AP_FIRING] = 1.0
            ap[j, AP_TIME] = t
            ap[j, AP_N] += 1.0
            fired = True
        if ap[j, AP_FIRING] != 0.0 and vv < ap[j, AP_THRESH]:
            ap[j, AP_FIRING] = 0.0
    return fired


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def _disc_interp(upto, strict, L, S, D, model, w, drec):
    """record(ref, Dt | tvec) events up to ``upto`` (before it when strict), interpolated.

    Returns False when a buffer filled up first (the rest waits for the next call).
    """
    di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, _ = drec
    pool = model[POOL]
    f, y = w[5], w[6]
    ny = y.shape[0]
    lo = S[TN] - S[HLAST]
    for r in range(di.shape[0]):
        while dnext[r] < upto or (dnext[r] == upto and not strict):
            if dn[r] >= dbuf.shape[1]:
                return False
            te = dnext[r]
            if di[r] == 0:
                dbuf[r, dn[r]] = te
            else:
                bdf_interp(S, D, min(max(te, lo), S[TN]), y, ny)
                if L[FULL] != 0.0:
                    cv_f(te, y, f, model)
                else:
                    cv_load(y, model)
                dbuf[r, dn[r]] = pool[di[r]]
            dn[r] += 1
            if dstep[r] > 0.0:
                dnext[r] = te + dstep[r]
            else:
                dpos[r] += 1
                dnext[r] = dtimes[dpos[r]] if dpos[r] < dend[r] else np.inf
    return True


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _show(t, y, L, model, w, rec, src, spk):
    """The solution at t becomes visible: model arrays, a sample, thresholds."""
    pool = model[POOL]
    if L[FULL] != 0.0:
        cv_f(t, y, w[5], model)
    else:
        cv_load(y, model)
    pool[0] = t
    L[TVIS] = t
    ri, rbuf, rn = rec
    c = rn[0]
    for r in range(ri.shape[0]):
        rbuf[r, c] = pool[ri[r]]
    rn[0] = c + 1
    spk_src, spk_n, apfired = spk
    n = _detect(t, pool, src, spk_src, spk_n)
    if _apcheck(t, model):
        apfired[0] = 1
        n += 1
    return n


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def _restart(L, S, D, yv, brk, rev, model, w, rec, drec, src, spk):
    """Start the integration at the visible t from the model's arrays."""
    t = L[TVIS]
    cv_gather(yv, model)
    stop = min(L[UNTIL], L[TNEXT])
    b = int(L[BPOS])
    if b < brk.shape[0]:
        stop = min(stop, brk[b])
    r = int(L[RPOS])
    if r < rev.shape[0]:
        stop = min(stop, rev[r])
    interval = stop - t if stop - t > 0.0 and stop < 1e300 else 1e3
    bdf_start(S, D, t, yv, interval, L[ATOL], L[RTOL], model, w)
    L[INIT] = 0.0
    L[BEHIND] = 0.0
    if L[RECINIT] != 0.0:
        L[RECINIT] = 0.0
        return _show(t, yv, L, model, w, rec, src, spk)
    return 0


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _next_break(L, brk, tn):
    """t1 = te - 100 eps te of the first at_time break after tn (inf when none)."""
    b = int(L[BPOS])
    while b < brk.shape[0]:
        t1 = brk[b] - 100.0 * EPS * brk[b]
        if t1 > tn:
            L[BPOS] = b
            return t1
        b += 1
    L[BPOS] = b
    return np.inf


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _full(rec, drec):
    if rec[2][0] + 3 > rec[1].shape[1]:
        return True
    dn, dbuf, margin = drec[7], drec[6], drec[8]
    for r in range(dn.shape[0]):
        if dn[r] + margin > dbuf.shape[1]:
            return True
    return False


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _catch_up(L, S, D, yv, brk, rev, model, w, rec, drec, src, spk):
    """The state is behind the step's end: show the next event time or the step's end.

    Returns (status or -1 to go on, spikes found).
    """
    tn = S[TN]
    te = min(L[TNEXT], L[UNTIL])
    r = int(L[RPOS])
    if r < rev.shape[0]:
        te = min(te, rev[r])
    ny = yv.shape[0]
    if te <= L[TVIS]:  # already shown (a delivery at te added no restart)
        return (EVENT if te == L[TNEXT] else DONE), 0
    if te <= tn:
        python = te == L[TNEXT]
        if drec[0].shape[0] and not _disc_interp(te, python, L, S, D, model, w, drec):
            return FLUSH, 0
        bdf_interp(S, D, te, yv, ny)
        n = _show(te, yv, L, model, w, rec, src, spk)
        if python:
            return EVENT, n
        if r < rev.shape[0] and te == rev[r]:
            L[RPOS] = r + 1
            L[INIT] = 1.0
            L[RECINIT] = 1.0
            return -1, n
        return DONE, n
    if drec[0].shape[0] and not _disc_interp(tn, False, L, S, D, model, w, drec):
        return FLUSH, 0
    for i in range(ny):
        yv[i] = D[0, i]
    n = _show(tn, yv, L, model, w, rec, src, spk)
    L[BEHIND] = 0.0
    b = int(L[BPOS])
    if b < brk.shape[0] and tn == brk[b] - 100.0 * EPS * brk[b]:
        L[BPOS] = b + 1  # at_time: restart just after te with the same state
        t1 = tn + 150.0 * EPS * tn
        model[POOL][0] = t1
        L[TVIS] = t1
        L[INIT] = 1.0
        L[RECINIT] = 1.0
    return -1, n


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def cv_run(L, S, D, w, yv, brk, rev, model, rec, drec, src, spk):
    """Integrate (see the module docstring); returns (status, steps)."""
    steps = 0
    max_steps = int(L[MAXSTEPS])
    pool = model[POOL]
    while True:
        if _full(rec, drec):
            return FLUSH, steps
        if L[RECDUE] != 0.0:
            L[RECDUE] = 0.0
            t = L[TVIS]
            di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, _ = drec
            _deliver_records(pool, t, di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, t)
        if L[INIT] != 0.0:
            if _restart(L, S, D, yv, brk, rev, model, w, rec, drec, src, spk) > 0:
                return SPIKE, steps
            continue
        if L[BEHIND] != 0.0:
            status, n = _catch_up(L, S, D, yv, brk, rev, model, w, rec, drec, src, spk)
            if status >= 0:
                return status, steps
            if n > 0:
                return SPIKE, steps
            continue
        if L[TVIS] >= L[UNTIL]:
            return DONE, steps
        if L[TNEXT] <= L[TVIS]:
            return EVENT, steps
        if steps >= max_steps:
            return CHUNK, steps
        t_bound = _next_break(L, brk, S[TN])
        if bdf_step(S, D, t_bound, L[ATOL], L[RTOL], L[NTOL], model, w) == TOO_SMALL:
            return FAIL, steps
        steps += 1
        L[BEHIND] = 1.0
