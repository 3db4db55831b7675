"""``h.Shape``: a window that draws the cell from its 3-D points.

The object keeps the model of what is shown (which sections, the style, the
3-D rotation, per-section colours, marks) and redraws its :class:`ShapeView`
from it.  Geometry is rebuilt only when the structure changes
(:func:`~widgets.shape_sections.structure_key`) or the style/rotation changes;
colours are reapplied without touching the geometry.
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np

from layouts.lifetime import WeakAttr
from layouts.registry import open_window, registry
from widgets.shape_colors import palette_color
from widgets.shape_drawing import ShapeDrawing
from widgets.shape_export import export_file
from widgets.shape_geometry import (
    Morphology,
    build_morphology,
    nearest_piece,
    project,
    rotation_matrix,
)
from widgets.shape_sections import (
    define_shape,
    push_section,
    sections_of,
    segment_location,
    structure_key,
)
from widgets.shape_tools import ShapeTools, call_action
from widgets.shape_view import ShapeView
from widgets.window_title import extent_title, retitle
from widgets.window_title import follow_view as _follow

__all__ = ["Shape", "call_action"]

_MARK_SYMBOLS = {"o": "o", "O": "o", "s": "s", "S": "s", "t": "t1", "T": "t1", "+": "+"}
_MARK_FILLED = set("OST")
_STYLE_NAMES = ("Show Diam", "Centroid", "Schematic")


class Shape(ShapeTools, ShapeDrawing):
    """NEURON's Shape: ``Shape()``, ``Shape(0)`` (unmapped), ``Shape(seclist [, 0])``."""

    _record = WeakAttr()  # the registry holds the record (and through it this Shape)

    _instances = 0

    def __init__(self, *args: Any) -> None:
        seclist, mapped = self._parse_args(args)
        self._index = type(self)._next_index()
        self._seclist = seclist
        self._mode = 1
        self._rotation = np.eye(3)  # the 3-D view: x -> rotation @ x + shift
        self._shift = np.zeros(3)
        self._len_scale: dict[int, float] = {}
        self._sec_colors: dict[int, int] = {}
        self._selected: tuple[Any, float] | None = None
        self._select_red: Any = None
        self._marks: list[tuple[Any, int, str, float]] = []
        self._action: Any = None
        self._morph: Morphology | None = None
        self._key: Any = None
        self._a0 = np.zeros((0, 2))
        self._a1 = np.zeros((0, 2))
        self._center = np.zeros(3)
        self._drag: tuple[float, float, np.ndarray] | None = None
        self._record: Any = None
        self._title_follows = False  # the title follows the view once mapped
        self._adopted = False
        self._save_name = ""
        self._view: ShapeView | None = self._make_view() if mapped is not None else None
        define_shape()
        self.flush()
        if mapped:
            self._map(None)

    @classmethod
    def _next_index(cls) -> int:
        i = cls._instances
        cls._instances += 1
        return i

    @staticmethod
    def _parse_args(args: tuple[Any, ...]) -> tuple[Any, bool | None]:
        """(seclist or None, mapped); mapped None means no window at all (PlotShape(False))."""
        seclist = None
        mapped: bool | None = True
        for a in args:
            if a is False:
                mapped = None  # Python False: no window at all
            elif isinstance(a, bool | int | float):
                mapped = bool(a)
            else:
                seclist = a
        return seclist, mapped

    def hname(self) -> str:
        return f"{type(self).__name__}[{self._index}]"

    def __repr__(self) -> str:
        return self.hname()

    # -- the window -----------------------------------------------------------------
    def _make_view(self) -> ShapeView:
        view = ShapeView(self)
        me = weakref.proxy(self)  # the menu's actions must not keep this Shape alive
        view.add_tool_action("Section", "section")
        view.add_tool_action("3D Rotate", "rotate")
        view.add_action("Redraw Shape", self._redraw_whole)
        style = view.menu.addMenu("Shape Style")
        for mode, text in enumerate(_STYLE_NAMES):
            view.add_action(text, lambda m=mode: me.show(m), style)
        zoom = view.menu.addMenu("View . . .")
        view.add_action("View = plot", self._redraw_whole, zoom)
        view.add_action("Whole Scene", self._redraw_whole, zoom)
        box = weakref.proxy(view.viewbox)
        view.add_action("10% Zoom out", lambda: box.scaleBy((1.1, 1.1)), zoom)
        view.add_action("10% Zoom in", lambda: box.scaleBy((1 / 1.1, 1 / 1.1)), zoom)
        return view

    def _map(self, geometry: tuple[int, int, int, int] | None) -> None:
        if self._view is None:
            return
        if not self._title_follows:
            self._title_follows = True
            self._view.viewbox.sigRangeChanged.connect(_follow(self))
        self._record = open_window(
            self._view, self._title(), kind="shape", owner=self, geometry=geometry
        )
        self._adopted = self._record is None  # an intercepting box took it
        self._redraw_whole()
        self._view_moved()

    def _title(self) -> str:
        """NEURON titles every shape window ``Shape  x a : b  y c : d`` (its view)."""
        if self._view is None:
            return "Shape"
        x, y = self._view.viewbox.viewRange()
        return extent_title("Shape", x, y)

    def _view_moved(self, *_args: Any) -> None:
        retitle(self._record, self._title())

    def _view_closed(self) -> None:
        self._record = None

    def _view_destroyed(self) -> None:
        """The window was deleted (closed for good): from now on nothing is drawn."""
        self._view = None
        self._record = None
        self._adopted = False

    def _redraw_whole(self) -> None:
        """Fit the whole cell in the window (a straight cable too: it has no height)."""
        if self._view is None:
            return
        rect = self._view.item.boundingRect()
        if rect.isNull() and rect.width() == 0:
            self._view.viewbox.autoRange(padding=0.05)
            return
        w, hgt = rect.width(), rect.height()
        span = max(w, hgt, 1.0)
        x0 = rect.left() - 0.05 * span if w < 0.1 * span else rect.left()
        xw = w if w >= 0.1 * span else w + 0.1 * span
        y0 = rect.top() - 0.05 * span if hgt < 0.1 * span else rect.top()
        yh = hgt if hgt >= 0.1 * span else hgt + 0.1 * span
        bar = self._view.colorbar
        width_px = max(1, self._view.graphics.width())
        if bar is not None and bar.isVisible() and width_px > 200:
            extra = xw * 70.0 / (width_px - 70.0)  # keep the colour bar clear of the cell
            x0, xw = x0 - extra, xw + extra
        self._view.viewbox.setRange(xRange=(x0, x0 + xw), yRange=(y0, y0 + yh), padding=0.05)

    def view_count(self) -> float:
        """1 while the window is shown (docked, floating or in a box), else 0."""
        if self._adopted:
            return 1.0
        return 1.0 if self._record is not None and self._record in registry().records() else 0.0

    def _is_adopted(self) -> bool:
        return self._adopted

    def unmap(self) -> None:
        if self._record is not None:
            registry().remove(self._record)
            self._record = None

    def view(self, *args: float) -> float:
        """``view(mleft, mbottom, mwidth, mheight, sleft, stop, swidth, sheight)``."""
        if len(args) >= 4 and self._view is not None:
            self._view.fit_on_resize = False
            ml, mb, mw, mh = (float(a) for a in args[:4])
            self._view.viewbox.setRange(xRange=(ml, ml + mw), yRange=(mb, mb + mh), padding=0)
        if len(args) == 8 and self._record is None and not self._is_adopted():
            left, top, width, height = (int(a) for a in args[4:])
            self._map((left, top, width, height))
            if self._view is not None:
                ml, mb, mw, mh = (float(a) for a in args[:4])
                self._view.viewbox.setRange(xRange=(ml, ml + mw), yRange=(mb, mb + mh), padding=0)
        return 0.0

    def size(self, *args: float) -> float:
        """``size(x0, x1, y0, y1)`` sets the view; ``size(i)`` returns left/right/bottom/top."""
        if self._view is None:
            return 0.0
        vb = self._view.viewbox
        if len(args) == 4:
            x0, x1, y0, y1 = (float(a) for a in args)
            self._view.fit_on_resize = False
            vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            return 0.0
        if len(args) == 1:
            (xr, yr) = vb.viewRange()
            return float((xr[0], xr[1], yr[0], yr[1])[int(args[0]) - 1])
        raise TypeError("size takes (x0, x1, y0, y1) or (i) with i in 1..4")

    def save_name(self, name: str = "") -> float:
        self._save_name = str(name)
        return 0.0

    def session_text(self) -> str:
        """HOC that rebuilds this window in a session file (NEURON's ``save_window_`` form)."""
        lines = ["{", f"save_window_ = new {type(self).__name__}(0)"]
        if self._view is None:
            lines += self._session_settings()
        else:  # NEURON's order: size, the settings, then the view
            (x0, x1), (y0, y1) = self._view.viewbox.viewRange()
            g = self._view.geometry()
            pos = self._view.mapToGlobal(self._view.rect().topLeft())
            lines.append(f"save_window_.size({x0:g},{x1:g},{y0:g},{y1:g})")
            lines += self._session_settings()
            lines.append(
                f"{{save_window_.view({x0:g}, {y0:g}, {x1 - x0:g}, {y1 - y0:g}, "
                f"{pos.x()}, {pos.y()}, {g.width()}, {g.height()})}}"
            )
        if self._save_name:
            lines.append(f"{self._save_name.rstrip('.')}.append(save_window_)")
            lines.append(f'save_window_.save_name("{self._save_name}")')
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _session_settings(self) -> list[str]:
        return [] if self._mode == 1 else [f"save_window_.show({self._mode})"]

    def printfile(self, filename: str) -> float:
        """Write the picture to ``filename``: .png/.jpg, .svg, .eps/.ps or .pdf."""
        if self._view is None:
            raise RuntimeError("printfile: this shape has no window (created with False)")
        export_file(self._view, self._a0, self._a1, str(filename))
        return 1.0

    # -- what is drawn ------------------------------------------------------------------
    def show(self, *mode: float) -> float:
        """``show(0)`` diameters, ``show(1)`` centre lines, ``show(2)`` schematic."""
        if not mode:
            return float(self._mode)
        m = int(mode[0])
        if m not in (0, 1, 2):
            raise ValueError(
                f"show: style must be 0 (diam), 1 (centroid) or 2 (schematic), not {m}"
            )
        if m != self._mode:
            self._mode = m
            self._key = None
            self.flush()
        return 0.0

    def observe(self, seclist: Any = None) -> float:
        self._seclist = seclist
        self._key = None
        self.flush()
        return 0.0

    def flush(self) -> float:
        """Rebuild if the structure changed, then recolour and redraw."""
        sections = sections_of(self._seclist)
        key = (structure_key(sections), self._mode)
        if key != self._key:
            if any(len(getattr(s, "_pt3d", ())) < 2 for s in sections):
                define_shape()
            self._morph = build_morphology(sections, schematic=self._mode == 2)
            self._key = (structure_key(sections), self._mode)
            self._update_center()
            self._on_rebuild()
            self._project()
        else:
            self._recolor()
        return 0.0

    def fastflush(self) -> float:
        self._recolor()
        return 0.0

    def _on_rebuild(self) -> None:
        """Hook for subclasses: the morphology was rebuilt."""

    def _update_center(self) -> None:
        m = self._morph
        if m is None or m.n_pieces == 0:
            self._center = np.zeros(3)
            return
        pts = np.concatenate((m.p0, m.p1))
        self._center = 0.5 * (pts.min(axis=0) + pts.max(axis=0))

    def _project(self) -> None:
        m = self._morph
        if m is None:
            return
        scale = None
        if self._len_scale:
            scale = np.array([self._len_scale.get(id(s), 1.0) for s in m.sections])
        self._a0, self._a1 = project(m, self._rotation, None, scale, self._shift)
        if self._view is not None:
            self._view.item.set_geometry(
                self._a0, self._a1, m.d0, m.d1, filled=self._mode == 0, piece_sec=m.piece_sec
            )
        self._recolor()
        self._draw_marks()

    def _piece_colors(self) -> tuple[np.ndarray, list[Any]]:
        """(colour index per piece, colour table): section colours, selected in red."""
        m = self._morph
        assert m is not None
        sec_idx = np.ones(len(m.sections), dtype=np.int64)
        for i, s in enumerate(m.sections):
            c = self._sec_colors.get(id(s))
            if c is not None:
                sec_idx[i] = c
            if s is self._select_red:
                sec_idx[i] = 2
        table = [palette_color(i) for i in range(int(sec_idx.max(initial=1)) + 1)]
        return sec_idx[m.piece_sec], table

    def _recolor(self) -> None:
        if self._view is None or self._morph is None:
            return
        idx, table = self._piece_colors()
        self._view.item.set_colors(idx, table)

    # -- rotation and scale -------------------------------------------------------------
    def rotate(self, *args: float) -> float:
        """``rotate()`` resets; ``rotate(xo, yo, zo, xr, yr, zr)`` turns the view about the
        point (xo, yo, zo) by xr, yr, zr radians about the x, y, z axes, in that order."""
        if not args:
            self._rotation, self._shift = np.eye(3), np.zeros(3)
        elif len(args) == 6:
            about = np.array([float(a) for a in args[:3]])
            self._turn(rotation_matrix(*(float(a) for a in args[3:])), about)
        else:
            raise TypeError("rotate takes no arguments or (xorg, yorg, zorg, xrot, yrot, zrot)")
        self._project()
        return 0.0

    def _turn(self, q: np.ndarray, about: np.ndarray) -> None:
        """Compose a rotation ``q`` about the (already transformed) point ``about``."""
        self._rotation = q @ self._rotation
        self._shift = q @ self._shift - q @ about + about

    def _visual_center(self) -> np.ndarray:
        """Where the middle of the cell is now: the 3D Rotate tool turns about it."""
        return self._rotation @ self._center + self._shift

    def len_scale(self, factor: float, sec: Any = None) -> float:
        self._len_scale[id(self._section_arg(sec))] = float(factor)
        self._project()
        return 0.0

    # -- colours and selection --------------------------------------------------------------
    @staticmethod
    def _section_arg(sec: Any) -> Any:
        if sec is not None:
            return sec
        from sim import section as _section

        return _section.current_section()

    def color(self, i: float, sec: Any = None) -> float:
        self._sec_colors[id(self._section_arg(sec))] = int(i)
        self._recolor()
        return 0.0

    def color_all(self, i: float) -> float:
        self._sec_colors = {id(s): int(i) for s in sections_of(self._seclist)}
        self._recolor()
        return 0.0

    def color_list(self, seclist: Any, i: float) -> float:
        for s in seclist:
            self._sec_colors[id(s)] = int(i)
        self._recolor()
        return 0.0

    def select(self, sec: Any = None) -> float:
        self._select_red = self._section_arg(sec)
        self._selected = (self._select_red, 0.5)
        self._recolor()
        return 0.0

    def nearest(self, x: float, y: float) -> float:
        """Distance from (x, y) to the nearest section, which becomes the selected one."""
        hit = self._pick(float(x), float(y))
        if hit is None:
            return float("inf")
        sec, arc, dist = hit
        self._selected = (sec, arc)
        return dist

    def push_selected(self) -> float:
        """Push the selected section and return its arc position, or -1 if none."""
        if self._selected is None:
            return -1.0
        push_section(self._selected[0])
        return float(self._selected[1])

    def nearest_seg(self, x: float, y: float) -> Any:
        hit = self._pick(float(x), float(y))
        return None if hit is None else hit[0](hit[1])

    def selected_seg(self) -> Any:
        return None if self._selected is None else self._selected[0](self._selected[1])

    def _pick(self, x: float, y: float) -> tuple[Any, float, float] | None:
        m = self._morph
        if m is None or m.n_pieces == 0:
            return None
        i, t, dist = nearest_piece(self._a0, self._a1, x, y)
        if i < 0:
            return None
        arc = float(m.x0[i] + t * (m.x1[i] - m.x0[i]))
        return m.sections[int(m.piece_sec[i])], min(1.0, max(0.0, arc)), dist

    # -- marks -------------------------------------------------------------------------------
    def point_mark(self, obj: Any, color: float = 1, style: str = "O", size: float = 8) -> float:
        if segment_location(obj) is None:
            raise TypeError(f"point_mark needs a point process (or segment), not {obj!r}")
        self._marks.append((obj, int(color), str(style), float(size)))
        self._draw_marks()
        return 1.0

    def point_mark_remove(self, obj: Any = None) -> float:
        self._marks = [] if obj is None else [m for m in self._marks if m[0] is not obj]
        self._draw_marks()
        return 0.0

    def _mark_position(self, obj: Any) -> tuple[float, float] | None:
        loc = segment_location(obj)
        return None if loc is None else self.position_of(*loc)

    def position_of(self, sec: Any, x: float) -> tuple[float, float] | None:
        """Where ``sec(x)`` is drawn (scene coordinates), or None if it is not shown."""
        m = self._morph
        if m is None:
            return None
        k = m.section_index(sec)
        sel = np.nonzero((m.piece_sec == k) & (m.x0 <= x) & (m.x1 >= x))[0]
        if len(sel) == 0:
            return None
        i = int(sel[0])
        span = m.x1[i] - m.x0[i]
        t = (x - m.x0[i]) / span if span > 0 else 0.0
        p = self._a0[i] + t * (self._a1[i] - self._a0[i])
        return float(p[0]), float(p[1])

    def _draw_marks(self) -> None:
        if self._view is None:
            return
        spots = []
        for obj, color, style, size in self._marks:
            pos = self._mark_position(obj)
            if pos is None:
                continue
            c = palette_color(color)
            spots.append(
                {
                    "pos": pos,
                    "size": size,
                    "symbol": _MARK_SYMBOLS.get(style, "o"),
                    "pen": c,
                    "brush": c if style in _MARK_FILLED else None,
                }
            )
        self._view.markers.setData(spots)
        self._view.markers.setVisible(bool(spots))  # an empty item is not painted at all
