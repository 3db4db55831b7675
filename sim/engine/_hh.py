"""hh in compiled form: its rates and rate table, its BREAKPOINT currents, and its
cnexp states (the hot loop of a step).

Follows numerics §2 operation by operation, so the bits are NEURON's (see _kernels).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from sim.engine import _vexp  # first: binds libm's exp (sim.engine._libm) before any compile
from sim.engine._vexp import exp_block

__all__ = ["hh_initialize", "hh_rates", "hh_table"]

# hh columns (sim.mechanisms._builtin.HH order)
GNABAR, GKBAR, GL, EL, GNA, GK, IL, MINF, HINF, NINF, MTAU, HTAU, NTAU, M, H, N = range(16)
ION_E, ION_I, ION_DIDV = 0, 3, 4
_BLOCK = 64  # instances per block of the blocked loops (their temporaries stay in L1)


@njit(cache=True, nogil=True, error_model="numpy")
def _vtrap(x, y):
    if abs(x / y) < 1e-6:
        return y * (1.0 - x / y / 2.0)
    return x / (math.exp(x / y) - 1.0)


@njit(cache=True, nogil=True, error_model="numpy")
def hh_rates(v, q10, out):
    """hh's rates(v) computed directly: out = minf, hinf, ninf, mtau, htau, ntau."""
    alpha = 0.1 * _vtrap(-(v + 40.0), 10.0)
    beta = 4.0 * math.exp(-(v + 65.0) / 18.0)
    s = alpha + beta
    out[3] = 1.0 / (q10 * s)
    out[0] = alpha / s
    alpha = 0.07 * math.exp(-(v + 65.0) / 20.0)
    beta = 1.0 / (math.exp(-(v + 35.0) / 10.0) + 1.0)
    s = alpha + beta
    out[4] = 1.0 / (q10 * s)
    out[1] = alpha / s
    alpha = 0.01 * _vtrap(-(v + 55.0), 10.0)
    beta = 0.125 * math.exp(-(v + 65.0) / 80.0)
    s = alpha + beta
    out[5] = 1.0 / (q10 * s)
    out[2] = alpha / s


def hh_table(q10: float) -> np.ndarray:
    """The 201-point TABLE from -100 to 100 mV (x accumulated by += 1.0).

    Column 201 repeats column 200, so a clamped lookup at the top is ``T[200] + 0*(...)``.
    ``tab[0, BLOCK_EXP]`` is 1.0 when the states loop may use :func:`_vexp.exp_block`
    (it reproduces the C library's exp on this machine), else 0.0.
    """
    tab = _hh_table(q10)
    tab[0, BLOCK_EXP] = 1.0 if _vexp.matches_libm() else 0.0
    return tab


BLOCK_EXP = 202  # the table's flag column (see hh_table)


@njit(cache=True, nogil=True, error_model="numpy")
def _hh_table(q10):
    tab = np.zeros((6, 203))
    out = np.empty(6)
    x = -100.0
    for i in range(201):
        hh_rates(x, q10, out)
        for k in range(6):
            tab[k, i] = out[k]
        x += 1.0
    for k in range(6):
        tab[k, 201] = tab[k, 200]
    return tab


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _lerp(tab, k, i, theta):
    return tab[k, i] + theta * (tab[k, i + 1] - tab[k, i])


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _table_point(v):
    """(i, theta) of v in the table: entry i and the fraction past it, clamped at the
    ends with theta = 0 (exactly that entry); i = -1 and theta = NaN for a NaN v."""
    xi = 1.0 * (v - (-100.0))
    if xi != xi:
        return -1, xi
    if xi <= 0.0:
        return 0, 0.0
    if xi >= 200.0:
        return 200, 0.0
    i = int(xi)
    return i, xi - float(i)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _table_rates(v, tab):
    """(minf, hinf, ninf, mtau, htau, ntau) interpolated in the table."""
    i, theta = _table_point(v)
    if i < 0:
        return theta, theta, theta, theta, theta, theta
    return (
        _lerp(tab, 0, i, theta),
        _lerp(tab, 1, i, theta),
        _lerp(tab, 2, i, theta),
        _lerp(tab, 3, i, theta),
        _lerp(tab, 4, i, theta),
        _lerp(tab, 5, i, theta),
    )


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _hh_rates(v, q10, usetable, tab, out):
    """rates(v): (minf, hinf, ninf, mtau, htau, ntau), from the table when usetable.

    Clamped ends use entry 0 or 200 with theta = 0, which is exactly that entry.
    """
    if usetable:
        return _table_rates(v, tab)
    hh_rates(v, q10, out)
    return out[0], out[1], out[2], out[3], out[4], out[5]


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _set_rates(hh, j, r):
    hh[j, MINF], hh[j, HINF], hh[j, NINF] = r[0], r[1], r[2]
    hh[j, MTAU], hh[j, HTAU], hh[j, NTAU] = r[3], r[4], r[5]


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _hh_current(hh, j, v, ena, ek):
    m, h, n = hh[j, M], hh[j, H], hh[j, N]
    gna = hh[j, GNABAR] * m * m * m * h
    ina = gna * (v - ena)
    gk = hh[j, GKBAR] * n * n * n * n
    ik = gk * (v - ek)
    il = hh[j, GL] * (v - hh[j, EL])
    return ((0.0 + ina) + ik) + il, ina, ik, gna, gk, il


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _cnexp(x, inf, tau, dt):
    return x + (1.0 - math.exp(dt * ((-1.0) / tau))) * (-(inf / tau) / ((-1.0) / tau) - x)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _hh_cur_one(v, rhs, d, hh_node, hh, hh_na, hh_k, na, k, j):
    """hh's BREAKPOINT for instance j at v + 0.001 and at v, into rhs, d and its ions."""
    ni = hh_node[j]
    vv = v[ni]
    ina_j = hh_na[j]
    ik_j = hh_k[j]
    ena = na[ina_j, ION_E]
    ek = k[ik_j, ION_E]
    g, dina, dik, _, _, _ = _hh_current(hh, j, vv + 0.001, ena, ek)
    cur, ina, ik, gna, gk, il = _hh_current(hh, j, vv, ena, ek)
    hh[j, GNA] = gna
    hh[j, GK] = gk
    hh[j, IL] = il
    k[ik_j, ION_DIDV] += (dik - ik) / 0.001
    na[ina_j, ION_DIDV] += (dina - ina) / 0.001
    na[ina_j, ION_I] += ina
    k[ik_j, ION_I] += ik
    rhs[ni] -= cur
    d[ni] += (g - cur) / 0.001


