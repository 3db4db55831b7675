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

__all__ = ["hh_currents", "hh_initialize", "hh_rates", "hh_states", "hh_table"]

# hh columns (sim.mechanisms._builtin.HH order)
GNABAR, GKBAR, GL, EL, GNA, GK, IL, MINF, HINF, NINF, MTAU, HTAU, NTAU, M, H, N = range(16)
ION_E, ION_I, ION_DIDV = 0, 3, 4
# The blocked loops' temporaries come from the caller, made once per model (mp[27]):
# ``work`` rows 0-2 v, i and di/dv of a block, rows 3-5 the exp arguments, 6-8 cnexp's q
# and 9-11 the exp results per gate; its width is the block (small enough to stay in L1).


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

    One row per entry i: columns 0-5 the six rates T[i], columns 6-11 each one's step
    to the next entry, ``T[i+1] - T[i]`` (the difference the interpolation computes,
    computed once: the same bits), so a lookup reads one contiguous row.  Row 201
    repeats row 200, so a clamped lookup at the top is ``T[200] + 0*0``.
    ``tab[BLOCK_EXP]`` is 1.0 when the states loop may use :func:`_vexp.exp_block`
    (it reproduces the C library's exp on this machine), else 0.0.
    """
    tab = _hh_table(q10)
    tab[BLOCK_EXP] = 1.0 if _vexp.matches_libm() else 0.0
    return tab


BLOCK_EXP = (202, 0)  # the table's flag (see hh_table)


@njit(cache=True, nogil=True, error_model="numpy")
def _hh_table(q10):
    tab = np.zeros((203, 12))
    out = np.empty(6)
    x = -100.0
    for i in range(201):
        hh_rates(x, q10, out)
        for k in range(6):
            tab[i, k] = out[k]
        x += 1.0
    for k in range(6):
        tab[201, k] = tab[200, k]
        for i in range(201):
            tab[i, 6 + k] = tab[i + 1, k] - tab[i, k]
    return tab


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _lerp(tab, k, i, theta):
    return tab[i, k] + theta * tab[i, 6 + k]


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
def _hh_point(vv, ena, ek, gnabar, gkbar, gl, el, m, h, n):
    """hh's BREAKPOINT at vv + 0.001, then at vv (numerics §2.3).

    Returns (i, di/dv, ina, ik, gna, gk, il, dina/dv, dik/dv), each derivative the
    finite difference over 0.001 mV as nocmodl writes it.
    """
    v1 = vv + 0.001
    gna = gnabar * m * m * m * h
    ina1 = gna * (v1 - ena)
    gk = gkbar * n * n * n * n
    ik1 = gk * (v1 - ek)
    g = ((0.0 + ina1) + ik1) + gl * (v1 - el)
    ina = gna * (vv - ena)
    ik = gk * (vv - ek)
    il = gl * (vv - el)
    cur = ((0.0 + ina) + ik) + il
    return cur, (g - cur) / 0.001, ina, ik, gna, gk, il, (ina1 - ina) / 0.001, (ik1 - ik) / 0.001


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _hh_cur_one(v, rhs, d, hh_node, hh, hh_na, hh_k, na, k, j):
    """Instance j's BREAKPOINT into rhs, d and its ions; ``hh``, ``na`` and ``k`` indexed
    [instance, column] (the variable-step integrator's view of the same data)."""
    _cur_mapped(v, rhs, d, hh_node, hh.T, hh_na, hh_k, na.T, k.T, j)


# From here on hh's data comes column-major, as the pool stores it: ``hc[column, instance]``
# (and the ions ``NA[column, instance]``), so a loop over instances reads and writes
# contiguous rows and the compiler vectorises it.


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def hh_currents(v, rhs, d, hh_node, hc, hh_na, hh_k, NA, K, work):
    """Every instance's BREAKPOINT into rhs, d and the ions (after the other mechanisms).

    Each instance has a node of its own, so adding its terms after computing a whole
    block of instances gives every node the same sums in the same order.  ``work``
    holds the blocks' temporaries (see above).
    """
    n = hh_node.shape[0]
    if n < 16:
        for j in range(n):
            _cur_mapped(v, rhs, d, hh_node, hc, hh_na, hh_k, NA, K, j)
        return
    vb, cb, db = work[0], work[1], work[2]
    block = work.shape[1]
    for j0 in range(0, n, block):
        m = min(block, n - j0)
        own = True  # the ions' instance j is hh's instance j (the usual case)
        for i in range(m):
            j = j0 + i
            vb[i] = v[hh_node[j]]
            own &= (hh_na[j] == j) & (hh_k[j] == j)
        if own:
            _cur_block(vb, cb, db, hc, NA, K, j0, m)
            for i in range(m):
                ni = hh_node[j0 + i]
                rhs[ni] -= cb[i]
                d[ni] += db[i]
        else:
            for j in range(j0, j0 + m):
                _cur_mapped(v, rhs, d, hh_node, hc, hh_na, hh_k, NA, K, j)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _instance(vv, hc, NA, K, j, ina_j, ik_j):
    """Instance j's BREAKPOINT at vv: its assigned variables and its ions' sums updated;
    returns (i, di/dv) for the node's rhs and d."""
    cur, dg, ina, ik, gna, gk, il, dina, dik = _hh_point(
        vv, NA[ION_E, ina_j], K[ION_E, ik_j], hc[GNABAR, j], hc[GKBAR, j], hc[GL, j],
        hc[EL, j], hc[M, j], hc[H, j], hc[N, j],
    )  # fmt: skip
    hc[GNA, j] = gna
    hc[GK, j] = gk
    hc[IL, j] = il
    K[ION_DIDV, ik_j] += dik
    NA[ION_DIDV, ina_j] += dina
    NA[ION_I, ina_j] += ina
    K[ION_I, ik_j] += ik
    return cur, dg


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _cur_mapped(v, rhs, d, hh_node, hc, hh_na, hh_k, NA, K, j):
    """Instance j, its ions' instances looked up, straight into rhs and d."""
    ni = hh_node[j]
    cur, dg = _instance(v[ni], hc, NA, K, j, hh_na[j], hh_k[j])
    rhs[ni] -= cur
    d[ni] += dg


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _cur_block(vb, cb, db, hc, NA, K, j0, m):
    """Instances j0..j0+m-1 (ion instance = hh instance): the currents into cb, db."""
    if j0 < 0 or m < 0:  # tells the compiler j0 + i is a valid index: it vectorises
        return
    for i in range(m):
        j = j0 + i
        cb[i], db[i] = _instance(vb[i], hc, NA, K, j, j, j)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _set_rates(hc, j, r):
    hc[MINF, j], hc[HINF, j], hc[NINF, j] = r[0], r[1], r[2]
    hc[MTAU, j], hc[HTAU, j], hc[NTAU, j] = r[3], r[4], r[5]


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _cnexp(x, inf, tau, dt):
    return x + (1.0 - math.exp(dt * ((-1.0) / tau))) * (-(inf / tau) / ((-1.0) / tau) - x)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _gates(hc, j, r, dt):
    """Instance j: store the rates r, then cnexp for m, h and n."""
    _set_rates(hc, j, r)
    hc[M, j] = _cnexp(hc[M, j], r[0], r[3], dt)
    hc[H, j] = _cnexp(hc[H, j], r[1], r[4], dt)
    hc[N, j] = _cnexp(hc[N, j], r[2], r[5], dt)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def hh_states(v, dt, q10, usetable, tab, hh_node, hc, work):
    """rates(v) then cnexp for every instance (the table path is the hot loop)."""
    n = hh_node.shape[0]
    if not usetable:
        out = work[0]
        for j in range(n):
            _gates(hc, j, _hh_rates(v[hh_node[j]], q10, False, tab, out), dt)
        return
    if n < 16:  # few instances: no temporaries (allocating them would cost more)
        for j in range(n):
            _gates(hc, j, _table_rates(v[hh_node[j]], tab), dt)
        return
    arg, q, ex = work[3:6], work[6:9], work[9:12]
    block = work.shape[1]
    for j0 in range(0, n, block):
        m = min(block, n - j0)
        _lookup_block(v, tab, hh_node, hc, j0, m)
        _cnexp_terms(hc, dt, j0, m, arg, q)
        if tab[BLOCK_EXP] != 0.0:  # exp, a quarter of a step: vectorised, libm's bits
            for g in range(3):
                exp_block(arg[g], ex[g], m)
        else:
            for g in range(3):
                for i in range(m):
                    ex[g, i] = math.exp(arg[g, i])
        _cnexp_update(hc, ex, q, j0, m)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _lookup_block(v, tab, hh_node, hc, j0, m):
    """Table rates for instances j0..j0+m-1, stored in hh's rate columns.

    The clamp is written without branches on the table point (as :func:`_table_point`
    computes it for every v but NaN); a block with a NaN voltage is redone one
    instance at a time by the exact rule, which gives that instance NaN rates.
    """
    if j0 < 0 or m < 0:
        return
    nan = False
    for j in range(j0, j0 + m):
        xi = 1.0 * (v[hh_node[j]] - (-100.0))
        nan |= xi != xi
        xc = xi if xi > 0.0 else 0.0
        xc = xc if xc < 200.0 else 200.0
        t = int(xc)
        theta = xc - float(t)
        for k in range(6):
            hc[MINF + k, j] = _lerp(tab, k, t, theta)
    if nan:
        for j in range(j0, j0 + m):
            _set_rates(hc, j, _table_rates(v[hh_node[j]], tab))


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _cnexp_terms(hc, dt, j0, m, arg, q):
    """cnexp's exp argument dt*((-1)/tau) and -(inf/tau)/((-1)/tau), per gate.

    The bits are those of ``_cnexp`` (same operations, no contraction: fastmath is off).
    """
    if j0 < 0 or m < 0:  # tells the compiler j0 + i is a valid index: it vectorises
        return
    for g in range(3):
        for i in range(m):
            j = j0 + i
            tau = hc[MTAU + g, j]
            r = (-1.0) / tau
            arg[g, i] = dt * r
            q[g, i] = -(hc[MINF + g, j] / tau) / r


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _cnexp_update(hc, ex, q, j0, m):
    """x + (1 - exp(...)) * (q - x) for m, h and n."""
    if j0 < 0 or m < 0:
        return
    for g in range(3):
        for i in range(m):
            j = j0 + i
            x = hc[M + g, j]
            hc[M + g, j] = x + (1.0 - ex[g, i]) * (q[g, i] - x)


@njit(cache=True, nogil=True, error_model="numpy")
def hh_initialize(v, q10, usetable, tab, hh_node, hc):
    """hh's INITIAL block: rates(v), then every gate at its steady state."""
    out = np.empty(6)
    for j in range(hh_node.shape[0]):
        r = _hh_rates(v[hh_node[j]], q10, usetable, tab, out)
        _set_rates(hc, j, r)
        hc[M, j], hc[H, j], hc[N, j] = r[0], r[1], r[2]
