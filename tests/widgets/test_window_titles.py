"""Graph and shape windows are titled as NEURON titles them, and the title follows the view.

NEURON 9.0.2 (virtual X server + twm, titles read with PWManager.name and xwininfo):
``h.Graph()`` is titled ``Graph  x 0 : 300  y 0 : 200``; after ``size(0,10,-5,5)`` the
numbers change with the view (``Graph  x -1 : 11  y -6 : 6``: NEURON's view has a
margin); a graph shown by ``view(...)`` (``Graph(0)``, as sessions make them) is
``Graph[1]  x ...``; ``Shape()`` and ``PlotShape()`` windows are both ``Shape  x ...``.
NeuroQt's numbers are the region its window shows (%g, as NEURON prints them).
"""

from __future__ import annotations

import re

import pytest

from sim import h
from widgets import shape as shape_module
from widgets.graph import Graph
from widgets.window_title import extent_title

_EXTENT = re.compile(r"^(\S+)  x (\S+) : (\S+)  y (\S+) : (\S+)$")


def _record(qt_windows, owner):
    return next(r for r in qt_windows.records() if r.owner is owner)


def _dock_title(rec) -> str:
    parent = rec.widget.parentWidget()
    while parent is not None and not parent.isWindow() and parent.windowTitle() == "":
        parent = parent.parentWidget()
    return (parent or rec.widget).windowTitle()


def test_extent_title_prints_numbers_as_neuron():
    assert extent_title("Graph", (0, 300), (0, 200)) == "Graph  x 0 : 300  y 0 : 200"
    title = extent_title("Shape", (-106.8372, 292.0), (-0.0, 1e-7))
    assert title == "Shape  x -106.837 : 292  y 0 : 1e-07"


def test_a_graph_made_mapped_is_titled_graph_with_its_view_and_follows_zoom(qt_windows, qtbot):
    g = Graph()
    g.size(0, 10, -5, 5)
    rec = _record(qt_windows, g)
    assert rec.title == "Graph  x 0 : 10  y -5 : 5"
    g.exec_menu("10% Zoom out")
    qtbot.waitUntil(lambda: rec.title != "Graph  x 0 : 10  y -5 : 5")
    m = _EXTENT.match(rec.title)
    assert m and m.group(1) == "Graph"
    x0, x1, y0, y1 = (float(v) for v in m.groups()[1:])
    assert x1 - x0 == pytest.approx(11, rel=1e-5) and y1 - y0 == pytest.approx(11, rel=1e-5)
    assert _dock_title(rec) == rec.title  # what the person sees on the window
    g.unmap()


def test_a_graph_shown_by_view_carries_its_number(qt_windows):
    g = Graph(0)
    g.view(0, -80, 5, 120, 100, 100, 300, 200)
    rec = _record(qt_windows, g)
    assert rec.title == f"{g.hname()}  x 0 : 5  y -80 : 40"
    g.unmap()


@pytest.mark.parametrize("cls", ["PlotShape", "Shape"])
def test_shape_windows_are_titled_shape_with_the_region_shown(cls, qt_windows, qtbot):
    soma = h.Section(name="soma")
    soma.L, soma.diam = 100, 10
    shape = getattr(shape_module, cls)()
    rec = _record(qt_windows, shape)

    def matches_view() -> bool:
        (x0, x1), (y0, y1) = shape._view.viewbox.viewRange()
        return rec.title == extent_title("Shape", (x0, x1), (y0, y1))

    qtbot.waitUntil(matches_view)
    m = _EXTENT.match(rec.title)
    assert m and m.group(1) == "Shape"
    assert float(m.group(2)) < 0 and float(m.group(3)) > 100  # the whole 100 um soma
    shape.unmap()
    del soma


def test_new_plot_v_is_titled_graph_without_its_number(qt_windows):
    """NEURON 9.0.2: newPlotV()'s window is 'Graph  x -0.5 : 5.5  y -92 : 52' (no [i])."""
    from widgets import graph_stdrun

    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    g = graph_stdrun.newPlotV()
    rec = _record(qt_windows, g)
    assert _EXTENT.match(rec.title).group(1) == "Graph"
    assert _dock_title(rec) == rec.title
    g.unmap()
    del soma
