"""Compiled variable-order, variable-step BDF (orders 1-5) for the model's y' = f(t, y).

The method is the quasi-constant-step BDF in backward-difference form (Shampine and
Reichelt's ode15s / scipy's ``BDF`` with kappa = 0, i.e. plain BDF as CVODE uses): the
array D holds the backward differences of the interpolating polynomial; a step size
change re-expresses them for the new step (``change_d``); the local error is
error_const[q] times the Newton correction, in CVODE's weighted RMS norm with weights
atol + rtol |y|.  The step size and order follow CVODE's rules (:func:`_next_step`: a
ratio from the error with CVODE's biases, kept at 1 below 1.5; every q + 1 steps the
order may move by one; CVODE's bounds after error-test and Newton failures).  Newton's
iteration uses NEURON's approximate Jacobian (:func:`sim.engine._cvmodel.cv_solve`,
freshly evaluated at every iterate) with CVODE's convergence test (rate estimate kept
between steps, at most 4 iterations).

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
# CVODE's step-size rules: error biases (order q - 1, q, q + 1), the smallest ratio that
# changes the step, the largest growth after the first and later steps, the ratio bounds
# after error-test failures (and from the second one on), after a Newton failure
BIAS1, BIAS2, BIAS3, ADDON = 6.0, 6.0, 10.0, 1e-6
THRESH = 1.5
ETAMX1, ETAMX = 10000.0, 10.0
ETAMIN, ETAMXF, ETACF = 0.1, 0.2, 0.25
MXNEF1, SMALL_NEF = 3, 2
H0_ITERS = 4  # refinements of the first step's estimate
EPS = 2.220446049250313e-16
# S indices: time reached, next step size, order, steps before the next order decision,
# last step size, Newton rate estimate, last failure was NaN/inf, Newton's f evaluations
# (a statistic), largest step ratio at the end of this step
TN, HABS, ORDER, QWAIT, HLAST, CRATE, FAILNAN, NFEV, ETAMAX = range(9)
S_LEN = 9
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
    """(Re)start at (t, y): order 1, the first step from CVODE's estimate (cvHin)."""
    f0, f1, y1, scale = w[0], w[1], w[2], w[3]
    ny = y.shape[0]
    cv_f(t, y, f0, model)
    for i in range(ny):
        scale[i] = atol + rtol * abs(y[i])
    # bounds: 100 roundoffs of t, and 0.1 of the interval or what changes no
    # component by more than its size/10 + atol
    hlb = 100.0 * EPS * max(abs(t), abs(t + interval))
    hub_inv = 0.0
    for i in range(ny):
        hub_inv = max(hub_inv, abs(f0[i]) / (0.1 * abs(y[i]) + atol))
    hub = 0.1 * interval
    if hub * hub_inv > 1.0:
        hub = 1.0 / hub_inv
    hg = math.sqrt(hlb * hub)
    if hub < hlb:
        h = hg
    else:  # h from the second derivative's norm, a few refinements
        hnew = hg
        for count in range(1, H0_ITERS + 1):
            for i in range(ny):
                y1[i] = y[i] + hg * f0[i]
            cv_f(t + hg, y1, f1, model)
            for i in range(ny):
                y1[i] = (f1[i] - f0[i]) / hg
            ydd = _rms(y1, scale, ny)
            hnew = math.sqrt(2.0 / ydd) if ydd * hub * hub > 2.0 else math.sqrt(hg * hub)
            if count == H0_ITERS:
                break
            hrat = hnew / hg
            if 0.5 < hrat < 2.0:
                break
            if count > 1 and hrat > 2.0:
                hnew = hg
                break
            hg = hnew
        h = min(max(0.5 * hnew, hlb), hub)
    if not (h > 0.0 and math.isfinite(h)):  # f is NaN or infinite: the first step fails
        h = min(1e-6, interval)
    D[:, :] = 0.0
    for i in range(ny):
        D[0, i] = y[i]
        D[1, i] = h * f0[i]
    S[TN] = t
    S[HABS] = h
    S[ORDER] = 1.0
    S[QWAIT] = 2.0
    S[ETAMAX] = ETAMX1
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
def _rescale(D, order, factor, ny, scr):
    """A new step size (h times factor): the differences re-expressed, and the last
    correction (row order + 1, ~ h**(order + 1)) scaled as CVODE scales its saved one."""
    change_d(D, order, factor, ny, scr)
    s = factor ** (order + 1)
    for i in range(ny):
        D[order + 1, i] *= s


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False, inline="always")
def _eta(err, bias, k):
    """CVODE's step ratio for a weighted error norm err at an order with k = order + 1."""
    return 1.0 / ((bias * err) ** (1.0 / k) + ADDON)


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
        _rescale(D, order, min_step / h_abs, ny, scr)
        h_abs = min_step
    nef = 0
    while True:
        if not h_abs >= min_step:  # (NaN-safe)
            return TOO_SMALL
        t_new = t + h_abs
        if t_new > t_bound:
            t_new = t_bound
            _rescale(D, order, (t_new - t) / h_abs, ny, scr)
        h = t_new - t
        h_abs = h
        _predict(D, order, atol, rtol, ypred, psi, scale, ny)
        c = h / _ALPHA[order]
        n_iter = _newton(t_new, c, tol, S, model, w, ny)
        if n_iter < 0:  # Newton failed: a quarter of the step, no growth at its end
            S[FAILNAN] = 1.0 if n_iter == -2 else 0.0
            S[ETAMAX] = 1.0
            h_abs *= ETACF
            _rescale(D, order, ETACF, ny, scr)
            S[CRATE] = 1.0
            continue
        for i in range(ny):
            scale[i] = atol + rtol * abs(y[i])
            dy[i] = _ERROR_CONST[order] * d[i]
        error_norm = _rms(dy, scale, ny)
        if error_norm > 1.0:  # error test failed
            nef += 1
            S[ETAMAX] = 1.0
            if nef <= MXNEF1:
                eta = max(ETAMIN, _eta(error_norm, BIAS2, order + 1))
                if nef >= SMALL_NEF:
                    eta = min(eta, ETAMXF)
            else:
                eta = ETAMIN
                if order > 1:
                    order -= 1
                    S[ORDER] = float(order)
                    S[QWAIT] = order + 1.0
            h_abs *= eta
            _rescale(D, order, eta, ny, scr)
            continue
        break
    S[TN] = t_new
    S[HLAST] = h
    S[FAILNAN] = 0.0
    for i in range(ny):
        D[order + 2, i] = d[i] - D[order + 1, i]
        D[order + 1, i] = d[i]
    for k in range(order, -1, -1):
        for i in range(ny):
            D[k, i] += D[k + 1, i]
    S[HABS] = h_abs
    _next_step(S, D, order, h_abs, error_norm, scale, dy, ny, scr)
    return OK


