"""Shape and PlotShape as a person sees and uses them (render checks, clicks, rotation)."""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import pytest
from _shape_support import (
    clear_sections,
    dark,
    drag,
    grab,
    keep,
    run_length,
    section_endpoints,
    show_view,
    three_section_cell,
    to_viewport,
    tutorial_tree,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from sim import h
from widgets.shape import PlotShape, Shape

SCREENSHOTS = Path(__file__).parent / "screenshots"


def save_shot(view, name: str, tmp_path: Path) -> None:
    """Keep the render: in screenshots/ with NEUROQT_WRITE_SCREENSHOTS=1 (looked at), else tmp."""
    folder = SCREENSHOTS if os.environ.get("NEUROQT_WRITE_SCREENSHOTS") else tmp_path
    view.grab().save(str(folder / name))


# NEURON 9.0.2's define_shape for the tutorial tree (x3d/y3d of first and last points).
NEURON_TREE_ENDS = {
    "soma": ((0.0, 0.0), (100.0, 0.0)),
    "proxApical": ((100.0, 0.0), (200.0, 0.0)),
    "apic1": ((200.0, 0.0), (292.1061096191406, 38.94183349609375)),
    "apic2": ((200.0, 0.0), (292.1061096191406, -38.94183349609375)),
    "proxBasal": ((0.0, 0.0), (-100.0, 8.742277714191005e-06)),
    "distBasal1": ((-100.0, 8.742277714191005e-06), (-192.10610961914062, -38.94182205200195)),
    "distBasal2": ((-100.0, 8.742277714191005e-06), (-192.10609436035156, 38.94186782836914)),
}


@pytest.fixture(autouse=True)
def _fresh_model():
    clear_sections()
    yield
    clear_sections()


def test_tutorial_tree_is_drawn_where_neuron_puts_it(qt_windows, qtbot, tmp_path):
    secs = tutorial_tree()
    s = Shape()
    view = show_view(qtbot, s)
    assert s._morph.n_segments == 7  # one segment each: one piece per section
    for name, (start, end) in NEURON_TREE_ENDS.items():
        a, b = section_endpoints(s, secs[name])
        assert a == pytest.approx(start, abs=1e-3), name
        assert b == pytest.approx(end, abs=1e-3), name
    img = grab(view)
    # pixel probes: the soma's middle and every branch tip are drawn, the space between is not
    for x, y in [(50, 0), (150, 0), (280, 33.8), (280, -33.8), (-180, 33.8), (-180, -33.8)]:
        p = to_viewport(view, x, y)
        assert run_length(img, p.x(), p.y() - 2, p.y() + 3) > 0, (x, y)
    assert run_length(img, to_viewport(view, 280, 0).x(), *_rows(view, 280, -20, 20)) == 0
    save_shot(view, "shape_tutorial_tree.png", tmp_path)


def click(qtbot, view, x: float, y: float) -> None:
    """A left click on the cell at model point (x, y) µm."""
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=to_viewport(view, x, y)
    )


def _rows(view, x, y0, y1):
    a, b = to_viewport(view, x, y1), to_viewport(view, x, y0)
    return a.y(), b.y()


def test_three_section_cell_show0_draws_diameters_to_scale(qt_windows, qtbot, tmp_path):
    three_section_cell()
    ps = PlotShape()
    ps.show(0)
    view = show_view(qtbot, ps)
    assert ps.show() == 0.0
    assert view.item.is_filled()
    img = grab(view)
    px_per_um = 1.0 / view.viewbox.viewPixelSize()[1]
    # a vertical probe across the middle of main (diam 10) and one across a branch (diam 2)
    main_mid = to_viewport(view, 50, 0)
    main_width = run_length(img, main_mid.x(), main_mid.y() - 60, main_mid.y() + 60)
    assert main_width == pytest.approx(10 * px_per_um, abs=3)
    # dend1 leaves main(1) at angle -0.4 rad: probe perpendicular-ish at its middle
    mid = np.array([100, 0]) + 50 * np.array([math.cos(-0.4), math.sin(-0.4)])
    p = to_viewport(view, *mid)
    branch = run_length(img, p.x(), p.y() - 20, p.y() + 20)
    assert branch == pytest.approx(2 * px_per_um / math.cos(0.4), abs=3)
    assert branch < main_width / 3
    save_shot(view, "shape_three_section_show0.png", tmp_path)


