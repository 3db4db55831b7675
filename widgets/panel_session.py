"""A panel as HOC text, the way NEURON writes panels into a session (``.ses``) file.

Each panel remembers the x* calls that built it (``Panel.calls``).  Calls whose
arguments are all HOC-expressible (strings, numbers, references to HOC names)
are written back; a call bound to Python (a callable, an ``(obj, 'attr')``
pair) cannot be restored from HOC and is written as a comment, so nothing is
silently dropped.  A field bound to a HOC name is preceded by an assignment
that restores its current value, as NEURON does.  A panel inside a box ends with
``xpanel()`` (the box's ``map`` places it), as NEURON writes it.
"""

from __future__ import annotations

import json
from typing import Any

from layouts.registry import registry
from sim._ref import Pointer
from widgets.binding import Binding

__all__ = ["hoc_literal", "panel_hoc"]

_VALUE_CALLS = ("xvalue", "xpvalue", "xfixedvalue")


class NotHoc(Exception):
    """An argument with no HOC spelling (a Python callable or pair)."""


def hoc_literal(arg: Any) -> str:
    """``arg`` written as HOC: a string literal, a number, or ``&name`` for a reference."""
    if isinstance(arg, bool):
        return "1" if arg else "0"
    if isinstance(arg, str):
        return json.dumps(arg)  # HOC string literals escape like JSON's
    if isinstance(arg, (int, float)):
        return format(float(arg), ".17g")
    if isinstance(arg, Pointer):
        name = arg.describe()
        if name.replace("_", "").isalnum():
            return f"&{name}"
    raise NotHoc(f"{type(arg).__name__} {arg!r}")


def _call(name: str, args: tuple[Any, ...]) -> str:
    return f"{name}({', '.join(hoc_literal(a) for a in args)})"


def _restore_value(name: str, args: tuple[Any, ...]) -> list[str]:
    """``var = value`` before a field bound to a HOC name (so loading restores it)."""
    if name not in _VALUE_CALLS:
        return []
    var = args[1] if len(args) > 1 else args[0] if args else None
    if not isinstance(var, str) or not var:
        return []
    try:
        value = Binding(var).get()
    except Exception:
        return []
    if isinstance(value, str):
        return []
    return [f"{var} = {format(float(value), '.17g')}"]


def panel_hoc(panel: Any) -> str:
    """The HOC text that rebuilds ``panel`` (title, items, position)."""
    lines = [_call("xpanel", (panel.title, 1 if panel.horizontal else 0))]
    for name, args in panel.calls:
        try:
            line = _call(name, args)
        except NotHoc as e:
            lines.append(
                f"// {name}({json.dumps(str(args[0]) if args else '')}...) is bound to "
                f"Python ({e}); it is not saved"
            )
            continue
        lines += _restore_value(name, args)
        lines.append(line)
    scroll, geometry = getattr(panel, "close_args", (-1, None))
    if registry().find(panel) is None and not panel.isWindow():  # a box's child: no place
        geometry = None
        lines.append("xpanel()" if scroll == -1 else f"xpanel({scroll})")
        return "\n".join(lines) + "\n"
    widget_pos = panel.mapToGlobal(panel.rect().topLeft()) if panel.isVisible() else None
    if geometry is not None or widget_pos is not None:
        left, top = (
            (geometry[0], geometry[1]) if geometry is not None else (widget_pos.x(), widget_pos.y())
        )
        lines.append(f"xpanel({left}, {top}{'' if scroll == -1 else f', {scroll}'})")
    else:
        lines.append("xpanel()" if scroll == -1 else f"xpanel({scroll})")
    return "\n".join(lines) + "\n"
