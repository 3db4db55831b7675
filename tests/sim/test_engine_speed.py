"""The speed paths of the compiled step give exactly the bits of the plain algorithm.

The interleaved tree solve (``_model.solve_schedule`` + ``_kernels.solve_scheduled``)
must equal numerics §2.4's single descending/ascending loop bit for bit on any tree:
equal and unequal section lengths, siblings, mid-section and 1-end connections,
several roots.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from sim import h


def _random_model(seed: int) -> list:
    rng = random.Random(seed)
    secs = []
    for i in range(rng.randint(1, 40)):
        sec = h.Section(name=f"s{i}")
        sec.nseg = rng.choice((1, 3, 3, 3, 5))
        sec.L, sec.diam = rng.uniform(20, 200), rng.uniform(0.5, 3)
        sec.insert("hh")
        if secs and rng.random() < 0.9:
            parent = rng.choice(secs)
            x = rng.choice((1.0, 1.0, 0.0, 0.5, 0.3))
            sec.connect(parent(x), rng.choice((0.0, 0.0, 0.0, 1.0)))
        secs.append(sec)
    return secs


@pytest.mark.parametrize("seed", range(25))
def test_scheduled_solve_equals_the_plain_hines_loop(seed: int) -> None:
    from sim.engine import _kernels as k
    from sim.engine._run import compiled

    secs = _random_model(seed)
    h.finitialize(-65)
    h.fadvance()  # the matrix of a step with nonzero currents
    comp = compiled()
    parent, a, b, cm, area, ncell, v, rhs, d = comp.tree()
    rng = np.random.default_rng(seed)
    v[:] = rng.uniform(-80, 40, v.shape[0])
    k.setup_matrix(0.1, v, rhs, d, parent, a, b, cm, area, ncell, 0.04, comp.mp())
    rhs2, d2 = rhs.copy(), d.copy()
    k.solve(rhs, d, parent, a, b, ncell)
    k.solve_scheduled(rhs2, d2, parent, a, b, ncell, comp.mp()[-1])
    assert np.array_equal(rhs, rhs2) and np.array_equal(d, d2)
    assert len(secs) >= 1


def test_equal_sibling_sections_are_interleaved() -> None:
    """A binary tree of equal sections gets multi-section rows (else no speed-up)."""
    from sim.engine._run import compiled

    secs = [h.Section(name=f"b{i}") for i in range(15)]
    for i, sec in enumerate(secs):
        sec.nseg = 11
        if i:
            sec.connect(secs[(i - 1) // 2](1))
    h.finitialize(-65)
    sched = compiled().mp()[-1]
    assert sched[:, 1].max() > 1
    assert int((sched[:, 1] * sched[:, 2]).sum()) == 15 * 12
