"""PlotShape's Time Plot and Space Plot tools, made with the mouse, against headless numbers."""

from __future__ import annotations

import numpy as np
import pytest
from _shape_support import clear_sections, drag, keep, show_view, to_viewport
from PySide6.QtCore import Qt

from sim import h
from widgets.shape import PlotShape


@pytest.fixture
def cell():
    """soma (hh, L 20, diam 20) with a passive 200 um dendrite (nseg 9), stimulated at 1 ms."""
    clear_sections()
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 200, 2, 9
    dend.insert("pas")
    dend.connect(soma(1))
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 1, 0.5
    keep(soma, dend, stim)
    h.tstop = 5
    h.dt = 0.025
    yield {"soma": soma, "dend": dend, "stim": stim}
    clear_sections()


def test_time_plot_clicks_make_a_graph_equal_to_a_recording(qt_windows, qtbot, cell):
    ps = PlotShape()
    view = show_view(qtbot, ps)
    ps.exec_menu("Time Plot")
    assert view.tool() == "time"
    # the soma spans x 0..20 and the dendrite 20..220 along y = 0 (define_shape)
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=to_viewport(view, 10, 0)
    )
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=to_viewport(view, 130, 0)
    )
    g = ps.time_graph()
    assert g is not None and len(g.live_lines()) == 2
    marks = view.markers.points()  # each measured spot is marked on the cell
    assert len(marks) == 2
    assert marks[1].pos().x() == pytest.approx(130, abs=15)
    labels = [line.label for line in g.live_lines()]
    assert labels[0].startswith("soma(") and labels[1].startswith("dend(")
    dend_x = float(labels[1].split("(")[1].split(")")[0])
    assert dend_x == pytest.approx(110 / 200, abs=0.02)
    t_rec, v_soma, v_dend = h.Vector(), h.Vector(), h.Vector()
    t_rec.record(h._ref_t)
    v_soma.record(cell["soma"](0.5)._ref_v)
    v_dend.record(cell["dend"](dend_x)._ref_v)
    h.run()
    g.flush()
    for line, rec in zip(g.live_lines(), (v_soma, v_dend)):
        x, y = line.arrays()
        assert len(y) == len(rec) > 100
        assert np.array_equal(x, np.asarray(t_rec.as_numpy()))
        assert np.array_equal(y, np.asarray(rec.as_numpy()))
    assert max(v_soma.as_numpy()) > 0  # the soma fired: the lines show a spike
    g.unmap()


def test_space_plot_drag_makes_a_graph_of_v_along_the_path(qt_windows, qtbot, cell):
    ps = PlotShape()
    view = show_view(qtbot, ps)
    ps.exec_menu("Space Plot")
    assert view.tool() == "space"
    drag(view, to_viewport(view, 2, 0), to_viewport(view, 215, 0))
    plots = ps.space_plots()
    assert len(plots) == 1
    px, _py = view.overlay.getData()  # the path is drawn over the cell
    assert px[0] == pytest.approx(10) and px[-1] == pytest.approx(20 + 200 * 17 / 18)
    graph, _ = plots[0]
    h.finitialize(-65)
    h.continuerun(1.8)  # mid-pulse: v falls off along the dendrite
    graph.flush()
    line = graph._lines[0]
    x, y = line.arrays()
    soma, dend = cell["soma"], cell["dend"]
    # pressed on soma(0.1) and released on dend(0.975): as in NEURON, each end snaps to its
    # node -- soma(0.5) and the last dendrite centre -- and soma(1) = dend(0) lies between
    nodes = [soma(0.5), soma(1)] + [dend((i + 0.5) / 9) for i in range(9)]
    assert y == pytest.approx([seg.v for seg in nodes], abs=0)
    assert x == pytest.approx([0, 10] + [10 + (i + 0.5) * 200 / 9 for i in range(9)], abs=1e-4)
    assert y[0] > y[-1] + 1  # depolarised at the soma, less so at the far end
    graph.unmap()


def test_plotshape_recolours_live_during_a_threaded_run(qt_windows, qtbot, cell):
    """The movie: during h.run() on the simulation thread, the GUI timer recolours the cell."""
    from app import simthread
    from sim import stdrun

    simthread.install()
    try:
        ps = PlotShape()
        show_view(qtbot, ps)
        h.screen_update_invl = 0.01  # the shape plot follows it
        seen: list[tuple[float, tuple[str, ...]]] = []
        original = ps.flush

        def watching() -> float:
            t = float(h.t)  # the worker keeps going while this frame is drawn
            result = original()
            seen.append((t, tuple(c.name() for c in ps._view.item.piece_colors())))
            return result

        ps.flush = watching
        cell["stim"].dur = 1e9  # keeps firing: the colours keep changing
        h.tstop = 20000
        h.run()
    finally:
        stdrun.set_run_driver(None)
        h.screen_update_invl = 0.05
    assert ps._timer.interval() == 10
    during = [names for t, names in seen if 0 < t < 20000]
    assert len(during) >= 2, "the shape was recoloured while the run went on"
    assert len(set(during)) >= 2, "the colours changed as v changed"
    ps.flush = original
    ps.flush()
    soma, dend = cell["soma"], cell["dend"]
    expected = [soma(0.5).v] + [dend((i + 0.5) / 9).v for i in range(9)]
    assert ps.values() == pytest.approx(expected, abs=0)


def test_screenshot_of_an_action_potential_travelling_down_an_axon(qt_windows, qtbot, tmp_path):
    """A render check: mid-run, the depolarised part of the axon is drawn in the high colours."""
    import os
    from pathlib import Path

    clear_sections()
    h.load_file("stdrun.hoc")
    axon = h.Section(name="axon")
    axon.L, axon.diam, axon.nseg = 2000, 2, 101
    axon.insert("hh")
    stim = h.IClamp(axon(0))
    stim.delay, stim.dur, stim.amp = 0.2, 0.5, 2
    keep(axon, stim)
    ps = PlotShape()
    ps._view.item.set_line_width(6)
    view = show_view(qtbot, ps, 600, 220)
    h.finitialize(-65)
    h.continuerun(2.5)
    ps.flush()
    values = ps.values()
    peak = int(np.argmax(values))
    assert 10 < peak < 90 and values[peak] > 0  # the spike is on its way
    img = view.graphics.grab().toImage()
    at_peak = img.pixelColor(to_viewport(view, (peak + 0.5) * 2000 / 101, 0))
    at_rest = img.pixelColor(to_viewport(view, 1990, 0))
    assert at_peak.green() > 150 and at_peak.red() > 100  # yellow-green: high v
    assert at_rest.blue() > at_rest.green()  # purple-blue: resting v
    folder = (
        Path(__file__).parent / "screenshots"
        if os.environ.get("NEUROQT_WRITE_SCREENSHOTS")
        else tmp_path
    )
    view.grab().save(str(folder / "shape_plotshape_spike.png"))
    clear_sections()
