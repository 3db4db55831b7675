"""Every sim test starts from an empty model: no sections, t = 0, default globals.

The sim tests are headless by design: if an earlier test in the same process loaded the
Qt GUI into ``h``, the headless stand-ins and the plain run driver are put back for each
sim test (and the GUI restored afterwards).
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_model():
    import gc

    from sim import engine, h, vector
    from sim.engine._state import state
    from sim.mechanisms._point import reset_counts
    from sim.section import delete_all_sections

    # Hooks a loaded GUI registered once per process (graphs set up their recordings at
    # finitialize) are put back after the test; the test itself runs without them.
    hooks, callbacks = list(state.init_hooks), list(state.step_callbacks)
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
    state.init_hooks[:] = hooks
    state.step_callbacks[:] = callbacks


@pytest.fixture(autouse=True)
def _headless_h():
    from sim import _gui_stubs, h, stdrun

    names = (*_gui_stubs.GUI_FUNCTIONS, *_gui_stubs.GUI_CLASSES)
    saved = {n: h._symbols[n] for n in names if n in h._symbols}
    gui_loaded = h._gui_loaded
    driver = stdrun._driver[0]
    if gui_loaded:
        for n in names:
            h._symbols.pop(n, None)
        _gui_stubs.install_stubs(h)
        object.__setattr__(h, "_gui_loaded", False)
        stdrun.set_run_driver(None)
    yield
    if gui_loaded:
        h._symbols.update(saved)
        object.__setattr__(h, "_gui_loaded", True)
        stdrun.set_run_driver(driver)
