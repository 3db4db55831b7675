"""Panels and boxes written as HOC (session files) and read back."""

from __future__ import annotations

import pytest
from _panel_support import hoc_expressions_available, install

from sim import h
from widgets import panel

pytestmark = pytest.mark.skipif(
    not hoc_expressions_available(), reason="HOC interpreter not installed yet"
)

HEADER = "objref ocbox_, ocbox_list_\n{ocbox_list_ = new List()}\n"


@pytest.fixture
def gui(qt_windows, qtbot):
    yield from install(qt_windows, qtbot)


def _build() -> panel.Panel:
    h("h5_sv = 2\nh5_flag = 1")
    h.xpanel("Saved")
    h.xlabel("a label")
    h.xvalue("value", "h5_sv", 1, "h5_after = 1")
    h.xcheckbox("flag", h._ref_h5_flag)
    h.xbutton("run", "h5_after = 2")
    h.xbutton("python", print)
    h.xpanel(40, 50)
    return panel.last_panel()


def test_a_panel_saves_as_hoc_that_rebuilds_it(gui):
    p = _build()
    text = p.session_text()
    assert text.splitlines() == [
        'xpanel("Saved", 0)',
        'xlabel("a label")',
        "h5_sv = 2",
        'xvalue("value", "h5_sv", 1, "h5_after = 1")',
        'xcheckbox("flag", &h5_flag)',
        'xbutton("run", "h5_after = 2")',
        '// xbutton("python"...) is bound to Python (builtin_function_or_method '
        "<built-in function print>); it is not saved",
        "xpanel(40, 50)",
    ]
    h("h5_sv = 9")
    assert h(text)  # the saved text runs: the value comes back, the panel is rebuilt
    assert h.h5_sv == 2
    rebuilt = gui.panels("Saved")[-1]
    assert rebuilt is not p
    assert [f.prompt.text() for f in rebuilt.value_fields()] == ["value"]


def test_a_box_saves_itself_and_its_children(gui):
    box = h.VBox()
    box.intercept(1)
    h("h5_bv = 3")
    h.xpanel("In box")
    h.xvalue("h5_bv")
    h.xpanel()
    box.intercept(0)
    box.map("My box")
    text = box.session_text()
    assert "ocbox_ = new VBox()" in text and 'ocbox_.map("My box"' in text
    assert 'h5_bv = 3\nxvalue("h5_bv")' in text
    gui.registry.close_all()
    assert h(HEADER + text)
    (record,) = gui.registry.records()
    assert record.title == "My box" and record.kind == "box"
    assert [c[1] for c in record.owner.children] == ["In box"]
