"""The mouse and keyboard side of a Shape: Section tool, 3D Rotate, user tools, menu items.

:class:`ShapeTools` is mixed into :class:`widgets.shape_base.Shape`; the view hands it
tool events in scene coordinates (µm) and key presses.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from sim import h
from widgets.shape_geometry import nearest_piece, rotation_matrix
from widgets.shape_sections import pop_section, push_section

__all__ = ["ShapeTools", "call_action"]

_PICK_PIXELS = 12.0


def call_action(action: Any, *args: Any) -> Any:
    """Run a NEURON-style action: a HOC statement, a callable, or (callable, args)."""
    if action is None:
        return None
    if isinstance(action, str):
        return h(action)
    if isinstance(action, tuple) and action and callable(action[0]):
        extra = action[1] if len(action) > 1 else ()
        return action[0](*(extra if isinstance(extra, tuple) else (extra,)))
    if callable(action):
        return action(*args)
    raise TypeError(
        f"an action must be a HOC statement, a callable or (callable, args); got {action!r}"
    )


def _positional_count(fn: Callable[..., Any]) -> int:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 0
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if any(p.kind == inspect.Parameter.VAR_POSITIONAL for p in params):
        return 2
    return sum(1 for p in params if p.kind in kinds)


class ShapeTools:
    """Tools and callbacks of a Shape (needs ``_view``, ``_pick``, ``_project``...)."""

    _view: Any
    _mode: int
    _rotation: np.ndarray
    _action: Any
    _selected: tuple[Any, float] | None
    _drag: tuple[float, float, np.ndarray, np.ndarray] | None
    _shift: np.ndarray
    _turn: Callable[..., None]
    _visual_center: Callable[[], np.ndarray]
    _morph: Any
    _a0: np.ndarray
    _a1: np.ndarray

    def action(self, callback: Any) -> float:
        """Run ``callback`` when a section is clicked with the Section tool.

        The section is pushed and ``hoc_ac_`` holds the arc position while it
        runs; a Python callable taking two arguments gets ``(section, x)``.
        """
        self._action = callback
        return 0.0

    def menu_action(self, label: str, callback: Any) -> float:
        if self._view is not None:
            self._view.add_action(str(label), lambda: call_action(callback))
        return 0.0

    def menu_tool(self, label: str, callback: Any, select_callback: Any = None) -> float:
        """A tool item; ``callback(type, x, y, keystate)`` with type 2 press, 1 drag, 3 release."""
        if self._view is None:
            return 0.0
        codes = {"press": 2, "drag": 1, "release": 3}

        def handler(phase: str, _tool: str, x: float, y: float, keys: int) -> None:
            for p in ("press", "release") if phase == "click" else (phase,):
                call_action(callback, codes[p], x, y, keys)

        act = self._view.add_tool_action(str(label), f"user:{label}", handler)
        if select_callback is not None:
            act.triggered.connect(lambda _=False: call_action(select_callback))
        self._view.set_tool(f"user:{label}")
        return 0.0

    def exec_menu(self, text: str) -> float:
        """Choose the menu item whose text is exactly ``text``."""
        if self._view is None:
            raise RuntimeError("exec_menu: this shape has no window (created with False)")
        act = self._view.find_action(str(text))
        if act is None:
            raise ValueError(f"exec_menu: {self.hname()} has no menu item {text!r}")
        act.trigger()
        return 0.0

    def _tool_event(self, tool: str, phase: str, x: float, y: float, keys: int) -> None:
        if tool == "section" and phase == "click":
            self._section_clicked(x, y)
        elif tool == "rotate":
            self._rotate_drag(phase, x, y)

    def _section_clicked(self, x: float, y: float) -> None:
        hit = self._pick(x, y)
        if hit is None or self._view is None:
            return
        sec, arc, dist = hit
        if dist > self._pick_tolerance(x, y):
            return
        self._view.show_status(f"{sec.name()}({arc:.3g})")
        self._selected = (sec, arc)
        if self._action is None:
            return
        ac = h._define_var("hoc_ac_", 0.0)
        ac.__hoc_set__(arc)
        push_section(sec)
        try:
            cb = self._action
            if callable(cb) and not isinstance(cb, tuple) and _positional_count(cb) >= 2:
                cb(sec, arc)
            else:
                call_action(cb)
        finally:
            pop_section()

    def _pick_tolerance(self, x: float, y: float) -> float:
        """How far from a centre line a click still hits it: a few pixels, or the diameter."""
        px = max(self._view.viewbox.viewPixelSize())
        tol = _PICK_PIXELS * px
        m = self._morph
        if self._mode == 0 and m is not None and m.n_pieces:
            i, _t, _d = nearest_piece(self._a0, self._a1, x, y)
            tol += 0.5 * max(float(m.d0[i]), float(m.d1[i]))
        return tol

    def _rotate_drag(self, phase: str, x: float, y: float) -> None:
        if self._view is None:
            return
        if phase == "press":
            self._drag = (x, y, self._rotation.copy(), self._shift.copy())
            return
        if self._drag is None:
            return
        x0, y0, start, start_shift = self._drag
        (xr, yr) = self._view.viewbox.viewRange()
        ay = (x - x0) / max(1e-12, xr[1] - xr[0]) * np.pi
        ax = -(y - y0) / max(1e-12, yr[1] - yr[0]) * np.pi
        self._rotation, self._shift = start, start_shift
        self._turn(rotation_matrix(ax, ay, 0.0), self._visual_center())
        self._project()
        if phase == "release":
            self._drag = None

    def _key_event(self, tool: str, text: str) -> bool:
        """3D Rotate keys: space or z resets; X, Y, Z rotate 10 degrees about that axis."""
        if tool != "rotate" or not text:
            return False
        step = np.radians(10.0)
        if text in (" ", "z"):
            self._rotation, self._shift = np.eye(3), np.zeros(3)
        elif text in ("X", "Y", "Z"):
            angles = [step if text == axis else 0.0 for axis in "XYZ"]
            self._turn(rotation_matrix(*angles), self._visual_center())
        else:
            return False
        self._project()
        return True
