"""finitialize, fadvance and chunked advancing (numerics §2.5, §3.1, §4)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from sim.engine._state import Recorder, state
from sim.section import structure_version

__all__ = [
    "SimulationError",
    "advance",
    "compiled",
    "fadvance",
    "fcurrent",
    "finitialize",
    "frecord_init",
    "run_until",
]

_STAGE = 4096  # samples per recorder staged in the compiled loop before flushing
_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0)


class SimulationError(RuntimeError):
    """The run cannot continue (the voltage became NaN or infinite...)."""


def _kernels() -> Any:
    from sim.engine import _kernels

    return _kernels


def compiled() -> Any:
    """The compiled model, recompiled first if the structure changed."""
    comp = state.comp
    if comp is None or comp.version != structure_version():
        from sim.engine._model import compile_model

        comp = compile_model(state.t)
        state.comp = comp
    return comp


def _table(k: Any) -> np.ndarray:
    """hh's rate table, rebuilt when celsius changed (checked at finitialize and every run)."""
    key = (state.var("celsius"), state.q10())
    if state.table_key != key:
        state.table = k.hh_table(key[1])
        state.table_key = key
    return state.table


def _ctl(ts: float, group: int, max_steps: int, k: Any) -> tuple:
    usetable = state.h._lookup("usetable_hh")
    return (
        float(ts),
        int(group),
        int(max_steps),
        float(state.var("dt")),
        float(state.cj),
        int(state.var("secondorder")),
        float(state.q10()),
        bool(usetable.value if usetable is not None else 1.0),
        _table(k),
    )


def finitialize(v: float | None = None) -> float:
    """``h.finitialize([v])``: t = 0, states to steady state, the first sample recorded."""
    from sim.engine._events import finitialize_stage as stage  # issue 4: events, synapses
    from sim.engine._handlers import run_handlers

    run_handlers(3)
    k = _kernels()
    comp = compiled()
    comp.pool[0] = 0.0
    state.cj = state.integration_constant()
    ctl = _ctl(0.0, 1, 1, k)
    stage("begin", comp)
    if v is not None:
        comp.v[:] = float(v)
    mp = comp.mp()
    run_handlers(0)
    k.initialize(comp.v, ctl[6], ctl[7], ctl[8], mp)
    stage("initial", comp)
    run_handlers(1)
    parent, a, b, cm, area, ncell, vv, rhs, d = comp.tree()
    stage("setup", comp, ctl)
    k.setup_matrix(0.0, vv, rhs, d, parent, a, b, cm, area, ncell, 0.001 * state.cj, mp)
    state.initialized = True
    _Recording.start(comp)
    run_handlers(2)
    for hook in list(state.init_hooks):
        hook()
    return 1.0


