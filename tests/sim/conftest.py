"""Every sim test starts from an empty model: no sections, t = 0, default globals.

The sim tests are headless by design: if an earlier test in the same process loaded the
Qt GUI into ``h``, the headless stand-ins and the plain run driver are put in for each
sim test.  Afterwards tests/conftest.py's ``sim.snapshot()`` puts ``h`` back as it was
(the GUI, its hooks, the sections that were there).
"""

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


@pytest.fixture(autouse=True)
def _headless_h():
    from sim import _gui_stubs, h, stdrun

    if h._gui_loaded:
        for n in (*_gui_stubs.GUI_FUNCTIONS, *_gui_stubs.GUI_CLASSES):
            h._symbols.pop(n, None)
        _gui_stubs.install_stubs(h)
        object.__setattr__(h, "_gui_loaded", False)
        stdrun.set_run_driver(None)
