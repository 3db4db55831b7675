"""Graph labels are read whole, and line labels asked for at one place stack.

NEURON 9.0.2 (its Graph.printfile output for this graph, 300x200 window): three
addvar/addexpr labels all asked for at (0.8, 0.9) are drawn one text line apart at the
same x (y 167.8, 155.3, 142.8); NEURON clips text that runs past the right edge
("a long labe"), which NeuroQt moves in instead so the label can be read.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF

from sim import h
from widgets.graph import Graph

LONG = "a long label at x 0.8 here"


@pytest.fixture
def graph(qt_windows, qtbot):
    h("create soma")
    h("access soma")
    h.soma.insert("hh")
    g = Graph(0)
    g.size(0, 20, -80, 40)
    g.view(0, -80, 20, 120, 100, 100, 300, 200)
    qtbot.waitExposed(g.widget())
    yield g
    g.unmap()


def _rect(graph, text: str) -> QRectF:
    """Where a label's text is drawn, in the plot's scene (pixels)."""
    label = next(lb for lb in graph._labels if lb.text == text)
    item = label.item.textItem
    return item.mapRectToScene(item.boundingRect())


def _plot_area(graph) -> QRectF:
    vb = graph._plot.getViewBox()
    return vb.mapRectToScene(vb.boundingRect())


def test_line_labels_at_one_place_stack_one_line_apart(graph, qtbot):
    graph.addexpr("v(.5)", 1, 1, 0.8, 0.9, 2)
    graph.addvar("soma.ina(0.5)", 2, 1, 0.8, 0.9, 2)
    graph.addexpr("soma.gna_hh(0.5) * 1000", 3, 1, 0.8, 0.9, 2)
    rects = [_rect(graph, t) for t in ("v(.5)", "soma.ina(0.5)", "soma.gna_hh(0.5) * 1000")]
    assert rects[0].top() < rects[1].top() < rects[2].top()  # downwards, in order
    for upper, lower in itertools.pairwise(rects):
        assert upper.bottom() - 10 <= lower.top()  # they do not cover one another
        assert lower.top() - upper.top() < 1.6 * upper.height()  # one line apart
    assert len({round(r.left(), 3) for r in rects}) == 1  # one column


def test_a_label_running_past_the_right_edge_is_moved_in_whole(graph, qtbot):
    graph.label(0.8, 0.1, LONG, 2, 1, 0, 0, 4)
    area = _plot_area(graph)
    qtbot.waitUntil(lambda: area.contains(_rect(graph, LONG)))
    # it moved only as far as it had to: its right end is at the edge
    assert _rect(graph, LONG).right() == pytest.approx(area.right(), abs=2)


def test_labels_follow_the_view_and_still_fit_after_a_zoom(graph, qtbot):
    graph.addvar("soma.ina(0.5)", 2, 1, 0.8, 0.9, 2)
    graph.label(0.9, 0.5, "far right label", 2, 1, 0, 0, 1)
    graph.exec_menu("10% Zoom in")
    area = _plot_area(graph)
    for text in ("soma.ina(0.5)", "far right label"):
        assert area.contains(_rect(graph, text)), text


def test_a_label_fixed_in_data_coordinates_outside_the_view_is_not_pulled_in(graph):
    graph.label(100, 0, "far away", 1, 1, 0, 0, 1)  # x = 100: the view shows 0..20
    area = _plot_area(graph)
    assert _rect(graph, "far away").left() > area.right()
