"""Colours of the shape views: NEURON's palette indices and the shape-plot colour map."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

__all__ = ["ColorMap", "palette_color"]

# NEURON's colour indices (0..9); higher indices cycle through 1..9.
_PALETTE = (
    "#ffffff",  # 0 white
    "#000000",  # 1 black
    "#e00000",  # 2 red
    "#0000e0",  # 3 blue
    "#00a000",  # 4 green
    "#ff8c00",  # 5 orange
    "#8b4513",  # 6 brown
    "#8a2be2",  # 7 violet
    "#e0c000",  # 8 yellow
    "#808080",  # 9 gray
)

# Default shape-plot scale, in the spirit of NEURON's: purple (low) through crimson and
# orange to yellow (high); 64 steps instead of NEURON's 13 bands.
_DEFAULT_STOPS = (
    (0.0, (110, 0, 110)),
    (0.3, (200, 0, 70)),
    (0.55, (255, 80, 10)),
    (0.8, (255, 190, 0)),
    (1.0, (250, 230, 40)),  # a full yellow: pale yellow vanishes on white
)


def palette_color(i: int) -> QColor:
    """The QColor of NEURON colour index ``i``."""
    i = int(i)
    if i < 0:
        raise ValueError(f"colour index must be >= 0, got {i}")
    if i >= len(_PALETTE):
        i = 1 + (i - 1) % (len(_PALETTE) - 1)
    return QColor(_PALETTE[i])


def _interpolated(n: int) -> list[tuple[int, int, int]]:
    pos = np.array([p for p, _ in _DEFAULT_STOPS])
    stops = np.array([rgb for _, rgb in _DEFAULT_STOPS], dtype=np.float64)
    f = np.linspace(0.0, 1.0, n) if n > 1 else np.array([0.0])
    return [tuple(round(float(np.interp(v, pos, stops[:, c]))) for c in range(3)) for v in f]


class ColorMap:
    """A list of colours spread over ``[lo, hi]``; values outside are clipped."""

    def __init__(self, n: int = 64) -> None:
        self.colors: list[QColor] = [QColor(*rgb) for rgb in _interpolated(n)]

    def __len__(self) -> int:
        return len(self.colors)

    def resize(self, n: int) -> None:
        """``colormap(n)``: ``n`` colours (black until set with :meth:`set_color`)."""
        n = int(n)
        if n < 1:
            raise ValueError(f"colormap size must be at least 1, got {n}")
        self.colors = [QColor("black")] * n

    def set_color(self, i: int, r: float, g: float, b: float) -> None:
        """``colormap(i, r, g, b)`` with components 0..255."""
        i = int(i)
        if not 0 <= i < len(self.colors):
            raise IndexError(f"colormap index {i} outside 0..{len(self.colors) - 1}")
        comps = [int(min(255, max(0, round(c)))) for c in (r, g, b)]
        self.colors = list(self.colors)
        self.colors[i] = QColor(*comps)

    def indices(self, values: np.ndarray, lo: float, hi: float) -> np.ndarray:
        """Colour index of each value; NaN (variable absent) maps to ``len(self)``."""
        n = len(self.colors)
        v = np.asarray(values, dtype=np.float64)
        span = hi - lo if hi != lo else 1.0
        with np.errstate(invalid="ignore"):
            idx = np.floor((v - lo) / span * n)
        idx = np.clip(np.nan_to_num(idx, nan=-1.0), 0, n - 1).astype(np.int64)
        idx[np.isnan(v)] = n
        return idx
