"""The fixed-step engine gives NEURON 9.0.2's numbers (numerics §2-5, §9).

Expected values come from NEURON itself (the spec's seed table, or runs in /work/refenv).
"""

from __future__ import annotations

import numpy as np
import pytest

from sim import engine, h


def _seed_cell():
    soma = h.Section(name="soma")
    soma.insert("hh")
    stims = []
    for delay in (2, 13, 27, 40):
        ic = h.IClamp(soma(0.5))
        ic.delay, ic.dur, ic.amp = delay, 0.5, 50
        stims.append(ic)
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    return soma, stims, t, v


def _spikes(t, v):
    tt, vv = np.array(t), np.array(v)
    return [float(tt[j]) for j in range(len(vv) - 1) if vv[j] <= 0 < vv[j + 1]]


@pytest.mark.parametrize(
    ("secondorder", "spikes", "vs"),
    [
        (
            0,
            [3.1750000000000114, 28.149999999998936, 41.6250000000009],
            [-73.6877770173, -67.1945806025, -30.5816735706, -68.1781423533],
        ),
        (
            2,
            [3.150000000000011, 28.124999999998938, 41.57500000000089],
            [-73.6306393296, -67.3102451645, -31.7135394504, -68.1251099042],
        ),
    ],
)
def test_tutorial_hh_example_matches_neuron(secondorder, spikes, vs):
    h.load_file("stdrun.hoc")
    h.secondorder = secondorder
    _soma, _stims, t, v = _seed_cell()
    h.finitialize()
    h.continuerun(49.5)
    assert len(t) == len(v) == 1981
    assert _spikes(t, v) == spikes  # bit-identical spike times
    got = [v[round(x / 0.025)] for x in (10, 20, 30, 40)]
    assert got == pytest.approx(vs, abs=1e-10)
    assert t[400] == 9.999999999999966 and t[1980] == 49.50000000000269


def test_usetable_off_and_celsius_change_the_trace():
    h.load_file("stdrun.hoc")
    _soma, _stims, _t, v = _seed_cell()
    h.finitialize(-65)
    h.continuerun(10)
    with_table = np.array(v)
    h.usetable_hh = 0
    h.finitialize(-65)
    h.continuerun(10)
    without = np.array(v)
    diff = np.max(np.abs(with_table - without))
    assert 1e-3 < diff < 1.0  # NEURON: the table changes v by up to ~0.5 mV
    h.usetable_hh = 1
    h.celsius = 16.3
    h.finitialize(-65)
    h.continuerun(10)
    assert np.max(np.abs(np.array(v) - with_table)) > 1.0


@pytest.mark.parametrize(
    ("tstop", "steps"), [(49.5, 1980), (49.51, 1980), (49.52, 1981), (0.0125, 0), (0.013, 1)]
)
def test_continuerun_stops_at_the_step_boundary_nearest_tstop(tstop, steps):
    h.load_file("stdrun.hoc")
    h.Section(name="soma")
    t = h.Vector().record(h._ref_t)
    h.finitialize(-65)
    h.continuerun(tstop)
    assert len(t) == steps + 1


def test_continuerun_twice_appends_samples():
    h.load_file("stdrun.hoc")
    _soma, _stims, t, v = _seed_cell()
    h.finitialize(-65)
    h.continuerun(20)
    h.continuerun(49.5)
    assert len(t) == 1981
    assert _spikes(t, v) == [3.1750000000000114, 28.149999999998936, 41.6250000000009]


def test_iclamp_is_on_for_steps_whose_midpoint_is_inside_the_pulse():
    soma = h.Section(name="soma")
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 2.01, 0.3, 1.0
    t = h.Vector().record(h._ref_t)
    i = h.Vector().record(ic._ref_i)
    h.finitialize(-65)
    while h.t < 3:
        h.fadvance()
    on = [round(tt, 6) for tt, ii in zip(t, i) if ii != 0]
    assert len(on) == 12 and on[0] == 2.025 and on[-1] == 2.3


def test_finitialize_without_argument_keeps_v():
    soma = h.Section(name="soma")
    soma.insert("pas")
    soma(0.5).v = -50.0
    h.finitialize()
    assert soma(0.5).v == -50.0
    h.finitialize(-70)
    assert soma(0.5).v == -70.0 and soma(0).v == -70.0 and soma(1).v == -70.0