def test_pt3dadd_morphology_is_drawn_at_its_points_and_rotation_changes_projection(
    qt_windows, qtbot
):
    sec = h.Section(name="axon")
    pts = [(0, 0, 0, 2), (10, 5, 3, 2), (20, 5, -4, 1), (30, 12, 8, 1)]
    for p in pts:
        h.pt3dadd(*p, sec=sec)
    s = Shape()
    show_view(qtbot, s)
    a0, a1 = s._view.item.piece_endpoints()
    drawn = np.concatenate((a0, a1[-1:]))
    assert drawn == pytest.approx(np.array(pts, dtype=float)[:, :2])
    s.rotate(0, 0, 0, 0, math.pi / 2, 0)  # quarter turn about y through (0,0,0): x' = z
    a0, a1 = s._view.item.piece_endpoints()
    drawn = np.concatenate((a0, a1[-1:]))
    assert drawn[:, 0] == pytest.approx([p[2] for p in pts], abs=1e-9)
    assert drawn[:, 1] == pytest.approx([p[1] for p in pts])
    s.rotate(10, 5, 0, 0, 0, math.pi / 2)  # then a quarter turn about z through (10, 5, 0)
    a0, _ = s._view.item.piece_endpoints()
    assert a0[0] == pytest.approx([10 + 5 - 0, 5 + 0 - 10], abs=1e-9)  # (0,0) -> (15,-5)
    s.rotate()
    a0, _ = s._view.item.piece_endpoints()
    assert a0[:, 0] == pytest.approx([0, 10, 20])


def test_nseg_splits_pieces_at_segment_boundaries(qt_windows):
    sec = h.Section(name="cable")
    sec.nseg = 4
    h.pt3dadd(0, 0, 0, 1, sec=sec)
    h.pt3dadd(10, 0, 0, 1, sec=sec)
    h.pt3dadd(10, 30, 0, 1, sec=sec)
    s = Shape()
    m = s._morph
    assert m.n_segments == 4
    # arc length 40: boundaries at 10 (the corner), 20, 30
    assert list(m.piece_seg) == [0, 1, 2, 3]
    _, a1 = s._view.item.piece_endpoints()
    assert a1 == pytest.approx(np.array([[10, 0], [10, 10], [10, 20], [10, 30]]))


def test_clicking_a_section_gives_the_callback_that_section_and_x(qt_windows, qtbot):
    secs = tutorial_tree()
    s = Shape()
    view = show_view(qtbot, s)
    got = []
    s.action(lambda sec, x: got.append((sec, x)))
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=to_viewport(view, 130, 0)
    )
    assert len(got) == 1
    assert got[0][0] is secs["proxApical"]
    tol = 2 * view.viewbox.viewPixelSize()[0] / 100.0  # two pixels, as a fraction of L=100
    assert got[0][1] == pytest.approx(0.30, abs=tol)
    assert view.status.isVisible() and view.status.text().startswith("proxApical(0.")
    # NEURON's form: no arguments, the section is pushed and hoc_ac_ holds x
    seen = []
    s.action(lambda: seen.append((h.cas(), h.hoc_ac_)))
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=to_viewport(view, 25, 0)
    )
    assert seen[0][0] is secs["soma"]
    assert seen[0][1] == pytest.approx(0.25, abs=tol)
    assert s.push_selected() == pytest.approx(0.25, abs=tol)
    assert h.cas() is secs["soma"]
    h.pop_section()


