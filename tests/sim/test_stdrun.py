"""stdrun.hoc's procedures behave as NEURON 9.0.2's (numerics §3.2)."""

from __future__ import annotations

import pytest

from sim import h, stdrun


@pytest.fixture(autouse=True)
def _stdrun():
    h.load_file("stdrun.hoc")
    h.tstop, h.steps_per_ms, h.v_init, h.stoprun = 5, 40, -65, 0
    h.realtime, h.nstep_steprun = 0, 1
    stdrun.set_run_driver(None)
    yield
    stdrun.set_run_driver(None)


def test_load_file_defines_the_standard_globals_once():
    assert (h.tstop, h.v_init, h.steps_per_ms, h.nstep_steprun) == (5, -65, 40, 1)
    assert (h.realtime, h.stoprun, h.screen_update_invl, h.using_cvode_) == (0, 0, 0.05, 0)
    assert len(h.graphList) == 4 and all(hasattr(g, "count") for g in h.graphList)
    h.tstop = 7
    assert h.load_file("nrngui.hoc") == 1
    assert h.tstop == 7  # loading again changes nothing


def test_stoprun_is_an_int_as_in_neuron():
    h.stoprun = 1
    assert h.stoprun == 1 and isinstance(h.stoprun, int)
    with pytest.raises(TypeError, match="integer"):  # NEURON 9.0.2's message
        h.stoprun = 1.5
    assert h.stoprun == 1  # the refused value changed nothing
    h("stoprun = 0.7")  # HOC truncates
    assert h.stoprun == 0


def test_run_changes_dt_to_fit_steps_per_ms(capsys):
    soma = h.Section(name="soma")
    soma.insert("hh")
    h.dt = 0.01
    h.run()
    assert capsys.readouterr().out == "Changed dt\n"
    assert (h.dt, h.nstep_steprun, h.t) == (0.0125, 2, 4.999999999999983)  # NEURON's values
    h.steps_per_ms, h.dt, h.tstop = 20, 0.025, 1
    h.run()
    assert (h.dt, h.nstep_steprun, h.t) == (0.025, 2, 0.9999999999999984)
    h.steprun()
    assert h.t == 1.0499999999999983


def test_run_uses_v_init_and_a_hoc_level_init_redefinition():
    soma = h.Section(name="soma")
    h.v_init = -70
    h.run()
    assert soma(0.5).v == -70  # no membrane current: v stays at v_init
    calls = []
    original = h.init
    h._register("init", lambda: (calls.append(1), original()))
    h.stdinit()
    h._register("init", original)
    assert calls == [1]


def test_a_run_driver_advances_jobs_chunk_by_chunk_and_can_stop():
    soma = h.Section(name="soma")
    soma.insert("hh")
    seen = []

    def driver(job):
        while not job.step(0.0):
            seen.append(job.progress())
            if len(seen) == 3:
                job.stop()

    stdrun.set_run_driver(driver)
    h.tstop = 1e5
    h.run()
    assert len(seen) == 3 and 0 <= seen[0] <= seen[-1] < 1
    assert 0 < h.t < 1e5
    assert not stdrun.is_running()


def test_stoprun_stops_a_running_continuerun():
    soma = h.Section(name="soma")
    soma.insert("hh")
    h.finitialize(-65)

    def driver(job):
        job.step(0.0)
        h.stoprun = 1
        while not job.step(0.05):
            pass

    stdrun.set_run_driver(driver)
    h.continuerun(1e5)
    assert h.t < 1e5


def test_load_file_refuses_unknown_files_without_the_hoc_interpreter():
    with pytest.raises(RuntimeError, match=r"nosuchfile\.hoc"):
        stdrun._load_file("nosuchfile.hoc")


def test_fixed_step_cvode_switch_and_a_clear_refusal_of_variable_step():
    assert h.cvode_active() == 0 and h.cvode_active(0) == 0 and h.cvode.active() == 0
    h.cvode.atol(1e-5)
    assert h.CVode().atol() == 1e-5
    h.cvode.atol(1e-3)
    # issue 4: variable step exists now; cvode_active(1) also sets using_cvode_ (as NEURON)
    assert h.cvode_active(1) == 1 and h.using_cvode_ == 1 and h.cvode.active()
    assert h.cvode_active(0) == 0 and h.using_cvode_ == 0
    with pytest.raises(ValueError, match="atol must be > 0"):
        h.cvode.atol(0)
