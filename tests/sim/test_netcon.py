"""Synapses, NetCon, NetStim, APCount, Vector.play on fixed step (numerics §2.5, §6).

Expected numbers come from NEURON 9.0.2 (run in /work/refenv) or from the spec's
rules (an event applies at the step boundary nearest its time; spikes are stamped
t_n + 1e-10; ExpSyn decays by exp(-dt/tau) per step).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim import h


@pytest.fixture(autouse=True)
def _fresh_events():
    from sim.engine._events import reset

    reset()
    yield
    reset()


def _cell(mech: str = "pas"):
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert(mech)
    return soma


def test_netstim_spike_times_are_start_plus_multiples_of_interval():
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 5, 10, 3
    _cell()
    times = h.Vector()
    nc = h.NetCon(ns, None)
    nc.record(times)
    h.finitialize(-65)
    h.continuerun(40)
    assert list(times) == [5.0, 15.0, 25.0]


@pytest.mark.parametrize(("te", "first_changed"), [(1.0124, 1.025), (1.0126, 1.05)])
def test_event_applies_at_the_nearest_step_boundary(te, first_changed):
    soma = _cell()
    syn = h.ExpSyn(soma(0.5))
    syn.tau = 2
    nc = h.NetCon(None, syn)
    nc.weight[0] = 0.01
    t = h.Vector().record(h._ref_t)
    g = h.Vector().record(syn._ref_g)
    h.finitialize(-65)
    nc.event(te)
    h.continuerun(2)
    k = int(np.flatnonzero(np.array(g) > 0)[0])
    assert t[k] == pytest.approx(first_changed, abs=1e-9)
    # the first sample after the jump has already decayed for one step
    assert g[k] == pytest.approx(0.01 * math.exp(-h.dt / 2), rel=1e-12)


def test_exp2syn_threshold_spike_matches_neuron():
    soma = _cell("hh")
    syn = h.Exp2Syn(soma(0.5))
    syn.tau1, syn.tau2 = 0.5, 3
    nc = h.NetCon(None, syn)
    nc.weight[0] = 0.004
    spikes = h.Vector()
    det = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    det.threshold = 0
    det.record(spikes)
    v = h.Vector().record(soma(0.5)._ref_v)
    h.finitialize(-65)
    nc.event(2.0)
    nc.event(9.3)
    h.continuerun(20)
    # NEURON 9.0.2: ['3.6750000001000185'] 39.55637928281773 -67.7016419558863 0.000212830...
    assert list(spikes) == [3.6750000001000185]
    assert abs(v.max() - 39.55637928281773) < 1e-9
    assert abs(v[400] - (-67.7016419558863)) < 1e-9
    assert abs(syn.g - 0.00021283036558508419) < 1e-15


def test_netcon_api_defaults_and_pre_syn():
    soma = _cell()
    syn = h.ExpSyn(soma(0.5))
    ns = h.NetStim()
    nc = h.NetCon(ns, syn)
    assert (nc.threshold, nc.delay, nc.weight[0]) == (10.0, 1.0, 0.0)
    assert nc.pre() is ns and nc.syn() is syn
    assert nc.valid() and nc.active()
    nc.active(0)
    assert not nc.active()
    det = h.NetCon(soma(0.5)._ref_v, None, 5, 2, 0.1, sec=soma)
    assert (det.threshold, det.delay, det.weight[0]) == (5.0, 2.0, 0.1)
    assert det.pre() is None and det.syn() is None


def test_inactive_netcon_delivers_nothing():
    soma = _cell()
    syn = h.ExpSyn(soma(0.5))
    ns = h.NetStim()
    ns.start, ns.number = 1, 1
    nc = h.NetCon(ns, syn, 0, 0, 0.5)
    nc.active(False)
    h.finitialize(-65)
    h.continuerun(5)
    assert syn.g == 0.0


def test_apcount_counts_and_records_spikes():
    soma = _cell("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 2, 40, 0.3
    apc = h.APCount(soma(0.5))
    times = h.Vector()
    apc.record(times)
    h.finitialize(-65)
    h.continuerun(50)
    # NEURON 9.0.2 (reference case 505)
    assert apc.n == 4
    assert times[0] == 3.1000000000000103
    assert abs(times[3] - 36.54999999999975) < 1e-9


def test_cvode_event_callback_sees_the_step_boundary_time():
    _cell()
    seen = []

    def schedule():
        h.CVode().event(2.0, lambda: seen.append(h.t))

    fih = h.FInitializeHandler(schedule)
    h.finitialize(-65)
    h.continuerun(3)
    assert seen == [1.999999999999995]  # NEURON: the boundary nearest 2.0
    del fih


def _ramp_played_into_a_clamp():
    """An IClamp whose amp is played continuously from a 0 -> 1 nA ramp over 1 ms, run
    for 0.5 ms; returns (the amp Vector, its time Vector, the recorded clamp current)."""
    soma = _cell()
    stim = h.IClamp(soma(0.5))
    stim.dur = 1e9
    tvec = h.Vector([0, 1])
    avec = h.Vector([0, 1])
    avec.play(stim._ref_amp, tvec, 1)
    i = h.Vector().record(stim._ref_i)
    h.finitialize(-65)
    h.continuerun(0.5)
    return avec, tvec, i


def test_vector_play_continuous_sets_the_variable_at_mid_step():
    avec, _tvec, i = _ramp_played_into_a_clamp()
    assert i[1] == pytest.approx(0.0125, abs=1e-12)  # the current of step 0 uses amp(t_mid)
    avec.play_remove()


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda s: h.NetCon(None, h.IClamp(s(0.5))), TypeError, "cannot receive events"),
        (lambda s: setattr(h.NetCon(None, h.ExpSyn(s(0.5))), "delay", -1), ValueError, "delay"),
        (lambda s: h.NetCon(s(0.5)._ref_v, h.ExpSyn(s(0.5)), 10, -0.5, 0.1), ValueError, "delay"),
        (lambda s: setattr(h.NetCon(None, None), "delay", float("nan")), ValueError, "delay"),
        (lambda s: h.NetCon(None, h.Section(name="d")), TypeError, "cannot receive events"),
        (lambda s: h.NetCon("soma", None), TypeError, "source"),
        (lambda s: h.Vector([1]).play(h.IClamp(s(0.5))._ref_amp, -1), ValueError, "Dt"),
        (lambda s: h.Vector([1]).play(3.0, 1), TypeError, "reference"),
    ],
)
def test_bad_input_is_named(make, error, words):
    soma = _cell()
    with pytest.raises(error, match=words):
        make(soma)


def test_threshold_on_a_deleted_section_is_an_error():
    soma = _cell()
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    h.delete_section(sec=soma)
    with pytest.raises(ValueError, match="deleted"):
        nc.threshold = 0


def test_a_netcon_on_a_deleted_section_is_refused_and_the_run_goes_on():
    soma = _cell()
    other = _cell()
    ref = soma(0.5)._ref_v
    h.delete_section(sec=soma)
    with pytest.raises(ValueError, match="no longer exists"):
        h.NetCon(ref, None)
    h.finitialize(-65)
    h.continuerun(1)  # the refused NetCon left nothing behind
    assert h.t == pytest.approx(1)
    assert other.name() == "soma"


def test_netstim_noise_draws_seeded_intervals_with_the_right_mean():
    """noise > 0 uses numpy's generator (documented: not NEURON's Random123 stream)."""
    _cell()
    ns = h.NetStim()
    ns.start, ns.interval, ns.number, ns.noise = 0, 5, 400, 1
    ns.seed(7)
    times = h.Vector()
    nc = h.NetCon(ns, None)
    nc.record(times)
    h.finitialize(-65)
    h.continuerun(2500)
    first = list(times)
    intervals = np.diff(first)
    assert len(first) == 400
    assert intervals.mean() == pytest.approx(5, rel=0.15)
    ns.seed(7)
    h.finitialize(-65)
    h.continuerun(2500)
    assert list(times) == first  # the same seed gives the same spike train


def _ring(n: int = 5):
    cells, syns, keep = [], [], []
    spikes, ids = h.Vector(), h.Vector()
    for _ in range(n):
        sec = h.Section()
        sec.L = sec.diam = 20
        sec.insert("hh")
        syn = h.ExpSyn(sec(0.5))
        syn.tau = 2
        cells.append(sec)
        syns.append(syn)
    for i, sec in enumerate(cells):
        nc = h.NetCon(sec(0.5)._ref_v, syns[(i + 1) % n], 10, 1, 0.05, sec=sec)
        nc.record(spikes, ids, i)
        keep.append(nc)
    kick = h.NetCon(None, syns[0])
    kick.weight[0] = 0.05
    keep.append(kick)
    return cells, syns, keep, spikes, ids, kick


def test_chunked_runs_give_the_same_spikes_as_one_run():
    """The GUI advances in wall-clock chunks; events across chunk ends must not move."""
    from sim import engine

    h.load_file("stdrun.hoc")
    *_, spikes, ids, kick = _ring()
    h.finitialize(-65)
    kick.event(1)
    h.continuerun(60)
    whole = (list(spikes), list(ids))
    assert len(whole[0]) > 5
    h.finitialize(-65)
    kick.event(1)
    chunks = 0
    while h.t < 60 - h.dt / 2:
        engine.run_until(60 - h.dt / 2, 1, max_steps=37)
        chunks += 1
    assert chunks > 10
    assert (list(spikes), list(ids)) == whole


def test_netcons_on_one_voltage_share_the_threshold_even_across_a_run():
    soma = _cell("hh")
    a = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    h.finitialize(-65)
    h.continuerun(1)
    b = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    b.threshold = -30
    assert a.threshold == -30  # NEURON: one source (PreSyn) per watched variable


def test_every_point_process_together_is_bit_identical_with_neuron():
    """SEClamp, AlphaSynapse, ExpSyn, Exp2Syn and NetStim events in one two-section cell."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 15
    soma.insert("hh")
    dend = h.Section(name="dend")
    dend.connect(soma(1))
    dend.L, dend.nseg = 200, 5
    dend.insert("pas")
    se = h.SEClamp(soma(0.5))
    se.dur1, se.amp1, se.rs = 3, -60, 2
    al = h.AlphaSynapse(dend(0.7))
    al.onset, al.gmax, al.tau = 4, 0.01, 1
    ex = h.ExpSyn(dend(0.3))
    ex.tau = 1.5
    e2 = h.Exp2Syn(soma(0.5))
    e2.tau1, e2.tau2 = 0.3, 4
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 2, 1.7, 5
    keep = [h.NetCon(ns, ex, 0, 0.4, 0.01), h.NetCon(ns, e2, 0, 1.1, 0.003)]
    v = h.Vector().record(soma(0.5)._ref_v)
    vd = h.Vector().record(dend(0.9)._ref_v)
    i = h.Vector().record(se._ref_i)
    h.finitialize(-65)
    h.continuerun(15)
    # NEURON 9.0.2
    assert (v[100], v[300], v[599]) == (-68.33902671139043, -69.57571691853938, -69.88449566030917)
    assert (vd[450], i[50], v.max()) == (-69.66866404770953, 3.8501841784914603, -65.0)
    assert len(keep) == 2


