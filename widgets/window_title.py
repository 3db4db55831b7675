"""Window titles as NEURON writes them: the kind, then the view's extent.

NEURON titles a graph window ``Graph  x 0 : 300  y 0 : 200`` (``Graph[1]  x ...``
when the window was made by ``view()``, as session files do) and any shape window
``Shape  x -11.6 : 111.6  y -61.6 : 61.6``; the numbers follow the view as it is
zoomed or resized (checked in NEURON 9.0.2 on a virtual X server).  Here the numbers
are those of the region the window shows.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDockWidget, QWidget

from layouts.registry import WindowRecord

__all__ = ["extent_title", "follow_view", "retitle"]


def extent_title(prefix: str, x: tuple[float, float], y: tuple[float, float]) -> str:
    """``prefix  x x0 : x1  y y0 : y1`` with NEURON's number format (%g)."""
    return f"{prefix}  x {_num(x[0])} : {_num(x[1])}  y {_num(y[0])} : {_num(y[1])}"


def _num(value: float) -> str:
    text = f"{float(value):g}"
    return "0" if text == "-0" else text


def retitle(record: WindowRecord | None, title: str) -> None:
    """Give an open window (its dock, or itself when top level) a new title."""
    if record is None or record.title == title:
        return
    record.title = title
    widget: Any = record.widget
    try:
        if widget.isWindow():
            widget.setWindowTitle(title)
            return
        dock = _dock_of(widget)
    except RuntimeError:  # the Qt side is gone
        return
    if dock is not None:
        dock.setWindowTitle(title)


def _dock_of(widget: QWidget) -> QDockWidget | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent


def follow_view(owner: Any) -> Callable[..., None]:
    """A slot for the view's range signal that calls ``owner._view_moved()`` while the
    owner lives; it holds the owner weakly (the view must not keep it alive)."""
    ref = weakref.ref(owner)

    def moved(*_args: Any) -> None:
        obj = ref()
        if obj is not None:
            obj._view_moved()

    return moved
