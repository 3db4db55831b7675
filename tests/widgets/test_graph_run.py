"""Graphs during runs: the standard run system's graph lists, newPlotV, Vector.plot, errors."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from sim import h
from widgets import graph_stdrun, graph_vector
from widgets.binding import set_error_handler
from widgets.graph import Graph
from widgets.panel_controls import ButtonControl


@pytest.fixture
def run_gui(qt_windows, qtbot):
    """stdrun loaded, the threaded driver and the graph names of h installed."""
    from app import simthread
    from sim import section, stdrun

    h.load_file("stdrun.hoc")
    names = ["initPlot", "flushPlot", "fastflushPlot", "tstop_changed", "Graph"]
    saved = {n: h._symbols.get(n) for n in names}
    for name, impl in {**graph_stdrun.implementations(), "Graph": Graph}.items():
        if name in names:
            h._register(name, impl)
    graph_vector.install()
    simthread.install()
    section.delete_all_sections()
    h.stoprun = 0
    errors: list[BaseException] = []
    old_handler = set_error_handler(lambda et, ev, tb: errors.append(ev))
    graphs: list[Graph] = []
    yield {"graphs": graphs, "errors": errors}
    set_error_handler(old_handler)
    for g in graphs:
        for lst in h.graphList:
            i = int(lst.index(g))
            if i >= 0:
                lst.remove(i)
        g.erase_all()  # releases the vectors it plotted (and their recordings)
        g.unmap()
    for name, sym in saved.items():
        if sym is not None:
            h._register(name, sym)
    stdrun.set_run_driver(None)
    section.delete_all_sections()


def hh_soma():
    soma = h.Section(name="soma")
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 0.5, 50
    return soma, stim


def test_newplotv_plots_v_of_the_accessed_section(run_gui):
    soma, _stim = hh_soma()
    h.tstop = 5
    h.push_section(sec=soma)
    try:
        g = graph_stdrun.newPlotV()
    finally:
        h.pop_section()
    run_gui["graphs"].append(g)
    assert g in list(h.graphList[0])
    assert (g.size(1), g.size(2), g.size(3), g.size(4)) == pytest.approx((0, 5, -80, 40))
    tvec, vvec = h.Vector().record(h._ref_t), h.Vector().record(soma(0.5)._ref_v)
    h.run()
    x, y = g.live_lines()[0].curve.getData()
    np.testing.assert_array_equal(x, tvec.as_numpy())
    np.testing.assert_array_equal(y, vvec.as_numpy())
    assert len(x) == 201


def test_graphlist_1_plots_currents_at_t_minus_half_dt(run_gui):
    _soma, stim = hh_soma()
    g = Graph()
    run_gui["graphs"].append(g)
    g.addvar("IClamp.i", stim._ref_i)
    h.graphList[1].append(g)
    h.tstop = 2
    h.run()
    x, _ = g.live_lines()[0].curve.getData()
    assert x[0] == pytest.approx(-0.0125)
    assert x[-1] == pytest.approx(2 - 0.0125)


def test_addexpr_of_an_expression_is_sampled_every_step(run_gui):
    soma, _stim = hh_soma()
    g = Graph()
    run_gui["graphs"].append(g)
    g.addvar("2v", lambda: 2 * soma(0.5).v)
    h.graphList[0].append(g)
    vvec = h.Vector().record(soma(0.5)._ref_v)
    h.tstop = 1
    h.run()
    _, y = g.live_lines()[0].curve.getData()
    np.testing.assert_allclose(y, 2 * vvec.as_numpy())


def test_vector_plot_redraws_on_flush_after_the_vector_changes(run_gui):
    g = Graph()
    run_gui["graphs"].append(g)
    vec = h.Vector([1.0, 2.0, 3.0])
    vec.plot(g, 0.1, 3, 2)
    line = g._lines[-1]
    assert list(line.curve.getData()[1]) == [1, 2, 3]
    vec.append(4.0)
    vec[0] = 10
    g.flush()
    x, y = line.curve.getData()
    assert list(y) == [10, 2, 3, 4]
    assert list(x) == pytest.approx([0, 0.1, 0.2, 0.3])
    assert line.curve.opts["pen"].color().name() == "#0000ff"


def test_flush_list_graphs_follow_their_vectors_during_a_run(run_gui, qtbot):
    soma, _stim = hh_soma()
    g = Graph()
    run_gui["graphs"].append(g)
    vvec = h.Vector().record(soma(0.5)._ref_v)
    vvec.plot(g)
    h.flush_list.append(g)
    h.tstop = 3
    h.run()
    _, y = g._lines[-1].curve.getData()
    assert len(y) == 121
    i = int(h.flush_list.index(g))
    h.flush_list.remove(i)


def test_a_button_that_raises_during_a_run_is_reported_and_the_run_finishes(run_gui, qtbot):
    _model = hh_soma()
    from widgets import panel

    def broken():
        raise ValueError("button callback failed")

    panel.xpanel("Buttons")
    panel.xbutton("Broken", broken)
    panel.xpanel()
    buttons = [w for w in panel.last_panel().items if isinstance(w, ButtonControl)]
    h.tstop = 1e8
    QTimer.singleShot(100, buttons[0].click)
    QTimer.singleShot(300, lambda: setattr(h, "stoprun", 1))
    h.run()
    assert any("button callback failed" in str(e) for e in run_gui["errors"])
    assert 0 < h.t < 1e8
    h.tstop = 1
    h.run()  # still usable
    assert h.t == pytest.approx(1)


def test_phase_plane_on_graphlist_3_uses_xexpr(run_gui):
    soma, _stim = hh_soma()
    g = Graph()
    run_gui["graphs"].append(g)
    g.xexpr("soma.v(0.5)")
    g.addvar("m", soma(0.5).hh._ref_m)
    h.graphList[3].append(g)
    v, m = h.Vector().record(soma(0.5)._ref_v), h.Vector().record(soma(0.5).hh._ref_m)
    h.tstop = 3
    h.run()
    x, y = g.live_lines()[0].curve.getData()
    np.testing.assert_array_equal(x, v.as_numpy())
    np.testing.assert_array_equal(y, m.as_numpy())


def test_a_failing_expression_is_reported_once_and_the_run_goes_on(run_gui):
    _model = hh_soma()
    g = Graph()
    run_gui["graphs"].append(g)
    calls = []

    def bad():
        calls.append(1)
        if len(calls) > 3:
            raise ZeroDivisionError("bad expression")
        return 0.0

    g.addvar("bad", bad)
    h.graphList[0].append(g)
    h.tstop = 1
    h.run()
    assert h.t == pytest.approx(1)
    assert [str(e) for e in run_gui["errors"]] == ["bad expression"]


def test_a_hoc_graph_plots_during_a_hoc_run(run_gui):
    ok = h(
        """
        create hsoma
        access hsoma
        insert hh
        objref hg
        hg = new Graph()
        hg.size(0, 2, -80, 40)
        hg.addvar("hsoma.v(.5)", 2, 1)
        graphList[0].append(hg)
        tstop = 2
        run()
        """
    )
    assert ok
    g = h.hg
    run_gui["graphs"].append(g)
    assert isinstance(g, Graph)
    x, y = g.live_lines()[0].curve.getData()
    assert len(x) == 81 and y[0] == pytest.approx(-65)


def test_addplot_sizes_and_lists_the_graph(run_gui):
    g = Graph()
    run_gui["graphs"].append(g)
    h.tstop = 7
    graph_stdrun.addplot(g, 2)
    assert g in list(h.graphList[2])
    assert [g.size(i) for i in (1, 2, 3, 4)] == pytest.approx([0, 7, -1, 1])
    with pytest.raises(ValueError, match="0 to 3"):
        graph_stdrun.addplot(g, 5)


def test_vector_line_mark_and_ploterr(run_gui):
    g = Graph()
    run_gui["graphs"].append(g)
    y, x, err = h.Vector([1.0, 4.0, 9.0]), h.Vector([0.0, 1.0, 2.0]), h.Vector([0.5, 0.5, 1.0])
    y.line(g, x, 2, 1)
    snapshot = g._lines[-1]
    y[0] = 100
    g.flush()
    assert list(snapshot.curve.getData()[1]) == [1, 4, 9]  # line() is a snapshot
    y.mark(g, x, "O", 8, 3)
    assert len(g._marks) == 1 and len(g._marks[0].data) == 3  # one item, three marks
    y.ploterr(g, x, err)
    assert len(g._marks) == 2


def qt_windows_registry():
    from layouts.registry import registry

    return registry()


def test_a_closed_graph_lets_its_recordings_go(run_gui, qtbot):
    """Deleting a section a closed graph was recording must not break the next run."""
    from sim import section

    soma, _stim = hh_soma()
    g = Graph()
    g.addvar("v", soma(0.5)._ref_v)
    h.graphList[0].append(g)
    h.tstop = 1
    h.run()
    h.graphList[0].remove(int(h.graphList[0].index(g)))
    record = next(r for r in qt_windows_registry().records() if r.owner is g)
    qt_windows_registry().remove(record)  # the window is closed and deleted, as close_all does
    g.widget().deleteLater()
    qtbot.waitUntil(lambda: not g._alive[0])
    section.delete_all_sections()
    other = h.Section(name="other")
    h.finitialize(-65)  # no recording of the deleted soma left behind
    assert h.t == 0 and other(0.5).v == -65
    x, _ = g.live_lines()[0].arrays()
    assert len(x) == 41  # the closed graph kept what it had drawn