class _Recording:
    """Staging buffers between the compiled loop and the Vectors."""

    current: _Recording | None = None

    def __init__(self, comp: Any, recs: list[Recorder]) -> None:
        self.comp = comp
        self.version = comp.version
        self.cont = [r for r in recs if not r.discrete]
        self.disc = [r for r in recs if r.discrete]
        self.python: list[Recorder] = []
        idx = []
        keep = []
        for r in self.cont:
            i = _pool_index(comp, r.ptr)
            if i is None:
                self.python.append(r)
            else:
                idx.append(i)
                keep.append(r)
        self.cont = keep
        self.ri = np.array(idx, dtype=np.int64)
        self.rbuf = np.zeros((len(idx), _STAGE))
        self.rn = np.zeros(1, dtype=np.int64)
        self._init_discrete(comp)

    def _init_discrete(self, comp: Any) -> None:
        disc = [r for r in self.disc if _pool_index(comp, r.ptr) is not None]
        self.disc = disc
        n = len(disc)
        self.di = np.array([_pool_index(comp, r.ptr) for r in disc], dtype=np.int64)
        self.dnext = np.full(n, np.inf)
        self.dstep = np.zeros(n)
        self.dpos = np.zeros(n, dtype=np.int64)
        self.dend = np.zeros(n, dtype=np.int64)
        times = []
        off = 0
        margin = 2
        dt = state.var("dt")
        for j, r in enumerate(disc):
            if r.step is not None:
                self.dstep[j] = r.step
                self.dnext[j] = 0.0
                margin = max(margin, math.ceil(dt / r.step) + 2)
            else:
                tv = np.asarray(r.times.as_numpy(), dtype=float)
                times.append(tv)
                self.dpos[j] = off
                self.dend[j] = off + len(tv)
                self.dnext[j] = tv[0] if len(tv) else np.inf
                off += len(tv)
                margin = max(margin, len(tv) + 2)
        self.dtimes = np.concatenate(times) if times else _EMPTY_F.copy()
        self.margin = margin
        self.dbuf = np.zeros((n, max(_STAGE, 4 * margin)))
        self.dn = np.zeros(n, dtype=np.int64)

    @classmethod
    def start(cls, comp: Any) -> None:
        """At finitialize: vectors cleared, the t = 0 sample taken, record events at 0."""
        rec = cls(comp, state.live_recorders())
        cls.current = rec
        for r in rec.cont + rec.disc + rec.python:
            r.vec()._clear()
        pool = comp.pool
        for j, i in enumerate(rec.ri):
            rec.rbuf[j, 0] = pool[i]
        rec.rn[0] = 1
        rec.sample_python()
        k = _kernels()
        k._deliver_records(
            pool,
            0.0,
            rec.di,
            rec.dnext,
            rec.dstep,
            rec.dtimes,
            rec.dpos,
            rec.dend,
            rec.dbuf,
            rec.dn,
            0.0,
        )
        rec.flush()

    @classmethod
    def get(cls, comp: Any) -> _Recording:
        rec = cls.current
        recs = state.live_recorders()
        if (
            rec is None
            or rec.comp is not comp
            or rec.version != comp.version
            or not _same(rec, recs)
        ):
            rec = cls._rebuild(comp, recs, rec)
        return rec

    @classmethod
    def _rebuild(cls, comp: Any, recs: list[Recorder], old: _Recording | None) -> _Recording:
        """Recorders added (or the model recompiled) after finitialize: keep discrete timing."""
        rec = cls(comp, recs)
        if old is not None:
            for j, r in enumerate(rec.disc):
                for jo, ro in enumerate(old.disc):
                    if ro is r:
                        rec.dnext[j], rec.dpos[j] = old.dnext[jo], old.dpos[jo]
        cls.current = rec
        return rec

    def drec(self) -> tuple:
        return (
            self.di,
            self.dnext,
            self.dstep,
            self.dtimes,
            self.dpos,
            self.dend,
            self.dbuf,
            self.dn,
            int(self.margin),
        )

    def rec(self) -> tuple:
        return (self.ri, self.rbuf, self.rn)

    def expect(self, ts: float, group: int, max_steps: int | None) -> None:
        """Size continuous recordings for the steps ahead, so 1e6 samples cost 8 MB."""
        dt = state.var("dt")
        steps = max_steps if max_steps is not None else (ts - state.t) / dt + 1
        if not math.isfinite(steps) or steps > 1e9:
            return
        steps = (int(steps) // group + 1) * group
        for r in self.cont + self.python:
            vec = r.vec()
            if vec is not None:
                vec._expect(steps)

    def sample_python(self) -> None:
        for r in self.python:
            r.vec()._append_values(np.array([r.ptr.get()]))

    def flush(self) -> None:
        n = int(self.rn[0])
        if n:
            for j, r in enumerate(self.cont):
                vec = r.vec()
                if vec is not None:
                    vec._append_values(self.rbuf[j, :n])
            self.rn[0] = 0
        for j, r in enumerate(self.disc):
            m = int(self.dn[j])
            if m:
                vec = r.vec()
                if vec is not None:
                    vec._append_values(self.dbuf[j, :m])
                self.dn[j] = 0


def _same(rec: _Recording, recs: list[Recorder]) -> bool:
    have = {id(r) for r in rec.cont + rec.disc + rec.python}
    return have == {id(r) for r in recs}


def _pool_index(comp: Any, ptr: Any) -> int | None:
    try:
        loc = ptr.location()
    except ReferenceError:
        return None
    if loc is None:
        return None
    return comp.pool_index(*loc)


def fadvance() -> float:
    """``h.fadvance()``: one step of dt."""
    run_until(math.inf, 1, max_steps=1)
    return 1.0


def fcurrent() -> float:
    """``h.fcurrent()``: currents and conductances at the present v and t; nothing advances."""
    k = _kernels()
    comp = compiled()
    if state.cj is None:
        state.cj = state.integration_constant()
    parent, a, b, cm, area, ncell, v, rhs, d = comp.tree()
    k.setup_matrix(state.t, v, rhs, d, parent, a, b, cm, area, ncell, 0.001 * state.cj, comp.mp())
    return 1.0


def frecord_init() -> float:
    """``h.frecord_init()``: every recording restarts from the present values and t (after
    a model's init() changed states following finitialize)."""
    if state.initialized:
        _Recording.start(compiled())
    return 1.0


def advance(
    until: float,
    stop_requested: Callable[[], bool] | None = None,
    wall_budget: float | None = None,
) -> str:
    """Run fixed steps while t < until - dt/2; "done", "stopped" or "budget"."""
    return run_until(until - state.var("dt") / 2.0, 1, stop_requested, wall_budget)


def run_until(
    ts: float,
    group: int,
    stop_requested: Callable[[], bool] | None = None,
    wall_budget: float | None = None,
    max_steps: int | None = None,
) -> str:
    """The compiled loop in chunks of about 10 ms: while t < ts, ``group`` steps at a time."""
    from sim.engine import _events

    if not state.initialized:
        raise RuntimeError("call h.finitialize() (or h.stdinit() / h.run()) before advancing")
    k = _kernels()
    comp = compiled()
    if state.cj is None:
        state.cj = state.integration_constant()
    rec = _Recording.get(comp)
    rec.expect(ts, group, max_steps)
    per_step = bool(state.step_callbacks or rec.python)
    start = time.perf_counter()
    chunk = 1 if per_step else max(group, min(1 << 20, 200_000 // max(1, comp.v.shape[0])))
    if not per_step and _last_chunk[0] == (id(comp), comp.version):
        chunk = max(group, _last_chunk[1])  # stdrun calls again every 50 ms: go on from there
    done_steps = 0
    if stop_requested is not None and stop_requested():
        return "stopped"
    while True:
        limit = chunk if max_steps is None else min(chunk, max_steps - done_steps)
        t0 = time.perf_counter()
        status, steps = _events.runner(
            comp.pool, comp.tree(), comp.mp(), _ctl(ts, group, limit, k), rec.rec(), rec.drec()
        )
        done_steps += steps
        if per_step and steps:
            rec.sample_python()
            for cb in list(state.step_callbacks):
                cb()
        rec.flush()
        if status == k.NONFINITE:
            _raise_nonfinite(comp)
        if status == k.DONE or (max_steps is not None and done_steps >= max_steps):
            return "done"
        if stop_requested is not None and stop_requested():
            return "stopped"
        if wall_budget is not None and time.perf_counter() - start >= wall_budget:
            return "budget"
        if not per_step and status == k.CHUNK:
            spent = time.perf_counter() - t0
            chunk = _next_chunk(chunk, group, spent)
            _last_chunk[:] = [(id(comp), comp.version), chunk]


_last_chunk: list[Any] = [None, 0]  # (model key, steps) of the last chunk's successor


def _next_chunk(chunk: int, group: int, spent: float) -> int:
    """Aim for chunks of 5-20 ms of wall time (stop requests are seen that often)."""
    if spent < 0.005:
        chunk *= 2
    elif spent > 0.02:
        chunk //= 2
    return max(group, chunk)


def _raise_nonfinite(comp: Any) -> None:
    v = comp.v
    bad = np.flatnonzero(~np.isfinite(v))
    node = int(bad[0]) if len(bad) else 0
    name = comp.node_section(node) or "?"
    raise SimulationError(
        f"the membrane potential became {v[node]} at t = {comp.pool[0]:g} ms in section "
        f"{name}; the run was stopped (check dt, the stimulus and the mechanism parameters)"
    )
