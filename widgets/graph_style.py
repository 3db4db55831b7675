"""NEURON's colour and brush palettes and mark glyphs, as Qt pens and pyqtgraph symbols.

Colour indices follow NEURON's defaults (0 white, 1 black, 2 red, 3 blue, 4 green,
5 orange, 6 brown, 7 violet, 8 yellow, 9 gray); ``Graph.color(i, "name")`` changes an
entry.  Brush 0 is the thinnest line, 1-4 are solid lines of that many pixels and
higher indices are dashed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

__all__ = [
    "GLYPHS",
    "brush_pen",
    "color_of",
    "glyph_symbol",
    "set_brush",
    "set_color",
]

_DEFAULT_COLORS = [
    "white",
    "black",
    "red",
    "blue",
    "green",
    "orange",
    "brown",
    "violet",
    "yellow",
    "gray",
]
_colors: dict[int, QColor] = {i: QColor(name) for i, name in enumerate(_DEFAULT_COLORS)}

# (width in px, dash pattern or None); index 0 is a cosmetic hairline.
_brushes: dict[int, tuple[float, list[float] | None]] = {
    0: (1.0, None),
    1: (1.0, None),
    2: (2.0, None),
    3: (3.0, None),
    4: (4.0, None),
    5: (1.0, [4, 4]),
    6: (1.0, [8, 4]),
    7: (1.0, [2, 3]),
    8: (2.0, [4, 4]),
    9: (2.0, [8, 4]),
    10: (2.0, [2, 3]),
}

# Mark glyphs by NEURON letter, in NEURON's index order 0-8: (pyqtgraph symbol, filled).
GLYPHS: dict[str, tuple[str, bool]] = {
    "+": ("+", True),  # strokes: pyqtgraph draws them as thin filled shapes
    "o": ("o", False),
    "s": ("s", False),
    "O": ("o", True),
    "S": ("s", True),
    "T": ("t1", True),
    "t": ("t1", False),
    "|": ("|", True),
    "-": ("_", True),
}
_GLYPH_ORDER = "+osOSTt|-"


def color_of(index: float | int) -> QColor:
    """The colour of palette index ``index`` (indices past the table wrap round 1-9)."""
    i = int(index)
    if i in _colors:
        return QColor(_colors[i])
    if i < 0:
        return QColor(_colors[1])
    return QColor(_colors[1 + (i - 1) % 9])


def set_color(index: int, name: str) -> None:
    """``Graph.color(i, "name")``: change palette entry ``i`` (0-100)."""
    color = QColor(name)
    if not color.isValid():
        raise ValueError(f"color({index}, {name!r}): unknown colour name {name!r}")
    if not 0 <= index <= 100:
        raise ValueError(f"color({index}, ...): the palette index must be 0 to 100")
    _colors[index] = color


def set_brush(index: int, pattern: int, width: float) -> None:
    """``Graph.brush(i, pattern, width)``: pattern 0 solid, others dashed."""
    dashes = None if pattern == 0 else [max(1, pattern % 16), 3]
    _brushes[int(index)] = (float(width), dashes)


def brush_pen(color: float | int, brush: float | int = 1) -> QPen:
    """A cosmetic pen for palette colour ``color`` drawn with brush ``brush``."""
    width, dashes = _brushes.get(int(brush), _brushes[1 + (abs(int(brush)) - 1) % 10])
    pen = QPen(color_of(color))
    pen.setCosmetic(True)
    pen.setWidthF(width if int(brush) != 0 else 0.0)
    if dashes:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern(dashes)
    return pen


def glyph_symbol(style: str | float | int) -> tuple[str, bool]:
    """(pyqtgraph symbol, filled) for a mark style letter or index 0-8."""
    if isinstance(style, str):
        if style not in GLYPHS:
            raise ValueError(
                f"mark style {style!r} is not one of {' '.join(_GLYPH_ORDER)} (or index 0-8)"
            )
        return GLYPHS[style]
    i = int(style)
    if not 0 <= i < len(_GLYPH_ORDER):
        raise ValueError(f"mark style index {i} must be 0 to 8 ({_GLYPH_ORDER})")
    return GLYPHS[_GLYPH_ORDER[i]]