def test_nearest_and_push_selected(qt_windows):
    secs = tutorial_tree()
    s = Shape()
    assert s.push_selected() == -1
    d = s.nearest(250, 15)
    assert d < 10
    x = s.push_selected()
    assert h.cas() is secs["apic1"]
    h.pop_section()
    assert 0.4 < x < 0.7


def test_menu_tool_callback_gets_press_and_release_in_model_coordinates(qt_windows, qtbot):
    tutorial_tree()
    s = Shape()
    view = show_view(qtbot, s)
    calls = []
    s.menu_tool("probe", lambda kind, x, y, keys: calls.append((kind, x, y, keys)))
    assert view.tool() == "user:probe"
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=to_viewport(view, 40, 0)
    )
    assert [c[0] for c in calls] == [2, 3]
    px = view.viewbox.viewPixelSize()[0]
    assert calls[0][1] == pytest.approx(40, abs=2 * px)
    assert calls[0][2] == pytest.approx(0, abs=2 * px)


def test_3d_rotate_tool_drag_rotates_and_space_resets(qt_windows, qtbot):
    tutorial_tree()
    s = Shape()
    view = show_view(qtbot, s)
    s.exec_menu("3D Rotate")
    assert view.tool() == "rotate"
    before, _ = view.item.piece_endpoints()
    drag(view, to_viewport(view, 0, 0), to_viewport(view, 120, 0))
    after, _ = view.item.piece_endpoints()
    assert not np.allclose(before, after)
    # dragging sideways turns about the vertical axis: y of every point is unchanged
    assert after[:, 1] == pytest.approx(before[:, 1], abs=1e-6)
    view.graphics.setFocus()
    qtbot.keyClick(view.graphics, Qt.Key.Key_Space)
    reset, _ = view.item.piece_endpoints()
    assert reset == pytest.approx(before)


def test_show_styles_and_exec_menu(qt_windows, qtbot):
    secs = tutorial_tree()
    secs["soma"].nseg = 3
    s = Shape()
    s.exec_menu("Show Diam")
    assert s.show() == 0 and s._view.item.is_filled()
    s.exec_menu("Schematic")
    assert s.show() == 2 and not s._view.item.is_filled()
    assert s._morph.n_segments == 9
    s.exec_menu("Centroid")
    assert s.show() == 1
    with pytest.raises(ValueError, match="no menu item 'Plot what\\?'"):
        s.exec_menu("Plot what?")
    with pytest.raises(ValueError, match="style"):
        s.show(5)


def test_colors_select_and_color_list(qt_windows):
    secs = tutorial_tree()
    s = Shape()
    s.color(3, sec=secs["apic1"])
    s.select(sec=secs["soma"])
    colors = s._view.item.piece_colors()
    m = s._morph
    by_sec = {m.sections[int(k)].name(): colors[i].name() for i, k in enumerate(m.piece_sec)}
    assert by_sec["apic1"] == "#0000e0"  # blue (3)
    assert by_sec["soma"] == "#e00000"  # selected: red
    assert by_sec["apic2"] == "#000000"
    s.color_all(4)
    assert {c.name() for c in s._view.item.piece_colors()} == {"#00a000", "#e00000"}


def test_batched_single_item_and_recolour_without_rebuild(qt_windows):
    secs = tutorial_tree()
    for sec in secs.values():
        sec.nseg = 5
    ps = PlotShape()
    items = [it for it in ps._view.viewbox.addedItems if it is ps._view.item]
    assert len(items) == 1  # one item draws all 35 segments
    morph = ps._morph
    secs["soma"](0.5).v = 30  # near the top of the -80..40 scale
    ps.flush()
    assert ps._morph is morph  # geometry kept: only colours changed
    colors = ps._view.item.piece_colors()
    soma_idx = morph.section_index(secs["soma"])
    mid_piece = int(np.nonzero((morph.piece_sec == soma_idx) & (morph.x0 >= 0.4))[0][0])
    other = int(np.nonzero(morph.piece_sec != soma_idx)[0][0])
    assert colors[mid_piece].name() != colors[other].name()
    assert colors[mid_piece].green() > 180  # yellow-green end of the map
    assert len(ps._view.item.color_buckets()) == 2  # one draw call per colour in use
    secs["soma"].nseg = 7
    ps.flush()
    assert ps._morph is not morph  # structure changed: rebuilt