@njit(cache=True, nogil=True, error_model="numpy", _nrt=False)
def _next_step(S, D, order, h_abs, error_norm, scale, tmp, ny, scr):
    """CVODE's choice of the next step size and order after an accepted step.

    No change after a failure in the step; else the ratio eta from the error at this
    order, and every q + 1 steps also at orders q - 1 and q + 1 (the largest wins, ties
    keep the order); a ratio below 1.5 keeps the step size; growth is at most 10000x
    after the first step, 10x after later ones.
    """
    qwait = S[QWAIT] - 1.0
    etamax = S[ETAMAX]
    S[ETAMAX] = ETAMX
    if etamax == 1.0:
        S[QWAIT] = max(qwait, 2.0)
        return
    eta = _eta(error_norm, BIAS2, order + 1)
    new_order = order
    if qwait != 0.0:
        S[QWAIT] = qwait
    else:
        S[QWAIT] = 2.0
        etaqm1 = 0.0
        etaqp1 = 0.0
        if order > 1:
            for i in range(ny):
                tmp[i] = _ERROR_CONST[order - 1] * D[order, i]
            etaqm1 = _eta(_rms(tmp, scale, ny), BIAS1, order)
        if order < MAX_ORDER:
            for i in range(ny):
                tmp[i] = _ERROR_CONST[order + 1] * D[order + 2, i]
            etaqp1 = _eta(_rms(tmp, scale, ny), BIAS3, order + 2)
        etam = max(etaqm1, eta, etaqp1)
        if etam >= THRESH and etam != eta:
            if etam == etaqm1:
                eta, new_order = etaqm1, order - 1
            else:
                eta, new_order = etaqp1, order + 1
    if eta < THRESH:
        return
    eta = min(eta, etamax)
    if new_order != order:
        S[ORDER] = float(new_order)
        S[QWAIT] = new_order + 1.0
    S[HABS] = h_abs * eta
    _rescale(D, new_order, eta, ny, scr)
