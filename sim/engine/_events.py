"""Network events on fixed step: the event queue, spike sources, delivery (numerics §2.5, §6.6).

The compiled loop (:func:`sim.engine._kernels.run_steps`) detects threshold
crossings, sends the NetCon events, logs recorded spikes and delivers every event
with te <= t_n + dt/2 (and after a run's last step, te <= t) to ExpSyn/Exp2Syn, so
an event is applied at the step boundary nearest te, as in NEURON.  It returns to
:func:`runner` only for what needs Python: an event for a NetStim, a Vector.play or
a CVode.event callable, a NetCon.record(callable) spike, more queue room, a buffer
flush, the end.  This module also runs the finitialize stages that belong to
events: the point processes' INITIAL blocks, NetStim's first self-event and
Vector.play.
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

_EVENT_MECHS = ("ExpSyn", "Exp2Syn", "APCount")
_QCAP = 1024  # compiled queue rows to start with
_NS_CODE = 2**40  # NetStim self-event codes (as _evkernels.NS_CODE)


class Source:
    """NEURON's PreSyn: what a NetCon watches (a voltage reference, a NetStim, an APCount)."""

    def __init__(self, kind: str, ptr: Any = None, obj: Any = None) -> None:
        self.kind = kind  # "ptr", "art" (NetStim) or "silent" (APCount: never sends)
        self.ptr = ptr
        self.obj = weakref.ref(obj) if obj is not None else None
        self.thresh = 10.0
        self.flag = 0.0
        self.netcons: list[weakref.ref] = []
        # (tvec, idvec, id) from NetCon.record, or (callable, None, 0) for record(callable)
        self.records: list[tuple[Any, Any, float]] = []

    def targets(self) -> list[Any]:
        self.netcons = [r for r in self.netcons if r() is not None]
        return [r() for r in self.netcons]

    def spike(self, ts: float) -> None:
        """A spike at ts (Python's path: NetStim, variable step): record it, send events."""
        for tvec, idvec, ident in self.records:
            if not hasattr(tvec, "_append_values"):
                _call_at(ts, tvec)
                continue
            tvec._append_values(np.array([ts]))
            if idvec is not None:
                idvec._append_values(np.array([ident]))
        for nc in self.targets():
            if nc._active and nc._target is not None:
                net.send(ts + nc._delay, "netcon", nc)


