"""Compiled variable-order, variable-step BDF (orders 1-5) for the model's y' = f(t, y).

The method is the quasi-constant-step BDF in backward-difference form (Shampine and
Reichelt's ode15s / scipy's ``BDF`` with kappa = 0, i.e. plain BDF as CVODE uses): the
array D holds the backward differences of the interpolating polynomial; a step size
change re-expresses them for the new step (``change_d``); the local error is
error_const[q] times the Newton correction, in CVODE's weighted RMS norm with weights
atol + rtol |y|; after q + 1 equal steps the order moves by at most one to the one
allowing the largest next step.  Newton's iteration uses NEURON's approximate Jacobian
(:func:`sim.engine._cvmodel.cv_solve`, freshly evaluated at every iterate) with
CVODE's convergence test (rate estimate kept between steps, at most 4 iterations).

Integrator scalars live in one float array ``S`` (indices below), the differences in
``D`` (MAX_ORDER + 3 rows of len(y)); ``w`` is a tuple of work arrays.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from sim.engine._cvmodel import cv_f, cv_solve, f_inline

__all__ = ["S_LEN", "bdf_interp", "bdf_start", "bdf_step", "new_state"]

MAX_ORDER = 5
NEWTON_MAXITER = 4
MIN_FACTOR = 0.2
MAX_FACTOR = 10.0
# S indices: time reached, next step size, order, equal steps, last step size,
# Newton rate estimate, last failure was NaN/inf, Newton's f evaluations (a statistic)
TN, HABS, ORDER, NEQ, HLAST, CRATE, FAILNAN, NFEV = range(8)
S_LEN = 8
OK, TOO_SMALL = 0, 1

_GAMMA = np.zeros(MAX_ORDER + 2)
for _k in range(1, MAX_ORDER + 2):
    _GAMMA[_k] = _GAMMA[_k - 1] + 1.0 / _k
_ALPHA = _GAMMA.copy()  # (1 - kappa) gamma with kappa = 0
_ERROR_CONST = np.array([1.0 / (k + 1) for k in range(MAX_ORDER + 2)])


def new_state(ny: int) -> tuple:
    """(S, D, w) for a state of length ny."""
    S = np.zeros(S_LEN)
    D = np.zeros((MAX_ORDER + 3, max(ny, 1)))
    w = tuple(np.zeros(max(ny, 1)) for _ in range(7))
    scr = np.zeros((4, MAX_ORDER + 1, MAX_ORDER + 1))
    return S, D, (*w, scr)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _rms(x, scale, n):
    s = 0.0
    for i in range(n):
        q = x[i] / scale[i]
        s += q * q
    return math.sqrt(s / n) if n else 0.0


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _compute_r(order, factor, m):
    for i in range(order + 1):
        for j in range(order + 1):
            m[i, j] = 0.0
    for j in range(order + 1):
        m[0, j] = 1.0
    for i in range(1, order + 1):
        for j in range(1, order + 1):
            m[i, j] = (i - 1 - factor * j) / i
    for i in range(1, order + 1):  # cumulative product down the columns
        for j in range(order + 1):
            m[i, j] *= m[i - 1, j]


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def change_d(D, order, factor, ny, scr):
    """Re-express the differences for a step size multiplied by ``factor``.

    ``scr`` is (4, MAX_ORDER + 1, MAX_ORDER + 1) scratch: no allocation per call.
    """
    r, u, ru, tmp = scr[0], scr[1], scr[2], scr[3][0]
    _compute_r(order, factor, r)
    _compute_r(order, 1.0, u)
    for i in range(order + 1):
        for k in range(order + 1):
            s = 0.0
            for m in range(order + 1):
                s += r[i, m] * u[m, k]
            ru[i, k] = s
    for j in range(ny):
        for k in range(order + 1):
            s = 0.0
            for m in range(order + 1):
                s += ru[m, k] * D[m, j]
            tmp[k] = s
        for k in range(order + 1):
            D[k, j] = tmp[k]


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def bdf_interp(S, D, t, out, ny):
    """The interpolating polynomial of the last step at t (within that step)."""
    order = int(S[ORDER])
    h = S[HABS]
    tn = S[TN]
    for j in range(ny):
        out[j] = D[0, j]
    p = 1.0
    for k in range(order):
        p *= (t - (tn - h * k)) / (h * (1 + k))
        for j in range(ny):
            out[j] += D[k + 1, j] * p


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def bdf_start(S, D, t, y, interval, atol, rtol, model, w):
    """(Re)start at (t, y): order 1, the first step from Hairer-Norsett-Wanner's estimate."""
    f0, f1, y1, scale = w[0], w[1], w[2], w[3]
    ny = y.shape[0]
    cv_f(t, y, f0, model)
    for i in range(ny):
        scale[i] = atol + rtol * abs(y[i])
    d0 = _rms(y, scale, ny)
    d1 = _rms(f0, scale, ny)
    h0 = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    h0 = min(h0, interval)
    for i in range(ny):
        y1[i] = y[i] + h0 * f0[i]
    cv_f(t + h0, y1, f1, model)
    for i in range(ny):
        y1[i] = f1[i] - f0[i]
    d2 = _rms(y1, scale, ny) / h0
    if d1 <= 1e-15 and d2 <= 1e-15:
        h1 = max(1e-6, h0 * 1e-3)
    else:
        h1 = (0.01 / max(d1, d2)) ** 0.5
    h = min(100.0 * h0, h1, interval)
    if not (h > 0.0 and math.isfinite(h)):  # f is NaN or infinite: the first step fails
        h = min(1e-6, interval)
    D[:, :] = 0.0
    for i in range(ny):
        D[0, i] = y[i]
        D[1, i] = h * f0[i]
    S[TN] = t
    S[HABS] = h
    S[ORDER] = 1.0
    S[NEQ] = 0.0
    S[CRATE] = 1.0
    S[FAILNAN] = 0.0
    cv_f(t, y, f0, model)  # leave the model's arrays at (t, y)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _newton(t_new, c, tol, S, model, w, ny):
    """Newton's iteration from the prediction w[0]; y in w[1], correction in w[2].

    Returns the number of iterations, or -1 (diverged) / -2 (f not finite).
    """
    ypred, y, d, psi, scale, f, dy = w[0], w[1], w[2], w[3], w[4], w[5], w[6]
    for i in range(ny):
        y[i] = ypred[i]
        d[i] = 0.0
    old = 0.0
    crate = S[CRATE]
    for k in range(NEWTON_MAXITER):
        S[NFEV] += 1.0
        if not f_inline(t_new, y, f, model):
            return -2
        for i in range(ny):
            dy[i] = c * f[i] - psi[i] - d[i]
        cv_solve(dy, c, model)
        dn = _rms(dy, scale, ny)
        if k > 0:
            crate = max(0.3 * crate, dn / old)
            if dn > 2.0 * old:
                S[CRATE] = crate
                return -1
        for i in range(ny):
            y[i] += dy[i]
            d[i] += dy[i]
        if dn * min(1.0, crate) <= tol:
            S[CRATE] = crate
            return k + 1
        old = dn
    S[CRATE] = crate
    return -1


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _predict(D, order, atol, rtol, ypred, psi, scale, ny):
    for i in range(ny):
        s = 0.0
        p = 0.0
        for k in range(order + 1):
            s += D[k, i]
        for k in range(1, order + 1):
            p += _GAMMA[k] * D[k, i]
        ypred[i] = s
        psi[i] = p / _ALPHA[order]
        scale[i] = atol + rtol * abs(s)


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def bdf_step(S, D, t_bound, atol, rtol, tol, model, w):
    """One accepted step, ending at most at t_bound; returns OK or TOO_SMALL."""
    ypred, y, d, psi, scale, dy, scr = w[0], w[1], w[2], w[3], w[4], w[6], w[7]
    ny = ypred.shape[0]
    t = S[TN]
    order = int(S[ORDER])
    h_abs = S[HABS]
    min_step = 10.0 * abs(np.nextafter(t, np.inf) - t)
    if h_abs < min_step:
        change_d(D, order, min_step / h_abs, ny, scr)
        h_abs = min_step
        S[NEQ] = 0.0
    while True:
        if not h_abs >= min_step:  # (NaN-safe)
            return TOO_SMALL
        t_new = t + h_abs
        if t_new > t_bound:
            t_new = t_bound
            change_d(D, order, (t_new - t) / h_abs, ny, scr)
            S[NEQ] = 0.0
        h = t_new - t
        h_abs = h
        _predict(D, order, atol, rtol, ypred, psi, scale, ny)
        c = h / _ALPHA[order]
        n_iter = _newton(t_new, c, tol, S, model, w, ny)
        if n_iter < 0:
            S[FAILNAN] = 1.0 if n_iter == -2 else 0.0
            h_abs *= 0.5
            change_d(D, order, 0.5, ny, scr)
            S[NEQ] = 0.0
            S[CRATE] = 1.0
            continue
        safety = 0.9 * (2 * NEWTON_MAXITER + 1) / (2 * NEWTON_MAXITER + n_iter)
        for i in range(ny):
            scale[i] = atol + rtol * abs(y[i])
            dy[i] = _ERROR_CONST[order] * d[i]
        error_norm = _rms(dy, scale, ny)
        if error_norm > 1.0:
            factor = max(MIN_FACTOR, safety * error_norm ** (-1.0 / (order + 1)))
            h_abs *= factor
            change_d(D, order, factor, ny, scr)
            S[NEQ] = 0.0
            continue
        break
    S[NEQ] += 1.0
    S[TN] = t_new
    S[HLAST] = h
    S[FAILNAN] = 0.0
    for i in range(ny):
        D[order + 2, i] = d[i] - D[order + 1, i]
        D[order + 1, i] = d[i]
    for k in range(order, -1, -1):
        for i in range(ny):
            D[k, i] += D[k + 1, i]
    if S[NEQ] < order + 1:
        S[HABS] = h_abs
        return OK
    _next_order(S, D, order, h_abs, error_norm, safety, scale, dy, ny, scr)
    return OK


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def _next_order(S, D, order, h_abs, error_norm, safety, scale, tmp, ny, scr):
    """After order + 1 equal steps: the order (q - 1, q, q + 1) allowing the largest step."""
    em = math.inf
    ep = math.inf
    if order > 1:
        for i in range(ny):
            tmp[i] = _ERROR_CONST[order - 1] * D[order, i]
        em = _rms(tmp, scale, ny)
    if order < MAX_ORDER:
        for i in range(ny):
            tmp[i] = _ERROR_CONST[order + 1] * D[order + 2, i]
        ep = _rms(tmp, scale, ny)
    best = -1.0
    delta = 0
    for k, e in enumerate((em, error_norm, ep)):
        fac = math.inf if e == 0.0 else e ** (-1.0 / (order + k))
        if fac > best:
            best = fac
            delta = k - 1
    order += delta
    factor = min(MAX_FACTOR, safety * best)
    S[ORDER] = float(order)
    S[HABS] = h_abs * factor
    change_d(D, order, factor, ny, scr)
    S[NEQ] = 0.0
