"""NEURON's standard run system (stdrun.hoc): run, stdinit, init, setdt, continuerun, steprun.

``h.load_file('stdrun.hoc')`` (or ``nrngui.hoc``...) calls :func:`load_stdrun`,
which defines tstop, v_init, steps_per_ms... and the run procedures.  Runs go
through a *run driver*: the default one advances in the caller's thread; the
GUI installs one that advances on a worker thread (:func:`set_run_driver`).
Procedures call each other through ``h`` (``run`` calls ``h.stdinit``, which
calls ``h.init``) so a HOC redefinition of ``init`` is honoured, as in NEURON.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sim import engine
from sim._namespace import IntVar
from sim.engine import state

__all__ = [
    "BUILTIN_LIBRARIES",
    "RunJob",
    "advance",
    "continuerun",
    "default_driver",
    "is_running",
    "load_stdrun",
    "register",
    "run",
    "set_ra",
    "set_run_driver",
    "setdt",
    "stdinit",
    "steprun",
    "stoppedrun",
    "tstop_changed",
]

BUILTIN_LIBRARIES = ("stdrun.hoc", "nrngui.hoc", "stdgui.hoc", "noload.hoc", "stdlib.hoc")

_h: Any = None
_running: list[RunJob] = []


class RunJob:
    """One continuerun/steprun, advanced chunk by chunk by the run driver."""

    def __init__(self, until: float | None, nsteps: int | None = None) -> None:
        self.until = until  # may be changed while running (the GUI's tstop field)
        self.nsteps = nsteps
        self.finished = False
        self._stop = False
        self._t0 = state.t

    def step(self, wall_budget: float = 0.05) -> bool:
        """Advance one chunk of about ``wall_budget`` seconds; True when finished or stopped."""
        if self.finished:
            return True
        if self._stop or (self.nsteps is None and self._stopped()):
            self.finished = True  # steprun steps even with stoprun set, as NEURON does
            return True
        group = max(1, int(_var("nstep_steprun", 1.0)))
        user_advance = _redefined_advance()
        if user_advance is not None:
            return self._step_calling(user_advance, group, wall_budget)
        if self.nsteps is not None:
            engine.run_until(float("inf"), 1, max_steps=self.nsteps)
            result = "done"
        else:
            ts = float(self.until) - state.var("dt") / 2.0
            result = engine.run_until(ts, group, self._stopped, wall_budget)
        if result in ("done", "stopped"):
            self.finished = True
        return self.finished

    def _step_calling(self, user_advance: Any, group: int, wall_budget: float) -> bool:
        """Step through a HOC-redefined ``advance()``, as stdrun.hoc's step() does:
        ``nstep_steprun`` calls, then the loop test ``t < tstop - dt/2 && !stoprun``."""
        if self.nsteps is not None:
            for _ in range(self.nsteps):
                user_advance()
            self.finished = True
            return True
        ts = float(self.until) - state.var("dt") / 2.0
        start = time.perf_counter()
        while state.t < ts and not self._stopped():
            for _ in range(group):
                user_advance()
            if time.perf_counter() - start >= wall_budget:
                return False
        self.finished = True
        return True

    def stop(self) -> None:
        """Ask the run to stop at the end of the present chunk (``h.stoprun = 1`` does too)."""
        self._stop = True

    def _stopped(self) -> bool:
        return self._stop or bool(_var("stoprun", 0.0))

    def progress(self) -> float:
        if self.finished:
            return 1.0
        if self.until is None or self.until <= self._t0:
            return 0.0
        return min(1.0, max(0.0, (state.t - self._t0) / (float(self.until) - self._t0)))


def default_driver(job: RunJob) -> None:
    """Run the job to the end in the caller's thread."""
    while not job.step(0.05):
        pass


_driver: list[Callable[[RunJob], Any]] = [default_driver]


def set_run_driver(driver: Callable[[RunJob], Any] | None) -> None:
    """Install the function that carries out runs (None: the default, in-thread driver)."""
    _driver[0] = driver or default_driver


def is_running() -> bool:
    return bool(_running)


def _var(name: str, default: float) -> float:
    sym = _h._lookup(name) if _h is not None else None
    return float(sym.value) if sym is not None and hasattr(sym, "value") else default


def _set(name: str, value: float) -> None:
    setattr(_h, name, value)


def _drive(job: RunJob) -> None:
    started = time.perf_counter()
    _running.append(job)
    try:
        _driver[0](job)
    finally:
        _running.remove(job)
        _set("realtime", time.perf_counter() - started)


def continuerun(tstop: float) -> float:
    """Continue from the present t until the step boundary nearest ``tstop``."""
    if not state.initialized:
        raise RuntimeError(
            "continuerun: the model is not initialized; call h.finitialize() (or h.stdinit()) first"
        )
    _set("stoprun", 0)
    _drive(RunJob(float(tstop)))
    _h.flushPlot()
    return 0.0


def steprun() -> float:
    """``steprun()``: ``nstep_steprun`` fadvances (one step of the RunControl)."""
    step()
    _h.flushPlot()
    return 0.0


