"""Every sim test starts from an empty model: no sections, t = 0, default globals."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_model():
    from sim import engine, h
    from sim.section import delete_all_sections

    delete_all_sections()
    engine.reset()
    h.dt = 0.025
    h.celsius = 6.3
    h.secondorder = 0
    h.usetable_hh = 1
    yield
    delete_all_sections()
    engine.reset()
