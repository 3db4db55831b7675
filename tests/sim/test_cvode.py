"""Variable step (numerics §7): trajectories agree with NEURON's CVode within 1e-3.

Expected values come from NEURON 9.0.2 in /work/refenv, run with the same tolerances.
"""

from __future__ import annotations

import pytest

from sim import h


@pytest.fixture(autouse=True)
def _fixed_step_after():
    from sim.engine._events import reset

    reset()
    h.load_file("stdrun.hoc")
    yield
    h.cvode_active(0)
    reset()


def _crossings(t, v):
    return [
        t[j] + (0 - v[j]) * (t[j + 1] - t[j]) / (v[j + 1] - v[j])
        for j in range(len(v) - 1)
        if v[j] <= 0 < v[j + 1]
    ]


def test_tutorial_hh_example_under_cvode_active_matches_neuron():
    soma = h.Section(name="soma")
    soma.insert("hh")
    stims = []
    for delay in (2, 13, 27, 40):
        ic = h.IClamp(soma(0.5))
        ic.delay, ic.dur, ic.amp = delay, 0.5, 50
        stims.append(ic)
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    assert h.cvode_active(1) == 1 and h.using_cvode_ == 1
    h.CVode().atol(1e-6)
    h.finitialize(-65)
    h.continuerun(49.5)
    assert h.t == 49.5 and t[len(t) - 1] == 49.5  # the run ends exactly at tstop
    # NEURON 9.0.2, atol 1e-6: 3.16706, 28.13474, 41.59367
    assert _crossings(t, v) == pytest.approx([3.16706, 28.13474, 41.59367], abs=1e-3)
    assert len(t) < 10000  # steps are variable: far fewer than dt = 0.025 would take


def test_cvode_object_switch_leaves_using_cvode_alone():
    assert h.CVode().active(1) is True
    assert h.using_cvode_ == 0
    assert h.CVode().active(0) is False


def test_tree_with_synapse_event_matches_neuron():
    """A 101-segment hh axon with a passive dendrite (sparse BDF path), an ExpSyn event."""
    axon = h.Section(name="axon")
    axon.L, axon.diam, axon.nseg = 2000, 2, 101
    axon.insert("hh")
    dend = h.Section(name="dend")
    dend.connect(axon(0))
    dend.L, dend.nseg = 300, 9
    dend.insert("pas")
    syn = h.ExpSyn(dend(0.9))
    syn.tau = 1
    nc = h.NetCon(None, syn)
    nc.weight[0] = 0.08
    ic = h.IClamp(axon(0.1))
    ic.delay, ic.dur, ic.amp = 1, 0.3, 2
    tg = h.Vector().indgen(0, 20, 1.0)
    vg = h.Vector().record(dend(0.5)._ref_v, tg)
    h.cvode_active(1)
    h.CVode().atol(1e-7)
    h.CVode().rtol(1e-7)
    h.finitialize(-65)
    nc.event(8)
    h.continuerun(20)
    neuron = [-65.0, -68.1508, -69.2601, -69.7099, -69.8807, -69.9443, -69.9676, -69.9757]
    neuron += [-69.9782, -69.5451, -69.6598, -69.8021, -69.8913, -69.9376, -69.9595]
    neuron += [-69.9693, -69.9735, -69.9752, -69.9759, -69.9762, -69.9762]
    assert list(vg) == pytest.approx(neuron, abs=1e-3)


def test_bad_tolerances_are_named():
    with pytest.raises(ValueError, match="atol"):
        h.CVode().atol(0)
    with pytest.raises(ValueError, match="rtol"):
        h.CVode().rtol(-1)


def test_continuous_vector_play_under_cvode_matches_neuron():
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("pas")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur = 0, 1e9
    tvec = h.Vector([0, 1, 1, 3, 4.01, 6, 8])
    avec = h.Vector([0, 0, 0.05, 0.05, -0.02, 0.03, 0])
    avec.play(stim._ref_amp, tvec, 1)
    tg = h.Vector().indgen(0, 10, 0.5)
    vg = h.Vector().record(soma(0.5)._ref_v, tg)
    h.cvode_active(1)
    h.CVode().atol(1e-8)
    h.CVode().rtol(1e-8)
    h.finitialize(-65)
    h.continuerun(10)
    neuron = [-65.0, -66.9673, -68.1606, -67.3188, -66.8082, -66.4985, -66.3107, -66.7843]
    neuron += [-68.1566, -69.3028, -69.6049, -69.3947, -68.8739, -68.5048, -68.5158]
    neuron += [-68.7573, -69.1386, -69.6047, -70.1222, -70.6710, -71.2386]
    assert list(vg) == pytest.approx(neuron, abs=1e-3)


def test_a_run_that_cannot_continue_stops_with_a_message_naming_the_time():
    from sim.engine._cvrun import CvodeError

    soma = h.Section(name="soma")
    soma.insert("hh")
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 1, 1, float("nan")
    h.cvode_active(1)
    h.finitialize(-65)
    with pytest.raises(CvodeError, match=r"NaN or infinite at t = 1(\.\d+)? ms"):
        h.continuerun(5)
