"""The vectorised exp behind hh's states loop returns the C library's exp, bit for bit.

NEURON's hh calls the C library's exp; the reference corpus (017, 306, 308: more than
16 hh segments, so the block path) checks whole traces against NEURON.  These tests
check the exp itself over far more arguments than a run meets, and that the engine
falls back to the library where the block exp would differ.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numba import njit

from sim.engine import _hh, _vexp


@njit
def _library_exp(x: np.ndarray) -> np.ndarray:
    """The C library's exp, one call per number (numba's math.exp, bound by sim.engine._libm)."""
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        out[i] = math.exp(x[i])
    return out


def _same_bits(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a.view(np.int64) == b.view(np.int64)) | (np.isnan(a) & np.isnan(b))


needs_match = pytest.mark.skipif(
    not _vexp.matches_libm(),
    reason="this C library's exp is not the algorithm exp_block reproduces",
)


@needs_match
@pytest.mark.parametrize(
    "make",
    [
        lambda rng: rng.uniform(-2.0, 0.0, 200_000),  # hh's dt*(-1/tau)
        lambda rng: rng.uniform(-745.5, 709.9, 200_000),  # the whole finite range
        lambda rng: np.sign(rng.uniform(-1, 1, 200_000)) * np.exp(rng.uniform(-60, 6.6, 200_000)),
    ],
    ids=["hh-arguments", "full-range", "log-spread"],
)
def test_block_exp_equals_library_exp(make) -> None:
    x = make(np.random.default_rng(7))
    out = np.empty_like(x)
    _vexp.exp_block(x, out, x.shape[0])
    same = _same_bits(out, _library_exp(x))
    assert same.all(), f"{(~same).sum()} differ, first at x = {x[~same][0]!r}"


def test_edge_arguments_follow_the_library() -> None:
    x = np.array(
        [
            0.0,
            -0.0,
            2.0**-54,
            -(2.0**-55),
            1e-300,
            511.99,
            512.0,
            709.78,
            709.79,
            -745.2,
            -745.1,
            -1000.0,
            np.inf,
            -np.inf,
            np.nan,
        ]
    )
    out = np.empty_like(x)
    _vexp.exp_block(x, out, x.shape[0])
    if _vexp.matches_libm():
        assert _same_bits(out, _library_exp(x)).all()
    assert out[-3] == np.inf and out[-2] == 0.0 and np.isnan(out[-1])


def test_only_the_first_m_entries_are_written() -> None:
    x = np.full(8, -0.5)
    out = np.full(8, 7.0)
    _vexp.exp_block(x, out, 5)
    assert out[5:].tolist() == [7.0, 7.0, 7.0]
    assert out[0] == pytest.approx(math.exp(-0.5), rel=1e-15)


def test_table_flag_says_whether_the_block_exp_is_used(monkeypatch) -> None:
    monkeypatch.setattr(_vexp, "_matches", False)
    assert _hh.hh_table(1.0)[_hh.BLOCK_EXP] == 0.0
    monkeypatch.setattr(_vexp, "_matches", True)
    assert _hh.hh_table(1.0)[_hh.BLOCK_EXP] == 1.0
