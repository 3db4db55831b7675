"""The things a Graph holds: live lines (addvar/addexpr), drawn polylines, vector lines.

Each line keeps its own data and one pyqtgraph curve; :meth:`Line.redraw` pushes the
data to the curve (called by ``flush`` and the screen-update timer, on the GUI thread).
Live lines can be fed two ways: ``plot(x)`` appends a sample, or during a run the
line reads a recording (``Vector.record`` buffers filled by the engine) — see
:meth:`LiveLine.attach_recording`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg

from widgets.graph_source import Source
from widgets.graph_style import brush_pen

__all__ = [
    "Line",
    "LiveLine",
    "ObjectLine",
    "StaticLine",
    "VectorLine",
    "make_curve",
    "vector_array",
]


def make_curve(color: float, brush: float) -> pg.PlotDataItem:
    """A curve tuned for long live traces (peak downsampling, clipped to the view)."""
    curve = pg.PlotDataItem(pen=brush_pen(color, brush), skipFiniteCheck=True)
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    return curve


def _run_in_progress() -> bool:
    try:
        from sim import stdrun
    except ImportError:
        return False
    return bool(stdrun.is_running())


def vector_array(vec: Any) -> np.ndarray:
    """The samples of an h.Vector (or any sequence) as a float array."""
    as_numpy = getattr(vec, "as_numpy", None)
    if as_numpy is not None:
        return np.asarray(as_numpy(), dtype=float)
    return np.asarray(list(vec), dtype=float)


def decimate(
    x: np.ndarray, y: np.ndarray, x_range: tuple[float, float], bins: int
) -> tuple[np.ndarray, np.ndarray]:
    """The visible part of a long trace, peak-decimated to ``bins`` min/max pairs.

    Only for x that increases (a recording against t); anything else is returned as is.
    """
    n = len(x)
    if n <= DECIMATE_ABOVE or not x[0] <= x[-1]:
        return x, y
    i0 = max(0, int(np.searchsorted(x, x_range[0])) - 1)
    i1 = min(n, int(np.searchsorted(x, x_range[1], side="right")) + 1)
    m = i1 - i0
    if m <= 4 * bins:
        return x[i0:i1], y[i0:i1]
    per = m // bins
    k = per * bins
    block = y[i0 : i0 + k].reshape(bins, per)
    out_y = np.empty(2 * bins)
    out_y[0::2] = block.min(axis=1)
    out_y[1::2] = block.max(axis=1)
    out_x = np.repeat(x[i0 : i0 + k : per], 2)
    return np.concatenate((out_x, x[i0 + k : i1])), np.concatenate((out_y, y[i0 + k : i1]))


DECIMATE_ABOVE = 20_000  # samples; below this pyqtgraph gets every point


class Line:
    """Base: a labelled curve with a colour and brush."""

    def __init__(self, label: str, color: float, brush: float) -> None:
        self.label = label
        self.color = color
        self.brush = brush
        self.curve = make_curve(color, brush)
        self.view_box: Any = None  # set by the graph: long traces are decimated to its width
        self.decimated = False
        self.base_style = (color, brush)  # as created (family(0) restores it)
        self._style_dirty = False

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def redraw(self) -> None:
        x, y = self.arrays()
        self._show(x, y)

    def _show(self, x: np.ndarray, y: np.ndarray) -> None:
        n = min(len(x), len(y))
        x, y = x[:n], y[:n]
        self._apply_style()
        self.decimated = n > DECIMATE_ABOVE and self.view_box is not None
        if self.decimated:
            x_range = tuple(self.view_box.viewRange()[0])
            x, y = decimate(x, y, x_range, max(200, int(self.view_box.width())))
        self.curve.setData(x, y)

    def restyle(self, color: float, brush: float) -> None:
        """Change colour and brush now (GUI thread)."""
        self.set_style(color, brush)
        self._apply_style()

    def set_style(self, color: float, brush: float) -> None:
        """Change colour and brush at the next redraw (safe on the simulation thread)."""
        if (color, brush) != (self.color, self.brush):
            self.color, self.brush = color, brush
            self._style_dirty = True

    def _apply_style(self) -> None:
        if self._style_dirty:
            self._style_dirty = False
            self.curve.setPen(brush_pen(self.color, self.brush))


class StaticLine(Line):
    """``beginline``/``line``, a kept line, or a ``Vector.line`` snapshot."""

    def __init__(self, label: str, color: float, brush: float, x: Any = (), y: Any = ()) -> None:
        super().__init__(label, color, brush)
        self._x = np.array(x, dtype=float)  # a copy: a snapshot never follows its source
        self._y = np.array(y, dtype=float)
        self._more: list[tuple[float, float]] = []  # line() points not yet in the arrays

    def append(self, x: float, y: float) -> None:
        self._more.append((float(x), float(y)))

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._more:
            more = np.asarray(self._more, dtype=float)
            self._x = np.concatenate((self._x, more[:, 0]))
            self._y = np.concatenate((self._y, more[:, 1]))
            self._more.clear()
        return self._x, self._y


class VectorLine(Line):
    """``Vector.plot(g, ...)``: drawn by reference, re-read from the vector on every flush."""

    def __init__(self, yvec: Any, x: Any, color: float, brush: float) -> None:
        from widgets.graph_vector import _labels

        super().__init__(_labels.get(id(yvec), ""), color, brush)
        self.yvec = yvec
        self.x = x  # an h.Vector, a dx step, or None (index)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        y = vector_array(self.yvec)
        if self.x is None:
            return np.arange(len(y), dtype=float), y
        if isinstance(self.x, int | float):
            return np.arange(len(y), dtype=float) * float(self.x), y
        return vector_array(self.x), y


class ObjectLine(Line):
    """``Graph.addobject(obj)``: a curve the object computes, re-read on every flush
    (a RangeVarPlot's variable along its path)."""

    def __init__(self, obj: Any, label: str, color: float, brush: float) -> None:
        super().__init__(label, color, brush)
        self.obj = obj

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        try:
            x, y = self.obj.xy()
        except (ValueError, AttributeError, ReferenceError):  # its sections were deleted
            return np.zeros(0), np.zeros(0)
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


class LiveLine(Line):
    """An ``addvar``/``addexpr`` line: one sample per ``plot(x)``, or a run's recording."""

    def __init__(self, source: Source, color: float, brush: float) -> None:
        super().__init__(source.label, color, brush)
        self.source = source
        self.x: list[float] = []
        self.y: list[float] = []
        self.drawn: tuple[np.ndarray, np.ndarray] | None = None  # data of the last redraw
        # (t vector, y vector, x shift, initial (t, y)) while a run feeds this line
        self._recording: tuple[Any, Any, float, tuple[float, float]] | None = None
        self._frozen: tuple[np.ndarray, np.ndarray] | None = None  # a recording let go

    def redraw(self) -> None:
        x, y = self.arrays()
        self.drawn = (x, y)  # finitialize clears recordings: Keep Lines copies this
        # while a run feeds it, drawn without antialiasing (several times cheaper); the
        # redraw at the end of the run smooths it again
        self.curve.opts["antialias"] = not (self._recording is not None and _run_in_progress())
        self._show(x, y)

    def begin(self) -> None:
        if self.is_fresh():
            return  # the run system's begin right after the init hook: keep recording
        self.x.clear()
        self.y.clear()
        self._recording = None
        self._frozen = None

    def sample(self, x: float) -> None:
        if self._frozen is not None:  # more points after a recording was let go
            fx, fy = self._frozen
            self.x, self.y, self._frozen = [*fx.tolist(), *self.x], [*fy.tolist(), *self.y], None
        self.x.append(float(x))
        self.y.append(self.source.value())

    def attach_recording(
        self, tvec: Any, yvec: Any, shift: float, first: tuple[float, float]
    ) -> None:
        """From now on, read the run's recording: x = tvec + shift, y = yvec.

        ``first`` is the (t, value) sample at initialization, drawn first when the
        recording (begun after finitialize) does not hold it.
        """
        self.x.clear()
        self.y.clear()
        self._frozen = None
        self._recording = (tvec, yvec, shift, first)

    def detach_recording(self) -> None:
        """Keep what was recorded as plain data and let the engine forget the recording."""
        if self._recording is not None:
            x, y = self.arrays()
            self._recording = None
            self._frozen = (x.copy(), y.copy())

    def is_recording(self) -> bool:
        return self._recording is not None

    def is_fresh(self) -> bool:
        """Recording, and nothing recorded past the initial sample yet."""
        return self._recording is not None and len(self._recording[0]) <= 1

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._recording is not None:
            tvec, yvec, shift, (t0, y0) = self._recording
            t = vector_array(tvec)
            y = vector_array(yvec)
            n = min(len(t), len(y))
            t, y = t[:n], y[:n]  # views: whoever keeps them past a reset must copy
            if n == 0 or t[0] != t0:
                t = np.concatenate(([t0], t))
                y = np.concatenate(([y0], y))
            return (t + shift if shift else t), y
        if self._frozen is not None:
            return self._frozen
        n = min(len(self.x), len(self.y))
        return np.asarray(self.x[:n], dtype=float), np.asarray(self.y[:n], dtype=float)

    def freeze(self) -> StaticLine:
        """A static copy of the line as drawn now (Keep Lines)."""
        x, y = self.arrays()
        return StaticLine(self.label, self.color, self.brush, x.copy(), y.copy())
