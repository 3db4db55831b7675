"""Vector.play into a model variable (numerics §2.5 step 4, §3.1 step 4).

Continuous play (``play(ref, tvec, 1)``) sets the variable to the linear
interpolation at the mid-step time, in the compiled loop.  Discrete play
(``play(ref, Dt)``, ``play(ref, tvec)``) is a chain of events: at each time
the variable takes the next value, at the step boundary nearest that time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["Play", "init_plays", "play", "play_arrays", "play_remove"]


class Play:
    """One ``vec.play(ref, Dt | tvec[, continuous])``."""

    def __init__(self, vec: Any, ptr: Any, dt: float | None, tvec: Any, continuous: bool) -> None:
        self.vec = vec
        self.ptr = ptr
        self.dt = dt
        self.tvec = tvec
        self.continuous = continuous
        self.index = 0

    def times_values(self) -> tuple[np.ndarray, np.ndarray]:
        y = np.array(self.vec.as_numpy(), dtype=float)
        if self.tvec is not None:
            tv = np.array(self.tvec.as_numpy(), dtype=float)
            n = min(len(tv), len(y))
            return tv[:n], y[:n]
        tv = np.zeros(len(y))
        acc = 0.0
        for i in range(len(y)):
            tv[i] = acc
            acc += self.dt
        return tv, y

    def start(self, net: Any) -> None:
        """At finitialize: the continuous value at t = 0, or the first discrete event."""
        tv, y = self.times_values()
        if not len(y):
            return
        if self.continuous:
            self.ptr.set(float(y[0]) if len(y) == 1 or 0.0 <= tv[0] else _interp(tv, y, 0.0))
            return
        self.index = 0
        net.send(float(tv[0]), "play", (self, 0))

    def deliver(self, te: float, i: int) -> None:
        y = self.vec.as_numpy()
        if i >= len(y):
            return
        self.ptr.set(float(y[i]))
        from sim.engine._events import net

        if i + 1 < len(y):
            if self.tvec is not None:
                tv = self.tvec.as_numpy()
                if i + 1 < len(tv):
                    net.send(float(tv[i + 1]), "play", (self, i + 1))
            else:
                net.send(te + self.dt, "play", (self, i + 1))


def _interp(tv: np.ndarray, y: np.ndarray, t: float) -> float:
    if t <= tv[0]:
        return float(y[0])
    c = min(int(np.searchsorted(tv, t, side="right")), len(tv) - 1)
    t0, t1, x0, x1 = tv[c - 1], tv[c], y[c - 1], y[c]
    return float((x0 + x1) / 2.0 if t0 == t1 else x0 + ((t - t0) / (t1 - t0)) * (x1 - x0))


def init_plays(comp: Any, net: Any) -> None:
    for p in net.plays:
        p.start(net)
    net.deliver_until(0.0)


def play_arrays(comp: Any, plays: list[Play]) -> tuple:
    """The continuous plays as flat arrays for the compiled loop."""
    idx, tvs, ys, lo, hi = [], [], [], [], []
    off = 0
    for p in plays:
        if not p.continuous:
            continue
        loc = p.ptr.location()
        i = comp.pool_index(*loc) if loc is not None else None
        if i is None:
            raise RuntimeError(f"Vector.play into {p.ptr.describe()}: not a model variable")
        tv, y = p.times_values()
        if not len(y):
            continue
        idx.append(i)
        tvs.append(tv)
        ys.append(y)
        lo.append(off)
        off += len(y)
        hi.append(off)
    cat = (lambda xs: np.concatenate(xs)) if idx else (lambda xs: np.zeros(1))
    return (
        np.array(idx, dtype=np.int64),
        cat(tvs),
        cat(ys),
        np.array(lo, dtype=np.int64),
        np.array(hi, dtype=np.int64),
        np.array(lo, dtype=np.int64),
    )


def play(vec: Any, ref: Any, arg: Any, continuous: Any) -> Any:
    """``vec.play(ref, Dt | tvec[, continuous])``: checked, then active from the next run."""
    from sim._ref import Pointer
    from sim.engine._events import net

    if not isinstance(ref, Pointer):
        raise TypeError(f"Vector.play: expected a reference such as stim._ref_amp, got {ref!r}")
    dt = None
    tvec = None
    if hasattr(arg, "as_numpy"):
        tvec = arg
    elif arg is None:
        raise TypeError("Vector.play(ref, Dt or tvec[, continuous]): Dt or tvec is missing")
    else:
        try:
            dt = float(arg)
        except (TypeError, ValueError):
            raise TypeError(f"Vector.play: Dt must be a number or a Vector, got {arg!r}") from None
        if not dt > 0:
            raise ValueError(f"Vector.play: Dt must be > 0, got {dt:g}")
    play_remove(vec)
    net.plays.append(Play(vec, ref, dt, tvec, bool(continuous)))
    net.changed()
    return vec


def play_remove(vec: Any) -> None:
    from sim.engine._events import net

    net.plays[:] = [p for p in net.plays if p.vec is not vec]
    net.changed()
