"""h.Graph's drawing API as a script and a person use it (no run needed)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from sim import h
from widgets.graph import Graph
from widgets.graph_items import LiveLine, StaticLine, VectorLine


class Vec:
    """A minimal stand-in with h.Vector's reading interface (as_numpy, len)."""

    def __init__(self, values) -> None:
        self.data = np.asarray(values, dtype=float)

    def as_numpy(self) -> np.ndarray:
        return self.data

    def from_python(self, values) -> None:
        self.data = np.asarray(values, dtype=float)

    def __len__(self) -> int:
        return len(self.data)


@pytest.fixture
def graph(qt_windows, qtbot):
    g = Graph()
    g.size(0, 10, -1, 1)
    yield g
    g.unmap()


def curve_data(line) -> tuple[np.ndarray, np.ndarray]:
    x, y = line.curve.getData()
    return (np.asarray(x), np.asarray(y)) if x is not None else (np.array([]), np.array([]))


def test_graph_maps_as_a_graph_window_and_size_reads_the_view(graph, qt_windows):
    rec = [r for r in qt_windows.records() if r.owner is graph]
    assert rec and rec[0].kind == "graph" and rec[0].title == "Graph  x 0 : 10  y -1 : 1"
    assert [graph.size(i) for i in (1, 2, 3, 4)] == pytest.approx([0, 10, -1, 1])
    assert graph.view_count() == 1


def test_graph_zero_stays_unmapped_until_view(qt_windows, qtbot):
    g = Graph(0)
    assert g.view_count() == 0
    g.view(0, -80, 5, 120, 100, 100, 300, 200)
    assert g.view_count() == 1
    assert g.size(1) == pytest.approx(0) and g.size(4) == pytest.approx(40)
    g.unmap()
    assert g.view_count() == 0


def test_addvar_begin_plot_flush_draws_the_samples(graph):
    x = h.ref(0.0)
    graph.addvar("x", x, 2, 1)
    graph.begin()
    for i in range(5):
        x[0] = i * i
        graph.plot(i)
    graph.flush()
    line = graph.live_lines()[0]
    xs, ys = curve_data(line)
    assert list(xs) == [0, 1, 2, 3, 4]
    assert list(ys) == [0, 1, 4, 9, 16]
    assert "x" in graph.labels()


def test_addvar_of_a_python_callable_and_label(graph):
    graph.addvar("sine", lambda: 0.5)
    graph.begin()
    graph.plot(1)
    graph.plot(2)
    graph.flush()
    assert list(curve_data(graph.live_lines()[0])[1]) == [0.5, 0.5]
    assert "sine" in graph.labels()


def test_keep_lines_keeps_the_previous_run_as_a_line(graph):
    amp = h.ref(1.0)
    graph.addvar("amp", amp)
    graph.exec_menu("Keep Lines")
    assert graph.keep_lines()
    for a in (1.0, 2.0):
        amp[0] = a
        graph.begin()
        for i in range(3):
            graph.plot(i)
        graph.flush()
    graph.begin()  # a third begin keeps the second run
    kept = [ln for ln in graph._lines if isinstance(ln, StaticLine)]
    assert [list(k.arrays()[1]) for k in kept] == [[1, 1, 1], [2, 2, 2]]
    graph.exec_menu("Keep Lines")
    assert not graph.keep_lines()


def test_erase_removes_drawn_lines_but_keeps_addvar_lines(graph):
    graph.addvar("x", h.ref(3.0))
    graph.beginline()
    graph.line(0, 0)
    graph.line(1, 1)
    graph.mark(1, 1, "O")
    graph.erase()
    assert [type(ln) for ln in graph._lines] == [LiveLine]
    assert graph._marks == []
    graph.erase_all()
    assert graph._lines == [] and graph.labels() == []


def test_beginline_line_draws_in_colour_and_brush(graph, qtbot):
    graph.beginline("sine", 3, 2)
    for i in range(11):
        graph.line(i, math.sin(i))
    qtbot.waitUntil(lambda: len(curve_data(graph._lines[-1])[0]) == 11)
    line = graph._lines[-1]
    pen = line.curve.opts["pen"]
    assert pen.color().name() == "#0000ff"  # palette 3 is blue
    assert pen.widthF() == 2


@pytest.mark.parametrize("style", [*"+osOSTt|-", 0, 8])
def test_mark_accepts_every_glyph_style(graph, style):
    graph.mark(5, 0.5, style, 10, 2)
    assert len(graph._marks) == 1


def test_mark_rejects_an_unknown_style(graph):
    with pytest.raises(ValueError, match="mark style"):
        graph.mark(1, 1, "x")


