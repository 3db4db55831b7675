"""NEURON's model-building tools with no GUI (what session files call under -nogui).

Expected behaviour checked in NEURON 9.0.2 (/work/refenv, nrngui.hoc + inserter.hoc +
pointman.hoc, no display): ticking hh inserts it; unticking after gnabar_hh = 0.2
removes it; ticking again puts hh back with gnabar_hh 0.2.  A PointProcessManager
switched from IClamp (amp set to 3) to AlphaSynapse leaves 0 IClamps and 1
AlphaSynapse; switched back, IClamp[0] at soma(0.5) has amp 3 again.
"""

from __future__ import annotations

import gc
import math

import pytest

from sim import _gui_stubs, h


@pytest.fixture(autouse=True)
def _forget_tools():
    """Headless tools live as long as the process (as NEURON's do); these tests drop
    theirs so that their point processes do not outlive them."""
    yield
    _gui_stubs._tools_made.clear()
    gc.collect()


def _tick(tool, mech: str, on: int) -> None:
    tool.mt.select(mech)
    i = int(tool.mt.selected())
    tool.mstate[i] = on
    tool.maction(i)


def test_inserter_ticks_insert_and_remove_keeping_parameters():
    soma = h.Section(name="soma")
    ins = h.Inserter(0, sec=soma)
    _tick(ins, "hh", 1)
    assert soma.has_membrane("hh")
    soma.gnabar_hh = 0.2
    _tick(ins, "hh", 0)
    assert not soma.has_membrane("hh")
    _tick(ins, "hh", 1)
    assert soma.has_membrane("hh")
    assert soma(0.5).gnabar_hh == 0.2


def test_point_manager_switches_type_and_back_keeping_parameters():
    soma = h.Section(name="soma")
    before = (h.List("IClamp").count(), h.List("AlphaSynapse").count())  # other tests' leftovers
    pm = h.PointProcessManager(0, sec=soma)
    pm.mt.select("IClamp")
    iclamp = int(pm.mt.selected())
    pm.maction(iclamp)
    pm.pp.amp = 3
    pm.mt.select("AlphaSynapse")
    pm.maction(pm.mt.selected())
    now = (h.List("IClamp").count(), h.List("AlphaSynapse").count())
    assert (now[0] - before[0], now[1] - before[1]) == (0, 1)
    pm.mt.select("IClamp")
    pm.maction(iclamp)
    assert pm.pp.amp == 3
    assert str(pm.pp.get_segment()) == "soma(0.5)"


def test_single_compartment_is_an_accessed_100_um2_soma_and_no_window():
    h.load_file("nrngui.hoc")
    assert h.load_file("single.hoc") == 1
    h("objref sc_test_\nsc_test_ = new SingleCompartment(1)")
    soma = h.cas()
    assert soma.name() == "soma"
    assert soma.diam == 10
    assert soma.L == pytest.approx(10 / math.pi, rel=1e-15)
    assert soma(0.5).area() == pytest.approx(100.0, rel=1e-12)
    assert h.sc_test_.inserter.sec.name() == "soma"
    h("objref sc_test_")
