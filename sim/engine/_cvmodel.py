"""The variable-step view of the compiled model: y, f(t, y) and the Newton solve (numerics §7).

State y = v of every node with capacitance (in node order), then hh's m, h, n per
instance, ExpSyn's g, Exp2Syn's A and B.  Nodes without capacitance (roots and the
x = 1 end of every section) are algebraic: before each evaluation their v is set so
that their axial currents balance.

f(t, y) is the fixed step's current evaluation (:func:`setup_matrix_ext`) at the
actual t, dv/dt = rhs/(0.001 cm), the gates from hh's DERIVATIVE block (with its
tables).  The Newton matrix is NEURON's approximation of I - c J: the tree matrix
with the mechanisms' di/dv (the ``d`` that same evaluation leaves behind) solved by
Hines elimination for v, and diagonal 1 + c/tau for every gate and synapse state
(no v <-> state coupling), so no factorisation is ever stored.

Everything here is compiled (numba, nogil, cache=True) and allocation free.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from sim.engine import _libm  # noqa: F401 - binds libm's exp before anything compiles
from sim.engine._hh import H, M, N, _hh_rates
from sim.engine._kernels import solve_scheduled
from sim.engine._synkernels import play_continuous, setup_matrix_ext

__all__ = ["build_alg_data", "cv_f", "cv_gather", "cv_load", "cv_solve", "state_size"]

MTAU = 10  # hh's mtau column (htau, ntau follow)


def build_alg_data(comp: object) -> tuple:
    """(cap, alg, alg_ptr, alg_nb, alg_w): capacitive nodes and the algebraic nodes' weights."""
    cm = comp.cm
    n = cm.shape[0]
    cap = np.flatnonzero(cm > 0)
    alg = np.flatnonzero(cm <= 0)
    nbrs: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i in range(comp.ncell, n):
        p = int(comp.parent[i])
        nbrs[i].append((p, float(comp.b[i])))
        nbrs[p].append((i, float(comp.a[i])))
    ptr, nb, w = [0], [], []
    for i in alg:
        for j, wt in nbrs[i]:
            nb.append(j)
            w.append(wt)
        ptr.append(len(nb))
    return (
        cap.astype(np.int64),
        alg.astype(np.int64),
        np.array(ptr, dtype=np.int64),
        np.array(nb, dtype=np.int64),
        np.array(w, dtype=float),
    )


def state_size(comp: object, sp: tuple) -> int:
    """Length of y for this model."""
    ncap = int((comp.cm > 0).sum())
    return ncap + 3 * comp.mech_data["hh"].shape[0] + sp[3].shape[0] + 2 * sp[5].shape[0]


@njit(cache=True, nogil=True, error_model="numpy")
def cv_load(y, v, mp, sp, alg_data):
    """Put y into the model's arrays; the algebraic nodes' v balances their axial currents."""
    cap, alg, alg_ptr, alg_nb, alg_w = alg_data
    ncap = cap.shape[0]
    for k in range(ncap):
        v[cap[k]] = y[k]
    hh = mp[9]
    off = ncap
    for j in range(hh.shape[0]):
        hh[j, M] = y[off]
        hh[j, H] = y[off + 1]
        hh[j, N] = y[off + 2]
        off += 3
    ex, e2 = sp[3], sp[5]
    for j in range(ex.shape[0]):
        ex[j, 3] = y[off]
        off += 1
    for j in range(e2.shape[0]):
        e2[j, 6] = y[off]
        e2[j, 7] = y[off + 1]
        off += 2
    for r in range(alg.shape[0]):
        num = 0.0
        den = 0.0
        for q in range(alg_ptr[r], alg_ptr[r + 1]):
            num += alg_w[q] * v[alg_nb[q]]
            den += alg_w[q]
        if den != 0.0:
            v[alg[r]] = num / den


@njit(cache=True, nogil=True, error_model="numpy")
def cv_gather(y, v, mp, sp, alg_data):
    """y from the model's arrays (the inverse of :func:`cv_load`)."""
    cap = alg_data[0]
    ncap = cap.shape[0]
    for k in range(ncap):
        y[k] = v[cap[k]]
    hh = mp[9]
    off = ncap
    for j in range(hh.shape[0]):
        y[off] = hh[j, M]
        y[off + 1] = hh[j, H]
        y[off + 2] = hh[j, N]
        off += 3
    ex, e2 = sp[3], sp[5]
    for j in range(ex.shape[0]):
        y[off] = ex[j, 3]
        off += 1
    for j in range(e2.shape[0]):
        y[off] = e2[j, 6]
        y[off + 1] = e2[j, 7]
        off += 2