def test_label_forms(graph):
    graph.label(0.1, 0.9, "first")
    graph.label("second")  # one line below
    graph.label(0.5, 0.5)  # sets the next position
    graph.label("third")
    graph.label(5, 0, "fixed", 1, 1, 0, 0, 2)
    assert graph.labels() == ["first", "second", "third", "fixed"]
    first, second, third, fixed = graph._labels
    assert second.y < first.y
    assert (third.x, third.y) == (0.5, 0.5)
    assert (fixed.item.pos().x(), fixed.item.pos().y()) == (5, 0)
    (l, r), _ = graph._plot.viewRange()
    assert first.item.pos().x() == pytest.approx(l + 0.1 * (r - l))


def test_color_with_name_changes_the_palette(graph):
    graph.color(11, "magenta")
    graph.beginline(11, 1)
    assert graph._lines[-1].curve.opts["pen"].color().name() == "#ff00ff"


def test_vector_plot_is_by_reference_and_redrawn_on_flush(graph):
    y = Vec([1, 2, 3])
    graph._vector_plot(y, 0.5)
    line = graph._lines[-1]
    assert isinstance(line, VectorLine)
    assert list(curve_data(line)[0]) == [0, 0.5, 1.0]
    y.data = np.array([5.0, 6, 7, 8])
    graph.flush()
    assert list(curve_data(line)[1]) == [5, 6, 7, 8]


def test_getline_iterates_lines(graph):
    graph.beginline()
    graph.line(0, 1)
    graph.line(1, 2)
    graph._vector_plot(Vec([4, 5]))
    xv, yv = Vec([]), Vec([])
    i = graph.getline(-1, xv, yv)
    assert i == 0 and list(yv.data) == [1, 2]
    i = graph.getline(i, xv, yv)
    assert i == 1 and list(xv.data) == [0, 1] and list(yv.data) == [4, 5]
    assert graph.getline(i, xv, yv) == -1


def test_view_equals_plot_fits_the_data(graph):
    graph.beginline()
    graph.line(100, -50)
    graph.line(200, 50)
    graph.exec_menu("View = plot")
    assert graph.size(1) == pytest.approx(100) and graph.size(2) == pytest.approx(200)
    graph.exec_menu("Whole Scene")
    assert graph.size(2) == pytest.approx(10)


def test_exec_menu_unknown_item_says_so(graph):
    with pytest.raises(ValueError, match="no menu item 'Nope'"):
        graph.exec_menu("Nope")


def test_menu_action_adds_an_item_that_runs_the_callable(graph):
    hits = []
    graph.menu_action("Say hi", lambda: hits.append("hi"))
    menu = graph.widget().build_menu()
    texts = [a.text() for a in menu.actions()]
    assert "Say hi" in texts and "Keep Lines" in texts and "Export data (CSV)..." in texts
    next(a for a in menu.actions() if a.text() == "Say hi").trigger()
    assert hits == ["hi"]


def test_menu_tool_gets_press_drag_release_in_scene_coordinates(graph, qtbot):
    calls = []
    graph.menu_tool("Probe", lambda kind, x, y, keys: calls.append((kind, round(x), keys)))
    vb = graph.widget().view_box
    scene_point = vb.mapViewToScene(QPointF(5, 0))

    class Ev:
        def button(self):
            return Qt.MouseButton.LeftButton

        def accept(self):
            pass

        def scenePos(self):
            return scene_point

        def modifiers(self):
            return Qt.KeyboardModifier.ShiftModifier

    vb.mouseClickEvent(Ev())
    assert calls == [(2, 5, 2), (3, 5, 2)]


def test_crosshair_key_press_calls_the_action_with_the_nearest_point(graph, qtbot):
    got = []
    graph.beginline()
    graph.line(2, 0.25)
    graph.line(8, -0.5)
    graph.crosshair_action(lambda x, y, key: got.append((x, y, chr(int(key)))))
    view = graph.widget()
    view.move_crosshair(7.6, -0.3)
    qtbot.keyClick(view, "a")
    assert got == [(8.0, -0.5, "a")]


def test_printfile_png_svg_eps(graph, tmp_path):
    graph.beginline(2, 2)
    for i in range(50):
        graph.line(i / 5, math.sin(i / 5))
    graph.label(0.1, 0.9, "a sine")
    for ext in ("png", "svg", "eps", "pdf"):
        path = tmp_path / f"g.{ext}"
        graph.printfile(str(path))
        assert path.stat().st_size > 1000, ext
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "g.svg").read_text()
    assert ("<svg" in svg and "<path" in svg) or "<polyline" in svg
    assert (tmp_path / "g.eps").read_text().startswith("%!PS-Adobe-3.0 EPSF-3.0")
    assert (tmp_path / "g.pdf").read_bytes()[:5] == b"%PDF-"
    with pytest.raises(ValueError, match=r"use \.png, \.svg, \.pdf or \.eps"):
        graph.printfile(str(tmp_path / "g.bmp"))


