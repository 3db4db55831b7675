"""A Graph as HOC text, the way NEURON's session saver writes it (neuron-gui-api.md §11).

``new Graph(0)``, ``size``, ``view`` (model rectangle, then screen place and size), the
family label, the run list it belongs to (``graphList[0].append`` + ``save_name``), the
phase-plane x expression, then one ``addvar``/``addexpr`` per line with its colour,
brush and label place.  NEURON's saver does not write Keep Lines or ``family(1)``;
NeuroQt writes them too (``exec_menu("Keep Lines")``, ``family(1)``), which NEURON
runs as well, so nothing the user set is lost.
"""

from __future__ import annotations

from typing import Any

__all__ = ["graph_session_text"]


def _fmt(x: float) -> str:
    return format(float(x), "g")


def _escape(s: str) -> str:
    return str(s).replace("\\", "\\\\").replace('"', '\\"')


def _line_label(graph: Any, line: Any) -> tuple[float, float, int]:
    for label in getattr(graph, "_labels", []):
        if label.owner is line:
            return label.x, label.y, label.fixtype
    return 0.8, 0.9, 2


def _source_text(src: Any) -> str | None:
    """The HOC expression a line (or x expression) plots, or None if Python-bound."""
    expr = src.expression
    if expr is None and src.pointer is not None:
        describe = getattr(src.pointer, "describe", None)
        expr = describe() if describe is not None else None
    return expr or None


def _line_text(graph: Any, line: Any) -> str:
    src = line.source
    expr = _source_text(src)
    if not expr:
        return f"// line {src.label!r} is bound to Python; it is not saved"
    lx, ly, fix = _line_label(graph, line)
    default = "addvar" if src.pointer is not None else "addexpr"
    call = getattr(src, "session_call", None) or default
    label = "" if src.label == expr else f'"{_escape(src.label)}", '
    return (
        f'save_window_.{call}({label}"{_escape(expr)}", {_fmt(line.color)}, '
        f"{_fmt(line.brush)}, {_fmt(lx)}, {_fmt(ly)}, {fix})"
    )


def _family_lines(graph: Any) -> list[str]:
    lines = []
    label = getattr(graph, "_family_label", None)
    if label:
        lines.append(f'save_window_.family("{_escape(label)}")')
    if getattr(graph, "_family", None):
        lines.append("save_window_.family(1)")
    return lines


def _xexpr_lines(graph: Any) -> list[str]:
    src = getattr(graph, "_xexpr", None)
    if src is None:
        return []
    expr = _source_text(src)
    if not expr:
        return ["// the x expression is bound to Python; it is not saved"]
    usepointer = int(bool(getattr(src, "session_usepointer", False)))
    return [f'save_window_.xexpr("{_escape(expr)}", {usepointer})']


def graph_session_text(graph: Any) -> str:
    """``graph``'s session block, in NEURON's order; placed where its widget is now."""
    x0, x1, y0, y1 = graph._scene
    (vx0, vx1), (vy0, vy1) = graph._plot.viewRange()
    widget = graph.widget()
    lines = [
        "{",
        "save_window_ = new Graph(0)",
        f"save_window_.size({_fmt(x0)},{_fmt(x1)},{_fmt(y0)},{_fmt(y1)})",
        f"{{save_window_.view({_fmt(vx0)}, {_fmt(vy0)}, {_fmt(vx1 - vx0)}, {_fmt(vy1 - vy0)}, "
        f"{widget.x()}, {widget.y()}, {widget.width()}, {widget.height()})}}",
        *_family_lines(graph),
    ]
    name = getattr(graph, "_save_name", "")
    if name:
        if name.endswith("."):
            lines.append(f"{name}append(save_window_)")
        else:
            lines.append(f"{name} = save_window_")
        lines.append(f'save_window_.save_name("{_escape(name)}")')
    lines += _xexpr_lines(graph)
    lines += [_line_text(graph, line) for line in graph.live_lines()]
    if getattr(graph, "_keep_lines", False) and not getattr(graph, "_family", None):
        # (family(1) turns Keep Lines on by itself)
        lines.append('save_window_.exec_menu("Keep Lines")')
    lines.append("}")
    return "\n".join(lines) + "\n"
