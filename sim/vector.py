"""``h.Vector``: a growable numpy-backed array of doubles, and ``Vector.record``.

Samples recorded during a run are appended into a preallocated buffer that
grows geometrically; ``len(vec)`` and ``vec.as_numpy()`` always describe
complete data, so another thread may read them between or during run chunks
(it may see an older buffer, never a length beyond the data).
"""

from __future__ import annotations

import itertools
import math
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

__all__ = ["Vector", "register", "reset_count"]

_count = itertools.count()


def reset_count() -> None:
    """Number Vectors from 0 again (``Vector[0]``...): tests that compare names use it."""
    global _count
    _count = itertools.count()


def _as_float(value: Any, what: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"Vector.{what}: expected a number, got {value!r}") from None


class Vector:
    """NEURON's Vector: ``Vector(n[, init])``, ``Vector(list | array | Vector)``."""

    def __init__(self, arg: Any = None, init: float = 0.0) -> None:
        self._index = next(_count)
        if arg is None:
            data = np.zeros(0)
        elif isinstance(arg, (int, np.integer)) or (isinstance(arg, float) and arg.is_integer()):
            if int(arg) < 0:
                raise ValueError(f"Vector({arg}): size must be >= 0")
            data = np.full(int(arg), float(init))
        elif isinstance(arg, Vector):
            data = arg.as_numpy().copy()
        elif isinstance(arg, np.ndarray):
            data = np.array(arg, dtype=np.float64, copy=True).reshape(-1)
        elif isinstance(arg, Iterable):
            data = np.array(list(arg), dtype=np.float64).reshape(-1)
        else:
            raise TypeError(f"Vector(): expected a size, a list, an array or a Vector, got {arg!r}")
        self._buf = data
        self._n = data.shape[0]

    # -- storage -------------------------------------------------------------------------
    def as_numpy(self) -> np.ndarray:
        """The data as a numpy array sharing memory with the Vector."""
        n = self._n
        return self._buf[:n]

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        arr = self.as_numpy()
        if dtype is not None:
            arr = arr.astype(dtype)
        return arr.copy() if copy else arr

    def _reserve(self, n: int) -> None:
        if n > self._buf.shape[0]:
            new = np.zeros(max(n, 2 * self._buf.shape[0], 16))
            new[: self._n] = self._buf[: self._n]
            self._buf = new

    def _expect(self, more: int) -> None:
        """Room for ``more`` samples (a run about to record them): grown exactly, once."""
        need = self._n + int(more)
        if need > self._buf.shape[0]:
            new = np.zeros(need)
            new[: self._n] = self._buf[: self._n]
            self._buf = new

    def _append_values(self, values: np.ndarray) -> None:
        """Append samples (the recorder's path); readers never see a torn length."""
        n, m = self._n, len(values)
        if n + m > self._buf.shape[0]:
            new = np.zeros(max(n + m, 2 * self._buf.shape[0], 1024))
            new[:n] = self._buf[:n]
            new[n : n + m] = values
            self._buf = new
        else:
            self._buf[n : n + m] = values
        self._n = n + m

    def _clear(self) -> None:
        self._n = 0

    def size(self) -> int:
        return self._n

    def __len__(self) -> int:
        return self._n

    def resize(self, n: int) -> Vector:
        n = int(n)
        if n < 0:
            raise ValueError(f"Vector.resize({n}): size must be >= 0")
        if n > self._n:
            self._reserve(n)
            self._buf[self._n : n] = 0.0
        self._n = n
        return self

    def buffer_size(self, n: int | None = None) -> int:
        if n is not None:
            self._reserve(int(n))
        return self._buf.shape[0]

    # -- element access ---------------------------------------------------------------------
    def _check(self, i: Any) -> int:
        i = int(i)
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(f"Vector index {i} out of range 0..{self._n - 1}")
        return i

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return self.as_numpy()[i].tolist()
        return float(self._buf[self._check(i)])

    def __setitem__(self, i: Any, value: Any) -> None:
        if isinstance(i, slice):
            self.as_numpy()[i] = value
            return
        self._buf[self._check(i)] = _as_float(value, "x")

    @property
    def x(self) -> Vector:
        """``vec.x[i]``: NEURON's element access (the Vector itself is indexable)."""
        return self

    def __iter__(self) -> Iterator[float]:
        return iter(self.as_numpy().tolist())

    def to_python(self, target: Any = None) -> list[float]:
        values = self.as_numpy().tolist()
        if target is None:
            return values
        target[:] = values
        return target

    def from_python(self, values: Iterable[float]) -> Vector:
        data = np.array(list(values), dtype=float)
        self._buf, self._n = data, data.shape[0]
        return self

    # -- building ---------------------------------------------------------------------------
    def append(self, *values: Any) -> Vector:
        for value in values:
            if isinstance(value, Vector):
                arr = value.as_numpy().copy()
            elif isinstance(value, (np.ndarray, list, tuple)):
                arr = np.asarray(value, dtype=float).reshape(-1)
            else:
                arr = np.array([_as_float(value, "append")])
            self._append_values(arr)
        return self

    def insrt(self, i: int, *values: Any) -> Vector:
        data = self.as_numpy()
        extra = np.concatenate([np.atleast_1d(np.asarray(v, dtype=float)) for v in values])
        new = np.concatenate([data[: int(i)], extra, data[int(i) :]])
        self._buf, self._n = new, new.shape[0]
        return self

    def remove(self, start: int, end: int | None = None) -> Vector:
        end = start if end is None else end
        data = self.as_numpy()
        new = np.concatenate([data[: int(start)], data[int(end) + 1 :]])
        self._buf, self._n = new, new.shape[0]
        return self

    def fill(self, value: float, start: int = 0, end: int | None = None) -> Vector:
        stop = self._n if end is None else int(end) + 1
        self.as_numpy()[int(start) : stop] = _as_float(value, "fill")
        return self

    def indgen(self, *args: float) -> Vector:
        """indgen(), indgen(step), indgen(start, step), indgen(start, stop, step)."""
        if len(args) == 3:
            start, stop, step = (float(a) for a in args)
            n = math.floor((stop - start) / step + 1e-9) + 1
            self.resize(max(n, 0))
        else:
            start, step = (0.0, 1.0) if not args else (0.0, args[0]) if len(args) == 1 else args
        self.as_numpy()[:] = float(start) + np.arange(self._n) * float(step)
        return self

    def c(self, start: int = 0, end: int | None = None) -> Vector:
        """A new Vector with a copy of the elements (``start`` to ``end`` inclusive)."""
        stop = self._n if end is None else int(end) + 1
        return Vector(self.as_numpy()[int(start) : stop])

    def copy(self, src: Vector, *args: int) -> Vector:
        """``dest.copy(src[, dest_start])``: copy ``src`` into this Vector (resized to fit)."""
        if not isinstance(src, Vector):
            raise TypeError(f"Vector.copy: expected a Vector to copy from, got {src!r}")
        data = src.as_numpy().copy()
        start = int(args[0]) if len(args) == 1 else 0
        if len(args) >= 2:
            lo, hi = int(args[-2]), int(args[-1])
            data = data[lo : hi + 1]
            start = int(args[0]) if len(args) == 3 else 0
        if start + len(data) > self._n:
            self.resize(start + len(data))
        self.as_numpy()[start : start + len(data)] = data
        return self

    def reverse(self) -> Vector:
        self.as_numpy()[:] = self.as_numpy()[::-1].copy()
        return self

    def sort(self) -> Vector:
        self.as_numpy().sort()
        return self

    def dot(self, other: Vector) -> float:
        return float(np.dot(self.as_numpy(), self._operand(other, "dot")))

    def mag(self) -> float:
        return float(np.sqrt(np.dot(self.as_numpy(), self.as_numpy())))

    # -- statistics ---------------------------------------------------------------------------
    def _range(self, args: tuple) -> np.ndarray:
        data = self.as_numpy()
        if args:
            data = data[int(args[0]) : int(args[1]) + 1]
        return data

    def sum(self, *args: int) -> float:
        return float(np.sum(self._range(args)))

    def mean(self, *args: int) -> float:
        data = self._range(args)
        if len(data) == 0:
            raise ValueError("Vector.mean: the vector is empty")
        return float(np.mean(data))

    def max(self, *args: int) -> float:
        data = self._range(args)
        if len(data) == 0:
            raise ValueError("Vector.max: the vector is empty")
        return float(np.max(data))

    def min(self, *args: int) -> float:
        data = self._range(args)
        if len(data) == 0:
            raise ValueError("Vector.min: the vector is empty")
        return float(np.min(data))

    def max_ind(self) -> int:
        return int(np.argmax(self.as_numpy()))

    def min_ind(self) -> int:
        return int(np.argmin(self.as_numpy()))

    def stdev(self, *args: int) -> float:
        data = self._range(args)
        if len(data) < 2:
            raise ValueError("Vector.stdev: needs at least two elements")
        return float(np.std(data, ddof=1))

    def var(self, *args: int) -> float:
        data = self._range(args)
        if len(data) < 2:
            raise ValueError("Vector.var: needs at least two elements")
        return float(np.var(data, ddof=1))

    # -- arithmetic (in place, like NEURON) --------------------------------------------------
    def _operand(self, other: Any, what: str) -> Any:
        if isinstance(other, (list, tuple, np.ndarray)):
            other = Vector(other)
        if isinstance(other, Vector):
            if len(other) != self._n:
                raise ValueError(f"Vector.{what}: sizes differ ({self._n} and {len(other)})")
            return other.as_numpy()
        return _as_float(other, what)

    def add(self, other: Any) -> Vector:
        self.as_numpy()[:] += self._operand(other, "add")
        return self

    def sub(self, other: Any) -> Vector:
        self.as_numpy()[:] -= self._operand(other, "sub")
        return self

    def mul(self, other: Any) -> Vector:
        self.as_numpy()[:] *= self._operand(other, "mul")
        return self

    def div(self, other: Any) -> Vector:
        self.as_numpy()[:] /= self._operand(other, "div")
        return self

    def contains(self, value: float) -> bool:
        return bool(np.any(self.as_numpy() == float(value)))

    def printf(self, fmt: str | None = None, *bounds: int) -> int:
        """Print the elements (default: tab separated, a newline every 5 and at the end)."""
        data = self.as_numpy()
        if bounds:
            data = data[int(bounds[0]) : int(bounds[1]) + 1]
        out = []
        for i, value in enumerate(data):
            out.append((fmt or "%g\t") % value)
            if fmt is None and i % 5 == 4:
                out.append("\n")
        if fmt is None:
            out.append("\n")
        print("".join(out), end="")
        return len(data)

    # -- recording --------------------------------------------------------------------------
    def record(self, ref: Any, arg: Any = None, sec: Any = None) -> Vector:
        """Record ``ref`` every step, every ``Dt`` ms, or at the times of a Vector."""
        from sim._ref import Pointer
        from sim.engine._state import Recorder, state

        if not isinstance(ref, Pointer):
            raise TypeError(
                f"Vector.record: expected a reference such as soma(0.5)._ref_v or h._ref_t, "
                f"got {ref!r}"
            )
        rec = Recorder(weakref.ref(self), ref)
        if isinstance(arg, Vector):
            rec.times = arg
        elif arg is not None:
            step = _as_float(arg, "record")
            if not step > 0:
                raise ValueError(f"Vector.record: the sampling interval must be > 0, got {step:g}")
            rec.step = step
        state.add_recorder(rec)
        return self

    def play(self, ref: Any, arg: Any = None, continuous: Any = 0) -> Vector:
        """Play the values into ``ref``: every ``Dt`` ms, at the times of a Vector (issue 4)."""
        from sim.engine._play import play

        return play(self, ref, arg, continuous)

    def play_remove(self) -> float:
        from sim.engine._play import play_remove

        play_remove(self)
        return 0.0

    # -- GUI methods: headless stand-ins (NEURON's -nogui); the GUI installs the real ones ---
    def plot(self, *_args: Any) -> Vector:
        """``vec.plot(g, ...)``: draws nothing until the GUI is loaded."""
        return self

    def line(self, *_args: Any) -> Vector:
        return self

    def mark(self, *_args: Any) -> Vector:
        return self

    def ploterr(self, *_args: Any) -> Vector:
        return self

    def label(self, *_args: Any) -> Vector:
        return self

    for _f in (plot, line, mark, ploterr, label):
        _f._neuroqt_gui_method = True  # widgets.graph_vector.install() may replace these
    del _f

    # -- names ------------------------------------------------------------------------------
    def hname(self) -> str:
        return f"Vector[{self._index}]"

    def __repr__(self) -> str:
        return self.hname()

    __str__ = __repr__


def register(h: Any) -> None:
    h._register("Vector", Vector)