def test_plotshape_variable_and_scale(qt_windows):
    three_section_cell()
    ps = PlotShape()
    ps.variable("diam")
    ps.scale(0, 10)
    vals = ps.values()
    assert sorted(set(np.round(vals, 6))) == [2.0, 10.0]
    top = ps._cmap.colors[-1].name()
    main_colors = {c.name() for c in ps._view.item.piece_colors()}
    assert top in main_colors
    ps.variable("no_such_var")
    absent = {c.name() for c in ps._view.item.piece_colors()}
    assert absent == {"#b0b0b0"}  # drawn grey where the variable does not exist


def test_point_mark_and_remove(qt_windows):
    secs = tutorial_tree()
    s = Shape()
    stim = h.IClamp(secs["proxApical"](0.5))
    s.point_mark(stim, 2)
    spots = s._view.markers.points()
    assert len(spots) == 1
    pos = spots[0].pos()
    assert (pos.x(), pos.y()) == pytest.approx((150, 0), abs=1e-6)
    s.point_mark_remove()
    assert len(s._view.markers.points()) == 0


def test_printfile_writes_png_svg_and_eps(qt_windows, qtbot, tmp_path):
    tutorial_tree()
    s = Shape()
    show_view(qtbot, s)
    for ext in ("png", "svg", "eps"):
        f = tmp_path / f"cell.{ext}"
        s.printfile(str(f))
        assert f.stat().st_size > 300, ext
    assert "lineto" in (tmp_path / "cell.eps").read_text()
    assert "<svg" in (tmp_path / "cell.svg").read_text()
    with pytest.raises(ValueError, match="unknown file type"):
        s.printfile(str(tmp_path / "cell.xyz"))


def test_unmapped_and_windowless_forms(qt_windows):
    tutorial_tree()
    s = Shape(0)
    assert s.view_count() == 0
    s.view(-200, -100, 500, 200, 100, 100, 300, 200)
    assert s.view_count() == 1
    s.unmap()
    assert s.view_count() == 0
    ps = PlotShape(False)  # no window: what ps.plot() and scripts use
    assert ps._view is None
    assert len(ps.values()) == 7
    QApplication.processEvents()


def test_colorbar_labels_follow_scale(qt_windows, qtbot, tmp_path):
    three_section_cell()
    ps = PlotShape()
    view = show_view(qtbot, ps)
    ps.scale(-70, 20)
    assert view.colorbar is not None and view.colorbar.isVisible()
    assert set(view.colorbar.labels) == {"-70", "20"}
    save_shot(view, "shape_plotshape_colorbar.png", tmp_path)


def test_clicking_empty_space_does_nothing(qt_windows, qtbot):
    tutorial_tree()
    s = Shape()
    view = show_view(qtbot, s)
    got = []
    s.action(lambda sec, x: got.append(sec))
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=to_viewport(view, 150, 60)
    )
    assert got == []
    assert isinstance(to_viewport(view, 0, 0), QPoint)


def _dialog_named(title: str):
    from PySide6.QtWidgets import QInputDialog

    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog)]
    found += [d for w in QApplication.topLevelWidgets() for d in w.findChildren(QInputDialog)]
    return next(d for d in found if d.windowTitle() == title and d.isVisible())


