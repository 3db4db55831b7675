"""Built-ins classic models call: frecord_init, nernst, ghk, the section queries, system,
nrnversion, execerror, and stdrun.hoc's smaller names.  Expected values were printed
by NEURON 9.0.2 (/work/refenv) for the same calls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from _hocstate import fresh_hoc

from sim import h as _h
from sim import stdrun
from sim.hoc import HocError


@pytest.fixture
def h() -> Iterator[object]:
    _h.load_file("stdrun.hoc")
    _h.tstop, _h.steps_per_ms, _h.v_init, _h.stoprun = 5, 40, -65, 0
    stdrun.set_run_driver(None)
    with fresh_hoc(_h):
        yield _h


def test_frecord_init_restarts_recordings_from_the_present_state(h):
    soma = h.Section(name="soma")
    soma.insert("hh")
    v, t = h.Vector(), h.Vector()
    v.record(soma(0.5)._ref_v)
    t.record(h._ref_t)
    h.finitialize(-65)
    h.fadvance()
    h.fadvance()
    soma(0.5).v = -70
    assert h.frecord_init() == 1.0
    assert (list(v), list(t)) == ([-70.0], [0.05])
    h.fadvance()
    assert list(t) == [0.05, 0.075]
    assert v[1] == pytest.approx(-69.91600493437815, abs=1e-12)
    h.t = 3
    h.frecord_init()
    h.fadvance()
    assert list(t) == [3.0, 3.0250000000000004]
    assert v[1] == pytest.approx(-69.83815259277868, abs=1e-12)


def test_nernst_and_ghk_give_neurons_numbers(h):
    assert h.nernst(10, 140, 1) == 63.55150321937486
    assert h.nernst(140, 10, 1) == -63.55150321937487
    assert h.nernst(1e-4, 2, 2) == 119.24362423187573
    h.celsius = 37
    try:
        assert h.nernst(10, 140, 1) == 70.53318562708574
        assert h.ghk(-65, 10, 140, 1) == -35790.00124478822
        assert h.ghk(0, 10, 140, 1) == -12543.093176030303
        assert h.ghk(30, 1e-4, 2, 2) == -102.608545317354
    finally:
        h.celsius = 6.3
    assert h.ghk(0.003, 1e-4, 2, 2) == -385.87395089957164  # just past the series branch
    assert h.ghk(0.0001, 10, 140, 1) == -12543.063125955554
    with pytest.raises(ValueError, match="concentrations"):
        h.nernst(0, 140, 1)


def test_parent_connection_section_orientation_and_disconnect(h, capsys):
    soma = h.Section(name="soma")
    d = h.Section(name="d")
    d.connect(soma(0.7))
    e = h.Section(name="e")
    e.connect(d(0), 1)
    got = [(h.parent_connection(sec=s), h.section_orientation(sec=s)) for s in (soma, d, e)]
    assert got == [(0.0, 0.0), (0.7, 0.0), (0.0, 1.0)]
    h("create hsoma, hdend\nconnect hdend(0), hsoma(0.25)")
    h("hdend print parent_connection(), section_orientation()")
    assert capsys.readouterr().out == "0.25 0 \n"
    assert h.SectionRef(sec=h.hdend).has_parent() == 1
    h("hdend disconnect()")
    assert h.SectionRef(sec=h.hdend).has_parent() == 0


def test_system_machine_name_and_nrnversion(h, capfd):
    h('strdef out, mn\nst = system("echo captured; echo line2", out)')
    assert (h.st, h.out) == (0.0, "captured\nline2\n")
    assert h.system("exit 3") == 768.0  # the raw wait status, as NEURON's system()
    h("x = machine_name(mn)")
    assert h.x == 0.0 and h.mn
    assert h.nrnversion(5) == "9.0.2" and h.nrnversion(7) == "NEURON"
    assert h.nrnversion().startswith("NEURON -- VERSION 9.0.2")
    capfd.readouterr()


def test_execerror_stops_with_its_message(h, capsys):
    h("x = 5")
    assert h.execute1('execerror("msg only")') == 0.0
    assert "NEURON: msg only" in capsys.readouterr().err
    assert h('x = 1\nexecerror("bad thing", "happened")\nx = 2') is False
    assert h.x == 1
    assert "NEURON: bad thing happened" in capsys.readouterr().err
    with pytest.raises(HocError, match="py call"):
        h.execerror("py call")


def test_stdrun_small_names(h):
    soma = h.Section(name="soma")
    d = h.Section(name="d")
    assert repr(h.stoprun) == "0"  # a C int in NEURON
    h.run()
    assert (h.running_, repr(h.stoprun), h.stoppedrun(), h.runStopAt) == (1.0, "0", 0.0, 5.0)
    assert (h.runStopIn, h.global_ra, h.stdrun_quiet, h.n_graph_lists) == (1.0, 35.4, 0.0, 4.0)
    h.stoprun = True
    assert repr(h.stoprun) == "1"
    h("stoprun = 2.7")
    assert repr(h.stoprun) == "2"
    h.stoprun = 0
    assert h.set_ra(40) == 0.0
    assert (soma.Ra, d.Ra, h.global_ra) == (40.0, 40.0, 40.0)
    assert h.tstop_changed() == 0.0
