"""The Qt face of a Graph: a pyqtgraph plot with NEURON's right-button menu and mouse tools.

The view never reaches into the engine: :class:`widgets.graph.Graph` owns the data and
tells the view what to draw.  Mouse tools: pan/zoom (pyqtgraph's own), *Crosshair*
(shows the nearest data point; a key press calls ``crosshair_action``), *Zoom in/out*
(drag a rectangle) and user tools from ``menu_tool`` (called on press, drag, release).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from layouts.lifetime import delete_if_dropped, weak_callback

__all__ = ["GraphView", "GraphViewBox", "MenuEntry"]

pg.setConfigOptions(antialias=True)

# One menu row: (text, callback or None for a separator, checkable-state getter or None)
MenuEntry = tuple[str, Callable[[], Any] | None, Callable[[], bool] | None]


def _keystate(modifiers: Qt.KeyboardModifier) -> int:
    state = 0
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        state |= 1
    if modifiers & Qt.KeyboardModifier.ShiftModifier:
        state |= 2
    if modifiers & Qt.KeyboardModifier.MetaModifier:
        state |= 4
    return state


class GraphViewBox(pg.ViewBox):
    """A ViewBox whose left-button behaviour follows the active tool."""

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.tool: Callable[[int, float, float, int], Any] | None = None
        self.menu_requested: Callable[[QPointF], None] | None = None

    def _call_tool(self, kind: int, scene_pos: QPointF, modifiers: Any) -> None:
        p = self.mapSceneToView(scene_pos)
        assert self.tool is not None
        self.tool(kind, p.x(), p.y(), _keystate(modifiers))

    def mouseClickEvent(self, ev: Any) -> None:
        if ev.button() == Qt.MouseButton.RightButton and self.menu_requested is not None:
            ev.accept()
            self.menu_requested(ev.screenPos())
            return
        if ev.button() == Qt.MouseButton.LeftButton and self.tool is not None:
            ev.accept()
            self._call_tool(2, ev.scenePos(), ev.modifiers())
            self._call_tool(3, ev.scenePos(), ev.modifiers())
            return
        super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev: Any, axis: Any = None) -> None:
        if ev.button() == Qt.MouseButton.LeftButton and self.tool is not None:
            ev.accept()
            kind = 2 if ev.isStart() else 3 if ev.isFinish() else 1
            self._call_tool(kind, ev.scenePos(), ev.modifiers())
            return
        super().mouseDragEvent(ev, axis)


class GraphView(QWidget):
    """A white plot area with black axes, as NEURON draws a Graph."""

    closed = Signal()
    key_pressed = Signal(object)  # QKeyEvent while the crosshair shows

    def __init__(self, menu_entries: Callable[[], list[MenuEntry]]) -> None:
        super().__init__()
        self._menu_entries = weak_callback(menu_entries)  # the Graph owns this view
        self.view_box = GraphViewBox()
        self.view_box.menu_requested = weak_callback(self.show_menu)
        self.plot_widget = pg.PlotWidget(viewBox=self.view_box, background="w")
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.hideButtons()
        self.plot_item.setContentsMargins(2, 10, 12, 2)  # room for the end tick labels
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(pg.mkPen("k"))
            axis.setTextPen(pg.mkPen("k"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(420, 300)
        self._crosshair: tuple[pg.InfiniteLine, pg.InfiniteLine, pg.TextItem] | None = None
        self.crosshair_point: tuple[float, float] | None = None
        self.nearest: Callable[[float, float], tuple[float, float] | None] | None = None

    # -- menu -------------------------------------------------------------------------
    def build_menu(self) -> QMenu:
        menu = QMenu(self)
        current = menu
        for text, callback, checked in self._menu_entries() or []:
            if text.startswith(">"):  # submenu start
                current = menu.addMenu(text[1:])
                continue
            if text == "<":
                current = menu
                continue
            if callback is None:
                current.addSeparator()
                continue
            act = QAction(text, current)
            if checked is not None:
                act.setCheckable(True)
                act.setChecked(checked())
            act.triggered.connect(lambda _=False, cb=callback: cb())
            current.addAction(act)
        return menu

    def show_menu(self, screen_pos: QPointF) -> None:
        menu = self.build_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(screen_pos.toPoint())

    # -- crosshair --------------------------------------------------------------------
    def set_crosshair(self, on: bool) -> None:
        scene = self.plot_widget.scene()
        if on and self._crosshair is None:
            pen = pg.mkPen((80, 80, 80), style=Qt.PenStyle.DashLine)
            vline = pg.InfiniteLine(angle=90, pen=pen)
            hline = pg.InfiniteLine(angle=0, pen=pen)
            text = pg.TextItem(color="k", anchor=(0, 1))
            for item in (vline, hline, text):
                self.plot_item.addItem(item, ignoreBounds=True)
            self._crosshair = (vline, hline, text)
            scene.sigMouseMoved.connect(self._on_mouse_moved)
            self.setFocus()
        elif not on and self._crosshair is not None:
            scene.sigMouseMoved.disconnect(self._on_mouse_moved)
            for item in self._crosshair:
                self.plot_item.removeItem(item)
            self._crosshair = None
            self.crosshair_point = None

    def crosshair_on(self) -> bool:
        return self._crosshair is not None

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        p = self.view_box.mapSceneToView(scene_pos)
        self.move_crosshair(p.x(), p.y())

    def move_crosshair(self, x: float, y: float) -> None:
        if self._crosshair is None:
            return
        point = self.nearest(x, y) if self.nearest is not None else None
        if point is not None:
            x, y = point
        vline, hline, text = self._crosshair
        vline.setPos(x)
        hline.setPos(y)
        text.setText(f"{x:.5g}, {y:.5g}")
        text.setPos(x, y)
        self.crosshair_point = (x, y)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._crosshair is not None and self.crosshair_point is not None and event.text():
            self.key_pressed.emit(event)
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.closed.emit()
        super().closeEvent(event)

    def __del__(self) -> None:
        delete_if_dropped(self)  # the whole plot goes, top-down, even from the gc