class Network:
    """Every source, NetCon, play and the event queue (one instance: :data:`net`).

    Pending events live in the compiled queue (``q``, ``qn``; see _evkernels) while the
    fixed-step loop runs, and in a Python heap of (te, seq, kind, payload) otherwise:
    ``queue`` moves them all to the Python heap (variable step reads it), the fixed-step
    runner moves them all to the compiled one.  One sequence counter (qn[1]) orders
    events with equal times in the order they were sent.
    """

    def __init__(self) -> None:
        self.sources: dict[Any, Source] = {}
        self.netcons: dict[int, weakref.ref] = {}  # NetCon slot (its _index) -> NetCon
        self.netstims: dict[int, weakref.ref] = {}  # NetStim _serial -> NetStim
        self.plays: list[Any] = []
        self.version = 0
        self._pyq: list[tuple[float, int, str, Any]] = []
        self._pyev: dict[int, tuple[str, Any]] = {}
        self._pyid = itertools.count()
        self.q = np.zeros((_QCAP, 3))
        self.qn = np.zeros(2, dtype=np.int64)
        self._cache: Any = None

    def changed(self) -> None:
        self.version += 1

    @property
    def queue(self) -> list[tuple[float, int, str, Any]]:
        """Every pending event, as a heap of (te, seq, kind, payload)."""
        self._to_python()
        return self._pyq

    def clear(self) -> None:
        self._pyq.clear()
        self._pyev.clear()
        self.qn[0] = 0

    def pending(self) -> bool:
        return bool(self._pyq) or self.qn[0] > 0

    def send(self, te: float, kind: str, payload: Any) -> None:
        seq = int(self.qn[1])
        self.qn[1] = seq + 1
        heapq.heappush(self._pyq, (te, seq, kind, payload))

    def tnext(self) -> float:
        t = self._pyq[0][0] if self._pyq else np.inf
        return min(t, float(self.q[0, 0])) if self.qn[0] > 0 else t

    def deliver_until(self, tlimit: float) -> None:
        """Deliver, in time order, every event with te <= tlimit (new ones included)."""
        self._to_python()
        q = self._pyq
        while q and q[0][0] <= tlimit:
            te, _, kind, payload = heapq.heappop(q)
            _DELIVER[kind](te, payload)

    def deliver_first(self) -> None:
        """Deliver the compiled queue's first event (one that needs Python)."""
        from sim.engine._evkernels import q_pop

        te, code = float(self.q[0, 0]), int(self.q[0, 2])
        q_pop(self.q, self.qn)
        got = self._decode(code)
        if got is not None:
            _DELIVER[got[0]](te, got[1])

    def _decode(self, code: int) -> tuple[str, Any] | None:
        if code < 0:
            return self._pyev.pop(-code - 1, None)
        if code >= _NS_CODE:
            ref = self.netstims.get((code - _NS_CODE) >> 2)
            ns = ref() if ref is not None else None
            return None if ns is None else ("self", (ns, (code - _NS_CODE) & 3))
        ref = self.netcons.get(code)
        nc = ref() if ref is not None else None
        return None if nc is None else ("netcon", nc)

    def _to_python(self) -> None:
        from sim.engine._evkernels import q_pop

        q, qn = self.q, self.qn
        while qn[0] > 0:
            te, seq, code = float(q[0, 0]), int(q[0, 1]), int(q[0, 2])
            q_pop(q, qn)
            got = self._decode(code)
            if got is not None:
                heapq.heappush(self._pyq, (te, seq, got[0], got[1]))

    def to_compiled(self) -> None:
        """Move the Python heap's events into the compiled queue."""
        if not self._pyq:
            return
        from sim.engine._evkernels import q_push

        self.reserve(len(self._pyq))
        for te, seq, kind, payload in self._pyq:
            if kind == "netcon" and payload._index in self.netcons:
                code = payload._index
            elif kind == "self" and payload[1] in (1, 3) and _compiled_netstim(payload[0]):
                code = _NS_CODE + 4 * payload[0]._serial + payload[1]
            else:
                pid = next(self._pyid)
                self._pyev[pid] = (kind, payload)
                code = -pid - 1
            q_push(self.q, self.qn, float(te), float(seq), float(code))
        self._pyq.clear()

    def reserve(self, extra: int) -> None:
        """Room in the compiled queue for ``extra`` more events."""
        need = int(self.qn[0]) + extra
        if need > self.q.shape[0]:
            q = np.zeros((max(need, 2 * self.q.shape[0]), 3))
            q[: self.qn[0]] = self.q[: self.qn[0]]
            self.q = q

    def pointer_sources(self) -> list[Source]:
        return [s for s in self.sources.values() if s.kind == "ptr" and s.netcons]

    def tables(self, comp: Any) -> Any:
        """The compiled loop's tables for this model and network (rebuilt on a change)."""
        key = (id(comp), comp.version, self.version)
        tab = self._cache
        if tab is None or tab.key != key:
            from sim.engine._nettables import Tables

            if tab is not None:
                tab.save_flags()
            tab = Tables(comp, self, key)
            self._cache = tab
        return tab

    def arrays(self, comp: Any) -> tuple:
        """(point-process tables, sources (index, threshold, flag), the loop's event arrays,
        continuous plays, the Source objects)."""
        tab = self.tables(comp)
        return (tab.sp, tab.src, tab.evs(self), tab.play, tab.srcs)


net = Network()


def _compiled_netstim(ns: Any) -> bool:
    """A NetStim whose events the compiled loop can deliver (it is in the tables)."""
    tab = net._cache
    return tab is not None and ns._serial in tab.ns_serials and type(ns)._mech.name == "NetStim"


