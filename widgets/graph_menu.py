"""The Graph's right-button menu by NEURON's item names, user items and mouse tools.

A mixin of :class:`widgets.graph.Graph`.  ``exec_menu("Keep Lines")`` and a click on the
menu run the same callback.  Items: NEURON's View submenu, Crosshair, Plot what?,
Pick Vector, Color/Brush, Axis Type, Keep Lines, Family Label?, Erase; then user
items (``menu_action``/``menu_tool``); then what a pyqtgraph user expects (export to
CSV, copy image, save image).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from layouts.lifetime import weak_callback
from widgets import graph_export
from widgets.graph_view import GraphView, MenuEntry

__all__ = ["GraphMenu"]


def _call_user(cb: Any, *args: Any) -> Any:
    """Run a user's callback: a Python callable or a HOC statement."""
    if isinstance(cb, str):
        from sim import h

        return h(cb)
    return cb(*args)


class GraphMenu:
    """exec_menu, menu_action, menu_tool, crosshair_action, printfile."""

    _view_widget: GraphView
    _plot: Any
    _lines: list[Any]
    _scene: tuple[float, float, float, float]

    def _init_menu(self) -> None:
        self._user_items: list[tuple[str, Any, Any]] = []  # (label, action, select cb|None)
        self._removed: set[str] = set()
        self._crosshair_cb: Any = None
        self._crosshair_vecflag = False
        self._active_tool = ""  # pyqtgraph's pan/zoom until a tool is chosen
        view = self._view_widget
        view.nearest = weak_callback(self._nearest_point)  # the view must not own the graph
        view.key_pressed.connect(self._on_crosshair_key)

    # -- the table --------------------------------------------------------------------
    def _menu_entries(self) -> list[MenuEntry]:
        vb = self._plot.getViewBox()
        entries: list[MenuEntry] = [
            (">View . . .", None, None),
            ("View = plot", self.exec_view_equals_plot, None),  # type: ignore[attr-defined]
            ("Set View", self._set_view_dialog, None),
            ("10% Zoom out", lambda: vb.scaleBy((1.1, 1.1)), None),
            ("10% Zoom in", lambda: vb.scaleBy((1 / 1.1, 1 / 1.1)), None),
            ("Zoom in/out", lambda: self._select_tool("Zoom in/out"), self._tool_is("Zoom in/out")),
            ("Translate", lambda: self._select_tool("Translate"), self._tool_is("Translate")),
            ("Round View", self._round_view, None),
            ("Whole Scene", lambda: self._set_range(*self._scene), None),  # type: ignore
            ("Scene=View", self._scene_equals_view, None),
            ("Object Name", self._show_name, None),
            ("<", None, None),
            ("Crosshair", lambda: self._select_tool("Crosshair"), self._tool_is("Crosshair")),
            ("Plot what?", self._plot_what_dialog, None),
            ("Pick Vector", self._pick_vector, None),
            ("Color/Brush", self._color_brush_dialog, None),
            (">Axis Type", None, None),
            ("View Axis", lambda: self._axis_type(0), None),
            ("New Axis", lambda: self._axis_type(1), None),
            ("View Box", lambda: self._axis_type(2), None),
            ("Erase Axis", lambda: self._axis_type(3), None),
            ("<", None, None),
            ("Keep Lines", self._toggle_keep_lines, lambda: self._keep_lines),  # type: ignore
            ("Family Label?", self._family_label_dialog, None),
            ("Erase", self.erase, None),  # type: ignore[attr-defined]
        ]
        if self._user_items:
            entries.append(("", None, None))
        for label, action, select in self._user_items:
            if select is None:
                entries.append((label, lambda a=action: _call_user(a), None))
            else:
                entries.append(
                    (label, lambda lb=label: self._select_tool(lb), self._tool_is(label))
                )
        entries += [
            ("", None, None),
            ("Export data (CSV)...", self._export_csv_dialog, None),
            ("Copy image", self._copy_image, None),
            ("Save image...", self._save_image_dialog, None),
        ]
        return [e for e in entries if e[0] not in self._removed]

    def _tool_is(self, name: str) -> Callable[[], bool]:
        return lambda: self._active_tool == name

    def exec_menu(self, item: str) -> float:
        """Run the menu item called exactly ``item`` (as NEURON names it)."""
        for text, callback, _ in self._menu_entries():
            if text == item and callback is not None:
                callback()
                return 0.0
        raise ValueError(f"Graph.exec_menu: no menu item {item!r}")

    def menu_remove(self, item: str) -> float:
        self._removed.add(item)
        return 0.0

    def menu_action(self, label: str, action: Any) -> float:
        """Add a menu item that runs ``action`` (a callable or a HOC statement)."""
        self._user_items.append((str(label), action, None))
        return 0.0

    def menu_tool(self, label: str, callback: Any, select: Any = None) -> float:
        """Add a mouse tool: ``callback(type, x, y, keystate)`` on press 2, drag 1, release 3."""
        self._user_items.append((str(label), callback, select if select is not None else 0))
        self._select_tool(str(label))
        from widgets import panel

        if panel.current_panel() is not None:  # NEURON: the tool is also a radio button there
            graph = weakref.ref(self)  # the panel must not keep the graph alive

            def select(name: str = str(label)) -> None:
                g = graph()
                if g is not None:
                    g._select_tool(name)

            panel.xradiobutton(str(label), select, 1)
        return 0.0

    # -- tools ------------------------------------------------------------------------
    def _select_tool(self, name: str) -> None:
        view, vb = self._view_widget, self._plot.getViewBox()
        self._active_tool = name
        view.set_crosshair(name == "Crosshair")
        vb.tool = None
        vb.setMouseMode(vb.RectMode if name == "Zoom in/out" else vb.PanMode)
        for label, action, select in self._user_items:
            if label == name and select is not None:
                vb.tool = lambda kind, x, y, keys, a=action: _call_user(a, kind, x, y, keys)
                if select:
                    _call_user(select)

    def crosshair_action(self, callback: Any, vecflag: float = 0) -> float:
        """On a key press while the crosshair shows: ``callback(x, y, key)``."""
        self._crosshair_cb = callback
        self._crosshair_vecflag = bool(vecflag)
        self._select_tool("Crosshair")
        return 0.0

    def _nearest_point(self, x: float, y: float) -> tuple[float, float] | None:
        best, best_d = None, float("inf")
        self._redraw_polyline()  # type: ignore[attr-defined]  (line() points not drawn yet)
        (l, r), (b, t) = self._plot.viewRange()
        sx, sy = (r - l) or 1.0, (t - b) or 1.0
        for line in self._lines:
            xs, ys = line.curve.getData()  # what is drawn (long traces: decimated)
            if xs is None or len(xs) == 0:
                continue
            n = min(len(xs), len(ys))
            d = ((xs[:n] - x) / sx) ** 2 + ((ys[:n] - y) / sy) ** 2
            k = int(d.argmin())
            if d[k] < best_d:
                best, best_d = (float(xs[k]), float(ys[k])), float(d[k])
        return best

    def _on_crosshair_key(self, event: Any) -> None:
        if self._view_widget.crosshair_point is None:
            return
        x, y = self._view_widget.crosshair_point
        if self._crosshair_cb is None:  # NEURON prints the point
            print(f"{x:g} {y:g}")
            return
        key = ord(event.text()[0])
        try:
            if self._crosshair_vecflag:
                from sim import h

                xv, yv = h.Vector(), h.Vector()
                index = self._line_index_at(x, y)
                if index >= 0:
                    self.getline(index - 1, xv, yv)  # type: ignore[attr-defined]
                _call_user(self._crosshair_cb, index, key, xv, yv)
            else:
                _call_user(self._crosshair_cb, x, y, key)
        except Exception:
            _report()

    def _line_index_at(self, x: float, y: float) -> int:
        for i, line in enumerate(self._lines):
            xs, ys = line.arrays()
            if len(xs) and ((xs == x) & (ys[: len(xs)] == y)).any():
                return i
        return -1

    # -- actions ----------------------------------------------------------------------
    def _toggle_keep_lines(self) -> None:
        self._keep_lines = not self._keep_lines  # type: ignore[has-type]

    def _round_view(self) -> None:
        import math

        (l, r), (b, t) = self._plot.viewRange()

        def nice(lo: float, hi: float) -> tuple[float, float]:
            span = hi - lo or 1.0
            step = 10 ** math.floor(math.log10(span)) / 2
            return math.floor(lo / step) * step, math.ceil(hi / step) * step

        self._set_range(*nice(l, r), *nice(b, t))  # type: ignore[attr-defined]

    def _scene_equals_view(self) -> None:
        (l, r), (b, t) = self._plot.viewRange()
        self._scene = (l, r, b, t)

    def _axis_type(self, mode: int) -> None:
        self.xaxis(mode)  # type: ignore[attr-defined]
        self.yaxis(mode)  # type: ignore[attr-defined]

    def _show_name(self) -> None:
        self._view_widget.setToolTip(self.hname())  # type: ignore[attr-defined]

    def _pick_vector(self) -> None:
        point = self._view_widget.crosshair_point
        index = self._line_index_at(*point) if point else (0 if self._lines else -1)
        if index < 0:
            return
        from sim import h

        xv, yv = h.Vector(), h.Vector()
        self.getline(index - 1, xv, yv)  # type: ignore[attr-defined]
        self.picked_vectors = (yv, xv)

    def _set_view_dialog(self) -> None:
        (l, r), (b, t) = self._plot.viewRange()
        text, ok = QInputDialog.getText(
            self._view_widget, "Set View", "x0 x1 y0 y1", text=f"{l:g} {r:g} {b:g} {t:g}"
        )
        if ok:
            try:
                x0, x1, y0, y1 = (float(v) for v in text.replace(",", " ").split())
            except ValueError:
                _report()
                return
            self._set_range(x0, x1, y0, y1)  # type: ignore[attr-defined]

    def _plot_what_dialog(self) -> None:
        text, ok = QInputDialog.getText(self._view_widget, "Plot what?", "Variable or expression")
        if ok and text.strip():
            try:
                self.addexpr(text.strip())  # type: ignore[attr-defined]
            except Exception:
                _report()

    def _color_brush_dialog(self) -> None:
        c, ok = QInputDialog.getInt(
            self._view_widget, "Color/Brush", "Colour index (0-100)", int(self._cur_color), 0, 100
        )  # type: ignore[has-type]
        if ok:
            self.color(c)  # type: ignore[attr-defined]

    def _family_label_dialog(self) -> None:
        text, ok = QInputDialog.getText(self._view_widget, "Family Label?", "Variable name")
        if ok and text.strip():
            self.family(text.strip())  # type: ignore[attr-defined]

    # -- output -----------------------------------------------------------------------
    def printfile(self, filename: str) -> float:
        """Write the graph to ``filename``: PNG, SVG or EPS by the extension."""
        graph_export.write(self, str(filename))
        return 0.0

    def _export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._view_widget, "Export data", "", "CSV (*.csv)")
        if path:
            graph_export.write_csv(self, path)

    def _save_image_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._view_widget, "Save image", "", "PNG (*.png);;SVG (*.svg);;EPS (*.eps)"
        )
        if path:
            self.printfile(path)

    def _copy_image(self) -> None:
        QApplication.clipboard().setPixmap(self._view_widget.grab())


def _report() -> None:
    """Hand the exception being handled to the error funnel."""
    from widgets.binding import report_error

    report_error()
