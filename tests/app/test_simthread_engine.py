"""The simulation thread with the real engine: h.run() from the GUI thread stays synchronous,
the event loop keeps running, a structural change stops the run, Stop is prompt."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from app import simthread
from sim import h


@pytest.fixture
def engine(qtbot):
    from sim import section, stdrun

    h.load_file("stdrun.hoc")
    simthread.install()
    section.delete_all_sections()
    h.stoprun = 0
    soma = h.Section(name="soma")
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 1e9, 0.2
    yield soma, stim
    stdrun.set_run_driver(None)
    section.delete_all_sections()


def test_run_is_synchronous_and_the_event_loop_runs_meanwhile(engine):
    from sim import stdrun

    ticks = []

    def tick():
        ticks.append(stdrun.is_running())
        if len(ticks) == 10:
            h.stoprun = 1  # ten passes of the event loop happened during the run

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    h.tstop = 1e7
    try:
        h.run()
    finally:
        timer.stop()
    assert 0 < h.t < 1e7
    assert len(ticks) >= 10 and all(ticks[:10]), "the GUI event loop should run meanwhile"
    h.tstop = 5
    h.run()  # and a short run still ends at tstop
    assert h.t == pytest.approx(5)


def test_a_new_section_while_running_stops_the_run_and_says_so(engine, capsys):
    h.tstop = 1e7
    made = []
    QTimer.singleShot(150, lambda: made.append(h.Section(name="late")))
    h.run()
    assert made, "the section was created during the run"
    assert h.t < 1e7
    err = capsys.readouterr().err
    assert "structure changed" in err and "t = " in err


def test_stoprun_from_a_timer_stops_within_100_ms(engine):
    h.tstop = 1e7
    pressed = {}

    def stop():
        pressed["t"] = time.perf_counter()
        h.stoprun = 1

    QTimer.singleShot(150, stop)
    h.run()
    assert 0 < h.t < 1e7
    assert time.perf_counter() - pressed["t"] < 0.1


def test_continuerun_after_stop_continues_from_t(engine):
    h.tstop = 1e7
    QTimer.singleShot(100, lambda: setattr(h, "stoprun", 1))
    h.run()
    t_stop = h.t
    h.continuerun(t_stop + 1)
    assert h.t == pytest.approx(t_stop + 1, abs=0.013)