@njit(cache=True, nogil=True, error_model="numpy")
def _hh_cur(v, rhs, d, hh_node, hh, hh_na, hh_k, na, k):
    for j in range(hh_node.shape[0]):
        _hh_cur_one(v, rhs, d, hh_node, hh, hh_na, hh_k, na, k, j)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _gates(hh, j, r, dt):
    """Instance j: store the rates r, then cnexp for m, h and n."""
    _set_rates(hh, j, r)
    hh[j, M] = _cnexp(hh[j, M], r[0], r[3], dt)
    hh[j, H] = _cnexp(hh[j, H], r[1], r[4], dt)
    hh[j, N] = _cnexp(hh[j, N], r[2], r[5], dt)


@njit(cache=True, nogil=True, error_model="numpy")
def _hh_states(v, dt, q10, usetable, tab, hh_node, hh):
    """rates(v) then cnexp for every instance (the table path is the hot loop)."""
    n = hh_node.shape[0]
    if not usetable:
        out = np.empty(6)
        for j in range(n):
            _gates(hh, j, _hh_rates(v[hh_node[j]], q10, False, tab, out), dt)
        return
    if n < 16:  # few instances: no temporaries (allocating them would cost more)
        for j in range(n):
            _gates(hh, j, _table_rates(v[hh_node[j]], tab), dt)
        return
    rt = np.empty((6, _BLOCK))
    arg = np.empty((3, _BLOCK))
    q = np.empty((3, _BLOCK))
    ex = np.empty((3, _BLOCK))
    for j0 in range(0, n, _BLOCK):
        m = min(_BLOCK, n - j0)
        _hh_lookup(v, tab, hh_node, j0, m, rt)
        _cnexp_terms(rt, dt, m, arg, q)
        if tab[0, BLOCK_EXP] != 0.0:  # exp, a quarter of a step: vectorised, libm's bits
            for g in range(3):
                exp_block(arg[g], ex[g], m)
        else:
            for g in range(3):
                for i in range(m):
                    ex[g, i] = math.exp(arg[g, i])
        for i in range(m):  # one pass over hh's rows: the rates, then the gates
            j = j0 + i
            hh[j, MINF], hh[j, HINF], hh[j, NINF] = rt[0, i], rt[1, i], rt[2, i]
            hh[j, MTAU], hh[j, HTAU], hh[j, NTAU] = rt[3, i], rt[4, i], rt[5, i]
            x = hh[j, M]
            hh[j, M] = x + (1.0 - ex[0, i]) * (q[0, i] - x)
            x = hh[j, H]
            hh[j, H] = x + (1.0 - ex[1, i]) * (q[1, i] - x)
            x = hh[j, N]
            hh[j, N] = x + (1.0 - ex[2, i]) * (q[2, i] - x)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _hh_lookup(v, tab, hh_node, j0, m, rt):
    """Table rates for instances j0..j0+m-1 into rt (rows as tab's)."""
    for i in range(m):
        j = j0 + i
        t, theta = _table_point(v[hh_node[j]])
        if t < 0:
            for k in range(6):
                rt[k, i] = theta
        else:
            for k in range(6):
                rt[k, i] = tab[k, t] + theta * (tab[k, t + 1] - tab[k, t])


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _cnexp_terms(rt, dt, m, arg, q):
    """cnexp's exp argument dt*((-1)/tau) and -(inf/tau)/((-1)/tau), per gate.

    Contiguous rows without calls, so the divisions vectorise; the bits are those of
    ``_cnexp`` (same operations, no contraction: fastmath is off).
    """
    for g in range(3):
        for i in range(m):
            tau = rt[g + 3, i]
            r = (-1.0) / tau
            arg[g, i] = dt * r
            q[g, i] = -(rt[g, i] / tau) / r


@njit(cache=True, nogil=True, error_model="numpy")
def hh_initialize(v, q10, usetable, tab, hh_node, hh):
    """hh's INITIAL block: rates(v), then every gate at its steady state."""
    out = np.empty(6)
    for j in range(hh_node.shape[0]):
        r = _hh_rates(v[hh_node[j]], q10, usetable, tab, out)
        _set_rates(hh, j, r)
        hh[j, M], hh[j, H], hh[j, N] = r[0], r[1], r[2]
