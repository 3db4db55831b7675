"""fcurrent() and a model's own ``proc advance()`` behave as in NEURON 9.0.2.

Every expected number here was printed by real NEURON (/work/refenv) running the same
statements.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from _hocstate import fresh_hoc

from sim import h as _h
from sim import stdrun


@pytest.fixture
def h() -> Iterator[object]:
    """``h`` with stdrun loaded, a fresh HOC interpreter, and the names HOC defines dropped."""
    _h.load_file("stdrun.hoc")
    _h.tstop, _h.steps_per_ms, _h.v_init, _h.stoprun, _h.nstep_steprun = 5, 40, -65, 0, 1
    stdrun.set_run_driver(None)
    with fresh_hoc(_h):
        yield _h


def _hh_soma_with_clamp(h):
    soma = h.Section(name="soma")
    soma.insert("hh")
    soma.L = soma.diam = 20
    dend = h.Section(name="dend")
    dend.insert("pas")
    dend.connect(soma(1))
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 2, 0.3
    return soma, dend, stim


def test_fcurrent_brings_currents_up_to_date_with_a_changed_v_and_state(h):
    soma, dend, stim = _hh_soma_with_clamp(h)
    h.finitialize(-65)
    seg = soma(0.5)
    seg.hh.m = 0.5
    seg.v = -50
    assert seg.ina == -0.0012200571764654333  # still the currents of finitialize
    assert h.fcurrent() == 1.0
    assert seg.v == -50 and seg.hh.m == 0.5 and h.t == 0  # nothing advanced
    assert seg.ina == pytest.approx(-0.8941811302626903, abs=1e-15)
    assert seg.ik == pytest.approx(0.009899400301386613, abs=1e-15)
    assert seg.hh.gna == pytest.approx(0.008941811302626904, abs=1e-15)
    assert seg.hh.gk == pytest.approx(0.0003666444556069116, abs=1e-15)
    assert seg.hh.il == pytest.approx(0.001289999999999999, abs=1e-15)
    assert stim.i == 0.0 and dend(0.5).i_pas == pytest.approx(0.005, abs=1e-15)


def test_fcurrent_evaluates_the_clamp_at_the_present_t(h):
    soma, _, stim = _hh_soma_with_clamp(h)
    h.finitialize(-65)
    h.t = 1.5
    h.fcurrent()
    assert stim.i == 0.3 and h.t == 1.5 and soma(0.5).v == -65


def test_fcurrent_includes_synaptic_currents(h):
    soma = h.Section(name="soma")
    soma.insert("pas")
    syn = h.ExpSyn(soma(0.5))
    syn.e, syn.tau = 0, 2
    stim = h.NetStim()
    stim.start, stim.number = 0.5, 1
    nc = h.NetCon(stim, syn)
    nc.weight[0] = 0.01
    h.finitialize(-65)
    while h.t < 2:
        h.fadvance()
    assert syn.i == pytest.approx(-0.5385838975019079, abs=1e-12)
    soma(0.5).v = -20
    h.fcurrent()
    assert syn.g == pytest.approx(0.007691263643685706, abs=1e-12)
    assert syn.i == pytest.approx(-0.15382527287371411, abs=1e-12)
    assert soma(0.5).i_pas == pytest.approx(0.05, abs=1e-15)


def test_fcurrent_is_a_hoc_builtin(h, capsys):
    soma = h.Section(name="soma")
    soma.insert("hh")
    soma.L = soma.diam = 20
    h.finitialize(-65)
    soma(0.5).v = -50
    soma(0.5).hh.m = 0.5
    assert h("x = fcurrent()")
    assert h.x == 1.0
    assert soma(0.5).ina == pytest.approx(-0.8941811302626903, rel=1e-12)


def test_run_calls_a_hoc_advance_every_step_and_honours_stoprun(h):
    soma = h.Section(name="soma")
    soma.insert("hh")
    h("nsteps = 0")
    h("proc advance() { fadvance() nsteps += 1 if (t >= 2) stoprun = 1 }")
    h.run()
    assert (h.nsteps, h.t, h.stoprun) == (80, 1.999999999999995, 1)
    h.stoprun = 0
    h.nsteps = 0
    h.dt, h.steps_per_ms = 0.01, 20
    h.run()  # dt 0.01 fits 20 steps/ms: nstep_steprun = 5 advance() calls per step()
    assert (h.nsteps, h.t, h.nstep_steprun) == (200, 1.9999999999999793, 5)
    h.nsteps = 0
    h.steprun()
    assert (h.nsteps, h.t) == (5, 2.0499999999999785)


def test_continuerun_with_a_hoc_advance_gives_neurons_numbers(h):
    soma = h.Section(name="soma")
    soma.insert("hh")
    h("proc advance() { fadvance() nsteps += 1 }")
    h.dt, h.steps_per_ms = 0.01, 20
    h.stdinit()
    h("nsteps = 0")
    h.continuerun(1)
    assert (h.nsteps, h.t) == (100, 1.0000000000000007)
    assert soma(0.5).v == pytest.approx(-64.97544691359717, abs=1e-12)
    assert h.advance() == 0.0  # a proc called from Python returns 0
    assert (h.nsteps, h.t) == (101, 1.0100000000000005)


def test_without_a_hoc_advance_the_compiled_loop_runs(h, monkeypatch):
    """The plain run never steps from Python: advance() is not called per step."""
    soma = h.Section(name="soma")
    soma.insert("hh")
    calls = []
    real = stdrun.engine.fadvance
    monkeypatch.setattr(stdrun.engine, "fadvance", lambda: (calls.append(1), real())[1])
    h.run()
    assert calls == [] and h.t == pytest.approx(5, abs=1e-9)
    h.advance()  # our advance() is fadvance
    assert calls == [1] and h.t == pytest.approx(5.025, abs=1e-9)
