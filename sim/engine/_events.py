"""Network events on fixed step: the event queue, spike sources, delivery (numerics §2.5, §6.6).

The compiled loop (:func:`sim.engine._synkernels.run_steps_ev`) detects
threshold crossings and returns to Python when a source spiked or an event
is due; :func:`runner` then delivers, in time order, every event with
te <= t_n + dt/2 (and after the last step, te <= t), so an event is applied
at the step boundary nearest te, as in NEURON.  NET_RECEIVE blocks (ExpSyn,
Exp2Syn, NetStim) run here in Python.  This module also runs the
finitialize stages that belong to events: the point processes' INITIAL
blocks, NetStim's first self-event and Vector.play.
"""

from __future__ import annotations

import heapq
import itertools
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from sim.engine._state import state

__all__ = ["Source", "finitialize_stage", "net", "reset", "runner", "uses_events"]

_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0)
_SYN_NAMES = ("AlphaSynapse", "ExpSyn", "Exp2Syn", "SEClamp", "APCount")
_EVENT_MECHS = ("ExpSyn", "Exp2Syn", "APCount")  # need the event-aware loop


class Source:
    """NEURON's PreSyn: what a NetCon watches (a voltage reference, a NetStim, an APCount)."""

    def __init__(self, kind: str, ptr: Any = None, obj: Any = None) -> None:
        self.kind = kind  # "ptr", "art" (NetStim) or "silent" (APCount: never sends)
        self.ptr = ptr
        self.obj = weakref.ref(obj) if obj is not None else None
        self.thresh = 10.0
        self.flag = 0.0
        self.netcons: list[weakref.ref] = []
        self.records: list[tuple[Any, Any, float]] = []

    def targets(self) -> list[Any]:
        self.netcons = [r for r in self.netcons if r() is not None]
        return [r() for r in self.netcons]

    def spike(self, ts: float) -> None:
        """A spike at ts: record it, and send an event to every active NetCon's target."""
        for tvec, idvec, ident in self.records:
            tvec._append_values(np.array([ts]))
            if idvec is not None:
                idvec._append_values(np.array([ident]))
        for nc in self.targets():
            if nc._active and nc._target is not None:
                net.send(ts + nc._delay, "netcon", nc)


class Network:
    """Every source, handler, play and the event queue (one instance: :data:`net`)."""

    def __init__(self) -> None:
        self.sources: dict[Any, Source] = {}
        self.queue: list[tuple[float, int, str, Any]] = []
        self.seq = itertools.count()
        self.plays: list[Any] = []
        self.version = 0
        self._cache: tuple | None = None
        self._rows: dict[int, tuple[int, int]] = {}

    def changed(self) -> None:
        self.version += 1

    def send(self, te: float, kind: str, payload: Any) -> None:
        heapq.heappush(self.queue, (te, next(self.seq), kind, payload))

    def tnext(self) -> float:
        return self.queue[0][0] if self.queue else np.inf

    def deliver_until(self, tlimit: float) -> None:
        """Deliver, in time order, every event with te <= tlimit (new ones included)."""
        q = self.queue
        while q and q[0][0] <= tlimit:
            te, _, kind, payload = heapq.heappop(q)
            _DELIVER[kind](te, payload)

    def pointer_sources(self) -> list[Source]:
        return [s for s in self.sources.values() if s.kind == "ptr" and s.netcons]

    def arrays(self, comp: Any) -> tuple:
        """The kernel's view of the model: synapse tables, threshold sources, plays."""
        key = (comp.version, id(comp), self.version)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        sp: list[Any] = []
        for name in _SYN_NAMES:
            sp.extend((comp.mech_nodes[name], comp.mech_data[name]))
        srcs = [s for s in self.pointer_sources() if s.targets()]
        idx = []
        for s in srcs:
            i = _pool_index(comp, s.ptr)
            if i is None:
                raise RuntimeError(f"NetCon source {s.ptr.describe()} is not a model variable")
            idx.append(i)
        src = (
            np.array(idx, dtype=np.int64),
            np.array([s.thresh for s in srcs]),
            np.array([s.flag for s in srcs]),
        )
        ev = (
            np.array([np.inf]),
            np.zeros(1, dtype=np.int64),
            np.zeros(max(1, len(srcs)), dtype=np.int64),
            np.zeros(1, dtype=np.int64),
            np.zeros(1, dtype=np.int64),
            np.zeros(_KQ),
            np.zeros(_KQ, dtype=np.int64),
            np.zeros(_KQ, dtype=np.int64),
            np.zeros(_KQ),
            np.zeros(2, dtype=np.int64),
        )
        self._rows = {}
        from sim.engine._play import play_arrays

        value = (tuple(sp), src, ev, play_arrays(comp, self.plays), srcs)
        self._cache = (key, value)
        return value


