"""``h.PlotShape``: the cell coloured by a range variable, live during a run.

Values are read for every segment at once (:class:`ValueReader`) and mapped
to colour buckets; only the per-colour paths are rebuilt.  A GUI-thread timer
(``screen_update_invl``) recolours when ``t`` moved, so the "movie" plays
during a run without the worker ever touching a widget.

The right-click menu adds Plot What?, Variable scale, Time Plot (click spots:
a Graph of each against t), Space Plot (drag between two points: a Graph of
the variable along the path, a RangeVarPlot) and Shape Plot.
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QInputDialog

from sim import h
from widgets.shape_base import Shape
from widgets.shape_colors import ColorMap
from widgets.shape_spaceplot import make_space_plot, make_time_plot
from widgets.shape_values import ValueReader
from widgets.shape_view import ShapeView

__all__ = ["PlotShape"]

_DEFAULT_SCALE = (-80.0, 40.0)  # the colour scale a PlotShape starts with (mV)

_ABSENT = QColor("#b0b0b0")


def _screen_update_ms() -> int:
    try:
        invl = float(h.screen_update_invl)
    except (AttributeError, LookupError, TypeError, ValueError):
        invl = 0.05
    return max(10, round(1000 * invl))


class PlotShape(Shape):
    """NEURON's PlotShape: ``PlotShape([seclist] [, False])``; the variable is ``v``."""

    _instances = 0

    def __init__(self, *args: Any) -> None:
        self._var = "v"
        self._lo, self._hi = _DEFAULT_SCALE
        self._cmap = ColorMap()
        self._shape_plot = True
        self._reader: ValueReader | None = None
        self._last_t: float | None = None
        self._time_graph: Any = None
        self._space_plots: list[tuple[Any, Any]] = []
        self._space_press: tuple[Any, float, float, float] | None = None
        self._timer: QTimer | None = None
        super().__init__(*args)
        if self._view is not None:
            self._timer = QTimer(self._view)
            self._timer.setInterval(_screen_update_ms())
            self._timer.timeout.connect(self._tick)
            self._timer.start()

    # -- menu -------------------------------------------------------------------------
    def _make_view(self) -> ShapeView:
        view = super()._make_view()
        view.menu.addSeparator()
        view.add_action("Plot What?", self._ask_variable)
        view.add_action("Variable scale", self._ask_scale)
        view.add_tool_action("Time Plot", "time")
        view.add_tool_action("Space Plot", "space")
        me = weakref.proxy(self)  # the action must not keep this PlotShape alive
        view.add_action("Shape Plot", lambda: me._set_shape_plot(True))
        return view

    def _ask_variable(self) -> None:
        dlg = QInputDialog(self._view)
        dlg.setWindowTitle("Plot What?")
        dlg.setLabelText("Range variable to show (e.g. v, m_hh, ina):")
        dlg.setTextValue(self._var)
        dlg.textValueSelected.connect(self._variable_chosen)
        dlg.open()
        self._dialog = dlg

    def _variable_chosen(self, text: str) -> None:
        try:
            self.variable(text.strip())
        except ValueError as exc:
            self._report(str(exc))

    def _ask_scale(self) -> None:
        dlg = QInputDialog(self._view)
        dlg.setWindowTitle("Variable scale")
        dlg.setLabelText("Colour scale: low high")
        dlg.setTextValue(f"{self._lo:g} {self._hi:g}")
        dlg.textValueSelected.connect(self._scale_chosen)
        dlg.open()
        self._dialog = dlg

    def _scale_chosen(self, text: str) -> None:
        parts = text.replace(",", " ").split()
        try:
            lo, hi = (float(p) for p in parts)
        except ValueError:
            self._report(f"Variable scale needs two numbers 'low high', got {text!r}")
            return
        self.scale(lo, hi)

    def _report(self, message: str) -> None:
        """Tell the person (through the app's error funnel when it is installed)."""
        from widgets.binding import report_message

        report_message(message)

    def _set_shape_plot(self, on: bool) -> None:
        self._shape_plot = on
        self._recolor()

    # -- NEURON API -----------------------------------------------------------------------
    def _session_settings(self) -> list[str]:
        """NEURON writes ``variable`` and never ``scale``; a scale the person changed is
        written too (NEURON reads it), so it is not lost."""
        lines = [*super()._session_settings(), f'save_window_.variable("{self._var}")']
        if (self._lo, self._hi) != _DEFAULT_SCALE:
            lines.append(f"save_window_.scale({self._lo:g}, {self._hi:g})")
        return lines

    def variable(self, name: str) -> float:
        if not isinstance(name, str) or not name:
            raise ValueError(f"PlotShape.variable needs a range variable name, got {name!r}")
        self._var = name
        self._reader = None
        self._shape_plot = True
        self._recolor()
        return 0.0

    def scale(self, lo: float, hi: float) -> float:
        self._lo, self._hi = float(lo), float(hi)
        self._recolor()
        return 0.0

    def colormap(self, *args: float) -> float:
        """``colormap(n [, global])`` resizes; ``colormap(i, r, g, b)`` sets one colour."""
        if len(args) in (1, 2):
            self._cmap.resize(int(args[0]))
        elif len(args) == 4:
            self._cmap.set_color(int(args[0]), *args[1:])
        else:
            raise TypeError("colormap takes (n [, global]) or (index, red, green, blue)")
        self._recolor()
        return 0.0

    def plot(self, target: Any, *_args: Any, **_kwargs: Any) -> Any:
        """NEURON's ``ps.plot(pyplot | plotly)`` draws into matplotlib or plotly."""
        raise NotImplementedError(
            f"PlotShape.plot({getattr(target, '__name__', type(target).__name__)}) draws into "
            "matplotlib or plotly, which NeuroQt does not do yet; make the PlotShape without "
            "False to see it in a NeuroQt window, or use printfile('cell.png'|'.svg'|'.eps')"
        )

    def hinton(self, *_args: Any) -> float:
        raise NotImplementedError("PlotShape.hinton is not available in NeuroQt yet")

    def values(self) -> np.ndarray:
        """The variable at every segment (segment order of the drawn morphology)."""
        if self._morph is None:
            return np.zeros(0)
        if self._reader is None:
            m = self._morph
            self._reader = ValueReader(m.sections, m.seg_sec, m.seg_x, self._var)
        return self._reader.read()

    # -- colouring -----------------------------------------------------------------------
    def _on_rebuild(self) -> None:
        self._reader = None

    def _piece_colors(self) -> tuple[np.ndarray, list[Any]]:
        if not self._shape_plot:
            return super()._piece_colors()
        m = self._morph
        assert m is not None
        seg_idx = self._cmap.indices(self.values(), self._lo, self._hi)
        return seg_idx[m.piece_seg], [*self._cmap.colors, _ABSENT]

    def _recolor(self) -> None:
        super()._recolor()
        if self._view is None:
            return
        if self._shape_plot:
            self._view.show_colorbar(self._cmap.colors, self._lo, self._hi)
        else:
            self._view.hide_colorbar()

    def _tick(self) -> None:
        """Screen update: recolour when the simulation time moved."""
        if self._view is None or not self._view.isVisible():
            return
        try:
            t = float(h.t)
        except (AttributeError, LookupError):
            return
        ms = _screen_update_ms()
        if self._timer is not None and ms != self._timer.interval():
            self._timer.setInterval(ms)  # screen_update_invl was changed
        if t != self._last_t:
            self._last_t = t
            self.flush()
            for graph, _rvp in self._space_plots:
                graph.flush()

    def _view_closed(self) -> None:
        super()._view_closed()
        if self._timer is not None:
            self._timer.stop()

    def _view_destroyed(self) -> None:
        super()._view_destroyed()
        self._timer = None  # it was a child of the window

    # -- Time Plot and Space Plot tools ---------------------------------------------------
    def _tool_event(self, tool: str, phase: str, x: float, y: float, keys: int) -> None:
        if tool == "time" and phase in ("click", "release"):
            hit = self._pick(x, y)
            if hit is not None:
                self._time_graph = make_time_plot(self, hit[0], hit[1], self._time_graph)
                color = len(self._time_graph.live_lines())  # the new line's colour
                self._marks.append((hit[0](hit[1]), color, "O", 10))  # where it is measured
                self._draw_marks()
        elif tool == "space":
            self._space_event(phase, x, y)
        else:
            super()._tool_event(tool, phase, x, y, keys)

    def _space_event(self, phase: str, x: float, y: float) -> None:
        if self._view is None:
            return
        if phase == "press":
            hit = self._pick(x, y)
            self._space_press = None if hit is None else (hit[0], hit[1], x, y)
            return
        if self._space_press is None:
            return
        sec0, x0, px, py = self._space_press
        if phase == "drag":
            self._view.overlay.setData([px, x], [py, y])
            self._view.overlay.setVisible(True)
            return
        self._view.overlay.setData([], [])
        self._view.overlay.setVisible(False)
        self._space_press = None
        hit = self._pick(x, y)
        if hit is None or phase != "release":
            return
        try:
            graph, rvp = make_space_plot(self, (sec0, x0), (hit[0], hit[1]))
        except (ValueError, AttributeError, TypeError) as exc:
            self._report(f"Space Plot: {exc}")
            return
        self._space_plots.append((graph, rvp))
        self._show_path(rvp)

    def _show_path(self, rvp: Any) -> None:
        """Draw the space plot's path over the cell (in red, as NEURON does)."""
        if self._view is None:
            return
        pts = [self.position_of(p.sec, p.x) for p in rvp._points()[0]]
        xy = np.array([p for p in pts if p is not None], dtype=float).reshape(-1, 2)
        self._view.overlay.setData(xy[:, 0], xy[:, 1])
        self._view.overlay.setVisible(len(xy) > 1)

    def time_graph(self) -> Any:
        """The Graph made by the Time Plot tool (None before the first click)."""
        return self._time_graph

    def space_plots(self) -> list[tuple[Any, Any]]:
        """(Graph, RangeVarPlot) for every Space Plot made with the mouse."""
        return list(self._space_plots)
