"""One pyqtgraph item that draws every segment of a cell.

:class:`ShapeItem` holds the projected pieces of a :class:`Morphology` and a
colour index per piece.  It keeps one ``QPainterPath`` per colour (built from
numpy arrays with ``pg.arrayToQPath``, no Python loop over pieces) and paints
them: centre lines with a cosmetic pen (``show(1)``/``show(2)``) or filled
trapezoids at the 3-D diameters (``show(0)``).  Changing colours rebuilds only
the per-colour paths; the geometry is set again only on structure change or
rotation.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from widgets.shape_geometry import quads

try:  # pyqtgraph's zero-copy QLineF array (an internal helper; a list of QLineF otherwise)
    from pyqtgraph.Qt.internals import PrimitiveArray
except ImportError:  # pragma: no cover
    PrimitiveArray = None

__all__ = ["ShapeItem"]

_QUAD_CONNECT_PATTERN = np.array([1, 1, 1, 0], dtype=np.int32)
_AA_LIMIT = 5000  # pieces drawn antialiased


class ShapeItem(pg.GraphicsObject):
    """All pieces of a morphology, drawn batched by colour."""

    def __init__(self) -> None:
        super().__init__()
        self._a0 = np.zeros((0, 2))
        self._a1 = np.zeros((0, 2))
        self._d0 = np.zeros(0)
        self._d1 = np.zeros(0)
        self._filled = False
        self._line_width = 2.0
        self._joint = np.zeros(0, dtype=bool)
        self._color_index = np.zeros(0, dtype=np.int64)
        self._colors: list[QColor] = [QColor("black")]
        self._paths: list[tuple[QColor, Any]] = []
        self._bounds = QRectF()
        self._pens: dict[tuple[int, bool, float], tuple[QPen, QBrush]] = {}

    # -- data ---------------------------------------------------------------------
    def set_geometry(
        self,
        a0: np.ndarray,
        a1: np.ndarray,
        d0: np.ndarray,
        d1: np.ndarray,
        *,
        filled: bool,
        piece_sec: np.ndarray | None = None,
    ) -> None:
        """New projected pieces (start, end points and diameters); keeps the colours.

        ``piece_sec`` (the section of each piece) lets ``show(0)`` bevel the joints
        between consecutive pieces of one section.
        """
        self.prepareGeometryChange()
        self._a0 = np.asarray(a0, dtype=np.float64)
        self._a1 = np.asarray(a1, dtype=np.float64)
        self._d0 = np.asarray(d0, dtype=np.float64)
        self._d1 = np.asarray(d1, dtype=np.float64)
        self._filled = filled
        self._joint = _joints(self._a0, self._a1, piece_sec)
        if len(self._color_index) != len(self._a0):
            self._color_index = np.zeros(len(self._a0), dtype=np.int64)
        self._bounds = self._compute_bounds()
        self._rebuild_paths()

    def set_colors(self, color_index: np.ndarray, colors: list[QColor]) -> None:
        """Colour piece ``i`` with ``colors[color_index[i]]``; cheap when nothing changed."""
        idx = np.asarray(color_index, dtype=np.int64)
        same_table = len(colors) == len(self._colors) and all(
            a == b for a, b in zip(colors, self._colors)
        )
        if same_table and np.array_equal(idx, self._color_index):
            return
        self._color_index = idx
        self._colors = list(colors)
        self._rebuild_paths()

    def set_line_width(self, width: float) -> None:
        self._line_width = float(width)
        self.update()

    # -- introspection (tests, export) ----------------------------------------------
    def piece_endpoints(self) -> tuple[np.ndarray, np.ndarray]:
        """The projected (start, end) points of every piece, in scene coordinates."""
        return self._a0.copy(), self._a1.copy()

    def piece_colors(self) -> list[QColor]:
        """The colour each piece is drawn in."""
        return [self._colors[i] for i in self._color_index]

    def is_filled(self) -> bool:
        return self._filled

    def quad_corners(self) -> tuple[np.ndarray, np.ndarray]:
        """The four corners of every piece's trapezoid (x, y arrays of 4 per piece)."""
        return quads(self._a0, self._a1, self._d0, self._d1)

    def color_buckets(self) -> list[tuple[QColor, int]]:
        """(colour, number of pieces) for each colour in use: one draw call each."""
        return [(c, _count(d)) for c, d in self._paths]

    # -- colour buckets -----------------------------------------------------------------
    def _compute_bounds(self) -> QRectF:
        if len(self._a0) == 0:
            return QRectF()
        pts = np.concatenate((self._a0, self._a1))
        pad = 0.5 * float(max(self._d0.max(initial=0.0), self._d1.max(initial=0.0)))
        if not self._filled:
            pad = 0.0
        x0, y0 = pts.min(axis=0) - pad
        x1, y1 = pts.max(axis=0) + pad
        return QRectF(QPointF(x0, y0), QPointF(x1, y1))

    def _rebuild_paths(self) -> None:
        """Group pieces by colour (one stable sort) and build each group's drawable."""
        buckets: list[tuple[QColor, Any]] = []
        idx = self._color_index
        if len(idx):
            order = np.argsort(idx, kind="stable")
            counts = np.bincount(idx)
            start = 0
            for k in np.nonzero(counts)[0]:
                sel = order[start : start + counts[k]]
                start += counts[k]
                buckets.append((self._colors[int(k)], self._drawable(sel)))
        self._paths = buckets
        self.update()

    def _drawable(self, sel: np.ndarray) -> Any:
        """Filled trapezoids as one QPainterPath, or centre lines as a QLineF array."""
        a0, a1 = self._a0[sel], self._a1[sel]
        if self._filled:
            # bevels need the next piece too: pass full arrays, only the joints of ``sel``
            joint = np.zeros(len(self._a0), dtype=bool)
            joint[sel] = self._joint[sel]
            keep = np.zeros(len(self._a0), dtype=bool)
            keep[sel] = True
            qx, qy = _selected_quads(self._a0, self._a1, self._d0, self._d1, keep, joint)
            connect = np.tile(_QUAD_CONNECT_PATTERN, len(qx) // 4)
            path = pg.arrayToQPath(qx, qy, connect=connect)
            path.setFillRule(Qt.FillRule.WindingFill)
            return path
        return _LineArray(np.concatenate((a0, a1), axis=1))

    # -- QGraphicsItem -------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def paint(self, painter: QPainter, *_args: object) -> None:
        # antialiasing costs ~2x: keep it for cells small enough that it is cheap
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(self._a0) <= _AA_LIMIT)
        if self._filled:
            for color, path in self._paths:
                pen, brush = self._tools(color)
                painter.setPen(pen)
                painter.setBrush(brush)
                painter.drawPath(path)
        else:
            for color, lines in self._paths:
                painter.setPen(self._tools(color)[0])
                lines.draw(painter)

    def _tools(self, color: QColor) -> tuple[QPen, QBrush]:
        """The pen and brush of a colour, made once (fewer Qt calls per frame)."""
        key = (color.rgba(), self._filled, self._line_width)
        tools = self._pens.get(key)
        if tools is None:
            pen = QPen(color)
            pen.setCosmetic(True)
            pen.setWidthF(1.0 if self._filled else self._line_width)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)  # RoundCap strokes ~200x slower
            tools = (pen, QBrush(color))
            self._pens[key] = tools
        return tools


