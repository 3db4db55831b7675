"""Graph output: ``printfile`` to PNG, SVG or EPS, and the data as CSV.

PNG is a grab of the widget, SVG is painted by Qt's SVG generator (pyqtgraph's own SVG
exporter fails on Qt 6.12's path syntax); EPS (which Qt 6 no longer writes) is
produced here from the graph's lines, marks' positions and labels, in the view's
coordinates, as plain PostScript.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from widgets import graph_style

__all__ = ["write", "write_csv", "write_eps"]

_EPS_W, _EPS_H, _MARGIN = 432.0, 288.0, 36.0


def write(graph: Any, filename: str) -> None:
    """Write ``graph`` to ``filename``; the extension picks the format."""
    suffix = Path(filename).suffix.lower()
    graph.flush()
    widget = graph.widget()
    if suffix == ".png":
        if not widget.grab().save(filename, "PNG"):
            raise OSError(f"printfile({filename!r}): could not write the PNG file")
    elif suffix == ".svg":
        _write_svg(widget, filename, graph.hname())
    elif suffix == ".pdf":
        _write_pdf(widget, filename)
    elif suffix in (".eps", ".ps", ""):
        write_eps(graph, filename)
    else:
        raise ValueError(
            f"printfile({filename!r}): unknown format {suffix!r}; use .png, .svg, .pdf or .eps"
        )


def _write_svg(widget: Any, filename: str, title: str) -> None:
    view = widget.plot_widget
    size = view.size()
    gen = QSvgGenerator()
    gen.setFileName(filename)
    gen.setSize(QSize(size.width(), size.height()))
    gen.setViewBox(QRect(0, 0, size.width(), size.height()))
    gen.setTitle(title)
    gen.setResolution(view.logicalDpiX())  # axes replay cached QPictures: same dpi as screen
    painter = QPainter(gen)
    try:
        view.render(painter)
    finally:
        painter.end()
    if not Path(filename).exists():
        raise OSError(f"printfile({filename!r}): could not write the SVG file")


def _write_pdf(widget: Any, filename: str) -> None:
    view = widget.plot_widget
    writer = QPdfWriter(filename)
    writer.setResolution(96)
    writer.setPageSize(QPageSize(QSizeF(view.width(), view.height()), QPageSize.Unit.Point))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter(writer)
    try:
        view.render(painter)
    finally:
        painter.end()


def _ps_color(index: float) -> str:
    c = graph_style.color_of(index)
    return f"{c.redF():.3f} {c.greenF():.3f} {c.blueF():.3f} setrgbcolor"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_eps(graph: Any, filename: str) -> None:
    """A self-contained EPS of the view: frame, axis extents, lines and labels."""
    (l, r), (b, t) = graph.widget().plot_item.viewRange()
    sx = (_EPS_W - 2 * _MARGIN) / ((r - l) or 1.0)
    sy = (_EPS_H - 2 * _MARGIN) / ((t - b) or 1.0)

    def px(x: float, y: float) -> str:
        return f"{_MARGIN + (x - l) * sx:.2f} {_MARGIN + (y - b) * sy:.2f}"

    out = [
        "%!PS-Adobe-3.0 EPSF-3.0",
        f"%%BoundingBox: 0 0 {int(_EPS_W)} {int(_EPS_H)}",
        f"%%Title: {graph.hname()}",
        "%%EndComments",
        "/Helvetica findfont 9 scalefont setfont",
        "0 setgray 0.5 setlinewidth",
        f"newpath {px(l, b)} moveto {px(r, b)} lineto {px(r, t)} lineto {px(l, t)} lineto "
        "closepath stroke",
        f"{px(l, b)} moveto 0 -10 rmoveto ({l:g}) show",
        f"{px(r, b)} moveto -12 -10 rmoveto ({r:g}) show",
        f"{px(l, b)} moveto -30 0 rmoveto ({b:g}) show",
        f"{px(l, t)} moveto -30 -6 rmoveto ({t:g}) show",
        f"newpath {px(l, b)} moveto {px(r, b)} lineto {px(r, t)} lineto {px(l, t)} lineto "
        "closepath clip",
    ]
    for line in graph._lines:
        x, y = line.arrays()
        n = min(len(x), len(y))
        ok = np.isfinite(x[:n]) & np.isfinite(y[:n])
        x, y = x[:n][ok], y[:n][ok]
        if len(x) < 2:
            continue
        out.append(f"{_ps_color(line.color)} {max(0.5, float(line.brush)):.1f} setlinewidth")
        out.append(f"newpath {px(x[0], y[0])} moveto")
        out.extend(f"{px(xi, yi)} lineto" for xi, yi in zip(x[1:], y[1:]))
        out.append("stroke")
    out.append("initclip")
    for label in graph._labels:
        pos = label.item.pos()
        out.append(f"0 setgray {px(pos.x(), pos.y())} moveto ({_escape(label.text)}) show")
    out += ["showpage", "%%EOF", ""]
    Path(filename).write_text("\n".join(out))


def write_csv(graph: Any, filename: str) -> None:
    """Every line's points as rows: line, label, x, y."""
    with open(filename, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["line", "label", "x", "y"])
        for i, line in enumerate(graph._lines):
            x, y = line.arrays()
            for xi, yi in zip(x, y):
                writer.writerow([i, line.label, repr(float(xi)), repr(float(yi))])