def test_family_draws_new_lines_in_the_graph_colour_and_keeps_them(graph):
    amp = h.ref(1.0)
    graph.addvar("amp", amp, 2, 1)
    graph.family(1)
    for a, colour in ((1.0, 3), (2.0, 4), (3.0, 5)):
        amp[0] = a
        graph.color(colour)
        graph.begin()
        graph.plot(0)
        graph.plot(1)
        graph.flush()
    live = graph.live_lines()[0]
    assert live.color == 5 and live.curve.opts["pen"].color().name() == "#ffa500"  # orange
    graph.begin()
    kept = [ln for ln in graph._lines if isinstance(ln, StaticLine)]
    assert [(k.color, list(k.arrays()[1])) for k in kept] == [
        (3, [1, 1]),
        (4, [2, 2]),
        (5, [3, 3]),
    ]
    graph.family(0)
    assert live.color == 2 and live.curve.opts["pen"].color().name() == "#ff0000"


def test_xaxis_modes_and_range(graph):
    graph.xaxis(3)
    assert not graph._plot.getAxis("bottom").isVisible()
    graph.xaxis(0, 20, 0, 4)
    assert graph._plot.getAxis("bottom").isVisible()
    assert graph.size(2) == pytest.approx(20)


def test_addobject_redraws_a_rangevarplot_like_object_on_flush(graph):
    class Path:
        var = "v"

        def __init__(self) -> None:
            self.values = [1.0, 2.0]

        def xy(self):
            return np.arange(len(self.values), dtype=float) * 10, np.array(self.values)

    path = Path()
    graph.addobject(path, 2, 1)
    line = graph._lines[-1]
    assert list(curve_data(line)[1]) == [1, 2]
    path.values = [5.0, 6.0, 7.0]
    graph.flush()
    assert list(curve_data(line)[0]) == [0, 10, 20]
    assert "v" in graph.labels()
    with pytest.raises(TypeError, match="addobject"):
        graph.addobject(42)


def test_menu_tool_while_a_panel_is_open_adds_a_radio_button(graph):
    from widgets import panel
    from widgets.panel_controls import RadioControl

    panel.xpanel("Tools")
    graph.menu_tool("Pick", lambda *a: None)
    graph.menu_tool("Zap", lambda *a: None)
    panel.xpanel()
    radios = [w for w in panel.last_panel().items if isinstance(w, RadioControl)]
    assert [r.text() for r in radios] == ["Pick", "Zap"]
    assert graph._active_tool == "Zap"
    radios[0].click()
    assert graph._active_tool == "Pick"
    panel.last_panel().close()


@pytest.mark.qt_log_ignore("does not support grabbing")  # a popup menu, offscreen
def test_right_click_opens_neurons_menu_and_keep_lines_toggles(graph, qtbot):
    from PySide6.QtWidgets import QApplication, QMenu

    view = graph.widget()
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    viewport = view.plot_widget.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=viewport.rect().center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    texts = [a.text() for a in menu.actions()]
    for item in ("View . . .", "Crosshair", "Plot what?", "Keep Lines", "Erase", "Copy image"):
        assert item in texts
    next(a for a in menu.actions() if a.text() == "Keep Lines").trigger()
    menu.close()
    assert graph.keep_lines()


def test_crosshair_without_an_action_prints_the_point(graph, qtbot, capsys):
    graph.beginline()
    graph.line(3, 0.5)
    graph.exec_menu("Crosshair")
    view = graph.widget()
    view.move_crosshair(2.9, 0.4)
    qtbot.keyClick(view, "p")
    assert capsys.readouterr().out.strip() == "3 0.5"


def test_a_long_trace_is_peak_decimated_to_the_view_and_redone_on_zoom(graph):
    from widgets.graph_items import LiveLine
    from widgets.graph_source import Source

    n = 1_000_000
    t = Vec(np.arange(n) * 0.025)
    y = Vec(np.sin(np.arange(n) * 0.01))
    y.data[123_456] = 5.0  # a one-sample spike must survive decimation
    graph.widget().resize(600, 400)
    graph.size(0, n * 0.025, -1, 6)
    line = LiveLine(Source("y", lambda: 0.0), 2, 1)
    graph._add_line(line)
    line.attach_recording(t, y, 0.0, (0.0, 0.0))
    graph.flush()
    xs, ys = curve_data(line)
    assert len(xs) < 5000
    assert ys.max() == 5.0 and ys.min() == pytest.approx(-1, abs=1e-3)
    graph.size(1000, 1010, -1, 6)  # zoom in: every sample again
    xs, _ = curve_data(line)
    assert len(xs) == 403 and xs[1] - xs[0] == pytest.approx(0.025)
