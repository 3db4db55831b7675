"""exp over a block of numbers, vectorised, with the C library's bits.

hh's cnexp update calls ``exp`` three times per segment and step; one libm call at a
time that is a quarter of a whole step.  NEURON calls the C library's ``exp``, so to
keep NEURON's bits a faster exp must return exactly what that ``exp`` returns.

glibc (2.28 and later) computes exp with a published table-driven algorithm (Szabolcs
Nagy's, from ARM's optimized-routines): with N = 128, k = round(x*N/ln2),
r = x - k*ln2/N, exp(x) = 2^(k/N) * (1 + tail_k + r + C2 r^2 + ... + C5 r^5),
2^(k/N) and tail_k from a 128-entry table.  On x86-64 CPUs with FMA the library runs
the build that fuses its multiply-adds; :func:`exp_block` performs the same
operations with the same fusions on a whole block, which the compiler vectorises.

The table is computed here from its definition (2^(k/N) rounded to double, and the
rounding error relative to it); the five polynomial constants and ln2/N split in two
are the library's published coefficients.  Whether this reproduces the library on
*this* machine (another libc, a CPU without FMA, another glibc build) is checked at
run time by :func:`matches_libm` against the library itself; where it does not, the
callers keep calling the library one number at a time.  Arguments outside the fast
path's range (|x| < 2^-54, |x| >= 512, inf, NaN) always go to the library.
"""

from __future__ import annotations

import math
import struct
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic

from sim.engine import _libm  # noqa: F401 - math.exp is libm's exp@@GLIBC_2.29

__all__ = ["exp_block", "matches_libm"]


@intrinsic
def _fma(typingctx, a, b, c):
    """a*b + c rounded once (the CPU's fused multiply-add)."""
    sig = types.float64(types.float64, types.float64, types.float64)

    def codegen(context, builder, signature, args):
        d = ir.DoubleType()
        fn = builder.module.declare_intrinsic("llvm.fma", [d], ir.FunctionType(d, [d, d, d]))
        return builder.call(fn, args)

    return sig, codegen


@intrinsic
def _bits(typingctx, x):
    """The IEEE bits of a double, as an int64."""
    sig = types.int64(types.float64)

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))

    return sig, codegen


@intrinsic
def _double(typingctx, n):
    """The double whose IEEE bits are the int64 n."""
    sig = types.float64(types.int64)

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return sig, codegen


def _f(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def _table() -> tuple[np.ndarray, np.ndarray]:
    """(tail, sbits): 2^(k/128) ~= H_k (1 + tail_k); sbits_k = bits(H_k) - k*2^45."""
    tail = np.empty(128)
    sbits = np.empty(128, dtype=np.int64)
    with localcontext() as ctx:
        ctx.prec = 60
        ln2 = Decimal(2).ln()
        for k in range(128):
            exact = Fraction((Decimal(k) / 128 * ln2).exp())
            hi = float(exact)  # correctly rounded
            tail[k] = float((exact - Fraction(hi)) / Fraction(hi))
            sbits[k] = struct.unpack("<q", struct.pack("<d", hi))[0] - (k << 45)
    return tail, sbits


_TAIL, _SBITS = _table()
_INV_LN2_N = _f(0x40671547652B82FE)  # 128/ln2
_NEG_LN2_HI_N = _f(0xBF762E42FEFA0000)  # -ln2/128, high part
_NEG_LN2_LO_N = _f(0xBD0CF79ABC9E3B3A)  # -ln2/128, low part
_SHIFT = _f(0x4338000000000000)  # 1.5 * 2^52: adding it rounds to an integer
_C2 = _f(0x3FDFFFFFFFFFFDBD)
_C3 = _f(0x3FC555555555543C)
_C4 = _f(0x3FA55555CF172B91)
_C5 = _f(0x3F81111167A4D017)
_TOP_TINY = 0x3C9  # top 12 bits of 2^-54: below it exp(x) = 1 + x
_TOP_RANGE = 0x3F  # ... up to those of 512


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _outside(x):
    """x is not on the fast path (|x| < 2^-54, |x| >= 512, inf or NaN)."""
    top = (_bits(x) >> 52) & 0x7FF
    return top < _TOP_TINY or top - _TOP_TINY >= _TOP_RANGE


@njit(cache=True, nogil=True, error_model="numpy")
def exp_block(x, out, m):
    """out[i] = exp(x[i]) for i < m, the bits of the library's FMA build of exp."""
    for i in range(m):
        xi = x[i]
        kd = _fma(xi, _INV_LN2_N, _SHIFT)
        ki = _bits(kd)
        kd = kd - _SHIFT
        r = _fma(kd, _NEG_LN2_HI_N, xi)
        r = _fma(kd, _NEG_LN2_LO_N, r)
        k = ki & 127
        scale = _double(_SBITS[k] + (ki << 45))
        r2 = r * r
        tmp = _fma(_fma(r, _C3, _C2), r2, r + _TAIL[k])
        tmp = _fma(r2 * r2, _fma(r, _C5, _C4), tmp)
        out[i] = _fma(scale, tmp, scale)
    odd = False
    for i in range(m):
        odd |= _outside(x[i])
    if odd:
        for i in range(m):
            if _outside(x[i]):
                out[i] = math.exp(x[i])


@njit(cache=True, nogil=True, error_model="numpy")
def _check(x):
    out = np.empty_like(x)
    exp_block(x, out, x.shape[0])
    for i in range(x.shape[0]):
        lib = math.exp(x[i])
        if _bits(out[i]) != _bits(lib) and not (lib != lib and out[i] != out[i]):
            return False
    return True


def _check_arguments() -> np.ndarray:
    """Arguments hh meets (dt/tau in (-2, 0)) and the whole range, deterministic."""
    rng = np.random.default_rng(20261126)
    return np.concatenate(
        [
            rng.uniform(-2.0, 0.0, 4000),
            -np.exp(rng.uniform(-40.0, 2.0, 4000)),
            rng.uniform(-745.0, 710.0, 4000),
            np.array([0.0, -0.0, 1e-300, -1e-17, 2.0**-54, 709.7, -708.4, np.inf, -np.inf, np.nan]),
        ]
    )


_matches: bool | None = None


def matches_libm() -> bool:
    """Whether :func:`exp_block` returns the C library's bits here (checked once)."""
    global _matches
    if _matches is None:
        _matches = bool(_check(_check_arguments()))
    return _matches
