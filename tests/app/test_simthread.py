"""The simulation thread drives run jobs on a worker while the GUI thread stays live.

These tests use a stand-in job with the run contract's interface (step/stop/progress),
so they check the driver itself: synchronous meaning, a live event loop, Stop, edits
between chunks, errors reaching the caller, and a structural change stopping the run.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread, QTimer

from app import simthread


class FakeJob:
    """A job of ``n_chunks`` chunks, each busy for ``chunk_s`` seconds of wall time."""

    def __init__(self, n_chunks: int = 20, chunk_s: float = 0.01, fail_at: int = -1) -> None:
        self.n_chunks = n_chunks
        self.chunk_s = chunk_s
        self.fail_at = fail_at
        self.done = 0
        self.stopped = False
        self.finished = False
        self.in_step = False
        self.step_threads: set[int] = set()

    def step(self, wall_budget: float) -> bool:
        self.in_step = True
        self.step_threads.add(threading.get_ident())
        try:
            if self.done == self.fail_at:
                raise ZeroDivisionError("boom in a per-step callback")
            end = time.perf_counter() + self.chunk_s
            while time.perf_counter() < end:
                pass
            self.done += 1
            self.finished = self.stopped or self.done >= self.n_chunks
            return self.finished
        finally:
            self.in_step = False

    def stop(self) -> None:
        self.stopped = True

    def progress(self) -> float:
        return self.done / self.n_chunks


@pytest.fixture
def driver(qtbot):
    thread = simthread.SimThread()
    yield thread
    thread.stop()
    thread.deleteLater()


def test_drive_returns_when_the_job_is_done_and_ran_on_a_worker(driver):
    job = FakeJob(n_chunks=10)
    driver.drive(job)
    assert job.done == 10
    assert job.finished
    assert threading.get_ident() not in job.step_threads
    assert not driver.is_running()


def test_gui_timer_runs_during_the_run(driver):
    ticks: list[float] = []
    driver.screen_updated.connect(ticks.append)
    job = FakeJob(n_chunks=30, chunk_s=0.01)  # ~0.3 s at the default 50 ms update interval
    driver.drive(job)
    assert len(ticks) >= 3, "the screen was not updated during the run"
    assert ticks[-1] == 1.0


def test_stop_mid_run(driver):
    job = FakeJob(n_chunks=10_000, chunk_s=0.005)
    QTimer.singleShot(100, driver.stop)
    t0 = time.perf_counter()
    driver.drive(job)
    assert job.stopped
    assert job.done < 10_000
    assert time.perf_counter() - t0 < 2.0


def test_exception_in_a_chunk_is_raised_to_the_caller_and_driver_stays_usable(driver):
    with pytest.raises(ZeroDivisionError, match="boom"):
        driver.drive(FakeJob(n_chunks=10, fail_at=3))
    assert not driver.is_running()
    job = FakeJob(n_chunks=5)
    driver.drive(job)
    assert job.done == 5


def test_edits_are_applied_between_chunks(driver):
    job = FakeJob(n_chunks=40, chunk_s=0.005)
    seen: list[tuple[bool, bool]] = []

    def edit():
        seen.append((job.in_step, QThread.currentThread() is driver.thread()))

    QTimer.singleShot(50, lambda: driver.between_chunks(edit))
    driver.drive(job)
    assert seen == [(False, True)], "edit must run on the GUI thread while no chunk runs"


def test_edit_when_idle_runs_at_once(driver):
    hits = []
    driver.between_chunks(lambda: hits.append(1))
    assert hits == [1]


def test_structure_change_stops_the_run(driver, monkeypatch, capsys):
    version = [0]
    monkeypatch.setattr(simthread, "_structure_version", lambda: version[0])
    job = FakeJob(n_chunks=10_000, chunk_s=0.005)

    def change():
        version[0] += 1

    QTimer.singleShot(60, change)
    driver.drive(job)
    assert job.stopped and job.done < 10_000
    assert "structure changed" in capsys.readouterr().err


def test_nested_run_stops_the_outer_one(driver):
    outer = FakeJob(n_chunks=10_000, chunk_s=0.005)
    inner = FakeJob(n_chunks=5)
    QTimer.singleShot(50, lambda: driver.drive(inner))
    driver.drive(outer)
    assert inner.done == 5
    assert outer.stopped and outer.done < 10_000


def test_driver_outside_the_gui_thread_runs_inline(driver):
    job = FakeJob(n_chunks=3)
    t = threading.Thread(target=lambda: driver.drive(job))
    t.start()
    t.join()
    assert job.done == 3


def test_enter_in_a_field_during_a_run_is_handled_between_chunks(driver, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    job = FakeJob(n_chunks=60, chunk_s=0.005)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    seen = []
    edit.returnPressed.connect(lambda: seen.append(job.in_step))
    QTimer.singleShot(60, lambda: qtbot.keyClick(edit, Qt.Key.Key_Return))
    driver.drive(job)
    assert seen == [False], "the field's Enter must be handled while no chunk runs"
    assert job.done == 60
