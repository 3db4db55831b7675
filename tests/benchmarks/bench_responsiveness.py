"""Responsiveness of the GUI during a run (issue 7's benchmark; not a timed test).

Model W2: a binary tree of 200 sections (L 100 um, diam 2 um, nseg 11, hh), a 0.5 nA
IClamp at the root, 100 ms at dt 0.025, with two live graphs (the root's and a leaf's
voltage on graphList[0]).  Prints:

- the run's wall time headless (default driver, no graphs) and in the GUI (threaded
  driver, graphs live), and the slowdown (target: at most 20 %);
- the longest stall of the GUI event loop during the GUI run, measured by a 10 ms timer
  (target: under 50 ms);
- Stop latency: from pressing Stop to ``h.run()`` returning (target: under 100 ms).

Run: ``QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_responsiveness.py``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sim import h

TSTOP = 100.0


def build_w2() -> list:
    h.load_file("stdrun.hoc")
    secs = []
    for i in range(200):
        sec = h.Section(name=f"w2_{i}")
        sec.L, sec.diam, sec.nseg = 100, 2, 11
        sec.insert("hh")
        if i:
            sec.connect(secs[(i - 1) // 2](1), 0)
        secs.append(sec)
    stim = h.IClamp(secs[0](0.5))
    stim.delay, stim.dur, stim.amp = 1, 1e9, 0.5
    secs.append(stim)  # keep it alive
    h.tstop = TSTOP
    h.dt = 0.025
    h.steps_per_ms = 40
    return secs


CPU_TIMES: dict[str, float] = {}


def best_of(n: int, run, label: str = "") -> float:
    """The fastest of n timed runs (the machine is shared: the minimum is the honest cost).

    Also keeps the least process CPU time (all threads: the worker and the GUI's redraws)
    under ``label``: on a loaded machine wall time mostly measures the other processes.
    """
    times, cpu = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    if label:
        CPU_TIMES[label] = min(cpu)
    return min(times)


def headless_time() -> float:
    from sim import stdrun

    stdrun.set_run_driver(None)
    h.run()  # warm-up: compile
    return best_of(3, h.run, "headless")


class StallMeter:
    """A 10 ms timer; the longest gap between its ticks is the longest event-loop stall.

    (A faster probe would itself compete with the worker for the GIL and slow the run.)"""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> None:
        self.timer.stop()


def gui_graphs(secs: list) -> list:
    from widgets.graph import Graph

    graphs = []
    for sec in (secs[0], secs[199]):
        g = Graph()
        g.size(0, TSTOP, -80, 40)
        g.addvar(f"{sec.name()}(0.5).v", sec(0.5)._ref_v, 2, 1)
        h.graphList[0].append(g)
        graphs.append(g)
    return graphs


def gui_run_time(meter: StallMeter) -> float:
    """Best of three threaded runs with the graphs live; the meter sees all three."""
    from app import simthread

    simthread.install()
    meter.start()
    elapsed = best_of(3, h.run, "gui")
    meter.stop()
    return elapsed


def stop_latency() -> float:
    from app import simthread

    h.tstop = 1e6
    pressed = {}

    def press_stop() -> None:
        pressed["t"] = time.perf_counter()
        h.stoprun = 1
        simthread.sim_thread().stop()

    QTimer.singleShot(500, press_stop)
    h.run()
    latency = time.perf_counter() - pressed["t"]
    h.tstop = TSTOP
    return latency


class KernelTimer:
    """Times each call of the engine's compiled loop (nogil: the GUI may run meanwhile)."""

    def __init__(self) -> None:
        from sim.engine import _run

        self.kernels = _run._kernels()
        self.original = self.kernels.run_steps
        self.longest = 0.0

        def timed(*args):
            t0 = time.perf_counter()
            try:
                return self.original(*args)
            finally:
                self.longest = max(self.longest, time.perf_counter() - t0)

        self.kernels.run_steps = timed


def main() -> int:
    app = QApplication.instance() or QApplication([])
    secs = build_w2()
    t_headless = headless_time()
    gui_graphs(secs)
    meter = StallMeter()
    gui_run_time(meter)  # warm-up of the graphs
    kernel = KernelTimer()
    t_gui = gui_run_time(meter)
    stall = meter.longest
    latency = stop_latency()
    slowdown = t_gui / t_headless - 1
    print(f"W2 ({len(secs) - 1} sections x 11 segments, {TSTOP:g} ms, two live graphs)")
    print(f"  headless run        {t_headless * 1e3:8.1f} ms")
    print(
        f"  GUI run             {t_gui * 1e3:8.1f} ms   slowdown {slowdown * 100:+.1f} %"
        f"   (target <= +20 %)  {'ok' if slowdown <= 0.2 else 'MISSED'}"
    )
    cpu_h, cpu_g = CPU_TIMES["headless"], CPU_TIMES["gui"]
    print(
        f"  CPU time            {cpu_h * 1e3:8.1f} ms headless, {cpu_g * 1e3:.1f} ms GUI "
        f"({(cpu_g / cpu_h - 1) * 100:+.1f} %, all threads)"
    )
    print(
        f"  longest GUI stall   {stall * 1e3:8.1f} ms   (target < 50 ms)  "
        f"{'ok' if stall < 0.05 else 'MISSED'}"
    )
    print(
        f"  longest engine call {kernel.longest * 1e3:8.1f} ms   (one compiled call; it "
        "releases the GIL, so the GUI runs meanwhile)"
    )
    print(
        f"  Stop latency        {latency * 1e3:8.1f} ms   (target < 100 ms) "
        f"{'ok' if latency < 0.1 else 'MISSED'}"
    )
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