def _answer(qtbot, dialog, text: str) -> None:
    from PySide6.QtWidgets import QLineEdit

    edit = dialog.findChild(QLineEdit)
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_plot_what_and_variable_scale_dialogs(qt_windows, qtbot):
    three_section_cell()
    ps = PlotShape()
    show_view(qtbot, ps)
    ps.exec_menu("Plot What?")
    _answer(qtbot, _dialog_named("Plot What?"), "diam")
    assert ps._var == "diam"
    ps.exec_menu("Variable scale")
    _answer(qtbot, _dialog_named("Variable scale"), "0 12")
    assert (ps._lo, ps._hi) == (0.0, 12.0)
    assert set(ps._view.colorbar.labels) == {"0", "12"}
    from widgets import binding

    told = []
    old = binding.set_error_handler(lambda et, ev, tb: told.append(str(ev)))
    try:
        ps.exec_menu("Variable scale")
        _answer(qtbot, _dialog_named("Variable scale"), "low high")
    finally:
        binding.set_error_handler(old)
    assert told and "two numbers" in told[0]
    assert (ps._lo, ps._hi) == (0.0, 12.0)  # nothing lost


def test_shape_of_a_section_list_and_observe(qt_windows):
    secs = tutorial_tree()
    sl = h.SectionList()
    sl.append(secs["soma"])
    sl.append(secs["apic1"])
    s = Shape(sl)
    assert [sec.name() for sec in s._morph.sections] == ["soma", "apic1"]
    s.observe()
    assert len(s._morph.sections) == 7
    s.observe(sl)
    assert len(s._morph.sections) == 2


def test_len_scale_stretches_one_section_about_its_start(qt_windows):
    secs = tutorial_tree()
    s = Shape()
    s.len_scale(2, sec=secs["proxApical"])
    a, b = section_endpoints(s, secs["proxApical"])
    assert a == pytest.approx((100, 0), abs=1e-3)
    assert b == pytest.approx((300, 0), abs=1e-3)  # L 100 drawn as 200
    a, b = section_endpoints(s, secs["soma"])
    assert b == pytest.approx((100, 0), abs=1e-3)  # others unchanged


def test_colormap_sets_the_shape_plot_colours(qt_windows):
    cell = three_section_cell()
    ps = PlotShape()
    ps.colormap(2)
    ps.colormap(0, 0, 0, 255)
    ps.colormap(1, 255, 0, 0)
    ps.scale(0, 1)
    cell["main"](0.5).v = 0.9
    ps.flush()
    colors = {c.name() for c in ps._view.item.piece_colors()}
    assert colors == {"#ff0000", "#0000ff"} or colors == {"#ff0000"}
    with pytest.raises(IndexError, match="colormap index 5"):
        ps.colormap(5, 1, 2, 3)


def test_printfile_eps_of_show0_fills_the_outlines(qt_windows, qtbot, tmp_path):
    three_section_cell()
    ps = PlotShape()
    ps.show(0)
    f = tmp_path / "filename.eps"  # the tutorial's ps.printfile('filename.eps')
    ps.printfile(str(f))
    text = f.read_text()
    assert text.startswith("%!PS-Adobe-3.0 EPSF-3.0")
    assert text.count("closepath fill") == len(ps._a0) == 3


@pytest.fixture
def installed():
    """h.Shape / h.PlotShape are the Qt classes for this test (as app.gui installs them)."""
    from widgets import shape

    old = {name: h._lookup(name) for name in ("Shape", "PlotShape")}
    h._install_gui(shape.implementations())
    yield
    for name, obj in old.items():
        h._register(name, obj)


def test_hoc_scripts_drive_a_shape(qt_windows, installed):
    ok = h("create soma, dend\nconnect dend(0), soma(1)\nobjref s\ns = new Shape()")
    assert ok and h("dend s.color(3)\ns.show(0)")
    s = h.s
    assert isinstance(s, Shape) and s.show() == 0
    colors = s._view.item.piece_colors()
    k = s._morph.section_index(h.dend)
    piece = int(np.nonzero(s._morph.piece_sec == k)[0][0])
    assert colors[piece].name() == "#0000e0"
    assert h('objref ps\nps = new PlotShape(0)\nps.variable("v")\nps.scale(-70, 30)')
    assert h.ps.view_count() == 0 and (h.ps._lo, h.ps._hi) == (-70, 30)
    h("objref s, ps")  # let the objects go