def test_vclamp_says_clearly_that_it_is_not_supported():
    import pytest

    from sim import h

    soma = h.Section(name="soma")
    with pytest.raises(NotImplementedError, match=r"VClamp is not supported.*SEClamp"):
        h.VClamp(soma(0.5))


def _recorded_netstim(start, interval, number):
    """A NetStim and a NetCon recording its spike times: (NetStim, NetCon, Vector)."""
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = start, interval, number
    times = h.Vector()
    nc = h.NetCon(ns, None)
    nc.record(times)
    return ns, nc, times


def test_netstims_added_or_dropped_between_runs():
    """The compiled tables are kept from run to run; NetStims made or dropped in between
    still count (NEURON 9.0.2: a dropped NetStim is silent and its record Vector is left
    as it was)."""
    _cell()
    ns, nc, t1 = _recorded_netstim(5, 10, 3)
    h.finitialize(-65)
    h.continuerun(40)
    assert list(t1) == [5.0, 15.0, 25.0]
    _ns2, nc2, t2 = _recorded_netstim(2, 7, 2)
    h.finitialize(-65)
    h.continuerun(40)
    assert (list(t1), list(t2)) == ([5.0, 15.0, 25.0], [2.0, 9.0])
    del nc, ns
    t1.resize(0)
    t1.append(99)
    h.finitialize(-65)
    h.continuerun(40)
    assert (list(t1), list(t2)) == ([99.0], [2.0, 9.0])
    assert nc2.valid()


@pytest.mark.parametrize("finitialize", [True, False])
def test_a_netcon_dropped_between_runs_delivers_nothing(finitialize):
    soma = _cell()
    syn = h.ExpSyn(soma(0.5))
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 1, 2, 20
    nc = h.NetCon(ns, syn, 0, 0, 0.01)
    g = h.Vector().record(syn._ref_g)
    h.finitialize(-65)
    h.continuerun(10)
    assert max(g) > 0.005
    del nc
    if finitialize:
        h.finitialize(-65)
        h.continuerun(10)
        assert max(g) == 0.0
    else:  # the events already sent are dropped with it (NEURON 9.0.2)
        h.continuerun(20)
        n = round(10.5 / h.dt)
        assert all(g[k + 1] < g[k] for k in range(n, len(g) - 1))


def test_a_continuous_play_vector_edited_between_runs_plays_its_new_values():
    avec, _tvec, i = _ramp_played_into_a_clamp()
    assert i[1] == pytest.approx(0.0125, abs=1e-12)
    avec.x[1] = 3
    h.finitialize(-65)
    h.continuerun(0.5)
    assert i[1] == pytest.approx(0.0375, abs=1e-12)  # NEURON 9.0.2
    avec.play_remove()
