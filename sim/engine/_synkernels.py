"""Compiled pieces of the point processes (numerics §6): currents, states, INITIAL, play.

The step loop itself is :func:`sim.engine._kernels.run_steps`; it calls these in
NEURON's type order (IClamp, AlphaSynapse, ExpSyn, Exp2Syn, SEClamp, then hh).
Every piece is a loop over a table's rows, so a model without that point process
pays one empty loop.  Currents follow nocmodl's finite difference (the current at
v + 0.001 first, then at v), so the bits are NEURON's.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from sim.engine import _libm  # noqa: F401 - binds libm's exp before anything compiles

__all__ = [
    "EVENT",
    "SPIKE",
    "alpha_currents",
    "decay_factors",
    "exp2syn_currents",
    "expsyn_currents",
    "initialize_syn",
    "play_continuous",
    "seclamp_currents",
    "syn_states",
]

SPIKE, EVENT = 4, 5
# column indices (sim.mechanisms._synapses, _builtin)
AL_ONSET, AL_TAU, AL_GMAX, AL_E, AL_I, AL_G = range(6)
EX_TAU, EX_E, EX_I, EX_G = range(4)
E2_TAU1, E2_TAU2, E2_E, E2_I, E2_G, E2_FACTOR, E2_A, E2_B = range(8)
SE_RS, SE_DUR1, SE_AMP1, SE_DUR2, SE_AMP2, SE_DUR3, SE_AMP3 = range(7)
SE_I, SE_VC, SE_TC2, SE_TC3, SE_ON = range(7, 12)
AP_N, AP_THRESH, AP_TIME, AP_FIRING = range(4)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
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


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _alpha(x):
    if x < 0.0 or x > 10.0:
        return 0.0
    return x * math.exp(1.0 - x)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def alpha_currents(t, v, rhs, d, area, al_node, al):
    """AlphaSynapse: g = gmax*alpha((t - onset)/tau) at the mid-step t."""
    for j in range(al_node.shape[0]):
        ni = al_node[j]
        vv = v[ni]
        g = al[j, AL_GMAX] * _alpha((t - al[j, AL_ONSET]) / al[j, AL_TAU])
        g1 = 0.0 + g * ((vv + 0.001) - al[j, AL_E])
        cur = g * (vv - al[j, AL_E])
        al[j, AL_G] = g
        al[j, AL_I] = cur
        _point_rhs(rhs, d, ni, g1, cur, area, False)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def expsyn_currents(v, rhs, d, area, ex_node, ex):
    for j in range(ex_node.shape[0]):
        ni = ex_node[j]
        vv = v[ni]
        g1 = 0.0 + ex[j, EX_G] * ((vv + 0.001) - ex[j, EX_E])
        cur = ex[j, EX_G] * (vv - ex[j, EX_E])
        ex[j, EX_I] = cur
        _point_rhs(rhs, d, ni, g1, cur, area, False)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def exp2syn_currents(v, rhs, d, area, e2_node, e2):
    for j in range(e2_node.shape[0]):
        ni = e2_node[j]
        vv = v[ni]
        g = e2[j, E2_B] - e2[j, E2_A]
        g1 = 0.0 + g * ((vv + 0.001) - e2[j, E2_E])
        cur = g * (vv - e2[j, E2_E])
        e2[j, E2_G] = g
        e2[j, E2_I] = cur
        _point_rhs(rhs, d, ni, g1, cur, area, False)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def seclamp_currents(t, v, rhs, d, area, se_node, se):
    """SEClamp (electrode current): vc by the three levels at the mid-step t."""
    for j in range(se_node.shape[0]):
        ni = se_node[j]
        vv = v[ni]
        _se_vstim(se, j, t)
        g1 = 0.0 + _se_i(se, j, vv + 0.001)
        cur = _se_i(se, j, vv)
        se[j, SE_I] = cur
        _point_rhs(rhs, d, ni, g1, cur, area, True)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
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


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _se_i(se, j, vv):
    if se[j, SE_ON] != 0.0:
        return (se[j, SE_VC] - vv) / se[j, SE_RS]
    return 0.0


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def seclamp_states(v, se_node, se):
    """SEClamp's icur (after_cvode): i at the new v."""
    for j in range(se_node.shape[0]):
        if se[j, SE_ON] != 0.0:
            se[j, SE_I] = (se[j, SE_VC] - v[se_node[j]]) / se[j, SE_RS]
        else:
            se[j, SE_I] = 0.0


@njit(cache=True, nogil=True, error_model="numpy")
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


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def syn_states(t, v, sp, fex, fe2, aplog, ln):
    """SOLVE blocks: ExpSyn/Exp2Syn cnexp and APCount's check.

    The cnexp update is x + (1 - exp(dt*(-1/tau)))*(-(0/tau)/(-1/tau) - x), where the
    middle term is +0.0.  An APCount that fires logs (row, t) in ``aplog`` (``ln[1]`` rows
    used; the caller keeps room for one per APCount).
    """
    ex, e2_node, e2, ap_node, ap = sp[3], sp[4], sp[5], sp[8], sp[9]
    for j in range(ex.shape[0]):
        ex[j, EX_G] = ex[j, EX_G] + fex[j] * (0.0 - ex[j, EX_G])
    for j in range(e2_node.shape[0]):
        e2[j, E2_A] = e2[j, E2_A] + fe2[j, 0] * (0.0 - e2[j, E2_A])
        e2[j, E2_B] = e2[j, E2_B] + fe2[j, 1] * (0.0 - e2[j, E2_B])
    for j in range(ap_node.shape[0]):
        vv = v[ap_node[j]]
        if vv >= ap[j, AP_THRESH] and ap[j, AP_FIRING] == 0.0:
            ap[j, AP_FIRING] = 1.0
            ap[j, AP_TIME] = t
            ap[j, AP_N] += 1.0
            aplog[ln[1], 0] = j
            aplog[ln[1], 1] = t
            ln[1] += 1
        if ap[j, AP_FIRING] != 0.0 and vv < ap[j, AP_THRESH]:
            ap[j, AP_FIRING] = 0.0


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
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


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
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


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def _detect(t0, pool, src, spk_src, spk_n):
    """Threshold check only (the variable-step loop's): which sources crossed, in spk_src."""
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


def __getattr__(name: str) -> Any:
    """``setup_matrix_ext`` (older name) lives with the step loop in _kernels."""
    if name == "setup_matrix_ext":
        from sim.engine import _kernels

        return _kernels.setup_matrix_ext
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
