"""``Vector.plot``, ``Vector.line``, ``Vector.mark``, ``Vector.ploterr`` and ``Vector.label``.

These are GUI methods of ``h.Vector``: headless they do nothing (NEURON's ``-nogui``).
When the GUI loads, :func:`install` gives ``h.Vector`` these methods unless the engine's
Vector already defines them; each delegates to the Graph's ``_vector_*`` entry points
(which a Vector written elsewhere may call directly):

- ``Graph._vector_plot(yvec, x, color, brush)``: by reference, re-read on every flush;
- ``Graph._vector_line(yvec, x, color, brush)``: a snapshot;
- ``Graph._vector_mark(yvec, x, style, size, color, brush)``;
- ``Graph._vector_ploterr(yvec, xvec, errvec, size, color, brush)``.

``x`` is an ``h.Vector`` of x values, a number (the x step) or ``None`` (the index).
"""

from __future__ import annotations

from typing import Any

from sim import h

__all__ = ["install", "split_plot_args"]

_MARKER = "_neuroqt_gui_method"


def split_plot_args(args: tuple[Any, ...]) -> tuple[Any, Any, Any]:
    """NEURON's forms after the graph: (), (x), (c, b), (x, c, b) -> (x, color, brush)."""
    if len(args) == 0:
        return None, None, None
    if len(args) == 1:
        return args[0], None, None
    if len(args) == 2:
        return None, args[0], args[1]
    if len(args) == 3:
        return args[0], args[1], args[2]
    raise TypeError("Vector.plot(g [, x | dx] [, color, brush]): too many arguments")


def _is_graph(g: Any) -> bool:
    return hasattr(g, "_vector_plot")


def _plot(self: Any, g: Any, *args: Any) -> Any:
    if _is_graph(g):
        x, c, b = split_plot_args(args)
        g._vector_plot(self, x, c, b)
    return self


def _line(self: Any, g: Any, *args: Any) -> Any:
    if _is_graph(g):
        x, c, b = split_plot_args(args)
        g._vector_line(self, x, c, b)
    return self


def _mark(self: Any, g: Any, x: Any = None, style: Any = "+", size: Any = 12, *rest: Any) -> Any:
    if _is_graph(g):
        g._vector_mark(self, x, style, size, *rest)
    return self


def _ploterr(self: Any, g: Any, xvec: Any, errvec: Any, *rest: Any) -> Any:
    if _is_graph(g):
        g._vector_ploterr(self, xvec, errvec, *rest)
    return self


def _label(self: Any, text: Any = None) -> Any:
    from widgets.graph import all_graphs

    if text is None:
        return _labels.get(id(self), "")
    _labels[id(self)] = str(text)
    for g in all_graphs():
        g._label_vector(self, str(text))
    return 1.0


_labels: dict[int, str] = {}

_METHODS = {"plot": _plot, "line": _line, "mark": _mark, "ploterr": _ploterr, "label": _label}


def install() -> None:
    """Give ``h.Vector`` the GUI methods it does not define itself."""
    vector_class = h._lookup("Vector")
    if not isinstance(vector_class, type):
        return
    for name, func in _METHODS.items():
        existing = getattr(vector_class, name, None)
        if existing is None or getattr(existing, _MARKER, False):
            setattr(func, _MARKER, True)
            setattr(vector_class, name, func)