def test_newshapeplot_puts_a_plotshape_on_fast_flush_list(qt_windows):
    from widgets.shape import newshapeplot

    h.load_file("stdrun.hoc")
    tutorial_tree()
    ps = newshapeplot()
    assert isinstance(ps, PlotShape) and ps.view_count() == 1
    if h._lookup("fast_flush_list") is not None:  # sim.stdrun does not define it yet
        assert any(obj is ps for obj in h.fast_flush_list)
        h.fast_flush_list.remove(h.fast_flush_list.index(ps))


def test_session_text_rebuilds_the_plotshape(qt_windows, installed):
    tutorial_tree()
    ps = PlotShape()
    ps.variable("diam")
    ps.scale(0, 600)
    ps.show(0)
    text = ps.session_text()
    assert "new PlotShape(0)" in text and 'variable("diam")' in text
    assert h("objref save_window_\n" + text)
    again = h.save_window_
    assert isinstance(again, PlotShape) and again is not ps
    assert (again._var, again._lo, again._hi, again.show()) == ("diam", 0, 600, 0)
    assert again.view_count() == 1  # view(...) mapped it
    h("objref save_window_")


def test_a_box_can_hold_a_shape(qt_windows, qtbot):
    from layouts.boxes import HBox

    tutorial_tree()
    box = HBox()
    box.intercept(1)
    s = Shape()
    box.intercept(0)
    box.map("cell")
    assert s.view_count() == 1
    assert any(child[0] is s._view for child in box.children)
    box.unmap()


def test_show0_clicks_hit_inside_the_diameter_only(qt_windows, qtbot):
    cell = three_section_cell()
    s = Shape()
    s.show(0)
    view = show_view(qtbot, s)
    got = []
    s.action(lambda sec, x: got.append((sec, x)))
    click(qtbot, view, 50, 4)  # inside main's 10 um width, off its centre line
    assert [g[0] for g in got] == [cell["main"]]
    click(qtbot, view, 50, 40)  # white space above it
    assert len(got) == 1


def test_a_closed_and_deleted_window_leaves_a_usable_object(qt_windows, qtbot):
    from PySide6.QtCore import QEvent

    secs = tutorial_tree()
    ps = PlotShape()
    qt_windows.close_all()  # the person closed it; Qt deletes the widget
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert ps.view_count() == 0
    ps.flush()
    ps.color_all(2)
    ps.variable("v")
    assert len(ps.values()) == 7
    secs["soma"].nseg = 3
    ps.flush()


def test_graph_drawing_calls_draw_over_the_cell(qt_windows):
    tutorial_tree()
    s = Shape()
    before = len(s._view.viewbox.addedItems)
    s.beginline(2, 2)
    s.line(0, 0)
    s.line(100, 50)
    s.mark(50, 0, "O", 10, 3)
    s.label(10, 20, "soma here")
    assert len(s._view.viewbox.addedItems) == before + 3
    s.erase()
    assert len(s._view.viewbox.addedItems) == before
    assert s._morph.n_pieces == 7  # the cell itself is not erased


def test_show0_bevels_the_bends_of_a_section(qt_windows, qtbot, tmp_path):
    """NEURON's bevel join: no white notch on the outside of a bend."""
    sec = h.Section(name="bent")
    for x, y in [(0, 0), (50, 0), (50, 50)]:
        h.pt3dadd(x, y, 0, 10, sec=sec)
    keep(sec)
    s = Shape()
    s.show(0)
    view = show_view(qtbot, s, 400, 400)
    img = grab(view)
    assert dark(img, to_viewport(view, 51.5, -1.5))  # the outer wedge of the corner
    assert not dark(img, to_viewport(view, 54, -4))  # outside the bevel
    assert dark(img, to_viewport(view, 25, 0)) and dark(img, to_viewport(view, 50, 25))
    save_shot(view, "shape_bevel_show0.png", tmp_path)
