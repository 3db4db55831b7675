"""``printfile`` for shape views: PNG/JPEG (pixels), SVG and PDF (Qt vector), EPS (written here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QMarginsF, QRectF, QSize
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

__all__ = ["export_file"]


def export_file(view: Any, a0: np.ndarray, a1: np.ndarray, filename: str) -> None:
    """Write ``view`` to ``filename``; the format comes from the extension."""
    ext = Path(filename).suffix.lower()
    if ext in (".png", ".jpg", ".jpeg", ".bmp"):
        if not view.grab().save(filename):
            raise OSError(f"printfile: could not write {filename}")
    elif ext == ".svg":
        _render_svg(view, filename)
    elif ext == ".pdf":
        _render_pdf(view, filename)
    elif ext in (".eps", ".ps", ".ai", ""):
        _write_eps(view, a0, a1, filename)
    else:
        raise ValueError(
            f"printfile: unknown file type {ext!r} in {filename!r}; use .png, .svg, .pdf or .eps"
        )


def _render_svg(view: Any, filename: str) -> None:
    gen = QSvgGenerator()
    gen.setFileName(filename)
    size = view.graphics.size()
    gen.setSize(QSize(size.width(), size.height()))
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    gen.setTitle("NeuroQt shape")
    painter = QPainter(gen)
    try:
        view.graphics.render(painter)
    finally:
        painter.end()


def _render_pdf(view: Any, filename: str) -> None:
    writer = QPdfWriter(filename)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10))
    painter = QPainter(writer)
    try:
        view.graphics.render(painter)
    finally:
        painter.end()


def _write_eps(view: Any, a0: np.ndarray, a1: np.ndarray, filename: str) -> None:
    """Encapsulated PostScript of what is shown (centre lines, or the diameter outlines)."""
    colors = view.item.piece_colors()
    width, height = 400.0, 400.0
    if len(a0):
        pts = np.concatenate((a0, a1))
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        span = max(float((hi - lo).max()), 1e-9)
        scale = 380.0 / span
    else:
        lo, scale = np.zeros(2), 1.0
    lines = [
        "%!PS-Adobe-3.0 EPSF-3.0",
        f"%%BoundingBox: 0 0 {int(width)} {int(height)}",
        "%%Creator: NeuroQt",
        "%%EndComments",
        "1 setlinewidth 1 setlinecap",
    ]

    def sx(x: float) -> float:
        return (x - lo[0]) * scale + 10

    def sy(y: float) -> float:
        return (y - lo[1]) * scale + 10

    filled = view.item.is_filled()
    corners = view.item.quad_corners() if filled else None
    for k, ((x0, y0), (x1, y1), c) in enumerate(zip(a0, a1, colors)):
        rgb = f"{c.redF():.3f} {c.greenF():.3f} {c.blueF():.3f} setrgbcolor"
        if corners is not None:
            qx, qy = corners[0][4 * k : 4 * k + 4], corners[1][4 * k : 4 * k + 4]
            path = " ".join(
                f"{sx(x):.2f} {sy(y):.2f} {op}"
                for x, y, op in zip(qx, qy, ("moveto", "lineto", "lineto", "lineto"))
            )
            lines.append(f"{rgb} newpath {path} closepath fill")
        else:
            lines.append(
                f"{rgb} newpath {sx(x0):.2f} {sy(y0):.2f} moveto "
                f"{sx(x1):.2f} {sy(y1):.2f} lineto stroke"
            )
    lines += ["showpage", "%%EOF", ""]
    Path(filename).write_text("\n".join(lines), encoding="ascii")
