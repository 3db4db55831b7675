"""The compiled per-step work: mechanism currents and states, the tree solve, recording.

Everything follows numerics §2 and §5-6 operation by operation, so results are
bit-identical with NEURON: finite-difference conductances (v + 0.001 first),
NEURON's type order, libm ``exp`` (``math.exp``), the cnexp expression as
nocmodl writes it, and t accumulated in two half steps.

This module imports numba; it is imported lazily (first finitialize), never
by ``import sim``.  Functions are cached on disk (``cache=True``).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from sim.engine import _libm  # noqa: F401 - binds libm's exp before anything compiles
from sim.engine._evkernels import deliver, detect
from sim.engine._hh import hh_currents, hh_initialize, hh_rates, hh_states, hh_table
from sim.engine._synkernels import (
    EVENT,
    SPIKE,
    alpha_currents,
    decay_factors,
    exp2syn_currents,
    expsyn_currents,
    play_continuous,
    seclamp_currents,
    seclamp_states,
    syn_states,
)

__all__ = [
    "hh_rates",
    "hh_table",
    "initialize",
    "run_steps",
    "setup_matrix",
    "setup_matrix_ext",
    "solve_scheduled",
]


# ion columns: e, ci, co, i, di/dv
ION_E, ION_I, ION_DIDV = 0, 3, 4
# pas: g, e, i ; IClamp: del, dur, amp, i
PAS_G, PAS_E, PAS_I = 0, 1, 2
IC_DEL, IC_DUR, IC_AMP, IC_I = 0, 1, 2, 3
# SEClamp: rs, dur1, amp1, ..., i, vc, tc2, tc3, on
SE_DUR1, SE_DUR2, SE_DUR3 = 1, 3, 5
SE_TC2, SE_TC3, SE_ON = 9, 10, 11
# the column-major views of the density mechanisms in ``mp`` (see _model.Compiled.mp)
PAS_T, NA_T, K_T, HH_T = 23, 24, 25, 26
HH_WORK = 27  # hh's block temporaries
# status codes returned by run_steps (SPIKE, EVENT: a Python callback or event is due;
# ROOM: the event queue or a spike log needs more room)
DONE, CHUNK, FLUSH, NONFINITE, ROOM = 0, 1, 2, 3, 6
_ = (SPIKE, EVENT)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def setup_matrix(t, v, rhs, d, parent, a, b, cm, area, ncell, cfac, mp):
    """Numerics §2.3: rhs and d from the currents at v (t is the mid-step time).

    Type order: pas, the ions, IClamp, AlphaSynapse, ExpSyn, Exp2Syn, SEClamp, hh, then
    capacitance and the axial terms.
    """
    pas_node, ic_node, ic, hh_node, hh_na, hh_k = mp[0], mp[6], mp[7], mp[8], mp[10], mp[11]
    pas, na, k, hh = mp[PAS_T], mp[NA_T], mp[K_T], mp[HH_T]  # column-major: [column, instance]
    nn = v.shape[0]
    for i in range(nn):
        rhs[i] = 0.0
        d[i] = 0.0
    for j in range(pas_node.shape[0]):  # pas
        ni = pas_node[j]
        vv = v[ni]
        g = 0.0 + pas[PAS_G, j] * ((vv + 0.001) - pas[PAS_E, j])
        cur = 0.0 + pas[PAS_G, j] * (vv - pas[PAS_E, j])
        pas[PAS_I, j] = cur
        rhs[ni] -= cur
        d[ni] += (g - cur) / 0.001
    for j in range(na.shape[1]):  # ions: zero the accumulators
        na[ION_I, j] = 0.0
        na[ION_DIDV, j] = 0.0
    for j in range(k.shape[1]):
        k[ION_I, j] = 0.0
        k[ION_DIDV, j] = 0.0
    for j in range(ic_node.shape[0]):  # IClamp (electrode current)
        ni = ic_node[j]
        if t < ic[j, IC_DEL] + ic[j, IC_DUR] and t >= ic[j, IC_DEL]:
            cur = ic[j, IC_AMP]
        else:
            cur = 0.0
        ic[j, IC_I] = cur
        g = (cur - cur) / 0.001
        f = 1.0e2 / area[ni]
        g *= f
        rhs[ni] += cur * f
        d[ni] -= g
    alpha_currents(t, v, rhs, d, area, mp[12], mp[13])
    expsyn_currents(v, rhs, d, area, mp[17], mp[18])
    exp2syn_currents(v, rhs, d, area, mp[19], mp[20])
    seclamp_currents(t, v, rhs, d, area, mp[14], mp[15])
    hh_currents(v, rhs, d, hh_node, hh, hh_na, hh_k, na, k, mp[HH_WORK])
    for i in range(ncell):  # capacitance (root nodes have cm = 0), then the axial terms:
        d[i] += cfac * cm[i]
    for i in range(ncell, nn):  # one pass keeps NEURON's order, since every parent p < i
        d[i] += cfac * cm[i]
        p = parent[i]
        dv = v[p] - v[i]
        rhs[i] -= b[i] * dv
        rhs[p] += a[i] * dv
        d[i] -= b[i]
        d[p] -= a[i]


@njit(cache=True, nogil=True, error_model="numpy")
def setup_matrix_ext(t, v, rhs, d, parent, a, b, cm, area, ncell, cfac, mp, sp):
    """:func:`setup_matrix` (the older name; ``sp`` holds the same tables as ``mp``)."""
    setup_matrix(t, v, rhs, d, parent, a, b, cm, area, ncell, cfac, mp)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def point_tables(mp):
    """The point-process tables in the order of ``_events.Network.arrays``' ``sp``."""
    return (mp[12], mp[13], mp[17], mp[18], mp[19], mp[20], mp[14], mp[15], mp[21], mp[22])


