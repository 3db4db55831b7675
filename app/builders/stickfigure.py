"""The Cell Builder's stick figure: each section a labelled line from its parent's end,
children fanned out; clicking a section selects it (shown red).

Lengths are schematic (the Topology page is about connections, not geometry).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

__all__ = ["StickFigure"]

_ROOT_LEN = 40.0
_LEN = 70.0
_SPREAD = math.radians(70)


class StickFigure(QGraphicsView):
    """Draws ``names``/``parent_of`` as a tree; ``on_pick(name)`` when one is clicked."""

    def __init__(self, on_pick: Callable[[str], None]) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QColor("white"))
        self.setMinimumSize(220, 160)
        self._on_pick = on_pick
        self.segments: dict[str, tuple[QPointF, QPointF]] = {}
        self.selected = ""

    def draw(self, names: list[str], parent_of: Callable[[str], str | None], selected: str) -> None:
        self.selected = selected
        children: dict[str | None, list[str]] = {}
        for n in names:
            children.setdefault(parent_of(n), []).append(n)
        self.segments.clear()
        for root in children.get(None, []):
            self._place(root, QPointF(0, 0), 0.0, _ROOT_LEN, children)
        self._paint()

    def _place(
        self, name: str, start: QPointF, angle: float, length: float, children: dict
    ) -> None:
        end = QPointF(start.x() + length * math.cos(angle), start.y() - length * math.sin(angle))
        self.segments[name] = (start, end)
        kids = children.get(name, [])
        for i, kid in enumerate(kids):
            offset = 0.0 if len(kids) == 1 else _SPREAD * (i / (len(kids) - 1) - 0.5)
            self._place(kid, end, angle + offset, _LEN, children)

    def _paint(self) -> None:
        scene = self.scene()
        scene.clear()
        for name, (a, b) in self.segments.items():
            color = QColor("#d00000") if name == self.selected else QColor("black")
            pen = QPen(color, 5 if name == self.selected else 3)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            scene.addLine(a.x(), a.y(), b.x(), b.y(), pen)
            label = scene.addSimpleText(name)
            label.setBrush(color)
            box = label.boundingRect()
            if self.segments and name == next(iter(self.segments)):  # the root: below it
                label.setPos((a.x() + b.x() - box.width()) / 2, a.y() + 5)
            else:  # beyond the distal end, clear of the line
                label.setPos(b.x() + 6, b.y() - box.height() / 2)
        rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        scene.setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        if self.segments:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def nearest(self, p: QPointF) -> str | None:
        """The section whose line passes nearest the scene point ``p`` (within 12 units)."""
        best, best_d = None, 12.0
        for name, (a, b) in self.segments.items():
            d = _distance(p, a, b)
            if d < best_d:
                best, best_d = name, d
        return best

    def mousePressEvent(self, event: QMouseEvent) -> None:
        name = self.nearest(self.mapToScene(event.position().toPoint()))
        if name is not None:
            self._on_pick(name)
        super().mousePressEvent(event)

    def point_of(self, name: str) -> QPointF:
        """The view pixel at the middle of section ``name`` (for tests and tools)."""
        a, b = self.segments[name]
        return QPointF(self.mapFromScene((a + b) / 2))


def _distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    span = dx * dx + dy * dy
    t = (
        0.0
        if span == 0
        else max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / span))
    )
    return math.hypot(p.x() - a.x() - t * dx, p.y() - a.y() - t * dy)
