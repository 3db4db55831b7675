"""Run as a script by test_gc_teardown.py: windows used and dropped as tests and users do.

Graphs (live lines, drawn lines, labels, marks, crosshair, Keep Lines, erase), shape
plots and boxes of panels are opened, used, closed or unmapped, and dropped while the
cycle collector is held off -- the pattern that once segfaulted inside ``gc`` (a
cycle of live Qt/pyqtgraph wrappers freed in an arbitrary order).  Then one
collection saves what it found (``gc.DEBUG_SAVEALL``) and the script prints how many
live Qt objects were left to the collector (it must be none: each is a window or item
Qt may delete while Python still frees its cycle), then collects for real.

Usage: ``python tests/app/_gc_scenario.py ROUNDS``; prints ``LIVE_QT_IN_GARBAGE n``
and ``SCENARIO_DONE``.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QGraphicsItem

app = QApplication.instance() or QApplication(["gc-scenario"])

from sim import h  # noqa: E402
from widgets.graph import Graph  # noqa: E402


def plain_graph() -> None:
    g = Graph()
    g.size(0, 10, -1, 1)
    app.processEvents()
    g.unmap()


def use_graph(i: int) -> None:
    g = Graph()
    g.size(0, 10, -1, 1)
    x = h.ref(0.0)
    g.addvar("x", x, 2, 1)
    g.begin()
    for k in range(5):
        x[0] = k * k
        g.plot(k)
    g.flush()
    g.beginline()
    g.line(0, 0)
    g.line(1, 1)
    g.flush()
    g.label(0.5, 0.5, "hello")
    g.mark(1, 1, "o")
    g.exec_menu("Crosshair")
    g.menu_action("Erase it", g.erase)
    g.keep_lines(True)
    g.begin()
    g.flush()
    if i % 3 == 0:
        g.erase()
    elif i % 3 == 1:
        g.erase_all()
    app.processEvents()
    if i % 2:
        g.unmap()
    else:  # closed by the person, and deleted, as the registry's close_all does
        from layouts.registry import registry

        for record in registry().records():
            if record.owner is g:
                registry().remove(record)
                record.widget.deleteLater()


def use_shape_and_box() -> None:
    soma = h.Section(name="soma")
    ps = h.PlotShape()
    ps.variable("v")
    ps.flush()
    box = h.VBox()
    box.intercept(1)
    h.xpanel("in a box")
    h.xbutton("button", lambda: None)
    h.xpanel()
    inner = Graph()
    inner.menu_action("Erase", inner.erase)
    box.intercept(0)
    box.map("box")
    app.processEvents()
    ps.unmap()
    box.unmap()
    del soma


def _dangerous(o: object) -> bool:
    """A live scene, an item in one, or a widget holding a view of one: what the
    collector must not free piece by piece (standalone menus and items may go)."""
    import shiboken6
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

    if not shiboken6.isValid(o):
        return False
    if isinstance(o, QGraphicsScene | QGraphicsView):
        return True
    if isinstance(o, QGraphicsItem):
        return o.scene() is not None
    return isinstance(o, QWidget) and bool(o.findChildren(QGraphicsView))


def live_qt_in_garbage() -> int:
    """Collect once, keeping what was found (finalizers have run, as in a real
    collection); count the Qt objects the collector would free while still live."""
    gc.set_debug(gc.DEBUG_SAVEALL)
    gc.collect()
    live = [o for o in gc.garbage if _dangerous(o)]
    for o in live[:10]:
        print("live in garbage:", type(o).__module__, type(o).__qualname__, flush=True)
    gc.set_debug(0)
    count = len(live)
    del live
    gc.garbage.clear()  # keeps nothing alive past this point
    return count


def main(rounds: int) -> None:
    from app.install import install_implementations, load_standard_run

    install_implementations()  # the real tools in h, without opening the main window
    load_standard_run()
    gc.collect()
    gc.disable()  # let cycles pile up, as they do between automatic collections
    for i in range(rounds):
        plain_graph()
        use_graph(i)
        use_shape_and_box()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    print("LIVE_QT_IN_GARBAGE", live_qt_in_garbage(), flush=True)  # (gc still off)
    gc.enable()
    for _ in range(3):
        gc.collect()
    print("SCENARIO_DONE", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6)
