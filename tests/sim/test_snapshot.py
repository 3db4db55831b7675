"""``sim.snapshot()``: what a script does to ``h`` is undone by ``restore()``."""

from __future__ import annotations

import pytest

import sim
from sim import h


@pytest.fixture
def stdrun():
    h.load_file("stdrun.hoc")


def test_sections_made_since_are_deleted_and_older_ones_kept():
    kept = h.Section(name="kept")
    with sim.snapshot():
        h("create soma, dend[3]")
        made = h.Section(name="made")
        assert len(list(h.allsec())) == 6
    assert [s.name() for s in h.allsec()] == ["kept"]
    with pytest.raises(Exception, match="deleted"):
        made.L  # noqa: B018
    assert kept.L == 100


def test_globals_come_back_without_running_their_checks(stdrun):
    before = (h.dt, h.celsius, h.secondorder, h.tstop, h.v_init, h.usetable_hh)
    with sim.snapshot():
        h.dt, h.celsius, h.secondorder, h.tstop, h.v_init, h.usetable_hh = 0.1, 30, 2, 9, -70, 0
        h("steps_per_ms = 10")
    assert (h.dt, h.celsius, h.secondorder, h.tstop, h.v_init, h.usetable_hh) == before
    assert h.steps_per_ms == 40


def test_hoc_names_go_and_the_interpreter_forgets_the_files_it_loaded(tmp_path):
    lib = tmp_path / "lib.hoc"
    lib.write_text("func twice() { return 2*$1 }\n")
    h("x_outer = 1")
    snap = sim.snapshot()
    h(f'load_file("{lib}")\nx_outer = 5\nstrdef s_inner\ns_inner = "made"')
    assert h.twice(4) == 8
    snap.restore()
    assert h.x_outer == 1
    assert not hasattr(h, "twice") and not hasattr(h, "s_inner")
    assert h(f'load_file("{lib}")')  # loaded again: the restored interpreter forgot it
    assert h.twice(5) == 10
    snap.restore()  # a snapshot restores any number of times
    assert not hasattr(h, "twice")


def test_time_variable_step_handlers_and_recordings_are_put_back():
    soma = h.Section(name="soma")
    soma.insert("hh")
    fired = []
    with sim.snapshot():
        h.cvode_active(1)
        h.CVode().atol(1e-6)
        handler = h.FInitializeHandler(lambda: fired.append(h.t))
        v = h.Vector().record(soma(0.5)._ref_v)
        h.finitialize(-65)
        h.fadvance()
        assert fired == [0.0] and h.t > 0 and v.size() >= 2
    assert h.t == 0 and h.cvode_active() == 0 and h.CVode().atol() == 1e-3
    h.finitialize(-65)  # the handler still lives here, but h no longer runs it
    assert fired == [0.0]
    del handler, v


def _number(obj) -> int:
    return int(str(obj).rsplit("[", 1)[1].rstrip("]"))


def test_objects_are_numbered_from_where_they_were():
    vec, lst = h.Vector(), h.List()
    with sim.snapshot():
        made = [h.Vector(), h.List(), h.List(), h.IClamp(h.Section(name="s")(0.5))]
        del made
    assert _number(h.Vector()) == _number(vec) + 1
    assert _number(h.List()) == _number(lst) + 1


def test_gui_names_installed_since_are_replaced_by_the_stand_ins_again():
    stand_in = h._lookup("Graph")
    with sim.snapshot():
        h._install_gui({"Graph": object})
        assert h._gui_loaded and h._lookup("Graph") is object
    assert not h._gui_loaded and h._lookup("Graph") is stand_in
