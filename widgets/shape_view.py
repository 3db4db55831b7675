"""The Qt window of a Shape or PlotShape: a pan/zoom view, a right-click menu and tools.

:class:`ShapeView` shows one :class:`~widgets.shape_item.ShapeItem` in an
aspect-locked pyqtgraph view with a white background and no axes.  It knows
nothing about sections: mouse and key input is handed to its *owner* (the
``h.Shape``/``h.PlotShape`` object) as tool events in scene coordinates,
and the owner tells the view what to draw.

Tools (left button): ``"section"`` (click a section: the owner's action),
``"rotate"`` (drag rotates in 3-D; keys reset and step), ``"time"`` and
``"space"`` (PlotShape), and user tools added with ``menu_tool``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeyEvent
from PySide6.QtWidgets import QLabel, QMenu, QVBoxLayout, QWidget

from layouts.lifetime import delete_if_dropped, weak_callback
from widgets.shape_item import ShapeItem

__all__ = ["ShapeView"]

# tool events: "press", "drag", "release" (a drag) and "click" (press+release in place)
ToolHandler = Callable[[str, str, float, float, int], None]


class _ShapeViewBox(pg.ViewBox):
    """A ViewBox whose left button belongs to the current tool and right button to our menu."""

    def __init__(self, view: ShapeView) -> None:
        super().__init__(lockAspect=True, enableMenu=False, invertY=False)
        self._view_ref = weakref.ref(view)  # the view owns this box: no cycle through it
        # no axes: the box is the whole window, and clipping makes big cells slow to paint
        self.setFlag(self.GraphicsItemFlag.ItemClipsChildrenToShape, False)

    @property
    def _view(self) -> Any:
        view = self._view_ref()
        return view if view is not None else _ORPHAN

    def mouseClickEvent(self, ev: Any) -> None:
        if ev.button() == Qt.MouseButton.RightButton:
            ev.accept()
            self._view.popup_menu(ev.screenPos().toPoint())
        elif ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            p = self.mapSceneToView(ev.scenePos())
            self._view.tool_event("click", p.x(), p.y(), _keystate(ev.modifiers()))
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev: Any, axis: Any = None) -> None:
        if ev.button() == Qt.MouseButton.LeftButton and self._view.tool_takes_drag():
            ev.accept()
            keys = _keystate(ev.modifiers())
            if ev.isStart():
                p = self.mapSceneToView(ev.buttonDownScenePos())
                self._view.tool_event("press", p.x(), p.y(), keys)
            p = self.mapSceneToView(ev.scenePos())
            self._view.tool_event("release" if ev.isFinish() else "drag", p.x(), p.y(), keys)
        else:
            super().mouseDragEvent(ev, axis)


class _Orphan:
    """Stands in for a view or owner already gone: every call does nothing."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None


_ORPHAN = _Orphan()


def _tell_destroyed(owner_ref: weakref.ref[Any]) -> None:
    owner = owner_ref()
    if owner is not None:
        owner._view_destroyed()


def _keystate(mods: Any) -> int:
    """NEURON's keystate bits: ctrl 1, shift 2, meta 4."""
    k = 0
    if mods & Qt.KeyboardModifier.ControlModifier:
        k |= 1
    if mods & Qt.KeyboardModifier.ShiftModifier:
        k |= 2
    if mods & Qt.KeyboardModifier.MetaModifier:
        k |= 4
    return k