def test_record_with_dt_and_tvec_follow_the_nearest_boundary_rule():
    soma = h.Section(name="soma")
    soma.insert("hh")
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 0.5, 1.0, 20.0
    every = h.Vector().record(soma(0.5)._ref_v, 0.1)
    tvec = h.Vector([1.0123, 1.0126])
    at = h.Vector().record(soma(0.5)._ref_v, tvec)
    full = h.Vector().record(soma(0.5)._ref_v)
    h.finitialize(-65)
    while h.t < 3 - 0.0125:
        h.fadvance()
    assert len(every) == 31  # NEURON: Dt = 0.1 over 3 ms gives 31 samples
    assert at[0] == full[40] and at[1] == full[41]  # 1.0123 -> t = 1.0; 1.0126 -> 1.025


def test_continuerun_before_finitialize_is_an_error():
    h.load_file("stdrun.hoc")
    h.Section(name="soma")
    with pytest.raises(RuntimeError, match="finitialize"):
        h.continuerun(1)


def test_a_voltage_that_becomes_nan_stops_the_run_naming_time_and_section():
    dend = h.Section(name="dend")
    dend.insert("pas")
    dend(0.5).pas.g = float("nan")
    h.finitialize(-65)
    with pytest.raises(RuntimeError, match=r"t = 0\.025 ms in section dend"):
        engine.advance(1.0)


def test_advance_reports_done_stopped_and_budget():
    soma = h.Section(name="soma")
    soma.insert("hh")
    h.finitialize(-65)
    assert engine.advance(1.0) == "done"
    assert h.t == pytest.approx(1.0)
    assert engine.advance(100.0, stop_requested=lambda: True) == "stopped"
    assert h.t < 100
    big = [h.Section(name=f"s{i}") for i in range(200)]
    for s in big:
        s.nseg = 50
        s.insert("hh")
    h.finitialize(-65)
    assert engine.advance(1e6, wall_budget=0.01) == "budget"


def test_init_hooks_and_step_callbacks_run():
    soma = h.Section(name="soma")
    seen = []
    engine.add_init_hook(lambda: seen.append(("init", h.t)))
    cb = lambda: seen.append(("step", round(h.t, 6)))  # noqa: E731
    engine.add_step_callback(cb)
    h.finitialize(-65)
    h.fadvance()
    h.fadvance()
    engine.remove_step_callback(cb)
    h.fadvance()
    assert seen == [("init", 0.0), ("step", 0.025), ("step", 0.05)]
    assert soma(0.5).v == -65.0


def test_multi_section_tree_with_reversed_and_midsection_children_conserves_charge():
    """Injected current spreads passively; with no membrane leak, the charge is all in cm·Δv."""
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    kids = [h.Section(name=f"d{i}") for i in range(3)]
    kids[0].connect(soma(1))
    kids[1].connect(soma(0.5))
    kids[2].connect(kids[0](0.3), 1)
    for s in [soma, *kids]:
        s.nseg = 3
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 0, 1, 0.1
    h.finitialize(-65)
    engine.advance(1.0)
    # charge = 0.1 nA * 1 ms = 0.1 pC; sum(cm * area * dv) in pC: µF/cm2 * µm2 * mV * 1e-8
    q = sum(seg.cm * seg.area() * (seg.v + 65) * 1e-5 for s in [soma, *kids] for seg in s)
    assert q == pytest.approx(0.1, rel=1e-9)


def test_finitialize_handlers_run_at_their_points_and_go_away_with_their_object():
    soma = h.Section(name="soma")
    soma.insert("hh")
    seen = []
    handlers = [
        h.FInitializeHandler(3, lambda: seen.append(("3", h.t))),
        h.FInitializeHandler(0, lambda: seen.append(("0", soma(0.5).v, soma(0.5).hh.m))),
        h.FInitializeHandler(lambda: seen.append(("1", soma(0.5).hh.m))),
        h.FInitializeHandler(2, lambda: seen.append(("2",))),
    ]
    h.t = 7.0
    h.finitialize(-60)
    # m after INITIAL at -60 mV: NEURON 9.0.2 gives 0.0936419512641728
    assert seen == [("3", 7.0), ("0", -60.0, 0.0), ("1", 0.0936419512641728), ("2",)]
    del handlers
    seen.clear()
    h.finitialize(-60)
    assert seen == []
    with pytest.raises(ValueError, match="type must be"):
        h.FInitializeHandler(7, print)
