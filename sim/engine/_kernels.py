"""The compiled per-step work: mechanism currents and states, the tree solve, recording.

Everything follows numerics §2 and §5-6 operation by operation, so results are
bit-identical with NEURON: finite-difference conductances (v + 0.001 first),
NEURON's type order, libm ``exp`` (``math.exp``), the cnexp expression as
nocmodl writes it, and t accumulated in two half steps.

This module imports numba; it is imported lazily (first finitialize), never
by ``import sim``.  Functions are cached on disk (``cache=True``).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = ["hh_rates", "hh_table", "initialize", "run_steps"]


def _bind_libm_exp() -> None:
    """Compiled ``math.exp`` calls the C library's default ``exp`` directly.

    Numba binds ``exp`` to its helper library's import of it, which on glibc is the
    compatibility symbol exp@GLIBC_2.2.5: a wrapper (errno handling) around the same
    core, about 1.5x slower per call.  The default exp@@GLIBC_2.29 returns the same
    bits (checked on 5e7 arguments over the whole double range) and is the one
    NEURON's compiled mechanisms call.  exp is a third of the time of a step, so
    this matters.  Must run after numba installs its math symbols (target context
    creation) and before any kernel is compiled or loaded from the cache.
    """
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import llvmlite.binding as ll
        from numba.core.registry import cpu_target

        cpu_target.target_context  # noqa: B018 - creating it installs numba's math symbols
        addr = ctypes.cast(ctypes.CDLL("libm.so.6").exp, ctypes.c_void_p).value
    except (OSError, AttributeError, ImportError):
        return
    if addr:
        ll.add_symbol("exp", addr)


def _preload_cython_blas() -> None:
    """Load scipy.linalg.cython_blas on its own, without the scipy.linalg package.

    Numba's first compile or cache load checks for BLAS by importing
    scipy.linalg.cython_blas, which runs scipy.linalg's __init__ (~0.4 s, a fifth of
    a fresh process's first run).  The kernels use no BLAS; registering the
    extension module alone satisfies the check, and a later ``import scipy.linalg``
    finds it and works as usual.
    """
    import importlib.util
    import sys
    from pathlib import Path

    name = "scipy.linalg.cython_blas"
    if name in sys.modules or "scipy.linalg" in sys.modules:
        return
    try:
        import scipy

        found = sorted((Path(scipy.__file__).parent / "linalg").glob("cython_blas.*"))
        paths = [p for p in found if p.suffix in (".so", ".pyd")]
        if not paths:
            return
        spec = importlib.util.spec_from_file_location(name, paths[0])
        if spec is None or spec.loader is None:
            return
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    except Exception:  # any failure: numba imports scipy.linalg itself, as before
        sys.modules.pop(name, None)


_bind_libm_exp()
_preload_cython_blas()

# hh columns (sim.mechanisms._builtin.HH order)
GNABAR, GKBAR, GL, EL, GNA, GK, IL, MINF, HINF, NINF, MTAU, HTAU, NTAU, M, H, N = range(16)
# ion columns: e, ci, co, i, di/dv
ION_E, ION_I, ION_DIDV = 0, 3, 4
# pas: g, e, i ; IClamp: del, dur, amp, i
PAS_G, PAS_E, PAS_I = 0, 1, 2
IC_DEL, IC_DUR, IC_AMP, IC_I = 0, 1, 2, 3
# AlphaSynapse: onset, tau, gmax, e, i, g ; SEClamp: rs, dur1, amp1, ..., i, vc, tc2, tc3, on
AS_ONSET, AS_TAU, AS_GMAX, AS_E, AS_I, AS_G = range(6)
SE_RS, SE_DUR1, SE_AMP1, SE_DUR2, SE_AMP2, SE_DUR3, SE_AMP3 = range(7)
SE_I, SE_VC, SE_TC2, SE_TC3, SE_ON = range(7, 12)
# status codes returned by run_steps
DONE, CHUNK, FLUSH, NONFINITE = 0, 1, 2, 3


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


@njit(cache=True, nogil=True, error_model="numpy")
def hh_table(q10):
    """The 201-point TABLE from -100 to 100 mV (x accumulated by += 1.0).

    Column 201 repeats column 200, so a clamped lookup at the top is ``T[200] + 0*(...)``.
    """
    tab = np.empty((6, 202))
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
def _hh_rates(v, q10, usetable, tab, out):
    """rates(v): (minf, hinf, ninf, mtau, htau, ntau), from the table when usetable.

    Clamped ends use entry 0 or 200 with theta = 0, which is exactly that entry.
    """
    if usetable:
        xi = 1.0 * (v - (-100.0))
        if xi != xi:
            return xi, xi, xi, xi, xi, xi
        if xi <= 0.0:
            i = 0
            theta = 0.0
        elif xi >= 200.0:
            i = 200
            theta = 0.0
        else:
            i = int(xi)
            theta = xi - float(i)
        return (
            _lerp(tab, 0, i, theta),
            _lerp(tab, 1, i, theta),
            _lerp(tab, 2, i, theta),
            _lerp(tab, 3, i, theta),
            _lerp(tab, 4, i, theta),
            _lerp(tab, 5, i, theta),
        )
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
def _alpha_current(syn, j, t, v):
    x = (t - syn[j, AS_ONSET]) / syn[j, AS_TAU]
    alpha = 0.0 if (x < 0.0 or x > 10.0) else x * math.exp(1.0 - x)
    g = syn[j, AS_GMAX] * alpha
    i = g * (v - syn[j, AS_E])
    syn[j, AS_G] = g
    syn[j, AS_I] = i
    return 0.0 + i


@njit(cache=True, nogil=True, error_model="numpy")
def _alpha_cur(t, v, rhs, d, area, nodes, syn):
    """AlphaSynapse (membrane current): g = gmax*alpha((t - onset)/tau) at mid-step t."""
    for j in range(nodes.shape[0]):
        ni = nodes[j]
        g = _alpha_current(syn, j, t, v[ni] + 0.001)
        cur = _alpha_current(syn, j, t, v[ni])
        g = (g - cur) / 0.001
        f = 1.0e2 / area[ni]
        g *= f
        rhs[ni] -= cur * f
        d[ni] += g


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _seclamp_current(se, j, t, v):
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
    if se[j, SE_ON] != 0.0:
        se[j, SE_I] = (se[j, SE_VC] - v) / se[j, SE_RS]
    else:
        se[j, SE_I] = 0.0
    return 0.0 + se[j, SE_I]


@njit(cache=True, nogil=True, error_model="numpy")
def _seclamp_cur(t, v, rhs, d, area, nodes, se):
    """SEClamp (electrode current): vc by the three levels at mid-step t, i = (vc - v)/rs."""
    for j in range(nodes.shape[0]):
        ni = nodes[j]
        g = _seclamp_current(se, j, t, v[ni] + 0.001)
        cur = _seclamp_current(se, j, t, v[ni])
        g = (g - cur) / 0.001
        f = 1.0e2 / area[ni]
        g *= f
        rhs[ni] += cur * f
        d[ni] -= g


@njit(cache=True, nogil=True, error_model="numpy")
def setup_matrix(t, v, rhs, d, parent, a, b, cm, area, ncell, cfac, mp):
    """Numerics §2.3: rhs and d from the currents at v (t is the mid-step time)."""
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
    for j in range(na.shape[0]):  # ions: zero the accumulators
        na[j, ION_I] = 0.0
        na[j, ION_DIDV] = 0.0
    for j in range(k.shape[0]):
        k[j, ION_I] = 0.0
        k[j, ION_DIDV] = 0.0
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
    _alpha_cur(t, v, rhs, d, area, mp[12], mp[13])
    _seclamp_cur(t, v, rhs, d, area, mp[14], mp[15])
    _hh_cur(v, rhs, d, hh_node, hh, hh_na, hh_k, na, k)
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


@njit(cache=True, nogil=True, error_model="numpy")
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


@njit(cache=True, nogil=True, error_model="numpy")
def states(v, dt, q10, usetable, tab, mp):
    """Numerics §2.5 step 10: every mechanism's SOLVE block with the new v."""
    se_nodes, se = mp[14], mp[15]
    for j in range(se_nodes.shape[0]):  # SEClamp's icur (after_cvode): i at the new v
        if se[j, SE_ON] != 0.0:
            se[j, SE_I] = (se[j, SE_VC] - v[se_nodes[j]]) / se[j, SE_RS]
        else:
            se[j, SE_I] = 0.0
    _hh_states(v, dt, q10, usetable, tab, mp[8], mp[9])


