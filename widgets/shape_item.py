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

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

from widgets.shape_geometry import quads

__all__ = ["ShapeItem"]

_QUAD_CONNECT_PATTERN = np.array([1, 1, 1, 0], dtype=np.int32)


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
        self._color_index = np.zeros(0, dtype=np.int64)
        self._colors: list[QColor] = [QColor("black")]
        self._paths: list[tuple[QColor, QPainterPath]] = []
        self._bounds = QRectF()

    # -- data ---------------------------------------------------------------------
    def set_geometry(
        self,
        a0: np.ndarray,
        a1: np.ndarray,
        d0: np.ndarray,
        d1: np.ndarray,
        *,
        filled: bool,
    ) -> None:
        """New projected pieces (start, end points and diameters); keeps the colours."""
        self.prepareGeometryChange()
        self._a0 = np.asarray(a0, dtype=np.float64)
        self._a1 = np.asarray(a1, dtype=np.float64)
        self._d0 = np.asarray(d0, dtype=np.float64)
        self._d1 = np.asarray(d1, dtype=np.float64)
        self._filled = filled
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

    def color_paths(self) -> list[tuple[QColor, QPainterPath]]:
        return list(self._paths)

    # -- paths -------------------------------------------------------------------------
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
        paths: list[tuple[QColor, QPainterPath]] = []
        idx = self._color_index
        if len(idx):
            for k in np.unique(idx):
                sel = np.nonzero(idx == k)[0]
                paths.append((self._colors[int(k)], self._path_for(sel)))
        self._paths = paths
        self.update()

    def _path_for(self, sel: np.ndarray) -> QPainterPath:
        a0, a1 = self._a0[sel], self._a1[sel]
        if self._filled:
            qx, qy = quads(a0, a1, self._d0[sel], self._d1[sel])
            connect = np.tile(_QUAD_CONNECT_PATTERN, len(sel))
            path = pg.arrayToQPath(qx, qy, connect=connect)
            path.setFillRule(Qt.FillRule.WindingFill)
            return path
        xs = np.empty(2 * len(sel))
        ys = np.empty(2 * len(sel))
        xs[0::2], xs[1::2] = a0[:, 0], a1[:, 0]
        ys[0::2], ys[1::2] = a0[:, 1], a1[:, 1]
        return pg.arrayToQPath(xs, ys, connect="pairs")

    # -- QGraphicsItem -------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def paint(self, painter: QPainter, *_args: object) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for color, path in self._paths:
            if self._filled:
                pen = QPen(color)
                pen.setCosmetic(True)
                pen.setWidthF(1.0)
                painter.setPen(pen)
                painter.setBrush(QBrush(color))
                painter.drawPath(path)
            else:
                pen = QPen(color)
                pen.setCosmetic(True)
                pen.setWidthF(self._line_width)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
