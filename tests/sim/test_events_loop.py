"""Network events inside the one compiled step loop (issue 4: "returns to Python only
when Python must see something").

Expected numbers are NEURON 9.0.2's (the same scripts run in /work/refenv); counts of
returns to Python come from the rule itself: spikes, NetCon.record buffers, APCount and
ExpSyn delivery stay compiled, so a run returns once per chunk, not once per spike.
"""

from __future__ import annotations

import pytest

from sim import h


@pytest.fixture(autouse=True)
def _fresh_events():
    from sim.engine._events import reset

    reset()
    yield
    reset()


@pytest.fixture
def kernel_calls(monkeypatch):
    """Counts the compiled loop's calls (each return to Python is one call)."""
    from sim.engine import _kernels

    calls = [0]
    original = _kernels.run_steps

    def counted(*args):
        calls[0] += 1
        return original(*args)

    monkeypatch.setattr(_kernels, "run_steps", counted)
    return calls


def _ring(n: int):
    h.load_file("stdrun.hoc")
    cells, syns, ncs = [], [], []
    for i in range(n):
        sec = h.Section(name=f"c{i}")
        sec.L = sec.diam = 20
        sec.insert("hh")
        syn = h.ExpSyn(sec(0.5))
        syn.tau = 2
        cells.append(sec)
        syns.append(syn)
    spikes, ids = h.Vector(), h.Vector()
    for i, sec in enumerate(cells):
        nc = h.NetCon(sec(0.5)._ref_v, syns[(i + 1) % n], sec=sec)
        nc.threshold, nc.delay, nc.weight[0] = 10, 1, 0.05
        nc.record(spikes, ids, i)
        ncs.append(nc)
    kick = h.NetCon(None, syns[0])
    kick.weight[0] = 0.05
    return cells, syns, ncs, kick, spikes, ids


def test_a_spiking_ring_runs_without_returning_per_spike(kernel_calls):
    cells, syns, ncs, kick, spikes, ids = _ring(20)
    h.finitialize(-65)
    kick.event(1)
    h.continuerun(60)
    assert len(spikes) == 40  # NEURON: 40 spikes, the last three below
    assert list(spikes)[-3:] == [56.050000000104184, 57.52500000010452, 59.000000000104855]
    assert list(ids)[-3:] == [17.0, 18.0, 19.0]
    assert kernel_calls[0] < 20  # a few chunks (40 spikes would be 40 returns)
    assert (cells, syns, ncs) != ()


def test_stepping_with_fadvance_gives_the_same_spikes():
    cells, syns, ncs, kick, spikes, _ids = _ring(20)
    h.finitialize(-65)
    kick.event(1)
    while h.t < 60 - h.dt / 2:
        h.fadvance()
    assert len(spikes) == 40
    assert spikes[39] == 59.000000000104855
    assert (cells, syns, ncs) != ()


def test_record_callable_apcount_and_spike_vectors_match_neuron(kernel_calls):
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 1, 30, 0.3
    ap = h.APCount(soma(0.5))
    apt = h.Vector()
    ap.record(apt)
    seen = []
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.record(lambda: seen.append(h.t))  # NEURON calls it with h.t = the spike time
    tv = h.Vector()
    nc2 = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc2.record(tv)
    h.finitialize(-65)
    h.continuerun(40)
    neuron_spikes = [2.2000000000999975, 13.775000000099752, 24.775000000099126]
    assert seen == neuron_spikes
    assert list(tv) == neuron_spikes
    assert list(apt) == [2.099999999999996, 13.574999999999763, 24.57499999999914]
    assert ap.n == 3
    assert kernel_calls[0] <= 3 + 10  # one return per callback spike, plus the chunks
    assert h.t == pytest.approx(40, abs=1e-9)  # the callback's t was put back
    assert (ic, nc2) != ()


def test_record_refuses_what_is_neither_a_vector_nor_callable():
    soma = h.Section(name="soma")
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    with pytest.raises(TypeError, match="Vector or a callable"):
        nc.record(3.0)


def test_fan_out_past_the_queue_size_with_netstim_events_matches_neuron():
    """1500 NetCons from one source (more than the compiled queue's first size) and a
    NetStim gated by a threshold event (NetStim's NET_RECEIVE runs in Python)."""
    h.load_file("stdrun.hoc")
    pre = h.Section(name="pre")
    pre.L = pre.diam = 20
    pre.insert("hh")
    ic = h.IClamp(pre(0.5))
    ic.delay, ic.dur, ic.amp = 1, 1, 0.5
    post = h.Section(name="post")
    post.L = post.diam = 20
    post.insert("pas")
    syns, ncs = [], []
    for i in range(1500):
        s = h.ExpSyn(post(0.5))
        s.tau = 1 + (i % 7)
        nc = h.NetCon(pre(0.5)._ref_v, s, sec=pre)
        nc.threshold, nc.delay, nc.weight[0] = 0, 0.5 + 0.01 * (i % 300), 1e-5
        syns.append(s)
        ncs.append(nc)
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 2, 1, 3
    gate = h.NetCon(pre(0.5)._ref_v, ns, sec=pre)
    gate.threshold, gate.delay, gate.weight[0] = 0, 0.3, 1
    drive = h.NetCon(ns, syns[0])
    drive.delay, drive.weight[0] = 0.2, 0.001
    v = h.Vector().record(post(0.5)._ref_v)
    h.finitialize(-65)
    h.continuerun(10)
    assert [v[100], v[200], v[300], v[len(v) - 1]] == [
        -68.14260393913361,
        -42.97354624682325,
        -45.84443683922016,
        -53.67157048364833,
    ]
    assert (ic, gate, drive) != ()


def test_pending_events_survive_a_new_netcon_between_runs():
    """Events already queued keep their targets when the network changes mid-run."""
    cells, syns, ncs, kick, spikes, _ids = _ring(20)
    h.finitialize(-65)
    kick.event(1)
    h.continuerun(30)
    extra = h.NetCon(cells[5](0.5)._ref_v, None, sec=cells[5])  # rebuilds the tables
    h.continuerun(60)
    assert len(spikes) == 40
    assert spikes[39] == 59.000000000104855
    assert (extra, syns, ncs) != ()


def test_netstim_without_noise_is_delivered_in_the_compiled_loop(kernel_calls):
    """NetStim's NET_RECEIVE (noise 0) runs compiled: 50 spikes, a few returns; the
    times accumulate by addition (numerics §6.7), and the synapse sees every one."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("pas")
    syn = h.ExpSyn(soma(0.5))
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 1, 1.9, 50
    nc = h.NetCon(ns, syn)
    nc.delay, nc.weight[0] = 0.5, 1e-4
    times = h.Vector()
    nc.record(times)
    v = h.Vector().record(soma(0.5)._ref_v)
    h.finitialize(-65)
    h.continuerun(120)
    expected = [1.0]
    for _ in range(49):
        expected.append(expected[-1] + 1.9)
    assert list(times) == expected  # NEURON: the same 50 times, the last 94.10000000000005
    assert (v[2000], v[len(v) - 1]) == (-69.96966403653047, -69.99999999999896)  # NEURON's
    assert kernel_calls[0] < 20  # a few chunks (50 stimuli would be 50 returns)
