"""NEURON's network objects: NetCon, and the event side of NetStim, ExpSyn, Exp2Syn, APCount.

A NetCon connects a *source* (a voltage reference such as ``soma(0.5)._ref_v``,
a NetStim, or nothing) to a *target* that receives events (ExpSyn, Exp2Syn,
NetStim) or to nothing (a spike recorder).  NetCons from the same source share
one :class:`sim.engine._events.Source` (NEURON's PreSyn): threshold and the
recorded spike times belong to it.  Delivery follows numerics §6.6.

NetStim with ``noise > 0`` draws its intervals from numpy's generator seeded
with ``NetStim.seed(n)`` (default 0): the statistics are NEURON's, the exact
random stream is not (NEURON uses Random123).
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np

from sim.engine._events import Source, net
from sim.mechanisms import MECHANISMS
from sim.mechanisms._point import PointProcess, all_point_processes, point_process_class

__all__ = ["NetCon", "apcount_fired", "initial_artificial", "register"]

_rng = np.random.default_rng(0)


# -- NET_RECEIVE blocks -----------------------------------------------------------------------
def _expsyn_receive(self: Any, te: float, flag: int, w: Any) -> None:
    self._data[3] += w[0]


def _exp2syn_receive(self: Any, te: float, flag: int, w: Any) -> None:
    d = self._data
    d[6] += w[0] * d[5]
    d[7] += w[0] * d[5]


INTERVAL, NUMBER, START, NOISE, EVENT, ON, ISPIKE = range(7)


def _invl(d: Any, mean: float) -> float:
    if d[NOISE] == 0.0:
        return mean
    return (1.0 - d[NOISE]) * mean + d[NOISE] * mean * _rng.exponential(1.0)


def _init_sequence(d: Any) -> None:
    if d[NUMBER] > 0:
        d[ON] = 1.0
        d[EVENT] = 0.0
        d[ISPIKE] = 0.0


def _next_invl(d: Any) -> None:
    if d[NUMBER] > 0:
        d[EVENT] = _invl(d, d[INTERVAL])
    if d[ISPIKE] >= d[NUMBER]:
        d[ON] = 0.0


def _netstim_receive(self: Any, te: float, flag: int, w: Any) -> None:
    d = self._data
    if flag == 0:
        if w[0] > 0 and d[ON] == 0.0:
            _init_sequence(d)
            _next_invl(d)
            d[EVENT] = d[EVENT] - d[INTERVAL] * (1.0 - d[NOISE])
            net.send(te + d[EVENT], "self", (self, 1))
        elif w[0] < 0:
            d[ON] = 0.0
    if flag == 3 and d[ON] == 1.0:
        _init_sequence(d)
        net.send(te, "self", (self, 1))
    if flag == 1 and d[ON] == 1.0:
        d[ISPIKE] += 1.0
        src = net.sources.get(("art", id(self)))
        if src is not None:
            src.spike(te)
        _next_invl(d)
        if d[ON] == 1.0:
            net.send(te + d[EVENT], "self", (self, 1))


def _netstim_initial(self: Any) -> None:
    d = self._data
    d[ON] = 0.0
    d[ISPIKE] = 0.0
    d[NOISE] = min(max(d[NOISE], 0.0), 1.0)
    if d[START] >= 0 and d[NUMBER] > 0:
        d[ON] = 1.0
        d[EVENT] = d[START] + _invl(d, d[INTERVAL]) - d[INTERVAL] * (1.0 - d[NOISE])
        if d[EVENT] < 0:
            d[EVENT] = 0.0
        net.send(d[EVENT], "self", (self, 3))


def _netstim_seed(self: Any, seed: float) -> float:
    global _rng
    _rng = np.random.default_rng(int(seed))
    return float(seed)


def _apcount_record(self: Any, vec: Any = None) -> float:
    self.__dict__["_record"] = vec
    self.__dict__["_rec_n"] = 0
    net.changed()
    return 1.0


def initial_artificial() -> None:
    """NetStim INITIAL blocks; APCount record vectors emptied (finitialize step 7)."""
    for ns in all_point_processes("NetStim"):
        _netstim_initial(ns)
    for ap in all_point_processes("APCount"):
        ap.__dict__["_rec_n"] = 0
        vec = ap.__dict__.get("_record")
        if vec is not None:
            vec._clear()


def apcount_fired() -> None:
    """An APCount counted a spike in the last step: append its time to the record vector."""
    for ap in all_point_processes("APCount"):
        vec = ap.__dict__.get("_record")
        n = int(ap._data[0])
        if vec is not None and n > ap.__dict__.get("_rec_n", 0):
            vec._append_values(np.array([ap._data[2]]))
        ap.__dict__["_rec_n"] = n


# -- NetCon -----------------------------------------------------------------------------------
def _source_for(source: Any, sec: Any) -> Source:
    from sim._ref import Pointer

    if isinstance(source, Pointer):
        if not source.valid():
            raise ValueError(f"NetCon: the source {source.describe()} no longer exists")
        loc = source.location()
        if loc is None:
            raise TypeError(f"NetCon: the source {source.describe()} is not a model variable")
        _rekey_pointer_sources()
        key: Any = ("ptr", _address(loc))
        src = net.sources.get(key)
        if src is None or src.ptr is None or not src.ptr.valid():
            src = net.sources[key] = Source("ptr", ptr=source)
        return src
    if isinstance(source, PointProcess):
        kind = "art" if type(source)._mech.name == "NetStim" else "silent"
        key = (kind, id(source))
        src = net.sources.get(key)
        if src is None or src.obj() is not source:
            src = net.sources[key] = Source(kind, obj=source)
        return src
    raise TypeError(
        f"NetCon: the source must be a reference such as soma(0.5)._ref_v, a NetStim, "
        f"an APCount or None, got {source!r}"
    )


def _address(loc: tuple) -> int:
    arr, i = loc
    return int(arr.__array_interface__["data"][0] + int(i) * arr.strides[0])


_stamp: list[Any] = [None]


def _rekey_pointer_sources() -> None:
    """Key voltage sources by where their variable lives now (compiling moves it), so two
    NetCons watching the same v share one source even when made before and after a run."""
    from sim.engine._state import state

    comp = state.comp
    stamp = (id(comp), getattr(comp, "version", None))
    if _stamp[0] == stamp:
        return
    for key, src in list(net.sources.items()):
        if key[0] != "ptr":
            continue
        del net.sources[key]
        try:
            loc = src.ptr.location() if src.ptr.valid() else None
        except ReferenceError:
            loc = None
        if loc is not None and src.targets():
            net.sources[("ptr", _address(loc))] = src
    _stamp[0] = stamp


class NetCon:
    """``h.NetCon(source, target[, threshold, delay, weight], sec=)``."""

    _count = 0

    def __init__(self, source: Any, target: Any, *args: Any, sec: Any = None) -> None:
        if len(args) > 3:
            raise TypeError("NetCon(source, target[, threshold, delay, weight]): too many args")
        if target is not None and not hasattr(type(target), "_net_receive"):
            raise TypeError(f"NetCon: {target!r} cannot receive events (use a synapse or NetStim)")
        self._index = NetCon._count
        NetCon._count += 1
        self._target = target
        self._delay = 1.0
        self._weight = np.zeros(1)
        self._active = True
        self._src = Source("none") if source is None else _source_for(source, sec)
        self._src.netcons.append(weakref.ref(self))
        net.netcons[self._index] = weakref.ref(self)
        vals = [float(a) for a in args]
        if vals and self._src.kind == "ptr":
            self._src.thresh = vals[0]
        if len(vals) > 1:
            self.delay = vals[1]
        if len(vals) > 2:
            self._weight[0] = vals[2]
        net.changed()

    @property
    def threshold(self) -> float:
        return self._src.thresh

    @threshold.setter
    def threshold(self, value: float) -> None:
        if self._src.ptr is not None and not self._src.ptr.valid():
            raise ValueError(f"{self.hname()}: its source section was deleted")
        self._src.thresh = float(value)
        net.changed()

    @property
    def delay(self) -> float:
        return self._delay

    @delay.setter
    def delay(self, value: float) -> None:
        value = float(value)
        if not value >= 0:
            raise ValueError(f"{self.hname()}: delay must be >= 0 (got {value:g})")
        self._delay = value
        net.changed()

    @property
    def weight(self) -> np.ndarray:
        return self._weight

    @weight.setter
    def weight(self, value: float) -> None:
        self._weight[0] = float(value)

    def wcnt(self) -> int:
        """Length of the weight vector."""
        return len(self._weight)

    def event(self, te: float, flag: float = 0) -> float:
        """Send an event to the target at time te (delivered at the step nearest te)."""
        if self._target is not None:
            net.send(float(te), "netcon", self)
        return 0.0

    def record(self, tvec: Any = None, idvec: Any = None, ident: float = 0) -> float:
        """Record the source's spike times (and ``ident`` into idvec) from now on;
        ``record(callable)`` calls it at each spike (with h.t the step's start)."""
        if tvec is not None and not hasattr(tvec, "_append_values") and not callable(tvec):
            raise TypeError(f"NetCon.record: expected a Vector or a callable, got {tvec!r}")
        self._src.records = [r for r in self._src.records if r[0] is not tvec]
        if tvec is not None:
            self._src.records.append((tvec, idvec, float(ident)))
        net.changed()
        return 0.0

    def active(self, flag: Any = None) -> bool:
        if flag is not None:
            self._active = bool(flag)
            net.changed()
        return self._active

    def valid(self) -> bool:
        src = self._src
        if src.obj is not None:
            return src.obj() is not None
        return src.ptr is None or src.ptr.valid()

    def pre(self) -> Any:
        return self._src.obj() if self._src.obj is not None else None

    def syn(self) -> Any:
        return self._target

    def preloc(self) -> float:
        return -1.0

    def hname(self) -> str:
        return f"NetCon[{self._index}]"

    def __del__(self) -> None:
        net.netcons.pop(getattr(self, "_index", -1), None)
        net.changed()

    def __repr__(self) -> str:
        return self.hname()

    __str__ = __repr__


def _attach_methods() -> None:
    point_process_class(MECHANISMS["ExpSyn"])._net_receive = _expsyn_receive
    point_process_class(MECHANISMS["Exp2Syn"])._net_receive = _exp2syn_receive
    ns = point_process_class(MECHANISMS["NetStim"])
    ns._net_receive = _netstim_receive
    ns.seed = _netstim_seed
    point_process_class(MECHANISMS["APCount"]).record = _apcount_record


class VClamp:
    """NEURON's two-electrode VClamp, which NeuroQt does not simulate yet."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(
            "VClamp is not supported by NeuroQt yet; SEClamp (a single-electrode voltage "
            "clamp with series resistance rs) is, and covers most uses"
        )


def register(h: Any) -> None:
    """``h.NetCon``; NET_RECEIVE blocks and methods for ExpSyn, Exp2Syn, NetStim, APCount."""
    _attach_methods()
    h._register("NetCon", NetCon)
    if h._lookup("VClamp") is None:
        h._register("VClamp", VClamp)


_ = weakref