def uses_events(comp: Any) -> bool:
    """True when the model has synapses, NetCons, plays or pending events."""
    from sim.engine._cvode import is_active

    if is_active() or net.pending() or net.plays or net.pointer_sources():
        return True
    return any(comp.mech_nodes[name].shape[0] for name in _EVENT_MECHS)


def _call_at(t: float, fn: Callable[[], Any]) -> None:
    """A NetCon.record callback sees h.t = the spike time, as in NEURON."""
    pool = state.pool
    t0 = pool[0]
    pool[0] = t
    try:
        fn()
    finally:
        pool[0] = t0


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
    """Drop-in for ``run_steps``: the compiled loop, with Python between its returns only
    for what needs Python (an event only Python can deliver, a spike callback, room)."""
    from sim.engine import _kernels as k
    from sim.engine._cvode import is_active

    if is_active():
        from sim.engine._cvrun import runner as cv_runner

        return cv_runner(pool, tree, mp, ctl, rec, drec)
    comp = state.comp
    tab = net.tables(comp)
    net.to_compiled()
    tab.refresh()
    tab.gleft[0] = 0
    max_steps, total = ctl[2], 0
    try:
        while True:
            args = (*ctl[:2], max_steps - total, *ctl[3:])
            status, steps = k.run_steps(pool, tree, mp, args, rec, drec, tab.evs(net))
            total += steps
            tab.drain()
            if status == k.EVENT:
                net.deliver_first()
            elif status == k.ROOM:
                tab.needs_room(net, ctl[1])
                continue
            elif status != k.SPIKE:
                return status, total
            tab = _after_python(comp, tab)
    finally:
        tab.save_flags()


def _after_python(comp: Any, tab: Any) -> Any:
    """Python ran (an event, a callback): take its new events, tables and weights."""
    net.to_compiled()
    new = net.tables(comp)
    if new is not tab:
        new.gleft[0] = tab.gleft[0]
    new.refresh()
    return new


# -- finitialize -----------------------------------------------------------------------------------
def finitialize_stage(stage: str, comp: Any, ctl: tuple | None = None) -> bool:
    """One stage of finitialize (numerics §3.1).

    "begin" (after t = 0): the queue is cleared and Vector.play starts; "initial" (after
    the core INITIAL blocks): synapse and NetStim INITIAL, NetCon flags and records;
    "setup" (after FInitializeHandler type 1): events with te <= 0.  Returns False: the
    t = 0 matrix setup is the caller's (one setup for every mechanism).
    """
    if stage == "begin":
        from sim.engine._cvrun import reset as cv_reset

        cv_reset()
        net.clear()
        from sim.engine._play import init_plays

        init_plays(comp, net)
    elif stage == "initial":
        _initial(comp)
    elif stage == "setup":
        net.deliver_until(0.0)
    return False


def _initial(comp: Any) -> None:
    from sim.engine import _synkernels as sk
    from sim.engine._nettables import point_tables
    from sim.netcon import initial_artificial

    sk.initialize_syn(comp.v, point_tables(comp.mp()))
    initial_artificial()
    for s in net.sources.values():
        s.flag = 0.0
        if not s.targets():
            continue  # its NetCons are gone: NEURON leaves their record Vectors as they are
        for tvec, idvec, _ in s.records:
            if hasattr(tvec, "_clear"):
                tvec._clear()
            if idvec is not None:
                idvec._clear()
    if net._cache is not None and not net._cache.reuse(comp, net):
        net._cache = None  # rebuilt at the run (building costs W4 1.3 ms, 3% of its run)


def reset() -> None:
    """Forget every source, play and pending event; fixed step again (tests start here)."""
    from sim.engine import _cvode, _cvrun

    _cvode._active[0] = False
    _cvrun.reset()
    net.sources.clear()
    net.clear()
    net.plays.clear()
    net.changed()
    net._cache = None