class ShapeView(QWidget):
    """The window: a graphics view holding the shape item, markers and colour bar."""

    def __init__(self, owner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        owner_ref = weakref.ref(owner)  # the owner holds this view, not the other way round
        self._owner_ref = owner_ref
        self.destroyed.connect(lambda *_: _tell_destroyed(owner_ref))
        self._tool = "section"
        self._user_tools: dict[str, ToolHandler] = {}
        self.graphics = pg.GraphicsView(background="w")
        self.viewbox = _ShapeViewBox(self)
        self.graphics.setCentralItem(self.viewbox)
        self.item = ShapeItem()
        self.viewbox.addItem(self.item)
        self.markers = pg.ScatterPlotItem(pxMode=True)
        self.viewbox.addItem(self.markers)
        self.markers.setVisible(False)
        self.overlay = pg.PlotDataItem(pen=pg.mkPen("#e00000", width=3))
        self.viewbox.addItem(self.overlay)
        self.overlay.setVisible(False)
        self.colorbar: pg.GradientLegend | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)
        self.status = QLabel(self.graphics)  # what the last click picked: "soma(0.25)"
        self.status.setStyleSheet(
            "QLabel { background: rgba(255,255,255,200); color: #303030; padding: 2px 6px; }"
        )
        self.status.hide()
        self.graphics.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.graphics.installEventFilter(self)
        self.resize(420, 360)
        self.fit_on_resize = True  # until the person pans or zooms
        self.viewbox.sigRangeChangedManually.connect(self._manual_range)
        self.menu = QMenu(self)
        self._tool_group = QActionGroup(self)
        self._tool_group.setExclusive(True)

    @property
    def _owner(self) -> Any:
        owner = self._owner_ref()
        return owner if owner is not None else _ORPHAN

    # -- tools ----------------------------------------------------------------------
    def tool(self) -> str:
        return self._tool

    def set_tool(self, name: str) -> None:
        self._tool = name
        for act in self._tool_group.actions():
            act.setChecked(act.data() == name)
        self.graphics.setCursor(
            Qt.CursorShape.SizeAllCursor if name == "rotate" else Qt.CursorShape.ArrowCursor
        )

    def tool_takes_drag(self) -> bool:
        return self._tool != "section"

    def tool_event(self, phase: str, x: float, y: float, keys: int) -> None:
        handler = self._user_tools.get(self._tool)
        if handler is not None:
            handler(phase, self._tool, x, y, keys)
        else:
            self._owner._tool_event(self._tool, phase, x, y, keys)

    # -- menu -----------------------------------------------------------------------
    def add_tool_action(self, text: str, tool: str, handler: ToolHandler | None = None) -> QAction:
        """A radio item in the menu that makes ``tool`` the left-button tool."""
        act = QAction(text, self)
        act.setCheckable(True)
        act.setData(tool)
        act.setChecked(tool == self._tool)
        self._tool_group.addAction(act)
        me = weakref.ref(self)  # the action is the view's: no hidden cycle back to it
        act.triggered.connect(lambda _=False, t=tool: me().set_tool(t) if me() else None)
        if handler is not None:
            self._user_tools[tool] = handler
        self.menu.addAction(act)
        return act

    def add_action(self, text: str, slot: Callable[[], Any], menu: QMenu | None = None) -> QAction:
        act = QAction(text, self)
        call = weak_callback(slot)  # a connection's callable is held by Qt, unseen by gc
        act.triggered.connect(lambda _=False: call())
        (menu or self.menu).addAction(act)
        return act

    def popup_menu(self, global_pos: QPoint) -> None:
        self.menu.popup(global_pos)

    def find_action(self, text: str) -> QAction | None:
        """The menu item whose text is exactly ``text`` (searching submenus)."""
        stack = [self.menu]
        while stack:
            m = stack.pop()
            for act in m.actions():
                if act.menu() is not None:
                    stack.append(act.menu())
                elif act.text() == text:
                    return act
        return None

    def show_status(self, text: str) -> None:
        """Show ``text`` at the bottom-left corner of the view (the picked location)."""
        self.status.setText(text)
        self.status.adjustSize()
        self.status.move(6, self.graphics.height() - self.status.height() - 6)
        self.status.show()

    # -- colour bar -------------------------------------------------------------------
    def show_colorbar(self, colors: list[QColor], lo: float, hi: float) -> None:
        """The colour scale at the top-left of the view, labelled lo..hi."""
        if self.colorbar is None:
            self.colorbar = pg.GradientLegend((18, 110), (12, 12))
            self.colorbar.setParentItem(self.viewbox)
        grad = pg.QtGui.QLinearGradient()
        n = len(colors)
        for i, c in enumerate(colors):
            grad.setColorAt(i / max(1, n - 1), c)
        self.colorbar.setGradient(grad)
        self.colorbar.setLabels({f"{lo:g}": 0.0, f"{hi:g}": 1.0})
        self.colorbar.show()

    def hide_colorbar(self) -> None:
        if self.colorbar is not None:
            self.colorbar.hide()

    # -- keys -------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.graphics and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._owner._key_event(self._tool, event.text()):
                return True
        return super().eventFilter(obj, event)

    # -- fitting --------------------------------------------------------------------------
    def _manual_range(self, *_args: Any) -> None:
        self.fit_on_resize = False

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.fit_on_resize:
            self._owner._redraw_whole()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.fit_on_resize:
            self._owner._redraw_whole()

    # -- teardown ---------------------------------------------------------------------
    def closeEvent(self, event: Any) -> None:
        self._owner._view_closed()
        super().closeEvent(event)

    def __del__(self) -> None:
        delete_if_dropped(self)  # the whole view goes, top-down, even from the gc