class _LineArray:
    """Centre lines in one contiguous QLineF array (pyqtgraph's zero-copy fill when present)."""

    def __init__(self, coords: np.ndarray) -> None:
        self.count = len(coords)
        if PrimitiveArray is not None:
            self._array = PrimitiveArray(QLineF, 4)
            self._array.resize(self.count)
            self._array.ndarray()[:] = coords
            self._lines = None
        else:
            self._lines = [QLineF(*c) for c in coords.tolist()]

    def draw(self, painter: QPainter) -> None:
        if self._lines is not None:
            painter.drawLines(self._lines)
        else:
            painter.drawLines(*self._array.drawargs())


def _count(drawable: Any) -> int:
    if isinstance(drawable, _LineArray):
        return drawable.count
    return drawable.elementCount() // 4


def _joints(a0: np.ndarray, a1: np.ndarray, piece_sec: np.ndarray | None) -> np.ndarray:
    """``joint[i]``: piece i+1 starts where piece i ends, on the same section."""
    joint = np.zeros(len(a0), dtype=bool)
    if piece_sec is None or len(a0) < 2:
        return joint
    joint[:-1] = (piece_sec[:-1] == piece_sec[1:]) & np.all(a1[:-1] == a0[1:], axis=1)
    return joint


def _selected_quads(
    a0: np.ndarray,
    a1: np.ndarray,
    d0: np.ndarray,
    d1: np.ndarray,
    keep: np.ndarray,
    joint: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Trapezoids of the kept pieces plus the bevels at their joints."""
    qx, qy = quads(a0[keep], a1[keep], d0[keep], d1[keep])
    i = np.nonzero(joint)[0]
    if len(i) == 0:
        return qx, qy
    # bevel triangles between piece i and i+1 (i+1 may have another colour)
    idx = np.unique(np.concatenate((i, i + 1)))
    local_joint = np.isin(idx, i) & np.concatenate((idx[1:] == idx[:-1] + 1, [False]))
    bx, by = quads(a0[idx], a1[idx], d0[idx], d1[idx], local_joint)
    n_quads = 4 * len(idx)
    return np.concatenate((qx, bx[n_quads:])), np.concatenate((qy, by[n_quads:]))
