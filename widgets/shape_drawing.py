"""Graph drawing calls a Shape also takes: ``beginline``/``line``, ``mark``, ``label``, ``erase``.

They draw in the Shape's scene coordinates (µm), on top of the cell, as NEURON's Shape
(a kind of Graph) does.  :class:`ShapeDrawing` is mixed into the Shape class.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg

from widgets.shape_colors import palette_color

__all__ = ["ShapeDrawing"]

_SYMBOLS = {"+": "+", "o": "o", "O": "o", "s": "s", "S": "s", "t": "t1", "T": "t1", "|": "|"}


class ShapeDrawing:
    """Polylines, marks and labels drawn over the cell."""

    _view: Any

    def _drawn(self) -> list[Any]:
        items = self.__dict__.setdefault("_drawn_items", [])
        return items

    def _add(self, item: Any) -> None:
        if self._view is not None:
            self._view.viewbox.addItem(item)
            self._drawn().append(item)

    def beginline(self, *args: Any) -> float:
        """``beginline([label,] [color, brush])``: the next ``line`` calls draw a new polyline."""
        nums = [a for a in args if isinstance(a, int | float)]
        color = palette_color(int(nums[0])) if nums else palette_color(1)
        width = max(1.0, float(nums[1])) if len(nums) > 1 else 1.0
        self.__dict__["_polyline"] = ([], [], pg.PlotDataItem(pen=pg.mkPen(color, width=width)))
        self._add(self.__dict__["_polyline"][2])
        return 0.0

    def line(self, x: float, y: float) -> float:
        if "_polyline" not in self.__dict__:
            self.beginline()
        xs, ys, item = self.__dict__["_polyline"]
        xs.append(float(x))
        ys.append(float(y))
        item.setData(xs, ys)
        return 0.0

    def mark(
        self, x: float, y: float, style: Any = "+", size: float = 12, color: float = 1, *_: Any
    ) -> float:
        symbol = _SYMBOLS.get(str(style), "+") if isinstance(style, str) else "o"
        c = palette_color(int(color))
        filled = isinstance(style, str) and style in "OST"
        item = pg.ScatterPlotItem(
            [float(x)],
            [float(y)],
            symbol=symbol,
            size=float(size),
            pen=c,
            brush=c if filled else None,
        )
        self._add(item)
        return 0.0

    def label(self, *args: Any) -> float:
        """``label(x, y, "text" [, fixtype, scale, xalign, yalign, color])`` in scene units."""
        if len(args) < 3 or not isinstance(args[2], str):
            raise TypeError(
                "Shape.label takes (x, y, 'text' [, fixtype, scale, xalign, yalign, color])"
            )
        color = palette_color(int(args[7])) if len(args) > 7 else palette_color(1)
        item = pg.TextItem(args[2], color=color, anchor=(0, 1))
        item.setPos(float(args[0]), float(args[1]))
        self._add(item)
        return 0.0

    def erase(self) -> float:
        """Remove what beginline/line/mark/label drew (the cell stays)."""
        for item in self._drawn():
            if self._view is not None:
                self._view.viewbox.removeItem(item)
        self._drawn().clear()
        self.__dict__.pop("_polyline", None)
        return 0.0

    def erase_all(self) -> float:
        return self.erase()