@njit(cache=True, nogil=True, error_model="numpy")
def cv_f(t, y, ydot, model):
    """ydot = f(t, y); the model's arrays are left holding y and the assigned values at t.

    Returns False when some derivative is NaN or infinite.
    """
    tree, mp, sp, alg_data = model[0], model[1], model[2], model[3]
    q10, usetable, tab = model[4], model[5], model[6]
    pool, play, out6 = model[7], model[8], model[9]
    parent, a, b, cm, area, ncell, v, rhs, d = tree
    cap = alg_data[0]
    cv_load(y, v, mp, sp, alg_data)
    play_continuous(t, pool, play)
    setup_matrix_ext(t, v, rhs, d, parent, a, b, cm, area, ncell, 0.0, mp, sp)
    ncap = cap.shape[0]
    check = 0.0
    for k in range(ncap):
        i = cap[k]
        ydot[k] = rhs[i] / (0.001 * cm[i])
        check += ydot[k]
    hh_node, hh = mp[8], mp[9]
    off = ncap
    for j in range(hh.shape[0]):
        r = _hh_rates(v[hh_node[j]], q10, usetable, tab, out6)
        hh[j, 7], hh[j, 8], hh[j, 9] = r[0], r[1], r[2]
        hh[j, 10], hh[j, 11], hh[j, 12] = r[3], r[4], r[5]
        ydot[off] = (r[0] - hh[j, M]) / r[3]
        ydot[off + 1] = (r[1] - hh[j, H]) / r[4]
        ydot[off + 2] = (r[2] - hh[j, N]) / r[5]
        check += ydot[off] + ydot[off + 1] + ydot[off + 2]
        off += 3
    ex, e2 = sp[3], sp[5]
    for j in range(ex.shape[0]):
        ydot[off] = -ex[j, 3] / ex[j, 0]
        check += ydot[off]
        off += 1
    for j in range(e2.shape[0]):
        ydot[off] = -e2[j, 6] / e2[j, 0]
        ydot[off + 1] = -e2[j, 7] / e2[j, 1]
        check += ydot[off] + ydot[off + 1]
        off += 2
    return math.isfinite(check)


@njit(cache=True, nogil=True, error_model="numpy")
def cv_solve(r, c, model, rw, dw):
    """Solve (I - c J) x = r in place with NEURON's Jacobian at the last evaluation of f.

    v rows: scaled by 0.001 cm/c they are the tree matrix plus (0.001/c) cm on the
    diagonal, eliminated along the tree; algebraic nodes take part with a zero right
    side.  States: x = r/(1 + c/tau).
    """
    tree, mp, sp, alg_data = model[0], model[1], model[2], model[3]
    parent, a, b, cm, _area, ncell, v, _rhs, d = tree
    cap = alg_data[0]
    nn = v.shape[0]
    for i in range(nn):
        dw[i] = d[i]
        rw[i] = 0.0
    cf = 0.001 / c
    ncap = cap.shape[0]
    for k in range(ncap):
        i = cap[k]
        s = cf * cm[i]
        dw[i] += s
        rw[i] = r[k] * s
    solve_scheduled(rw, dw, parent, a, b, ncell, mp[16])
    for k in range(ncap):
        r[k] = rw[cap[k]]
    hh = mp[9]
    off = ncap
    for j in range(hh.shape[0]):
        r[off] /= 1.0 + c / hh[j, MTAU]
        r[off + 1] /= 1.0 + c / hh[j, MTAU + 1]
        r[off + 2] /= 1.0 + c / hh[j, MTAU + 2]
        off += 3
    ex, e2 = sp[3], sp[5]
    for j in range(ex.shape[0]):
        r[off] /= 1.0 + c / ex[j, 0]
        off += 1
    for j in range(e2.shape[0]):
        r[off] /= 1.0 + c / e2[j, 0]
        r[off + 1] /= 1.0 + c / e2[j, 1]
        off += 2