_BLOCK = 64  # hh instances per block of the states loop (temporaries stay in L1)


@njit(cache=True, nogil=True, error_model="numpy")
def _hh_states(v, dt, q10, usetable, tab, hh_node, hh):
    """rates(v) then cnexp for every instance (the table path is the hot loop)."""
    if not usetable:
        out = np.empty(6)
        for j in range(hh_node.shape[0]):
            r = _hh_rates(v[hh_node[j]], q10, False, tab, out)
            _set_rates(hh, j, r)
            hh[j, M] = _cnexp(hh[j, M], r[0], r[3], dt)
            hh[j, H] = _cnexp(hh[j, H], r[1], r[4], dt)
            hh[j, N] = _cnexp(hh[j, N], r[2], r[5], dt)
        return
    n = hh_node.shape[0]
    if n < 16:  # few instances: no temporaries (allocating them would cost more)
        for j in range(n):
            xi = 1.0 * (v[hh_node[j]] - (-100.0))
            if xi != xi:
                r = (xi, xi, xi, xi, xi, xi)
            else:
                t = 200 if xi >= 200.0 else (0 if xi <= 0.0 else int(xi))
                theta = 0.0 if (xi <= 0.0 or xi >= 200.0) else xi - float(t)
                r = (
                    _lerp(tab, 0, t, theta),
                    _lerp(tab, 1, t, theta),
                    _lerp(tab, 2, t, theta),
                    _lerp(tab, 3, t, theta),
                    _lerp(tab, 4, t, theta),
                    _lerp(tab, 5, t, theta),
                )
            _set_rates(hh, j, r)
            hh[j, M] = _cnexp(hh[j, M], r[0], r[3], dt)
            hh[j, H] = _cnexp(hh[j, H], r[1], r[4], dt)
            hh[j, N] = _cnexp(hh[j, N], r[2], r[5], dt)
        return
    rt = np.empty((6, _BLOCK))
    arg = np.empty((3, _BLOCK))
    q = np.empty((3, _BLOCK))
    for j0 in range(0, n, _BLOCK):
        m = min(_BLOCK, n - j0)
        _hh_lookup(v, tab, hh_node, hh, j0, m, rt)
        _cnexp_terms(rt, dt, m, arg, q)
        for g in range(3):  # libm exp, one call per gate: a third of a whole step
            for i in range(m):
                arg[g, i] = math.exp(arg[g, i])
        for i in range(m):
            j = j0 + i
            x = hh[j, M]
            hh[j, M] = x + (1.0 - arg[0, i]) * (q[0, i] - x)
            x = hh[j, H]
            hh[j, H] = x + (1.0 - arg[1, i]) * (q[1, i] - x)
            x = hh[j, N]
            hh[j, N] = x + (1.0 - arg[2, i]) * (q[2, i] - x)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _hh_lookup(v, tab, hh_node, hh, j0, m, rt):
    """Table rates for instances j0..j0+m-1 into hh's columns and rt (rows as tab's)."""
    for i in range(m):
        j = j0 + i
        xi = 1.0 * (v[hh_node[j]] - (-100.0))
        if xi != xi:
            for k in range(6):
                rt[k, i] = xi
        else:
            if xi <= 0.0:
                t = 0
                theta = 0.0
            elif xi >= 200.0:
                t = 200
                theta = 0.0
            else:
                t = int(xi)
                theta = xi - float(t)
            for k in range(6):
                rt[k, i] = tab[k, t] + theta * (tab[k, t + 1] - tab[k, t])
        hh[j, MINF] = rt[0, i]
        hh[j, HINF] = rt[1, i]
        hh[j, NINF] = rt[2, i]
        hh[j, MTAU] = rt[3, i]
        hh[j, HTAU] = rt[4, i]
        hh[j, NTAU] = rt[5, i]


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
def initialize(v, q10, usetable, tab, mp):
    """INITIAL blocks in type order (SEClamp: switch times; hh: gates at steady state)."""
    se = mp[15]
    for j in range(se.shape[0]):
        se[j, SE_TC2] = se[j, SE_DUR1] + se[j, SE_DUR2]
        se[j, SE_TC3] = se[j, SE_TC2] + se[j, SE_DUR3]
        se[j, SE_ON] = 0.0
    hh_node, hh = mp[8], mp[9]
    out = np.empty(6)
    for j in range(hh_node.shape[0]):
        r = _hh_rates(v[hh_node[j]], q10, usetable, tab, out)
        _set_rates(hh, j, r)
        hh[j, M], hh[j, H], hh[j, N] = r[0], r[1], r[2]


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

    Returns the sum of dv, which is not finite once any voltage has become NaN or inf.
    """
    if secondorder == 2:
        for j in range(na.shape[0]):
            na[j, ION_I] += na[j, ION_DIDV] * rhs[na_node[j]]
        for j in range(k.shape[0]):
            k[j, ION_I] += k[j, ION_DIDV] * rhs[k_node[j]]
    check = 0.0
    if secondorder != 0:
        for i in range(nn):
            v[i] += 2.0 * rhs[i]
            check += rhs[i]
    else:
        for i in range(nn):
            v[i] += rhs[i]
            check += rhs[i]
    return check


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def record_sample(pool, ri, rbuf, rn):
    """Step 11: one sample of every continuous recording."""
    c = rn[0]
    for r in range(ri.shape[0]):
        rbuf[r, c] = pool[ri[r]]
    rn[0] = c + 1


@njit(cache=True, nogil=True, error_model="numpy")
def run_steps(pool, tree, mp, ctl, rec, drec):
    """Advance while t < ts, ``group`` fadvances at a time; returns (status, steps).

    ctl = (ts, group, max_steps, dt, cj, secondorder, q10, usetable, tab)
    rec = (indices, buffer, count[1]); drec = discrete recorders (see _deliver_records).
    """
    parent, a, b, cm, area, ncell, v, rhs, d = tree
    ts, group, max_steps, dt, cj, secondorder, q10, usetable, tab = ctl
    ri, rbuf, rn = rec
    di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, margin = drec
    na_node, na, k_node, k = mp[2], mp[3], mp[4], mp[5]
    cfac = 0.001 * cj
    nn = v.shape[0]
    steps = 0
    while pool[0] < ts:
        if steps + group > max_steps and steps > 0:
            return CHUNK, steps
        if rn[0] + group > rbuf.shape[1]:
            return FLUSH, steps
        for r in range(di.shape[0]):
            if dn[r] + margin * group > dbuf.shape[1]:
                return FLUSH, steps
        for _ in range(group):
            t0 = pool[0]
            _deliver_records(
                pool, t0 + dt / 2.0, di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, t0
            )
            pool[0] += 0.5 * dt
            setup_matrix(pool[0], v, rhs, d, parent, a, b, cm, area, ncell, cfac, mp)
            solve_scheduled(rhs, d, parent, a, b, ncell, mp[16])
            check = advance_v(v, rhs, nn, secondorder, na, na_node, k, k_node)
            pool[0] += 0.5 * dt
            states(v, dt, q10, usetable, tab, mp)
            record_sample(pool, ri, rbuf, rn)
            _deliver_records(pool, pool[0], di, dnext, dstep, dtimes, dpos, dend, dbuf, dn, t0)
            steps += 1
            if not math.isfinite(check):
                return NONFINITE, steps
    return DONE, steps