net = Network()
_KQ = 64  # pending events handed to the compiled loop per call
_KIND = {"ExpSyn": 1, "Exp2Syn": 2}


def _target_row(comp: Any, target: Any) -> tuple[int, int]:
    """(kind, row) of a synapse the compiled loop can deliver to, else (0, 0)."""
    key = id(target)
    got = net._rows.get(key)
    if got is None:
        name = type(target)._mech.name
        kind = _KIND.get(name, 0)
        got = (0, 0)
        if kind and target.has_loc():
            data = comp.mech_data[name]
            off = comp.pool_index(target._data, 0)
            base = comp.pool_index(data, (0, 0)) if data.shape[0] else None
            if off is not None and base is not None:
                got = (kind, (off - base) // data.shape[1])
        net._rows[key] = got
    return got


def _fill_queue(comp: Any, ev: tuple) -> None:
    """Hand the first pending events (in delivery order) to the compiled loop."""
    tnext, qt, qkind, qrow, qw, qc = ev[0], ev[5], ev[6], ev[7], ev[8], ev[9]
    items = heapq.nsmallest(_KQ + 1, net.queue)
    tnext[0] = items[_KQ][0] if len(items) > _KQ else np.inf
    n = min(len(items), _KQ)
    for c in range(n):
        te, _, kind, payload = items[c]
        qt[c] = te
        code, row = 0, 0
        if kind == "netcon" and payload._active and payload._target is not None:
            code, row = _target_row(comp, payload._target)
            qw[c] = payload._weight[0]
        qkind[c] = code
        qrow[c] = row
    qc[0] = n
    qc[1] = 0


def _pop_delivered(qc: Any) -> None:
    for _ in range(int(qc[1])):
        heapq.heappop(net.queue)
    qc[0] = qc[1] = 0


def _pool_index(comp: Any, ptr: Any) -> int | None:
    try:
        loc = ptr.location()
    except ReferenceError:
        return None
    return None if loc is None else comp.pool_index(*loc)


def uses_events(comp: Any) -> bool:
    """True when the model needs the event-aware loop (synapses, NetCons, plays, events)."""
    from sim.engine._cvode import is_active

    if is_active() or net.queue or net.plays or any(s.targets() for s in net.sources.values()):
        return True
    return any(comp.mech_nodes[name].shape[0] for name in _EVENT_MECHS)


# -- delivery ----------------------------------------------------------------------------------
def _deliver_netcon(te: float, nc: Any) -> None:
    target = nc._target
    if target is not None and nc._active:
        type(target)._net_receive(target, te, 0, nc._weight)


def _deliver_self(te: float, payload: Any) -> None:
    obj, flag = payload
    type(obj)._net_receive(obj, te, flag, None)


def _deliver_call(te: float, fn: Any) -> None:
    if isinstance(fn, str):
        state.h(fn)
    else:
        fn()


def _deliver_play(te: float, payload: Any) -> None:
    payload[0].deliver(te, payload[1])


_DELIVER: dict[str, Callable[[float, Any], None]] = {
    "netcon": _deliver_netcon,
    "self": _deliver_self,
    "call": _deliver_call,
    "play": _deliver_play,
}


# -- the run loop --------------------------------------------------------------------------------
def runner(pool: Any, tree: Any, mp: Any, ctl: tuple, rec: Any, drec: Any) -> tuple[int, int]:
    """Drop-in for ``run_steps``: runs the event-aware kernel, handling events in between."""
    from sim.engine import _synkernels as sk
    from sim.engine._cvode import is_active

    if is_active():
        from sim.engine._cvrun import runner as cv_runner

        return cv_runner(pool, tree, mp, ctl, rec, drec)
    comp = state.comp
    sp, src, ev, play, srcs = net.arrays(comp)
    gleft, spk_src, spk_n, apfired, qc = ev[1], ev[2], ev[3], ev[4], ev[9]
    gleft[0] = 0
    dt = ctl[3]
    max_steps = ctl[2]
    total = 0
    while True:
        if total >= max_steps and gleft[0] == 0:
            net.deliver_until(pool[0])
            return sk.CHUNK, total
        _fill_queue(comp, ev)
        args = (*ctl[:2], max_steps - total, *ctl[3:])
        status, steps = sk.run_steps_ev(pool, tree, mp, args, rec, drec, sp, src, ev, play)
        _pop_delivered(qc)
        total += steps
        if status == sk.SPIKE:
            _handle_spikes(pool[0], srcs, spk_src, spk_n, apfired, sp)
        elif status == sk.EVENT:
            net.deliver_until(pool[0] + dt / 2.0)
        else:
            if status != sk.NONFINITE:
                net.deliver_until(pool[0])
            for s, flag in zip(srcs, src[2]):
                s.flag = float(flag)
            return status, total


def _handle_spikes(t0: float, srcs: list, spk_src: Any, spk_n: Any, apfired: Any, sp: Any) -> None:
    for k in range(int(spk_n[0])):
        srcs[int(spk_src[k])].spike(t0 + 1e-10)
    spk_n[0] = 0
    if apfired[0]:
        apfired[0] = 0
        from sim.netcon import apcount_fired

        apcount_fired()


# -- finitialize -----------------------------------------------------------------------------------
def finitialize_stage(stage: str, comp: Any, ctl: tuple | None = None) -> bool:
    """One stage of finitialize (numerics §3.1); "setup" returns True when it did the setup.

    "begin" (after t = 0): the queue is cleared and Vector.play starts; "initial" (after
    the core INITIAL blocks): synapse and NetStim INITIAL, NetCon flags and records;
    "setup" (after FInitializeHandler type 1): events with te <= 0, then the t = 0 setup.
    """
    if stage == "begin":
        from sim.engine._cvrun import reset as cv_reset

        cv_reset()
        net.queue.clear()
        from sim.engine._play import init_plays

        init_plays(comp, net)
    elif stage == "initial":
        _initial(comp)
    elif stage == "setup":
        net.deliver_until(0.0)
        if not uses_events(comp):
            return False
        from sim.engine import _synkernels as sk

        sp = net.arrays(comp)[0]
        parent, a, b, cm, area, ncell, v, rhs, d = comp.tree()
        cfac = 0.001 * ctl[4]
        sk.setup_matrix_ext(0.0, v, rhs, d, parent, a, b, cm, area, ncell, cfac, comp.mp(), sp)
        return True
    return False


def _initial(comp: Any) -> None:
    from sim.engine import _synkernels as sk
    from sim.netcon import initial_artificial

    sp = net.arrays(comp)[0]
    sk.initialize_syn(comp.v, sp)
    initial_artificial()
    for s in net.sources.values():
        s.flag = 0.0
        for tvec, idvec, _ in s.records:
            tvec._clear()
            if idvec is not None:
                idvec._clear()
    net._cache = None


def reset() -> None:
    """Forget every source, play and pending event; fixed step again (tests start here)."""
    from sim.engine import _cvode, _cvrun

    _cvode._active[0] = False
    _cvrun.reset()
    net.sources.clear()
    net.queue.clear()
    net.plays.clear()
    net.changed()
    net._cache = None
