"""Panels and HOC: fields bound to HOC names and expressions, HOC statement actions,
and panels built by HOC code."""

from __future__ import annotations

import pytest
from _panel_support import click, hoc_expressions_available, install, type_into

from sim import h
from widgets import panel
from widgets.panel_controls import ButtonControl, CheckControl

pytestmark = pytest.mark.skipif(
    not hoc_expressions_available(), reason="HOC interpreter not installed yet"
)


@pytest.fixture
def gui(qt_windows, qtbot):
    yield from install(qt_windows, qtbot)


def test_a_panel_built_by_hoc_code(gui, qtbot):
    h("h5_count = 2")
    h('xpanel("From HOC")\nxvalue("h5_count")\nxbutton("add one", "h5_count += 1")\nxpanel()')
    p = gui.panel("From HOC")
    field = p.value_fields()[0]
    assert field.field.text() == "2"
    click(qtbot, p.findChildren(ButtonControl)[0])
    assert h.h5_count == 3
    assert field.field.text() == "3"  # refreshed after the action


def test_a_field_bound_to_a_hoc_expression_re_evaluates_it(gui, qtbot):
    h("double h5_arr[3]")
    h("h5_arr[1] = 4.5")
    h.xpanel("Array")
    h.xvalue("element", "h5_arr[1]", 1, "h5_after = h5_arr[1] * 2")
    h.xpanel()
    field = panel.last_panel().value_fields()[0]
    assert field.field.text() == "4.5"
    type_into(qtbot, field.field, "10")
    assert h.h5_arr[1] == 10 and h.h5_after == 20
    h("h5_arr[1] = -1")
    h.doNotify()
    assert field.field.text() == "-1"


def test_typing_a_hoc_expression_uses_hoc_names(gui, qtbot):
    h("h5_base = 6")

    class M:
        x = 0.0

    h.xpanel("Expr")
    h.xvalue("x", (M, "x"))
    h.xpanel()
    type_into(qtbot, panel.last_panel().value_fields()[0].field, "h5_base/4 + 1")
    assert M.x == 2.5


def test_hoc_checkbox_with_a_pointer(gui, qtbot):
    h("h5_flag = 0")
    h('xpanel("Flag")\nxcheckbox("on", &h5_flag, "h5_seen = h5_flag")\nxpanel()')
    box = gui.panel("Flag").findChildren(CheckControl)[0]
    click(qtbot, box.button)
    assert h.h5_flag == 1 and h.h5_seen == 1


def test_usepointer_resolves_a_hoc_lvalue(gui, qtbot):
    h("double h5_vec[2]")
    h.xpanel("Pointer")
    h.xvalue("p", "h5_vec[1]", 0, None, 0, 1)
    h.xpanel()
    field = panel.last_panel().value_fields()[0]
    assert field.binding.kind == "pointer"
    type_into(qtbot, field.field, "3")
    assert h.h5_vec[1] == 3


def test_one_argument_xbutton_runs_its_label_as_a_statement(gui, qtbot):
    h("h5_z = 0")
    h.xpanel("Stmt")
    h.xbutton("h5_z = 5")
    h.xpanel()
    click(qtbot, panel.last_panel().findChildren(ButtonControl)[0])
    assert h.h5_z == 5


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen popup menus
def test_dynamic_menu_built_by_a_hoc_statement(gui, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMenuBar

    h("h5_n = 1")
    h('proc h5_build() { local i  for i = 1, h5_n { xbutton("item", "h5_hit = 1") } }')
    h.xpanel("HOC dynamic")
    h.xmenu("Items", "h5_build()")
    h.xpanel()
    p = panel.last_panel()
    p.show()
    qtbot.waitExposed(p)
    bar = p.findChildren(QMenuBar)[0]
    menu = bar.actions()[0].menu()
    for expected in (1, 3):
        h.h5_n = expected
        pos = bar.actionGeometry(bar.actions()[0]).center()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=pos)
        qtbot.waitUntil(menu.isVisible)
        assert [a.text() for a in menu.actions()] == ["item"] * expected
        menu.close()


def test_slider_bound_to_a_reference(gui, qtbot):
    from PySide6.QtCore import Qt

    from widgets.panel_controls import SliderControl

    h("h5_s = 0")
    h('xpanel("Slide HOC")\nxslider(&h5_s, 0, 1, "h5_moved = h5_s")\nxpanel()')
    s = gui.panel("Slide HOC").findChildren(SliderControl)[0]
    s.setFocus()
    qtbot.keyClick(s, Qt.Key.Key_PageUp)
    assert h.h5_s == pytest.approx(0.1) and h.h5_moved == pytest.approx(0.1)


def test_xvarlabel_of_a_strdef_follows_the_string(gui):
    from widgets.panel_controls import VarLabel

    h('strdef h5_msg\nh5_msg = "ready"\nxpanel("Status")\nxvarlabel(h5_msg)\nxpanel()')
    label = gui.panel("Status").findChildren(VarLabel)[0]
    assert label.text() == "ready"
    h('h5_msg = "running"')
    h.doNotify()
    assert label.text() == "running"
