"""Graph drawing calls: beginline/line, mark, label (every form), color, brush, axes.

A mixin of :class:`widgets.graph.Graph`; it uses the graph's ``_plot`` (a pyqtgraph
PlotItem), ``_lines`` and ``_add_line``.  Label coordinates follow NEURON's fix types:
0 relative and 2 view-fixed (the default) are fractions 0-1 of the view, kept in place
as the view pans and zooms; 1 is fixed in scene (data) coordinates.

As in NEURON, line labels asked for at the same place (sessions write ``0.8, 0.9`` for
every line) stack one text line apart.  Unlike NEURON, which clips them, a label whose
place is inside the plot but whose text would run past an edge is moved in so that it
is read whole (the labels of one stack move together and stay aligned).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontMetricsF

from widgets import graph_style
from widgets.graph_items import StaticLine

__all__ = ["GraphDrawing"]


@dataclass(eq=False)
class _Label:
    text: str
    x: float
    y: float
    fixtype: int
    item: pg.TextItem
    owner: Any = None
    row: int = 0  # lines below the first label asked for at the same place


class GraphDrawing:
    """beginline, line, mark, label, color, brush, xaxis/yaxis for a Graph."""

    _plot: pg.PlotItem
    _lines: list[Any]
    _cur_color: float
    _cur_brush: float

    def _init_drawing(self) -> None:
        self._marks: list[Any] = []
        self._labels: list[_Label] = []
        self._label_next: tuple[float, float] | None = None
        self._label_fixtype = 2
        self._label_align = (0.0, 0.0)
        self._current_polyline: StaticLine | None = None
        self._redraw_pending = False
        self._plot.getViewBox().sigRangeChanged.connect(self._place_labels)
        self._plot.getViewBox().sigResized.connect(self._place_labels)

    def _add_line(self, line: Any, before: Any = None) -> None:  # provided by Graph
        raise NotImplementedError

    def _schedule_redraw(self) -> None:
        """Coalesce many line() calls into one redraw when control returns to Qt."""
        if not self._redraw_pending:
            self._redraw_pending = True
            QTimer.singleShot(0, self._redraw_polyline)

    def _redraw_polyline(self) -> None:
        self._redraw_pending = False
        if self._current_polyline is not None and self._current_polyline in self._lines:
            self._current_polyline.redraw()

    # -- polylines --------------------------------------------------------------------
    def beginline(self, *args: Any) -> float:
        """``beginline([c, b])`` or ``beginline("label" [, c, b])``: start a new line."""
        args = list(args)
        label = args.pop(0) if args and isinstance(args[0], str) else ""
        color = float(args[0]) if len(args) > 0 else self._cur_color
        brush = float(args[1]) if len(args) > 1 else self._cur_brush
        self._current_polyline = StaticLine(label, color, brush)
        self._add_line(self._current_polyline)
        if label:
            self._label_line_end(self._current_polyline)
        return 0.0

    def line(self, x: float, y: float) -> float:
        """Add (x, y) to the line begun last (a new one if none)."""
        if self._current_polyline is None or self._current_polyline not in self._lines:
            self.beginline()
        assert self._current_polyline is not None
        self._current_polyline.append(x, y)
        self._schedule_redraw()
        return 0.0

    # -- marks ------------------------------------------------------------------------
    def mark(self, x: float, y: float, style: Any = "+", size: float = 12, *rest: Any) -> float:
        """``mark(x, y [, style, size, color, brush])``; style a letter of "+osOSTt|-" or 0-8."""
        color = float(rest[0]) if len(rest) > 0 else self._cur_color
        brush = float(rest[1]) if len(rest) > 1 else 1.0
        self._add_marks([float(x)], [float(y)], style, size, color, brush)
        return 0.0

    def _add_marks(
        self, xs: Any, ys: Any, style: Any, size: float, color: float, brush: float
    ) -> None:
        """One scatter item for many marks of one style (Vector.mark)."""
        symbol, filled = graph_style.glyph_symbol(style)
        pen = graph_style.brush_pen(color, brush)
        fill = pg.mkBrush(graph_style.color_of(color)) if filled else pg.mkBrush(None)
        item = pg.ScatterPlotItem(xs, ys, symbol=symbol, size=float(size), pen=pen, brush=fill)
        self._plot.addItem(item)
        self._marks.append(item)

    def _clear_marks(self) -> None:
        for item in self._marks:
            self._plot.removeItem(item)
        self._marks.clear()

    # -- labels -----------------------------------------------------------------------
    def fixed(self, scale: float = 1) -> float:
        self._label_fixtype = 1
        return 0.0

    def vfixed(self, scale: float = 1) -> float:
        self._label_fixtype = 2
        return 0.0

    def relative(self, scale: float = 1) -> float:
        self._label_fixtype = 0
        return 0.0

    def align(self, xa: float = 0, ya: float = 0) -> float:
        self._label_align = (float(xa), float(ya))
        return 0.0

    def label(self, *args: Any) -> float:
        """Every NEURON form: ``label("s")``, ``label(x, y)``, ``label(x, y, "s", ...)``."""
        if len(args) == 1 and isinstance(args[0], str):
            x, y = self._label_next if self._label_next is not None else (0.1, 0.9)
            self._add_label(
                x, y, args[0], self._label_fixtype, 1.0, *self._label_align, self._cur_color
            )
            return 0.0
        if len(args) == 2:
            self._label_next = (float(args[0]), float(args[1]))
            return 0.0
        if len(args) >= 3 and isinstance(args[2], str):
            x, y, text = float(args[0]), float(args[1]), args[2]
            fixtype = int(args[3]) if len(args) > 3 else self._label_fixtype
            scale = float(args[4]) if len(args) > 4 else 1.0
            xa = float(args[5]) if len(args) > 5 else self._label_align[0]
            ya = float(args[6]) if len(args) > 6 else self._label_align[1]
            color = float(args[7]) if len(args) > 7 else self._cur_color
            self._add_label(x, y, text, fixtype, scale, xa, ya, color)
            return 0.0
        raise TypeError(
            'Graph.label takes ("text"), (x, y) or (x, y, "text" [, fixtype, scale, '
            "xalign, yalign, color])"
        )

    def _add_label(
        self,
        x: float,
        y: float,
        text: str,
        fixtype: int,
        scale: float,
        xa: float,
        ya: float,
        color: float,
        owner: Any = None,
    ) -> None:
        item = pg.TextItem(text, color=graph_style.color_of(color), anchor=(xa, 1.0 - ya))
        self._plot.addItem(item, ignoreBounds=True)
        row = 0
        if owner is not None:  # a line's label: below those already at this place
            same = [lb for lb in self._labels if _same_place(lb, x, y, fixtype)]
            row = 1 + max((lb.row for lb in same), default=-1)
        label = _Label(text, x, y, int(fixtype), item, owner, row)
        self._labels.append(label)
        self._place_labels()
        # the next label("s") goes one line below this one
        step = 0.06 if label.fixtype != 1 else 0.06 * self._view_height()
        self._label_next = (x, y - step)

    def _view_height(self) -> float:
        (_, _), (b, t) = self._plot.viewRange()
        return t - b

    def _anchor_point(self, label: _Label) -> tuple[float, float]:
        """Where the label is asked to be, in data coordinates (its stack row included)."""
        if label.fixtype == 1:
            x, y = label.x, label.y
        else:
            (l, r), (b, t) = self._plot.viewRange()
            x, y = l + label.x * (r - l), b + label.y * (t - b)
        if label.row:
            _, px_h = self._pixel_size()
            y -= label.row * _text_height(label.item) * px_h
        return x, y

    def _pixel_size(self) -> tuple[float, float]:
        """Data units per screen pixel (x, y); 0 before the view has a size."""
        size = self._plot.getViewBox().viewPixelSize()
        return (abs(size[0]), abs(size[1])) if size is not None else (0.0, 0.0)

    def _place_labels(self, *_: Any) -> None:
        """Put every label at its place, moved in where its text would leave the plot."""
        points = {id(lb): self._anchor_point(lb) for lb in self._labels}
        shifts: dict[tuple[float, float, int], tuple[float, float]] = {}
        for lb in self._labels:  # one shift per stack: the most any of its labels needs
            key = (lb.x, lb.y, lb.fixtype)
            dx, dy = self._overflow(lb, *points[id(lb)])
            old = shifts.get(key, (0.0, 0.0))
            shifts[key] = (_larger(old[0], dx), _larger(old[1], dy))
        for lb in self._labels:
            x, y = points[id(lb)]
            dx, dy = shifts[(lb.x, lb.y, lb.fixtype)]
            lb.item.setPos(x + dx, y + dy)

    def _overflow(self, label: _Label, x: float, y: float) -> tuple[float, float]:
        """How far (data units) to move a label at (x, y) so its text is inside the view;
        nothing for a label whose place is outside the view (panned away)."""
        (l, r), (b, t) = self._plot.viewRange()
        px_w, px_h = self._pixel_size()
        if not (l <= x <= r and b <= y <= t) or px_w == 0 or px_h == 0:
            return 0.0, 0.0
        rect = label.item.textItem.boundingRect()
        ax, ay = label.item.anchor.x(), label.item.anchor.y()
        left = x - ax * rect.width() * px_w
        right = left + rect.width() * px_w
        top = y + ay * rect.height() * px_h
        bottom = top - rect.height() * px_h
        return _inward(left, right, l, r), _inward(bottom, top, b, t)

    def _label_line_end(self, line: Any) -> None:
        """Label a line (a kept family member, a labelled polyline) near its last point."""
        x, y = line.arrays()
        if len(x):
            self._add_label(
                float(x[-1]), float(y[-1]), line.label, 1, 1.0, 0.0, 0.5, line.color, owner=line
            )

    def _remove_labels_of(self, owner: Any) -> None:
        for label in [lb for lb in self._labels if lb.owner is owner]:
            self._plot.removeItem(label.item)
            self._labels.remove(label)
        rows: dict[tuple[float, float, int], int] = {}
        for lb in self._labels:  # a stack closes up over a removed line's label
            if lb.owner is not None:
                key = (lb.x, lb.y, lb.fixtype)
                lb.row = rows.get(key, 0)
                rows[key] = lb.row + 1
        self._place_labels()

    def _clear_labels(self) -> None:
        for label in self._labels:
            self._plot.removeItem(label.item)
        self._labels.clear()
        self._label_next = None

    def labels(self) -> list[str]:
        """The texts of the labels shown (NeuroQt helper for tests and sessions)."""
        return [label.text for label in self._labels]

    # -- colour and brush -------------------------------------------------------------
    def color(self, index: float = 1, name: str | None = None) -> float:
        """``color(i)`` selects; ``color(i, "name")`` redefines palette entry i."""
        if name is not None:
            graph_style.set_color(int(index), name)
        else:
            self._cur_color = float(index)
        return 0.0

    def brush(self, index: float = 1, pattern: float | None = None, width: float = 1) -> float:
        """``brush(i)`` selects; ``brush(i, pattern, width)`` redefines entry i."""
        if pattern is not None:
            graph_style.set_brush(int(index), int(pattern), float(width))
        else:
            self._cur_brush = float(index)
        return 0.0

    # -- axes -------------------------------------------------------------------------
    def xaxis(self, *args: Any) -> float:
        return self._axis("bottom", args)

    def yaxis(self, *args: Any) -> float:
        return self._axis("left", args)

    def _axis(self, name: str, args: tuple[Any, ...]) -> float:
        axis = self._plot.getAxis(name)
        if len(args) <= 1:
            mode = int(args[0]) if args else 0
            if mode not in (0, 1, 2, 3):
                raise ValueError(f"axis mode {mode}: use 0 view axes, 1 fixed, 2 box, 3 erase")
            self._plot.showAxis(name, mode != 3)
            return 0.0
        start, stop = float(args[0]), float(args[1])
        if name == "bottom":
            self._plot.setXRange(start, stop, padding=0)
        else:
            self._plot.setYRange(start, stop, padding=0)
        ntic = int(args[3]) if len(args) > 3 else 0
        if ntic > 0:
            step = (stop - start) / ntic
            axis.setTickSpacing(step, step / max(1, int(args[4]) if len(args) > 4 else 1))
        if len(args) > 6:
            axis.setStyle(showValues=bool(args[6]))
        self._plot.showAxis(name, True)
        return 0.0


def _same_place(label: _Label, x: float, y: float, fixtype: int) -> bool:
    return label.owner is not None and (label.x, label.y, label.fixtype) == (x, y, fixtype)


def _text_height(item: pg.TextItem) -> float:
    """One line of the label's text, in pixels."""
    return float(QFontMetricsF(item.textItem.font()).lineSpacing())


def _inward(lo: float, hi: float, lo_edge: float, hi_edge: float) -> float:
    """The move that brings [lo, hi] inside [lo_edge, hi_edge] (the low edge wins)."""
    if hi > hi_edge:
        return max(hi_edge - hi, lo_edge - lo)
    if lo < lo_edge:
        return lo_edge - lo
    return 0.0


def _larger(a: float, b: float) -> float:
    return a if abs(a) >= abs(b) else b