@njit(cache=True, nogil=True, error_model="numpy")
def solve(rhs, d, parent, a, b, ncell):
    """Numerics §2.4: Hines elimination; rhs becomes the voltage change."""
    nn = rhs.shape[0]
    for i in range(nn - 1, ncell - 1, -1):
        p = parent[i]
        f = a[i] / d[i]
        d[p] -= f * b[i]
        rhs[p] -= f * rhs[i]
    for i in range(ncell):
        rhs[i] /= d[i]
    for i in range(ncell, nn):
        rhs[i] -= b[i] * rhs[parent[i]]
        rhs[i] /= d[i]


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _eliminate(i, rhs, d, parent, a, b):
    p = parent[i]
    f = a[i] / d[i]
    d[p] -= f * b[i]
    rhs[p] -= f * rhs[i]


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _substitute(i, rhs, d, parent, b):
    rhs[i] -= b[i] * rhs[parent[i]]
    rhs[i] /= d[i]


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def solve_scheduled(rhs, d, parent, a, b, ncell, sched):
    """:func:`solve` following ``_model.solve_schedule``: the same operations on the
    same values, in an order the result does not depend on, with the division chains
    of up to four independent sections interleaved.
    """
    for r in range(sched.shape[0]):
        top, members, n = sched[r, 0], sched[r, 1], sched[r, 2]
        for s in range(n):
            for m in range(members):
                _eliminate(top - m * n - s, rhs, d, parent, a, b)
    for i in range(ncell):
        rhs[i] /= d[i]
    for r in range(sched.shape[0] - 1, -1, -1):
        top, members, n = sched[r, 0], sched[r, 1], sched[r, 2]
        for s in range(n - 1, -1, -1):
            for m in range(members - 1, -1, -1):
                _substitute(top - m * n - s, rhs, d, parent, b)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def states(v, dt, q10, usetable, tab, mp):
    """Numerics §2.5 step 10: every mechanism's SOLVE block with the new v."""
    seclamp_states(v, mp[14], mp[15])
    hh_states(v, dt, q10, usetable, tab, mp[8], mp[HH_T], mp[HH_WORK])


@njit(cache=True, nogil=True, error_model="numpy")
def initialize(v, q10, usetable, tab, mp):
    """INITIAL blocks in type order (SEClamp: switch times; hh: gates at steady state)."""
    se = mp[15]
    for j in range(se.shape[0]):
        se[j, SE_TC2] = se[j, SE_DUR1] + se[j, SE_DUR2]
        se[j, SE_TC3] = se[j, SE_TC2] + se[j, SE_DUR3]
        se[j, SE_ON] = 0.0
    hh_initialize(v, q10, usetable, tab, mp[8], mp[HH_T])


@njit(cache=True, nogil=True, error_model="numpy")
def _deliver_records(pool, tlimit, di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, hoc_t):
    """Discrete Vector.record events with te <= tlimit record the present state.

    Recording t itself stores te for record(ref, Dt), and for record(ref, tvec) the
    value NEURON's global t still holds: the step's starting t (``hoc_t``).
    """
    for r in range(di.shape[0]):
        while dnext[r] <= tlimit:
            te = dnext[r]
            if di[r] == 0:
                dbuf[r, dn[r]] = te if dstep[r] > 0.0 else hoc_t
            else:
                dbuf[r, dn[r]] = pool[di[r]]
            dn[r] += 1
            if dstep[r] > 0.0:
                dnext[r] = te + dstep[r]
            else:
                dpos[r] += 1
                dnext[r] = dtimes[dpos[r]] if dpos[r] < dend[r] else np.inf


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def advance_v(v, rhs, nn, secondorder, na, na_node, k, k_node):
    """Steps 7-8 of fadvance: CN's ion-current correction, then v += dv (2 dv for CN).

    Returns False once some voltage change is NaN or infinite.  (An "all finite" flag,
    not a running sum: a sum of floats is a chain the compiler may not reorder, and it
    kept this loop from vectorising.)
    """
    if secondorder == 2:
        for j in range(na.shape[1]):
            na[ION_I, j] += na[ION_DIDV, j] * rhs[na_node[j]]
        for j in range(k.shape[1]):
            k[ION_I, j] += k[ION_DIDV, j] * rhs[k_node[j]]
    finite = True
    if secondorder != 0:
        for i in range(nn):
            dv = rhs[i]
            v[i] += 2.0 * dv
            finite &= dv - dv == 0.0  # NaN for NaN and inf
    else:
        for i in range(nn):
            dv = rhs[i]
            v[i] += dv
            finite &= dv - dv == 0.0
    return finite


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def record_sample(pool, ri, rbuf, rn):
    """Step 11: one sample of every continuous recording."""
    c = rn[0]
    for r in range(ri.shape[0]):
        rbuf[r, c] = pool[ri[r]]
    rn[0] = c + 1


