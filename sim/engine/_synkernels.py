"""The compiled step for models with synapses, clamps, NetCons or Vector.play (numerics §2.5, §6).

:func:`run_steps_ev` is :func:`sim.engine._kernels.run_steps` plus: threshold
detection at the start of each step, a return to Python when an event is due
(te <= t_n + dt/2) or a source spiked, continuous Vector.play at the mid-step
time, the point processes' currents in NEURON's type order (IClamp,
AlphaSynapse, ExpSyn, Exp2Syn, SEClamp, then hh) and their SOLVE blocks.
Event delivery itself happens in Python (:mod:`sim.engine._events`) between
calls; the loop only returns when an event is actually due.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from sim.engine._kernels import (
    CHUNK,
    DONE,
    FLUSH,
    IC_AMP,
    IC_DEL,
    IC_DUR,
    IC_I,
    ION_DIDV,
    ION_I,
    NONFINITE,
    PAS_E,
    PAS_G,
    PAS_I,
    _deliver_records,
    _hh_cur,
    advance_v,
    record_sample,
    solve_scheduled,
    states,
)

__all__ = ["EVENT", "SPIKE", "initialize_syn", "run_steps_ev", "setup_matrix_ext"]

SPIKE, EVENT = 4, 5
# column indices (sim.mechanisms._synapses)
AL_ONSET, AL_TAU, AL_GMAX, AL_E, AL_I, AL_G = range(6)
EX_TAU, EX_E, EX_I, EX_G = range(4)
E2_TAU1, E2_TAU2, E2_E, E2_I, E2_G, E2_FACTOR, E2_A, E2_B = range(8)
SE_RS, SE_DUR1, SE_AMP1, SE_DUR2, SE_AMP2, SE_DUR3, SE_AMP3 = range(7)
SE_I, SE_VC, SE_TC2, SE_TC3, SE_ON = range(7, 12)
AP_N, AP_THRESH, AP_TIME, AP_FIRING = range(4)


@njit(cache=True, error_model="numpy", inline="always")
def _point_rhs(rhs, d, ni, g1, cur, area, electrode):
    g = (g1 - cur) / 0.001
    f = 1.0e2 / area[ni]
    g *= f
    if electrode:
        rhs[ni] += cur * f
        d[ni] -= g
    else:
        rhs[ni] -= cur * f
        d[ni] += g


@njit(cache=True, error_model="numpy", inline="always")
def _alpha(x):
    if x < 0.0 or x > 10.0:
        return 0.0
    return x * math.exp(1.0 - x)


@njit(cache=True, error_model="numpy")
def _syn_currents(t, v, rhs, d, area, sp):
    al_node, al, ex_node, ex, e2_node, e2, se_node, se = sp[:8]
    for j in range(al_node.shape[0]):  # AlphaSynapse
        ni = al_node[j]
        vv = v[ni]
        g = al[j, AL_GMAX] * _alpha((t - al[j, AL_ONSET]) / al[j, AL_TAU])
        g1 = 0.0 + g * ((vv + 0.001) - al[j, AL_E])
        cur = g * (vv - al[j, AL_E])
        al[j, AL_G] = g
        al[j, AL_I] = cur
        _point_rhs(rhs, d, ni, g1, cur, area, False)
    for j in range(ex_node.shape[0]):  # ExpSyn
        ni = ex_node[j]
        vv = v[ni]
        g1 = 0.0 + ex[j, EX_G] * ((vv + 0.001) - ex[j, EX_E])
        cur = ex[j, EX_G] * (vv - ex[j, EX_E])
        ex[j, EX_I] = cur
        _point_rhs(rhs, d, ni, g1, cur, area, False)
    for j in range(e2_node.shape[0]):  # Exp2Syn
        ni = e2_node[j]
        vv = v[ni]
        g = e2[j, E2_B] - e2[j, E2_A]
        g1 = 0.0 + g * ((vv + 0.001) - e2[j, E2_E])
        cur = g * (vv - e2[j, E2_E])
        e2[j, E2_G] = g
        e2[j, E2_I] = cur
        _point_rhs(rhs, d, ni, g1, cur, area, False)
    for j in range(se_node.shape[0]):  # SEClamp (electrode current)
        ni = se_node[j]
        vv = v[ni]
        _se_vstim(se, j, t)
        g1 = 0.0 + _se_i(se, j, vv + 0.001)
        cur = _se_i(se, j, vv)
        se[j, SE_I] = cur
        _point_rhs(rhs, d, ni, g1, cur, area, True)


@njit(cache=True, error_model="numpy", inline="always")
def _se_vstim(se, j, t):
    se[j, SE_ON] = 1.0
    if t < se[j, SE_DUR1]:
        se[j, SE_VC] = se[j, SE_AMP1]
    elif t < se[j, SE_TC2]:
        se[j, SE_VC] = se[j, SE_AMP2]
    elif t < se[j, SE_TC3]:
        se[j, SE_VC] = se[j, SE_AMP3]
    else:
        se[j, SE_VC] = 0.0
        se[j, SE_ON] = 0.0


@njit(cache=True, error_model="numpy", inline="always")
def _se_i(se, j, vv):
    if se[j, SE_ON] != 0.0:
        return (se[j, SE_VC] - vv) / se[j, SE_RS]
    return 0.0


@njit(cache=True, error_model="numpy")
def setup_matrix_ext(t, v, rhs, d, parent, a, b, cm, area, ncell, cfac, mp, sp):
    """Numerics §2.3 with the synapses and clamps between IClamp and hh."""
    pas_node, pas, na, k, ic_node, ic = mp[0], mp[1], mp[3], mp[5], mp[6], mp[7]
    hh_node, hh, hh_na, hh_k = mp[8], mp[9], mp[10], mp[11]
    nn = v.shape[0]
    for i in range(nn):
        rhs[i] = 0.0
        d[i] = 0.0
    for j in range(pas_node.shape[0]):  # pas
        ni = pas_node[j]
        vv = v[ni]
        g = 0.0 + pas[j, PAS_G] * ((vv + 0.001) - pas[j, PAS_E])
        cur = 0.0 + pas[j, PAS_G] * (vv - pas[j, PAS_E])
        pas[j, PAS_I] = cur
        rhs[ni] -= cur
        d[ni] += (g - cur) / 0.001
    for j in range(na.shape[0]):
        na[j, ION_I] = 0.0
        na[j, ION_DIDV] = 0.0
    for j in range(k.shape[0]):
        k[j, ION_I] = 0.0
        k[j, ION_DIDV] = 0.0
    for j in range(ic_node.shape[0]):  # IClamp
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
    _syn_currents(t, v, rhs, d, area, sp)
    _hh_cur(v, rhs, d, hh_node, hh, hh_na, hh_k, na, k)
    for i in range(ncell):
        d[i] += cfac * cm[i]
    for i in range(ncell, nn):
        d[i] += cfac * cm[i]
        p = parent[i]
        dv = v[p] - v[i]
        rhs[i] -= b[i] * dv
        rhs[p] += a[i] * dv
        d[i] -= b[i]
        d[p] -= a[i]


@njit(cache=True, error_model="numpy")
def decay_factors(dt, sp):
    """cnexp's 1 - exp(dt*(-1/tau)) per ExpSyn and Exp2Syn row (constant while dt and tau are).

    Computed once per call of the loop instead of every step: the same libm exp of the
    same argument, so the states stay bit-identical.
    """
    ex, e2 = sp[3], sp[5]
    fex = np.empty(ex.shape[0])
    for j in range(ex.shape[0]):
        fex[j] = 1.0 - math.exp(dt * ((-1.0) / ex[j, EX_TAU]))
    fe2 = np.empty((e2.shape[0], 2))
    for j in range(e2.shape[0]):
        fe2[j, 0] = 1.0 - math.exp(dt * ((-1.0) / e2[j, E2_TAU1]))
        fe2[j, 1] = 1.0 - math.exp(dt * ((-1.0) / e2[j, E2_TAU2]))
    return fex, fe2


@njit(cache=True, error_model="numpy")
def syn_states(t, v, sp, fex, fe2):
    """SOLVE blocks: ExpSyn/Exp2Syn cnexp and APCount's check (SEClamp's is in ``states``).

    Returns True when an APCount fired in this step.  The cnexp update is
    x + (1 - exp(dt*(-1/tau)))*(-(0/tau)/(-1/tau) - x), where the middle term is +0.0.
    """
    ex, e2_node, e2, ap_node, ap = sp[3], sp[4], sp[5], sp[8], sp[9]
    for j in range(ex.shape[0]):
        ex[j, EX_G] = ex[j, EX_G] + fex[j] * (0.0 - ex[j, EX_G])
    for j in range(e2_node.shape[0]):
        e2[j, E2_A] = e2[j, E2_A] + fe2[j, 0] * (0.0 - e2[j, E2_A])
        e2[j, E2_B] = e2[j, E2_B] + fe2[j, 1] * (0.0 - e2[j, E2_B])
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


@njit(cache=True, error_model="numpy")
def initialize_syn(v, sp):
    """INITIAL blocks of the point processes (numerics §6.3-6.8)."""
    ex, e2, ap = sp[3], sp[5], sp[9]
    for j in range(ex.shape[0]):
        ex[j, EX_G] = 0.0
    for j in range(e2.shape[0]):
        tau1, tau2 = e2[j, E2_TAU1], e2[j, E2_TAU2]
        if tau1 / tau2 > 0.9999:
            tau1 = 0.9999 * tau2
        if tau1 / tau2 < 1e-9:
            tau1 = tau2 * 1e-9
        e2[j, E2_TAU1] = tau1
        e2[j, E2_A] = 0.0
        e2[j, E2_B] = 0.0
        tp = (tau1 * tau2) / (tau2 - tau1) * math.log(tau2 / tau1)
        e2[j, E2_FACTOR] = 1.0 / (-math.exp(-tp / tau1) + math.exp(-tp / tau2))
    for j in range(ap.shape[0]):
        ap[j, AP_N] = 0.0
        ap[j, AP_FIRING] = 0.0


@njit(cache=True, error_model="numpy")
def play_continuous(t, pool, play):
    """Continuous Vector.play: pool[idx] = y(t), linear between the tvec points."""
    pidx, ptv, pyv, plo, phi, pcur = play
    for r in range(pidx.shape[0]):
        lo, hi = plo[r], phi[r]
        if hi - lo == 1 or t <= ptv[lo]:
            pool[pidx[r]] = pyv[lo]
            continue
        if t >= ptv[hi - 1]:
            c = hi - 1  # past the end: NEURON extrapolates the last segment
        else:
            c = pcur[r]
            if c <= lo:
                c = lo + 1
            while c > lo + 1 and t < ptv[c - 1]:
                c -= 1
            while c < hi - 1 and t >= ptv[c]:
                c += 1
        pcur[r] = c
        t0, t1, x0, x1 = ptv[c - 1], ptv[c], pyv[c - 1], pyv[c]
        if t0 == t1:
            pool[pidx[r]] = (x0 + x1) / 2.0
        else:
            pool[pidx[r]] = x0 + ((t - t0) / (t1 - t0)) * (x1 - x0)


@njit(cache=True, error_model="numpy")
def _detect(t0, pool, src, spk_src, spk_n):
    """Threshold check at the start of a step; spikes are stamped t_n + 1e-10 by the caller."""
    sidx, sthr, sflag = src
    n = 0
    for s in range(sidx.shape[0]):
        if pool[sidx[s]] - sthr[s] > 0.0:
            if sflag[s] == 0.0:
                sflag[s] = 1.0
                spk_src[n] = s
                n += 1
        else:
            sflag[s] = 0.0
    spk_n[0] = n
    return n


@njit(cache=True, error_model="numpy")
def run_steps_ev(pool, tree, mp, ctl, rec, drec, sp, src, ev, play):
    """Like ``run_steps``, returning SPIKE/EVENT when Python must handle events.

    ev = (tnext[1], gleft[1], spk_src, spk_n[1], apfired[1], qt, qkind, qrow, qw, qc[2]):
    the first pending events in delivery order; kind 1 (ExpSyn row) and 2 (Exp2Syn row)
    are applied here, kind 0 needs Python; qc = (count, delivered); tnext = the time of
    the first pending event not in the arrays.
    """
    parent, a, b, cm, area, ncell, v, rhs, d = tree
    ts, group, max_steps, dt, cj, secondorder, q10, usetable, tab = ctl
    ri, rbuf, rn = rec
    di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, margin = drec
    tnext, gleft, spk_src, spk_n, apfired, qt, qkind, qrow, qw, qc = ev
    ex, e2 = sp[3], sp[5]
    na_node, na, k_node, k = mp[2], mp[3], mp[4], mp[5]
    cfac = 0.001 * cj
    nn = v.shape[0]
    steps = 0
    fex, fe2 = decay_factors(dt, sp)
    while True:
        if gleft[0] <= 0:
            if not pool[0] < ts:
                return DONE, steps
            if steps + group > max_steps and steps > 0:
                return CHUNK, steps
            if rn[0] + group > rbuf.shape[1]:
                return FLUSH, steps
            for r in range(di.shape[0]):
                if dn[r] + margin * group > dbuf.shape[1]:
                    return FLUSH, steps
            gleft[0] = group
        t0 = pool[0]
        if _detect(t0, pool, src, spk_src, spk_n) > 0:
            return SPIKE, steps
        lim = t0 + dt / 2.0
        while qc[1] < qc[0] and qt[qc[1]] <= lim:  # NetCon -> ExpSyn/Exp2Syn, in order
            c = qc[1]
            if qkind[c] == 0:
                return EVENT, steps
            r = qrow[c]
            if qkind[c] == 1:
                ex[r, EX_G] += qw[c]
            else:
                e2[r, E2_A] += qw[c] * e2[r, E2_FACTOR]
                e2[r, E2_B] += qw[c] * e2[r, E2_FACTOR]
            qc[1] = c + 1
        if tnext[0] <= lim:
            return EVENT, steps
        _deliver_records(pool, t0 + dt / 2.0, di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, t0)
        pool[0] += 0.5 * dt
        play_continuous(pool[0], pool, play)
        setup_matrix_ext(pool[0], v, rhs, d, parent, a, b, cm, area, ncell, cfac, mp, sp)
        solve_scheduled(rhs, d, parent, a, b, ncell, mp[16])
        check = advance_v(v, rhs, nn, secondorder, na, na_node, k, k_node)
        pool[0] += 0.5 * dt
        play_continuous(pool[0], pool, play)  # again at t_{n+1}, before states and recording
        fired = syn_states(pool[0], v, sp, fex, fe2)
        states(v, dt, q10, usetable, tab, mp)
        record_sample(pool, ri, rbuf, rn)
        _deliver_records(pool, pool[0], di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, t0)
        steps += 1
        gleft[0] -= 1
        if not math.isfinite(check):
            return NONFINITE, steps
        if fired:
            apfired[0] = 1
            return SPIKE, steps
    return DONE, steps


_ = (np, CHUNK, FLUSH)
