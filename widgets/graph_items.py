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


def vector_array(vec: Any) -> np.ndarray:
    """The samples of an h.Vector (or any sequence) as a float array."""
    as_numpy = getattr(vec, "as_numpy", None)
    if as_numpy is not None:
        return np.asarray(as_numpy(), dtype=float)
    return np.asarray(list(vec), dtype=float)


class Line:
    """Base: a labelled curve with a colour and brush."""

    def __init__(self, label: str, color: float, brush: float) -> None:
        self.label = label
        self.color = color
        self.brush = brush
        self.curve = make_curve(color, brush)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def redraw(self) -> None:
        x, y = self.arrays()
        n = min(len(x), len(y))
        self.curve.setData(x[:n], y[:n])

    def restyle(self, color: float, brush: float) -> None:
        self.color, self.brush = color, brush
        self.curve.setPen(brush_pen(color, brush))


class StaticLine(Line):
    """``beginline``/``line``, a kept line, or a ``Vector.line`` snapshot."""

    def __init__(self, label: str, color: float, brush: float, x: Any = (), y: Any = ()) -> None:
        super().__init__(label, color, brush)
        self.x = list(np.asarray(x, dtype=float))
        self.y = list(np.asarray(y, dtype=float))

    def append(self, x: float, y: float) -> None:
        self.x.append(float(x))
        self.y.append(float(y))

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        return np.asarray(self.x, dtype=float), np.asarray(self.y, dtype=float)


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

    def redraw(self) -> None:
        x, y = self.arrays()
        self.drawn = (x, y)  # finitialize clears recordings: Keep Lines copies this
        self.curve.setData(x, y)

    def begin(self) -> None:
        if self.is_fresh():
            return  # the run system's begin right after the init hook: keep recording
        self.x.clear()
        self.y.clear()
        self._recording = None

    def sample(self, x: float) -> None:
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
        self._recording = (tvec, yvec, shift, first)

    def detach_recording(self) -> None:
        """Keep what was recorded as plain data and let the engine forget the recording."""
        if self._recording is not None:
            x, y = self.arrays()
            self._recording = None
            self.x, self.y = list(x), list(y)

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
            t, y = t[:n], y[:n].copy()  # the engine may reuse its buffer after a reset
            if n == 0 or t[0] != t0:
                t = np.concatenate(([t0], t))
                y = np.concatenate(([y0], y))
            return t + shift, y
        n = min(len(self.x), len(self.y))
        return np.asarray(self.x[:n], dtype=float), np.asarray(self.y[:n], dtype=float)

    def freeze(self) -> StaticLine:
        """A static copy of the line as drawn now (Keep Lines)."""
        x, y = self.arrays()
        return StaticLine(self.label, self.color, self.brush, x.copy(), y.copy())
