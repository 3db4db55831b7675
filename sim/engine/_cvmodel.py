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

Everything here is compiled (numba, nogil, cache=True), allocation free, and inlined
into its caller: a numba call passing the model's tuples of arrays costs more than a
small model's whole evaluation.  The variable-step kernels (_cvmodel, _cvbdf, _cvloop)
are compiled without numba's reference counting (``_nrt=False``): they never allocate,
and the counting (an atomic increment and decrement each time an array is taken out of
the model tuple) was three quarters of a one-compartment model's run.

:func:`cv_currents` is the fixed step's ``setup_matrix`` at cfac = 0, written with the
same inlined mechanism helpers for that reason (tests/sim/test_cvode_engine.py checks
that the two agree for every mechanism).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from sim.engine import _libm  # noqa: F401 - binds libm's exp before anything compiles
from sim.engine._hh import H, M, N, _hh_cur_one, _hh_rates
from sim.engine._kernels import solve_scheduled
from sim.engine._synkernels import (
    alpha_currents,
    exp2syn_currents,
    expsyn_currents,
    play_continuous,
    seclamp_currents,
)

__all__ = [
    "build_alg_data",
    "cv_currents",
    "cv_f",
    "cv_gather",
    "cv_load",
    "cv_solve",
    "f_inline",
    "flat_model",
    "state_size",
]

MTAU = 10  # hh's mtau column (htau, ntau follow)
# The model is one flat tuple (a numba tuple inside a tuple costs a reference count per
# array each time it is taken out, which was most of a small model's step):
PARENT, A, B, CM, AREA, NCELL, V, RHS, DD = range(9)
PAS_NODE, PAS, NA, K, IC_NODE, IC, HH_NODE, HH, HH_NA, HH_K, SCHED = range(9, 20)
AL_NODE, AL, EX_NODE, EX, E2_NODE, E2, SE_NODE, SE, AP_NODE, AP = range(20, 30)
CAP, ALG, ALG_PTR, ALG_NB, ALG_W = range(30, 35)
Q10, USETABLE, TAB, POOL, PLAY, OUT6, RW, DW = range(35, 43)


def flat_model(comp: object, sp: tuple, alg: tuple, ctl: tuple, play: tuple) -> tuple:
    """The flat model tuple (indices above) for the compiled integrator."""
    mp = comp.mp()
    n = comp.v.shape[0]
    return (
        *comp.tree(),
        *(mp[i] for i in (0, 1, 3, 5, 6, 7, 8, 9, 10, 11, 16)),
        *sp[:10],
        *alg,
        ctl[6],
        ctl[7],
        ctl[8],
        comp.pool,
        play,
        np.zeros(6),
        np.zeros(n),
        np.zeros(n),
    )


def node_neighbours(comp: object) -> list[list[tuple[int, float]]]:
    """Each node's tree neighbours with the matrix weight (b for its parent, a for a child)."""
    n = comp.cm.shape[0]
    nbrs: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i in range(comp.ncell, n):
        p = int(comp.parent[i])
        nbrs[i].append((p, float(comp.b[i])))
        nbrs[p].append((i, float(comp.a[i])))
    return nbrs