def step() -> float:
    _drive(RunJob(None, max(1, int(_var("nstep_steprun", 1.0)))))
    return 0.0


def setdt() -> float:
    """Make dt divide 1/steps_per_ms (prints "Changed dt" when it had to change it)."""
    if _var("using_cvode_", 0.0):
        return 0.0
    dt = state.var("dt")
    spm = _var("steps_per_ms", 40.0)
    big = 1.0 / spm
    n = int(big / dt)
    if n == 0:
        n = 1
    _set("nstep_steprun", float(n))
    if abs(dt * n * spm - 1.0) > 1e-6:
        print("Changed dt")
        _h.dt = big / n
    return 0.0


def advance() -> float:
    """``advance()``: one ``fadvance()``.  A model may redefine it (``proc advance()`` in
    HOC); the run loop then calls the model's version every step."""
    engine.fadvance()
    return 0.0


def _redefined_advance() -> Any:
    """The model's own ``advance`` when it replaced ours; None for the compiled loop."""
    sym = _h._lookup("advance") if _h is not None else None
    return None if sym is None or sym is advance else sym


def init() -> float:
    engine.finitialize(_var("v_init", -65.0))
    return 0.0


def stdinit() -> float:
    _set("realtime", 0.0)
    _h.setdt()
    _h.init()
    _h.initPlot()
    return 0.0


def run() -> float:
    """``run()``: stdinit() then continuerun(tstop)."""
    _set("running_", 1.0)  # as stdrun.hoc (its runbutton() sets it back)
    _h.stdinit()
    _h.continuerun(_var("tstop", 5.0))
    return 0.0


def stoppedrun() -> float:
    """``stoppedrun()``: the value of stoprun."""
    return float(_var("stoprun", 0.0))


def set_ra(*args: Any) -> float:
    """``set_ra([ra])``: every section's Ra = global_ra (first set to ``ra`` when given)."""
    if args:
        _set("global_ra", float(args[0]))
    ra = _var("global_ra", 35.4)
    for sec in _h.allsec():
        sec.Ra = ra
    return 0.0


def tstop_changed() -> float:
    """``tstop_changed()``: the graphs of graphList[0..2] show 0..tstop on x."""
    tstop = _var("tstop", 5.0)
    for plots in list(_h.graphList)[:3]:
        for graph in list(plots):
            graph.size(0, tstop, graph.size(3), graph.size(4))
    return 0.0


def _nothing(*_args: Any) -> float:
    return 0.0


# stdrun.hoc's globals, with their values when it is loaded.
_GLOBALS = (
    ("tstop", 5.0),
    ("v_init", -65.0),
    ("steps_per_ms", 40.0),
    ("nstep_steprun", 1.0),
    ("realtime", 0.0),
    ("screen_update_invl", 0.05),
    ("using_cvode_", 0.0),
    ("running_", 0.0),
    ("stdrun_quiet", 0.0),
    ("runStopIn", 1.0),
    ("global_ra", 35.4),
    ("n_graph_lists", 4.0),
    ("eventslow", 1.0),
    ("eventcount", 0.0),
)

_PROCEDURES = (
    ("run", run),
    ("stdinit", stdinit),
    ("init", init),
    ("setdt", setdt),
    ("continuerun", continuerun),
    ("steprun", steprun),
    ("step", step),
    ("advance", advance),
    ("stoppedrun", stoppedrun),
    ("set_ra", set_ra),
    ("tstop_changed", tstop_changed),
    ("initPlot", _nothing),
    ("flushPlot", _nothing),
    ("Plot", _nothing),
    ("fastflushPlot", _nothing),
)


def load_stdrun(h: Any) -> float:
    """Define the stdrun.hoc globals and procedures in ``h`` (idempotent)."""
    global _h
    _h = h
    for name, value in _GLOBALS:
        h._define_var(name, value)
    h._define_var("runStopAt", h.tstop)
    from sim.section import List

    if h._lookup("graphList") is None:
        h._register("graphList", [List() for _ in range(4)])
    if h._lookup("cvode") is None and h._lookup("CVode") is not None:
        h._register("cvode", h.CVode())
    for name in ("flush_list", "fast_flush_list"):  # plots redrawn at each screen update
        if h._lookup(name) is None:
            h._register(name, List())
    for name, fn in _PROCEDURES:
        if h._lookup(name) is None:
            h._register(name, fn)
    return 1.0


def _load_file(*args: Any) -> float:
    """Minimal ``h.load_file``: the built-in libraries only (HOC files need sim.hoc)."""
    name = args[-1] if args else ""
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    if base in BUILTIN_LIBRARIES:
        return load_stdrun(_h)
    raise RuntimeError(f"load_file({name!r}): only the built-in libraries can be loaded here")


def register(h: Any) -> None:
    """``h.load_file`` for the built-in libraries (the HOC interpreter replaces it later),
    and ``stoprun``, which NEURON has before stdrun.hoc is loaded."""
    global _h
    _h = h
    if h._lookup("stoprun") is None:
        h._register("stoprun", IntVar("stoprun", 0.0))
    h._register("load_file", _load_file)
