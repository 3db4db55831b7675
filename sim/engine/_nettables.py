"""The compiled loop's view of the network: sources, NetCon tables, logs (see _evkernels).

Built from the Python objects (:class:`sim.engine._events.Source`, NetCons, point
processes) when the model or the network changes; between runs only the weights
are copied in again (Python code may set ``nc.weight[0]`` at any time), and after a
return the logged spikes and APCount firings go to their record Vectors.
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np

__all__ = ["Tables", "point_tables"]

_KIND = {"ExpSyn": 1, "Exp2Syn": 2, "NetStim": 3}
_LOG = 256  # spike / APCount log rows (grown when a step could need more)


def point_tables(mp: tuple) -> tuple:
    """The point-process tables (AlphaSynapse, ExpSyn, Exp2Syn, SEClamp, APCount) of ``mp``."""
    return (mp[12], mp[13], mp[17], mp[18], mp[19], mp[20], mp[14], mp[15], mp[21], mp[22])


class Tables:
    """Arrays for one compiled model and one version of the network."""

    def __init__(self, comp: Any, net: Any, key: tuple) -> None:
        from sim.engine._play import play_arrays

        self.key = key
        self.sp = point_tables(comp.mp())
        self.srcs = [s for s in net.pointer_sources() if s.targets()]
        self._netstims(net)
        self._sources(comp)
        self._netcons(comp, net)
        self.play = play_arrays(comp, net.plays)
        self.slog = np.zeros((max(_LOG, 2 * len(self.all_srcs)), 2))
        self.aplog = np.zeros((max(_LOG, 2 * self.sp[8].shape[0]), 2))
        self.ln = np.zeros(2, dtype=np.int64)
        self.gleft = np.zeros(1, dtype=np.int64)
        self.aps = _apcounts(comp, self.sp[9])

    def _netstims(self, net: Any) -> None:
        """NetStims in a table of their own; their values live in it from now on."""
        from sim.mechanisms._point import all_point_processes

        nss = all_point_processes("NetStim")
        nst = np.zeros((len(nss), 7))
        nsser = np.array([ns._serial for ns in nss], dtype=np.int64)
        nsrow = np.full(1 + max(nsser, default=0), -1, dtype=np.int64)
        for r, ns in enumerate(nss):
            nst[r] = ns._data
            ns.__dict__["_data"] = nst[r]
            nsrow[ns._serial] = r
            net.netstims[ns._serial] = weakref.ref(ns)
        self.arts = (nst, nsrow, nsser)
        self.ns_order = tuple(ns._serial for ns in nss)  # no references: a NetStim can go
        self.ns_serials = set(self.ns_order)
        self.all_srcs = self.srcs + [net.sources.get(("art", id(ns))) for ns in nss]

    def _sources(self, comp: Any) -> None:
        idx, ptr, ncs, log = [], [0], [], []
        for s in self.srcs:
            i = _pool_index(comp, s.ptr)
            if i is None:
                raise RuntimeError(f"NetCon source {s.ptr.describe()} is not a model variable")
            idx.append(i)
        for s in self.all_srcs:
            if s is not None:
                ncs.extend(nc._index for nc in s.targets())
            ptr.append(len(ncs))
            records = s.records if s is not None else []
            log.append(2 if any(callable_record(r) for r in records) else int(bool(records)))
        self.src = (
            np.array(idx, dtype=np.int64),
            np.array([s.thresh for s in self.srcs], dtype=float),
            np.array([s.flag for s in self.srcs], dtype=float),
        )
        self.srcx = (
            np.array(log, dtype=np.int64),
            np.array(ptr, dtype=np.int64),
            np.array(ncs, dtype=np.int64),
        )

    def _netcons(self, comp: Any, net: Any) -> None:
        live = {slot: r() for slot, r in net.netcons.items()}
        for src in self.all_srcs:  # every NetCon a source can send through has a slot
            for nc in src.targets() if src is not None else ():
                live[nc._index] = nc
        ncs = [(slot, nc) for slot, nc in live.items() if nc is not None]
        n = 1 + max((slot for slot, _ in ncs), default=0)
        kind = np.full(n, -1, dtype=np.int64)
        row = np.zeros(n, dtype=np.int64)
        delay = np.zeros(n)
        send = np.zeros(n, dtype=np.int64)
        rows: dict[int, tuple[int, int]] = {}
        for slot, nc in ncs:
            target = nc._target
            delay[slot] = nc._delay
            if target is None or not nc._active:
                continue
            send[slot] = 1
            got = rows.get(id(target))
            if got is None:
                got = rows[id(target)] = _target_row(comp, target)
            kind[slot], row[slot] = got
        self.nets = (kind, row, np.zeros(n), delay, send)
        self.slots = np.array([slot for slot, _ in ncs], dtype=np.int64)
        # the weight arrays, not the NetCons: a NetCon the user drops must go (and say so)
        self.weights = [nc._weight for _, nc in ncs]
        self.refresh()

    def reuse(self, comp: Any, net: Any) -> bool:
        """At finitialize: True when these tables still describe the network (nothing
        changed but the NetCon weights, the play Vectors and the NetStims' values, which
        live in ``arts``); the threshold flags start clear, plays from their vectors."""
        from sim.engine._play import play_arrays
        from sim.mechanisms._point import all_point_processes

        if self.key != (id(comp), comp.version, net.version):
            return False
        if tuple(ns._serial for ns in all_point_processes("NetStim")) != self.ns_order:
            return False
        self.src[2][:] = 0.0
        self.ln[:] = 0
        self.gleft[0] = 0
        self.play = play_arrays(comp, net.plays)
        return True

    def refresh(self) -> None:
        """Weights as the NetCons hold them now (read at delivery, as NEURON does)."""
        if self.weights:
            w = np.fromiter((x[0] for x in self.weights), float, len(self.weights))
            self.nets[2][self.slots] = w

    def evs(self, net: Any) -> tuple:
        return (
            self.src,
            self.srcx,
            self.nets,
            net.q,
            net.qn,
            self.slog,
            self.aplog,
            self.ln,
            self.play,
            self.gleft,
            self.arts,
        )

    def needs_room(self, net: Any, group: int) -> None:
        """Grow the queue and the logs so that ``group`` steps fit (after a ROOM return)."""
        fan = np.diff(self.srcx[1])
        net.reserve(group * self.srcx[2].shape[0] + int(fan.max(initial=0)) + 2)
        if self.slog.shape[0] < group * len(self.srcs):
            self.slog = np.zeros((2 * group * len(self.srcs), 2))
        if self.aplog.shape[0] < group * self.sp[8].shape[0]:
            self.aplog = np.zeros((2 * group * self.sp[8].shape[0], 2))

    def drain(self) -> None:
        """Logged spikes to their record Vectors (and callbacks), APCount times to theirs."""
        n = int(self.ln[0])
        if n:
            self.ln[0] = 0
            _record_spikes(self.all_srcs, self.slog[:n].copy())
        m = int(self.ln[1])
        if m:
            self.ln[1] = 0
            for row, t in self.aplog[:m]:
                ap = self.aps.get(int(row))
                if ap is not None:
                    ap.__dict__["_record"]._append_values(np.array([t]))
                    ap.__dict__["_rec_n"] = int(ap._data[0])

    def save_flags(self) -> None:
        for s, flag in zip(self.srcs, self.src[2]):
            s.flag = float(flag)


def callable_record(record: tuple) -> bool:
    return not hasattr(record[0], "_append_values")


def _record_spikes(srcs: list, log: np.ndarray) -> None:
    """Spikes in time order: one append per Vector, callbacks called in order."""
    values: dict[int, tuple[Any, list[float]]] = {}
    for s, t in log:
        for rec in srcs[int(s)].records:
            if callable_record(rec):
                from sim.engine._events import _call_at

                _call_at(float(t), rec[0])
                continue
            tvec, idvec, ident = rec
            values.setdefault(id(tvec), (tvec, []))[1].append(t)
            if idvec is not None:
                values.setdefault(id(idvec), (idvec, []))[1].append(ident)
    for vec, vals in values.values():
        vec._append_values(np.array(vals))


def _apcounts(comp: Any, ap_data: np.ndarray) -> dict[int, Any]:
    """APCounts with a record Vector, by their row in the APCount table."""
    from sim.mechanisms._point import all_point_processes

    out = {}
    if not ap_data.shape[0]:
        return out
    base = comp.pool_index(ap_data, (0, 0))
    for ap in all_point_processes("APCount"):
        if ap.__dict__.get("_record") is None or not ap.has_loc():
            continue
        off = comp.pool_index(ap._data, 0)
        if off is not None and base is not None:
            out[(off - base) // ap_data.shape[1]] = ap
    return out


def _target_row(comp: Any, target: Any) -> tuple[int, int]:
    """(kind, row) of a synapse the compiled loop can deliver to, else (0, 0)."""
    mech = getattr(type(target), "_mech", None)
    kind = _KIND.get(mech.name, 0) if mech is not None else 0
    if kind and target.has_loc():
        data = comp.mech_data[mech.name]
        off = comp.pool_index(target._data, 0)
        base = comp.pool_index(data, (0, 0)) if data.shape[0] else None
        if off is not None and base is not None:
            return kind, (off - base) // data.shape[1]
    return 0, 0


def _pool_index(comp: Any, ptr: Any) -> int | None:
    try:
        loc = ptr.location()
    except ReferenceError:
        return None
    return None if loc is None else comp.pool_index(*loc)
