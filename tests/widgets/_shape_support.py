"""Helpers for the shape-view tests: models, showing a view, and driving the mouse."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from sim import h

_alive: list[Any] = []  # Python sections die when unreferenced: keep the test model alive


def clear_sections() -> None:
    from sim import section

    _alive.clear()
    if hasattr(section, "delete_all_sections"):
        section.delete_all_sections()


def keep(*objs: Any) -> None:
    """Keep model objects alive until :func:`clear_sections`."""
    _alive.extend(objs)


def tutorial_tree() -> dict[str, Any]:
    """The tutorial's seven-section tree (soma, proxApical, apic1/2, proxBasal, distBasal1/2)."""
    names = ("soma", "proxApical", "apic1", "apic2", "proxBasal", "distBasal1", "distBasal2")
    s = {n: h.Section(name=n) for n in names}
    s["proxApical"].connect(s["soma"])
    s["proxBasal"].connect(s["soma"](0))
    s["apic1"].connect(s["proxApical"])
    s["apic2"].connect(s["proxApical"])
    s["distBasal1"].connect(s["proxBasal"])
    s["distBasal2"].connect(s["proxBasal"])
    _alive.extend(s.values())
    return s


def three_section_cell() -> dict[str, Any]:
    """The tutorial's PlotShape example: main diam 10 with two diam 2 branches at main(1)."""
    main, d1, d2 = h.Section(name="main"), h.Section(name="dend1"), h.Section(name="dend2")
    d1.connect(main)
    d2.connect(main)
    main.diam = 10
    d1.diam = 2
    d2.diam = 2
    _alive.extend((main, d1, d2))
    return {"main": main, "dend1": d1, "dend2": d2}


def show_view(qtbot: Any, shape: Any, width: int = 500, height: int = 400) -> Any:
    """Size the shape's window, wait until it is on screen, and fit the cell in it."""
    view = shape._view
    view.resize(width, height)
    qtbot.waitExposed(view)
    shape._redraw_whole()
    QApplication.processEvents()
    return view


def to_viewport(view: Any, x: float, y: float) -> QPoint:
    """Widget pixel (in the graphics viewport) of the scene point (x, y) in µm."""
    scene = view.viewbox.mapViewToScene(QPointF(x, y))
    return view.graphics.mapFromScene(scene)


def drag(view: Any, p0: QPoint, p1: QPoint, steps: int = 6) -> None:
    """Press at p0, move with the left button held, release at p1."""
    vp = view.graphics.viewport()
    left = Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier

    def send(kind: QEvent.Type, p: QPoint, buttons: Any) -> None:
        pos = QPointF(p)
        glob = QPointF(vp.mapToGlobal(p))
        ev = QMouseEvent(kind, pos, glob, left, buttons, none)
        QApplication.sendEvent(vp, ev)

    send(QEvent.Type.MouseButtonPress, p0, left)
    for k in range(1, steps + 1):
        f = k / steps
        p = QPoint(round(p0.x() + f * (p1.x() - p0.x())), round(p0.y() + f * (p1.y() - p0.y())))
        send(QEvent.Type.MouseMove, p, left)
    send(QEvent.Type.MouseButtonRelease, p1, Qt.MouseButton.NoButton)
    QApplication.processEvents()


def grab(view: Any) -> QImage:
    return view.graphics.grab().toImage()


def dark(img: QImage, p: QPoint, limit: int = 200) -> bool:
    """True when the pixel is drawn (not the white background)."""
    c = img.pixelColor(p)
    return min(c.red(), c.green(), c.blue()) < limit


def run_length(img: QImage, x: int, y0: int, y1: int) -> int:
    """How many drawn pixels a vertical probe at column x finds between rows y0 and y1."""
    return sum(dark(img, QPoint(x, y)) for y in range(max(0, y0), min(img.height(), y1)))


def section_endpoints(shape: Any, sec: Any) -> tuple[np.ndarray, np.ndarray]:
    """First and last projected point of a section, from the drawn item's data."""
    m = shape._morph
    k = m.section_index(sec)
    sel = np.nonzero(m.piece_sec == k)[0]
    a0, a1 = shape._view.item.piece_endpoints()
    return a0[sel[0]], a1[sel[-1]]
