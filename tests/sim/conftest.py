"""Every sim test starts from an empty model: no sections, t = 0, default globals."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_model():
    import gc

    from sim import engine, h, vector
    from sim.mechanisms._point import reset_counts
    from sim.section import delete_all_sections

    delete_all_sections()
    engine.reset()
    gc.collect()
    vector.reset_count()
    reset_counts()
    h.dt = 0.025
    h.celsius = 6.3
    h.secondorder = 0
    h.usetable_hh = 1
    yield
    delete_all_sections()
    engine.reset()