def build_alg_data(comp: object, nbrs: list[list[tuple[int, float]]] | None = None) -> tuple:
    """(cap, alg, alg_ptr, alg_nb, alg_w): capacitive nodes and the algebraic nodes' weights."""
    cm = comp.cm
    cap = np.flatnonzero(cm > 0)
    alg = np.flatnonzero(cm <= 0)
    if nbrs is None:
        nbrs = node_neighbours(comp)
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


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def load_state(y, v, cap, hh, ex, e2, alg, alg_ptr, alg_nb, alg_w):
    """Put y into the arrays (v of the capacitive nodes, hh's m h n, ExpSyn g, Exp2Syn A B);
    the algebraic (zero-capacitance) nodes' v balances their axial currents."""
    ncap = cap.shape[0]
    for k in range(ncap):
        v[cap[k]] = y[k]
    off = ncap
    for j in range(hh.shape[0]):
        hh[j, M] = y[off]
        hh[j, H] = y[off + 1]
        hh[j, N] = y[off + 2]
        off += 3
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


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def cv_load(y, model):
    """:func:`load_state` from the flat model tuple."""
    load_state(
        y, model[V], model[CAP], model[HH], model[EX], model[E2],
        model[ALG], model[ALG_PTR], model[ALG_NB], model[ALG_W],
    )  # fmt: skip


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def cv_gather(y, model):
    """y from the model's arrays (the inverse of :func:`cv_load`)."""
    cap, v, hh, ex, e2 = model[CAP], model[V], model[HH], model[EX], model[E2]
    ncap = cap.shape[0]
    for k in range(ncap):
        y[k] = v[cap[k]]
    off = ncap
    for j in range(hh.shape[0]):
        y[off] = hh[j, M]
        y[off + 1] = hh[j, H]
        y[off + 2] = hh[j, N]
        off += 3
    for j in range(ex.shape[0]):
        y[off] = ex[j, 3]
        off += 1
    for j in range(e2.shape[0]):
        y[off] = e2[j, 6]
        y[off + 1] = e2[j, 7]
        off += 2


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _mech_currents(t, v, rhs, d, area, model):
    pas_node, pas, na, k = model[PAS_NODE], model[PAS], model[NA], model[K]
    for j in range(pas_node.shape[0]):
        ni = pas_node[j]
        vv = v[ni]
        g = 0.0 + pas[j, 0] * ((vv + 0.001) - pas[j, 1])
        cur = 0.0 + pas[j, 0] * (vv - pas[j, 1])
        pas[j, 2] = cur
        rhs[ni] -= cur
        d[ni] += (g - cur) / 0.001
    for j in range(na.shape[0]):
        na[j, 3] = 0.0
        na[j, 4] = 0.0
    for j in range(k.shape[0]):
        k[j, 3] = 0.0
        k[j, 4] = 0.0
    ic_node, ic = model[IC_NODE], model[IC]
    for j in range(ic_node.shape[0]):  # IClamp: del, dur, amp, i
        ni = ic_node[j]
        cur = ic[j, 2] if (t < ic[j, 0] + ic[j, 1] and t >= ic[j, 0]) else 0.0
        ic[j, 3] = cur
        rhs[ni] += cur * (1.0e2 / area[ni])
    if model[AL_NODE].shape[0]:
        alpha_currents(t, v, rhs, d, area, model[AL_NODE], model[AL])
    if model[EX_NODE].shape[0]:
        expsyn_currents(v, rhs, d, area, model[EX_NODE], model[EX])
    if model[E2_NODE].shape[0]:
        exp2syn_currents(v, rhs, d, area, model[E2_NODE], model[E2])
    if model[SE_NODE].shape[0]:
        seclamp_currents(t, v, rhs, d, area, model[SE_NODE], model[SE])
    hh_node, hh, hh_na, hh_k = model[HH_NODE], model[HH], model[HH_NA], model[HH_K]
    for j in range(hh_node.shape[0]):
        _hh_cur_one(v, rhs, d, hh_node, hh, hh_na, hh_k, na, k, j)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def cv_currents(t, model):
    """rhs and d from the membrane currents at (t, v) and the axial terms (no capacitance)."""
    v, rhs, d, area = model[V], model[RHS], model[DD], model[AREA]
    nn = v.shape[0]
    for i in range(nn):
        rhs[i] = 0.0
        d[i] = 0.0
    _mech_currents(t, v, rhs, d, area, model)
    parent, a, b = model[PARENT], model[A], model[B]
    for i in range(model[NCELL], nn):
        p = parent[i]
        dv = v[p] - v[i]
        rhs[i] -= b[i] * dv
        rhs[p] += a[i] * dv
        d[i] -= b[i]
        d[p] -= a[i]


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def cv_f(t, y, ydot, model):
    """ydot = f(t, y); the model's arrays are left holding y and the assigned values at t.

    Returns False when some derivative is NaN or infinite.  (:func:`f_inline` is the same
    inlined into the caller, for Newton's iteration: passing the model to a call costs
    more than a small model's evaluation.)
    """
    return f_inline(t, y, ydot, model)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def f_inline(t, y, ydot, model):
    """:func:`cv_f`, inlined."""
    cv_load(y, model)
    play = model[PLAY]
    if play[0].shape[0]:
        play_continuous(t, model[POOL], play)
    cv_currents(t, model)
    cap, cm, rhs, v = model[CAP], model[CM], model[RHS], model[V]
    ncap = cap.shape[0]
    check = 0.0
    for k in range(ncap):
        i = cap[k]
        ydot[k] = rhs[i] / (0.001 * cm[i])
        check += ydot[k]
    hh_node, hh = model[HH_NODE], model[HH]
    q10, usetable, tab, out6 = model[Q10], model[USETABLE], model[TAB], model[OUT6]
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
    ex, e2 = model[EX], model[E2]
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


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def cv_solve(r, c, model):
    """Solve (I - c J) x = r in place with NEURON's Jacobian at the last evaluation of f.

    v rows: scaled by 0.001 cm/c they are the tree matrix plus (0.001/c) cm on the
    diagonal, eliminated along the tree; algebraic nodes take part with a zero right
    side.  States: x = r/(1 + c/tau).
    """
    d, rw, dw, cap, cm = model[DD], model[RW], model[DW], model[CAP], model[CM]
    nn = d.shape[0]
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
    solve_scheduled(rw, dw, model[PARENT], model[A], model[B], model[NCELL], model[SCHED])
    for k in range(ncap):
        r[k] = rw[cap[k]]
    hh, ex, e2 = model[HH], model[EX], model[E2]
    off = ncap
    for j in range(hh.shape[0]):  # x = r/(1 + c/tau) = r tau/(tau + c): one division
        tau = hh[j, MTAU]
        r[off] *= tau / (tau + c)
        tau = hh[j, MTAU + 1]
        r[off + 1] *= tau / (tau + c)
        tau = hh[j, MTAU + 2]
        r[off + 2] *= tau / (tau + c)
        off += 3
    for j in range(ex.shape[0]):
        r[off] *= ex[j, 0] / (ex[j, 0] + c)
        off += 1
    for j in range(e2.shape[0]):
        r[off] *= e2[j, 0] / (e2[j, 0] + c)
        r[off + 1] *= e2[j, 1] / (e2[j, 1] + c)
        off += 2
