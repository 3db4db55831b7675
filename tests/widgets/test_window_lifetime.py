"""A window the script lets go of is freed, with its Qt tree, by reference counting.

Nothing in a window's Qt side (view box, menu actions, signal connections) may keep
its Graph or Shape alive: such a back-reference made a cycle only the garbage
collector could free (in an order that crashed), or, held inside a Qt connection, a
leak that lived until exit.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from _shape_support import clear_sections, tutorial_tree
from PySide6.QtWidgets import QApplication

from sim import h
from widgets.graph import Graph
from widgets.shape import PlotShape, Shape


@pytest.fixture
def no_gc():
    """The collector off: what is freed here is freed by reference counting alone."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()
    clear_sections()


def _unmap_and_probe(obj) -> tuple[weakref.ref, list[bool]]:
    view = obj.widget() if isinstance(obj, Graph) else obj._view
    deleted: list[bool] = []
    view.destroyed.connect(lambda *_: deleted.append(True))
    QApplication.processEvents()
    obj.unmap()
    return weakref.ref(obj), deleted


def _assert_freed(probe: weakref.ref, deleted: list[bool]) -> None:
    QApplication.processEvents()
    assert probe() is None, "the object is still alive"
    assert deleted, "its window was not deleted"


def _used_graph() -> tuple[weakref.ref, list[bool]]:
    g = Graph()
    x = h.ref(1.0)
    g.addvar("x", x)
    g.begin()
    g.plot(0)
    g.flush()
    g.beginline()
    g.line(0, 0)
    g.line(1, 1)
    g.label(0.5, 0.5, "text")
    g.exec_menu("Crosshair")
    g.exec_menu("Keep Lines")
    g.erase()
    return _unmap_and_probe(g)


def test_a_used_graph_is_freed_with_its_window(qt_windows, no_gc):
    _assert_freed(*_used_graph())


def _used_shape(cls: type) -> tuple[weakref.ref, list[bool]]:
    s = cls()
    s.flush()
    if cls is PlotShape:
        s.exec_menu("Shape Plot")
    else:
        s.show(1)
    return _unmap_and_probe(s)


@pytest.mark.parametrize("cls", [Shape, PlotShape])
def test_a_shape_window_is_freed_with_its_window(cls, qt_windows, no_gc):
    tutorial_tree()
    _assert_freed(*_used_shape(cls))
