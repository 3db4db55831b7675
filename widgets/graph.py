"""``h.Graph`` on pyqtgraph, with NEURON's calls and behaviour (neuron-gui-api.md §3).

A :class:`Graph` is the NEURON-level object a script holds; its window is a
:class:`widgets.graph_view.GraphView` opened through the window registry (so an
intercepting box can adopt it).  Live lines come from ``addvar``/``addexpr`` and are fed
by ``plot(x)`` or, during a run, by the engine's recordings (see
:mod:`widgets.graph_stdrun`).  Drawing happens on the GUI thread only; ``begin`` and the
sampling of live lines touch data only, so the simulation thread may call them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QThread

from layouts.lifetime import WeakAttr
from layouts.registry import WindowRecord, open_window, registry
from sim import h
from widgets import graph_style
from widgets.graph_drawing import GraphDrawing
from widgets.graph_items import LiveLine, ObjectLine, StaticLine, VectorLine
from widgets.graph_menu import GraphMenu
from widgets.graph_source import make_source
from widgets.graph_view import GraphView
from widgets.window_title import extent_title, retitle
from widgets.window_title import follow_view as _follow

__all__ = ["Graph", "all_graphs", "implementations"]

_graphs: weakref.WeakSet[Graph] = weakref.WeakSet()
_serial = [0]


_FAMILY_LABEL = object()  # owner of the family("var") label


def all_graphs() -> list[Graph]:
    """Every Graph alive, oldest first."""
    return sorted(_graphs, key=lambda g: g._index)


class Graph(GraphDrawing, GraphMenu):
    """A NEURON Graph: ``h.Graph()`` maps now, ``h.Graph(0)`` when ``view()`` is called."""

    _record = WeakAttr()  # the registry holds the record (and through it this Graph)

    def __init__(self, map_now: float = 1) -> None:
        self._index = _serial[0]
        _serial[0] += 1
        self._view_widget = GraphView(self._menu_entries)
        self._alive = [True]  # False once Qt deleted the widget (a closed, deleted window)
        self._lines: list[Any] = []  # LiveLine, StaticLine, VectorLine in drawing order
        self._view_widget.destroyed.connect(_on_destroyed(self._alive, self._lines))
        self._plot = self._view_widget.plot_item
        self._record: WindowRecord | None = None
        self._adopted = False
        self._unmapped = False
        self._title_prefix = "Graph"
        self._title_follows = False  # the title follows the view once mapped
        self._scene = (0.0, 300.0, 0.0, 200.0)
        self._save_name = ""
        self._xexpr: Any = None
        self._cur_color = 1.0
        self._cur_brush = 1.0
        self._keep_lines = False
        self._family: Any = None  # None off, True on (family(1))
        self._family_label: str | None = None  # family("var"): kept lines labelled var=value
        self._pending_kept: list[tuple[Any, ...]] = []  # Keep Lines copies not drawn yet
        self._init_drawing()
        self._init_menu()
        self._plot.getViewBox().sigXRangeChanged.connect(self._redraw_decimated)
        self.size(50, 250, 20, 180)
        _graphs.add(self)
        from widgets import graph_stdrun

        graph_stdrun.install_run_hooks()
        if map_now:
            self._map(None, prefix="Graph")  # NEURON: a graph mapped when made is "Graph"

    # -- identity ---------------------------------------------------------------------
    def hname(self) -> str:
        return f"Graph[{self._index}]"

    def __repr__(self) -> str:
        return self.hname()

    def widget(self) -> GraphView:
        """The Qt widget (for boxes, tests and screenshots)."""
        return self._view_widget

    # -- mapping ----------------------------------------------------------------------
    def _map(self, geometry: tuple[int, int, int, int] | None, prefix: str = "") -> None:
        if self._record is not None or self._adopted:
            return
        self._unmapped = False
        self._title_prefix = prefix or self.hname()  # view() windows: "Graph[1]"
        if not self._title_follows:
            self._title_follows = True
            self._plot.getViewBox().sigRangeChanged.connect(_follow(self))
        record = open_window(
            self._view_widget, self._title(), kind="graph", owner=self, geometry=geometry
        )
        self._record = record
        self._adopted = record is None
        self._view_moved()

    def _title(self) -> str:
        """NEURON's window title: ``Graph  x 0 : 300  y 0 : 200`` (the view's extent)."""
        x, y = self._plot.viewRange()
        return extent_title(self._title_prefix, x, y)

    def _view_moved(self, *_args: Any) -> None:
        retitle(self._record, self._title())

    def view_count(self) -> float:
        """How many views show this graph (0 once unmapped or closed)."""
        if self._unmapped or not self._alive[0]:
            return 0.0
        if self._adopted:
            return 1.0
        if self._record is None or self._record not in registry().records():
            return 0.0
        return 1.0

    def ismapped(self) -> float:
        return 1.0 if self.view_count() else 0.0

    def unmap(self) -> float:
        for line in self.live_lines():
            line.detach_recording()
        if self._record is not None:
            registry().remove(self._record)
        self._record = None
        self._unmapped = True
        self._view_widget.hide()
        return 0.0

    def save_name(self, name: str) -> float:
        self._save_name = str(name)
        return 0.0

    def session_text(self) -> str:
        """This graph's block in a session file, as NEURON writes it."""
        from widgets.graph_session import graph_session_text

        return graph_session_text(self)

    # -- size and view ----------------------------------------------------------------
    def size(self, *args: Any) -> float:
        """``size(x0, x1, y0, y1)`` sets the scene and view; ``size(i)`` reads l/r/b/t."""
        if len(args) == 4:
            x0, x1, y0, y1 = (float(a) for a in args)
            self._scene = (x0, x1, y0, y1)
            self._set_range(x0, x1, y0, y1)
            return 0.0
        if len(args) == 1:
            i = int(args[0])
            if not 1 <= i <= 4:
                raise ValueError(f"Graph.size({i}): the index must be 1 to 4 (l, r, b, t)")
            (l, r), (b, t) = self._plot.viewRange()
            return float((l, r, b, t)[i - 1])
        raise TypeError("Graph.size takes (x0, x1, y0, y1) or (i) with i = 1..4")

    def _set_range(self, x0: float, x1: float, y0: float, y1: float) -> None:
        self._plot.setXRange(x0, x1, padding=0)
        self._plot.setYRange(y0, y1, padding=0)

    def view(self, *args: Any) -> float:
        """``view(ml, mb, mw, mh, wl, wt, ww, wh)``: show model rectangle at a screen place."""
        if len(args) == 1:
            self._plot.getViewBox().setAspectLocked(int(args[0]) == 2)
            self._map(None)
            return 0.0
        if len(args) != 8:
            raise TypeError("Graph.view takes 8 numbers: ml, mb, mw, mh, wl, wt, ww, wh")
        ml, mb, mw, mh, wl, wt, ww, wh = (float(a) for a in args)
        self._set_range(ml, ml + mw, mb, mb + mh)
        self._map((int(wl), int(wt), int(ww), int(wh)))
        return 0.0

    def view_size(self, *args: Any) -> float:
        if len(args) == 5:
            _, l, r, b, t = (float(a) for a in args)
            self._set_range(l, r, b, t)
        return 0.0

    def exec_view_equals_plot(self) -> None:
        """View = plot: fit the view to the data."""
        bounds = self._data_bounds()
        if bounds is not None:
            x0, x1, y0, y1 = bounds
            dy = (y1 - y0) or 1.0
            dx = (x1 - x0) or 1.0
            self._set_range(x0, x0 + dx, y0, y0 + dy)

    def _data_bounds(self) -> tuple[float, float, float, float] | None:
        xs, ys = [], []
        for line in self._lines:
            x, y = line.arrays()
            n = min(len(x), len(y))
            if n:
                xs.append(x[:n])
                ys.append(y[:n])
        if not xs:
            return None
        x = np.concatenate(xs)
        y = np.concatenate(ys)
        ok = np.isfinite(x) & np.isfinite(y)
        if not ok.any():
            return None
        return float(x[ok].min()), float(x[ok].max()), float(y[ok].min()), float(y[ok].max())

    # -- run-time lines ---------------------------------------------------------------
    def addvar(self, *args: Any) -> float:
        """``addvar([label,] ref_or_name [, color, brush])`` (also the session form)."""
        args = list(args)
        label = None
        if len(args) >= 2 and isinstance(args[0], str) and not isinstance(args[1], int | float):
            label = args.pop(0)
        if not args:
            raise TypeError("Graph.addvar needs a variable: a reference or a hoc name")
        spec = args.pop(0)
        return self._add_live(make_source(h, spec, label), args)

    def addexpr(self, *args: Any) -> float:
        """``addexpr([label,] "expr" [, obj] [, color, brush])``."""
        args = [a for a in args if isinstance(a, str | int | float)]  # drop the context object
        label = None
        if len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
            label = args.pop(0)
        if not args or not isinstance(args[0], str):
            raise TypeError("Graph.addexpr needs an expression string")
        source = make_source(h, args.pop(0), label)
        source.session_call = "addexpr"  # a session writes it back as it was added
        return self._add_live(source, args)

    def _add_live(self, source: Any, rest: list[Any]) -> float:
        color = float(rest[0]) if len(rest) > 0 else self._cur_color
        brush = float(rest[1]) if len(rest) > 1 else self._cur_brush
        line = LiveLine(source, color, brush)
        self._add_line(line)
        lx = float(rest[2]) if len(rest) > 2 else 0.8
        n_live = sum(isinstance(x, LiveLine) for x in self._lines)
        ly = float(rest[3]) if len(rest) > 3 else 0.95 - 0.06 * (n_live - 1)
        self._add_label(lx, ly, source.label, 2, 1.0, 0.0, 1.0, color, owner=line)
        return 0.0

    def addobject(self, obj: Any, *rest: Any) -> Any:
        """``addobject(rvp [, color, brush, label_x, label_y])``: an object that draws itself
        (a RangeVarPlot), re-read on every flush."""
        if not hasattr(obj, "xy"):
            raise TypeError(
                f"Graph.addobject: {obj!r} cannot be drawn in a Graph (give a RangeVarPlot)"
            )
        color = float(rest[0]) if len(rest) > 0 else self._cur_color
        brush = float(rest[1]) if len(rest) > 1 else self._cur_brush
        var = getattr(obj, "var", None)
        name = getattr(obj, "hname", None)
        label = var if isinstance(var, str) else name() if callable(name) else type(obj).__name__
        line = ObjectLine(obj, label, color, brush)
        self._add_line(line)
        lx = float(rest[2]) if len(rest) > 2 else 0.8
        ly = float(rest[3]) if len(rest) > 3 else 0.95 - 0.06 * len(self._labels)
        self._add_label(lx, ly, label, 2, 1.0, 0.0, 1.0, color, owner=line)
        return line

    def xexpr(self, expr: Any, usepointer: float = 0) -> float:
        """Phase plane: x of each plotted point comes from ``expr`` instead of plot(x)."""
        self._xexpr = make_source(h, expr)
        self._xexpr.session_usepointer = bool(usepointer)  # written back in sessions
        return 0.0

    def live_lines(self) -> list[LiveLine]:
        return [line for line in self._lines if isinstance(line, LiveLine)]

    def begin(self) -> float:
        """Start new live lines (Keep Lines first copies the current ones).

        Safe on the simulation thread (an init hook): it only touches data; the copies
        become drawn lines at the next flush on the GUI thread.
        """
        if self._keep_lines:
            self._snapshot_live_lines()
        for line in self.live_lines():
            line.begin()
            if self._family is not None:  # family: new lines in the graph's colour/brush
                line.set_style(self._cur_color, self._cur_brush)
        if _on_gui_thread():
            self._materialize_kept()
        return 0.0

    def _snapshot_live_lines(self) -> None:
        family_label = None
        if self._family_label:
            value = make_source(h, self._family_label).value()
            family_label = f"{self._family_label}={value:g}"
        for line in self.live_lines():
            if line.is_fresh():  # finitialize already reset its recording: use the drawing
                if line.drawn is None:
                    continue
                x, y = line.drawn
            else:
                x, y = line.arrays()
            if len(x) <= 1:
                continue
            color, brush = line.color, line.brush  # kept as it was drawn
            label = family_label or line.label
            # copies: the engine reuses a recording's buffer once it is reset
            self._pending_kept.append((line, label, color, brush, x.copy(), y.copy()))

    def _materialize_kept(self) -> None:
        pending, self._pending_kept = self._pending_kept, []
        for line, label, color, brush, x, y in pending:
            kept = StaticLine(label, color, brush, x, y)
            self._add_line(kept, before=line)
            if self._family_label:
                self._label_line_end(kept)

    def plot(self, x: float) -> float:
        """Append (x, value) to every live line."""
        if self._xexpr is not None:
            x = self._xexpr.value()
        for line in self.live_lines():
            if not line.is_recording():
                line.sample(x)
        return 0.0

    def flush(self) -> float:
        """Redraw every line from its data."""
        if not self._alive[0]:
            return 0.0
        self._materialize_kept()
        for line in self._lines:
            line.redraw()
        return 0.0

    def _redraw_decimated(self, *_: Any) -> None:
        """Zoomed or panned: long traces are decimated again for the new x range."""
        for line in self._lines:
            if line.decimated:
                line.redraw()

    def fastflush(self) -> float:
        return self.flush()

    def simgraph(self) -> float:
        return 0.0

    def erase(self) -> float:
        """Remove drawn and kept lines and marks; live lines stay (emptied)."""
        for line in list(self._lines):
            if isinstance(line, LiveLine):
                line.begin()
                line.redraw()
            else:
                self._remove_line(line)
        self._clear_marks()
        return 0.0

    def erase_all(self) -> float:
        """Remove everything: live lines, drawn lines, marks, labels."""
        for line in list(self._lines):
            self._remove_line(line)
        self._clear_marks()
        self._clear_labels()
        self._xexpr = None
        return 0.0

    def family(self, arg: Any) -> float:
        """``family(1)``: erase, Keep Lines on, new lines in the current colour/brush.

        ``family("var")`` only shows ``var`` as a label (top right) and, whenever Keep
        Lines copies the lines, labels each copy ``var=value``; as in NEURON it turns
        nothing on (NEURON's own sessions write it for a graph without Keep Lines).
        """
        if isinstance(arg, str):
            self._remove_labels_of(_FAMILY_LABEL)
            self._family_label = arg or None
            if arg:
                self._add_label(0.95, 0.98, arg, 2, 1.0, 1.0, 1.0, self._cur_color, _FAMILY_LABEL)
        elif arg:
            self._family = True
            self.erase()
            self._keep_lines = True
        else:
            self._family = None
            self._keep_lines = False
            for line in self.live_lines():
                line.restyle(*line.base_style)
        return 0.0

    def keep_lines(self, on: bool | None = None) -> bool:
        """Keep Lines (NeuroQt helper for the menu and tests); returns the state."""
        if on is not None:
            self._keep_lines = bool(on)
        return self._keep_lines

    # -- line bookkeeping -------------------------------------------------------------
    def _add_line(self, line: Any, before: Any = None) -> None:
        if before is not None and before in self._lines:
            self._lines.insert(self._lines.index(before), line)
        else:
            self._lines.append(line)
        line.view_box = self._plot.getViewBox()
        self._plot.addItem(line.curve)
        line.redraw()

    def _remove_line(self, line: Any) -> None:
        self._lines.remove(line)
        self._plot.removeItem(line.curve)
        self._remove_labels_of(line)

    def getline(self, i: float, xvec: Any, yvec: Any) -> float:
        """Copy the next line after index ``i`` into xvec/yvec; return its index or -1."""
        nxt = int(i) + 1
        if nxt < 0 or nxt >= len(self._lines):
            return -1.0
        x, y = self._lines[nxt].arrays()
        _fill_vector(xvec, x)
        _fill_vector(yvec, y)
        return float(nxt)

    def line_info(self, i: float, vec: Any) -> float:
        nxt = int(i) + 1
        if nxt < 0 or nxt >= len(self._lines):
            return -1.0
        line = self._lines[nxt]
        _fill_vector(vec, [line.color, line.brush, 0.8, 0.9, 2, 0])
        return float(nxt)

    # -- Vector interplay (called by sim's Vector.plot/line/mark/ploterr) ----------------
    def _vector_plot(self, yvec: Any, x: Any = None, color: Any = None, brush: Any = None) -> Any:
        line = VectorLine(yvec, x, _or(color, self._cur_color), _or(brush, self._cur_brush))
        self._add_line(line)
        return line

    def _label_vector(self, yvec: Any, text: str) -> None:
        """``Vector.label``: name the lines plotted from ``yvec`` and show the name."""
        for line in self._lines:
            if isinstance(line, VectorLine) and line.yvec is yvec:
                line.label = text
                self._remove_labels_of(line)
                self._label_line_end(line)

    def _vector_line(self, yvec: Any, x: Any = None, color: Any = None, brush: Any = None) -> Any:
        snap = VectorLine(yvec, x, 1, 1).arrays()
        line = StaticLine("", _or(color, self._cur_color), _or(brush, self._cur_brush), *snap)
        self._add_line(line)
        return line

    def _vector_mark(
        self,
        yvec: Any,
        x: Any = None,
        style: Any = "+",
        size: Any = 12,
        color: Any = None,
        brush: Any = None,
    ) -> None:
        xs, ys = VectorLine(yvec, x, 1, 1).arrays()
        n = min(len(xs), len(ys))
        color, brush = _or(color, self._cur_color), _or(brush, 1)
        self._add_marks(xs[:n], ys[:n], style, float(size), color, brush)

    def _vector_ploterr(
        self, yvec: Any, xvec: Any, errvec: Any, size: Any = 6, color: Any = None, brush: Any = None
    ) -> None:
        from widgets.graph_items import vector_array

        x, y, e = vector_array(xvec), vector_array(yvec), vector_array(errvec)
        c = _or(color, self._cur_color)
        pen = graph_style.brush_pen(c, _or(brush, 1))
        bars = pg.ErrorBarItem(x=x, y=y, height=2 * e, beam=0, pen=pen)
        self._plot.addItem(bars)
        self._marks.append(bars)
        self._vector_line(yvec, xvec, c, brush)


def _on_destroyed(alive: list[bool], lines: list[Any]) -> Callable[..., None]:
    """When Qt deletes a graph's window: mark it dead and let its recordings go (the
    engine then stops recording for it; a recording of a section deleted later would
    otherwise break every finitialize)."""

    def destroyed(*_: Any) -> None:
        alive[0] = False
        for line in lines:
            if isinstance(line, LiveLine):
                line.detach_recording()

    return destroyed


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _or(value: Any, default: float) -> float:
    return float(default if value is None else value)


def _fill_vector(vec: Any, data: Any) -> None:
    data = np.asarray(data, dtype=float)
    from_python = getattr(vec, "from_python", None)
    if from_python is not None:
        from_python(data)
        return
    vec.resize(len(data))
    for k, v in enumerate(data):
        vec[k] = v


def implementations() -> dict[str, Callable[..., Any]]:
    from widgets import graph_stdrun, graph_vector

    graph_vector.install()
    impls: dict[str, Callable[..., Any]] = {"Graph": Graph}
    impls.update(graph_stdrun.implementations())
    return impls
