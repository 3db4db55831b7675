"""Each test starts from the same ``h`` and window host, whatever the test before it left.

The first test leaves behind what tests used to leak into each other: a section, HOC
names, ``dt``/``celsius``/``secondorder``/``usetable_hh``, variable step, a
recording, an FInitializeHandler, and the app's Main Menu as the host of every later
window.  The second is the test that used to suffer: tests/layouts/test_boxes.py found a
closed box still mapped (``ismapped()`` 1) when a module earlier in the run had opened
the Main Menu, which then held the box as a dock.  tests/conftest.py's ``_same_h`` puts
``h`` back after every test (``sim.snapshot()``) and starts every test with no host.
"""

from __future__ import annotations

from typing import Any

from app import gui as app_gui  # opens the app's Main Menu on import, as test_session.py does
from layouts import boxes
from layouts.registry import registry
from sim import h
from widgets import panel

_before: dict[str, Any] = {}
_kept: list[Any] = []  # what the first test leaves alive after it ends
_fired: list[float] = []


def _state() -> dict[str, Any]:
    from sim.engine._state import state

    names = ("t", "dt", "celsius", "secondorder", "usetable_hh", "tstop", "v_init")
    return {
        "sections": [s.name() for s in h.allsec()],
        "globals": {n: getattr(h, n) for n in names if h._lookup(n) is not None},
        "names": sorted(h._symbols),
        "interpreter": id(h._interpreter),
        "variable step": h.cvode_active(),
        "recordings": len(state.recorders),
        "host": registry().host(),
    }


def test_a_test_that_leaves_state_behind():
    _before.update(_state())
    registry().set_host(app_gui.main_window())  # as importing app.gui did, never undone
    h("create leftover\nproc leftover_proc() { }\nleftover_x = 1")
    h.leftover.insert("hh")
    h.dt, h.celsius, h.secondorder, h.usetable_hh = 0.1, 30, 2, 0
    h.cvode_active(1)
    _kept.append(h.FInitializeHandler(lambda: _fired.append(h.t)))
    _kept.append(h.Vector().record(h.leftover(0.5)._ref_v))
    h.finitialize(-65)
    assert _fired == [0.0]
    assert _state() != _before


def test_the_next_test_starts_from_the_same_h(qt_windows, h_symbols):
    if _before:  # the test above ran first
        assert _state() == _before
    _fired.clear()
    sec = h.Section(name="mine")
    h.finitialize(-65)
    assert _fired == []  # the handler the test above left does not run here
    assert h.t == 0 and sec(0.5).v == -65

    # what tests/layouts/test_boxes.py checks: a box the user closes is no longer mapped
    h._install_gui({**panel.implementations(), **boxes.implementations()})
    box = h.HBox()
    box.intercept(1)
    h.xpanel("inside")
    h.xlabel("inside")
    h.xpanel()
    box.intercept(0)
    box.map("Placed", 120, 80, -1, -1)
    box.unmap()
    box.map("Again")
    assert box.ismapped() == 1
    box.widget.close()
    assert box.ismapped() == 0