@njit(cache=True, nogil=True, error_model="numpy")
def run_steps(pool, tree, mp, ctl, rec, drec, evs):
    """Advance while t < ts, ``group`` fadvances between checks; returns (status, steps).

    ctl = (ts, group, max_steps, dt, cj, secondorder, q10, usetable, tab)
    rec = (indices, buffer, count[1]); drec = discrete recorders (see _deliver_records);
    evs = (src, srcx, nets, q, qn, slog, aplog, ln, play, gleft, arts): the network (see
    _evkernels), continuous plays, the steps left in the group and the NetStims.  Returns before a
    step when the run is done or the chunk is full (after delivering the events due by
    then), a buffer is full, or Python must deliver an event or see a spike.
    """
    fex, fe2 = decay_factors(ctl[3], point_tables(mp))
    return _step_loop(pool, tree, mp, ctl, rec, drec, evs, fex, fe2)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def _step_loop(pool, tree, mp, ctl, rec, drec, evs, fex, fe2):
    """:func:`run_steps`' loop, given the synapses' decay factors.

    Compiled without numba's reference counting (nothing in it allocates): with it,
    every array taken out of the tuples and passed to the step's parts cost an atomic
    increment and decrement per step, a fifth of the tutorial model's step.
    """
    parent, a, b, cm, area, ncell, v, rhs, d = tree
    ts, group, max_steps, dt, cj, secondorder, q10, usetable, tab = ctl
    ri, rbuf, rn = rec
    di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, margin = drec
    src, srcx, nets, q, qn, slog, aplog, ln, play, gleft, arts = evs
    nptr = src[0].shape[0]
    sp = point_tables(mp)
    ex, e2 = mp[18], mp[20]
    na_node, na, k_node, k = mp[2], mp[NA_T], mp[4], mp[K_T]
    cfac = 0.001 * cj
    nn = v.shape[0]
    room = (srcx[2].shape[0], src[0].shape[0], mp[21].shape[0])
    # what this model has: the parts it lacks are not even called (a call passing a dozen
    # arrays costs a one-node model like the tutorial's a fifth of its step)
    has_src, has_play, has_drec = nptr > 0, play[0].shape[0] > 0, di.shape[0] > 0
    has_syn = sp[3].shape[0] > 0 or sp[4].shape[0] > 0 or sp[8].shape[0] > 0
    steps = 0
    while True:
        if gleft[0] <= 0:
            t = pool[0]
            if not t < ts or (steps + group > max_steps and (steps > 0 or max_steps <= 0)):
                got = deliver(t, q, qn, nets, ex, e2, arts, srcx, slog, ln, nptr)  # te <= t
                if got != 0:
                    return (EVENT if got == 1 else ROOM), steps
                return (DONE if not t < ts else CHUNK), steps
            if rn[0] + group > rbuf.shape[1]:
                return FLUSH, steps
            for r in range(di.shape[0]):
                if dn[r] + margin * group > dbuf.shape[1]:
                    return FLUSH, steps
            if (
                qn[0] + group * room[0] > q.shape[0]
                or ln[0] + group * room[1] > slog.shape[0]
                or ln[1] + group * room[2] > aplog.shape[0]
            ):
                return ROOM, steps
            gleft[0] = group
        t0 = pool[0]
        if has_src and detect(t0, pool, src, srcx, nets, q, qn, slog, ln):
            return SPIKE, steps
        if qn[0] > 0 and q[0, 0] <= t0 + dt / 2.0:  # deliver's own test, without its call
            got = deliver(t0 + dt / 2.0, q, qn, nets, ex, e2, arts, srcx, slog, ln, nptr)
            if got != 0:
                return (EVENT if got == 1 else ROOM), steps
        if has_drec:
            _deliver_records(
                pool, t0 + dt / 2.0, di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, t0
            )
        pool[0] += 0.5 * dt
        if has_play:
            play_continuous(pool[0], pool, play)
        setup_matrix(pool[0], v, rhs, d, parent, a, b, cm, area, ncell, cfac, mp)
        solve_scheduled(rhs, d, parent, a, b, ncell, mp[16])
        finite = advance_v(v, rhs, nn, secondorder, na, na_node, k, k_node)
        pool[0] += 0.5 * dt
        if has_play:
            play_continuous(pool[0], pool, play)  # again at t_{n+1}, before states, recording
        if has_syn:
            syn_states(pool[0], v, sp, fex, fe2, aplog, ln)
        states(v, dt, q10, usetable, tab, mp)
        record_sample(pool, ri, rbuf, rn)
        if has_drec:
            _deliver_records(pool, pool[0], di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, t0)
        steps += 1
        gleft[0] -= 1
        if not finite:
            return NONFINITE, steps
