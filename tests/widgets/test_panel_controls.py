"""Buttons, labels, check and state buttons, radio buttons, sliders, menus, misuse."""

from __future__ import annotations

import pytest
from _panel_support import click, install
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMenuBar, QPushButton

from sim import h
from widgets import panel
from widgets.panel_controls import (
    ButtonControl,
    CheckControl,
    RadioControl,
    SliderControl,
    VarLabel,
)


@pytest.fixture
def gui(qt_windows, qtbot):
    yield from install(qt_windows, qtbot)


class Model:
    def __init__(self) -> None:
        self.flag = 0.0
        self.level = 0.0
        self.calls: list[object] = []


def test_every_x_call_returns_zero(gui):
    assert h.xpanel("Zero") == 0
    assert h.xlabel("a") == 0
    assert h.xbutton("b", print) == 0
    assert h.xpanel() == 0


def test_button_forms_callable_tuple_and_args(gui, qtbot):
    seen: list[tuple] = []
    h.xpanel("Buttons")
    h.xbutton("plain", lambda: seen.append(()))
    h.xbutton("one arg", (lambda *a: seen.append(a), 5))
    h.xbutton("args", (lambda *a: seen.append(a), (1, "two")))
    h.xpanel()
    for b in panel.last_panel().findChildren(ButtonControl):
        click(qtbot, b)
    assert seen == [(), (5,), (1, "two")]


def test_a_failing_button_reports_its_traceback_and_works_again(gui, qtbot):
    count = []

    def broken():
        count.append(1)
        raise ZeroDivisionError("the callable failed")

    h.xpanel("Broken")
    h.xbutton("Go", broken)
    h.xpanel()
    button = panel.last_panel().findChildren(ButtonControl)[0]
    click(qtbot, button)
    assert isinstance(gui.errors[0], ZeroDivisionError)
    assert gui.errors[0].__traceback__ is not None  # the funnel gets the traceback
    assert button.isEnabled()
    click(qtbot, button)
    assert len(count) == 2 and len(gui.errors) == 2


def test_button_is_disabled_while_its_callable_runs(gui, qtbot):
    states = []
    h.xpanel("Busy")
    h.xbutton("Run", lambda: states.append(button.isEnabled()))
    h.xpanel()
    button = panel.last_panel().findChildren(ButtonControl)[0]
    click(qtbot, button)
    assert states == [False] and button.isEnabled()


def test_label_and_horizontal_panel(gui, qtbot):
    h.xpanel("Row", 1)
    h.xlabel("left")
    h.xbutton("right", print)
    h.xpanel()
    p = panel.last_panel()
    p.show()
    qtbot.waitExposed(p)
    label, button = p.items
    assert isinstance(label, QLabel) and label.text() == "left"
    assert label.geometry().right() < button.geometry().left()  # columns, not rows


def test_varlabel_shows_the_strings_current_contents(gui):
    s = h.ref("hello")
    h.xpanel("Var")
    h.xvarlabel(s)
    h.xpanel()
    label = panel.last_panel().findChildren(VarLabel)[0]
    assert label.text() == "hello"
    s[0] = "bye"
    h.doNotify()
    assert label.text() == "bye"


@pytest.mark.parametrize("maker", ["xcheckbox", "xstatebutton"])
def test_check_and_state_buttons_set_the_variable_then_run_the_action(gui, qtbot, maker):
    m = Model()
    h.xpanel("Checks")
    getattr(h, maker)("flag", (m, "flag"), lambda: m.calls.append(m.flag))
    h.xpanel()
    control = panel.last_panel().findChildren(CheckControl)[0]
    assert isinstance(control.button, QPushButton) == (maker == "xstatebutton")
    click(qtbot, control.button)
    assert m.flag == 1 and m.calls == [1]
    click(qtbot, control.button)
    assert m.flag == 0 and m.calls == [1, 0]
    m.flag = 3.0  # non-zero reads as checked on notify
    h.doNotify()
    assert control.button.isChecked()


def test_checkbox_with_a_reference_and_a_callable(gui, qtbot):
    r = h.ref(0)
    calls = []
    h.xpanel("Ref")
    h.xcheckbox("on", r, lambda: calls.append(r[0]))
    h.xpanel()
    click(qtbot, panel.last_panel().findChildren(CheckControl)[0].button)
    assert r[0] == 1 and calls == [1]


def test_radio_buttons_form_groups_and_preselect_without_running(gui, qtbot):
    picked: list[str] = []
    h.xpanel("Radios")
    h.xradiobutton("a", lambda: picked.append("a"))
    h.xradiobutton("b", lambda: picked.append("b"), 1)
    h.xradiobutton("c", lambda: picked.append("c"))
    h.xlabel("another group")
    h.xradiobutton("x", lambda: picked.append("x"), 1)
    h.xpanel()
    a, b, c, x = panel.last_panel().findChildren(RadioControl)
    assert b.isChecked() and x.isChecked() and not c.isChecked() and picked == []
    qtbot.mouseClick(a, Qt.MouseButton.LeftButton, pos=QPoint(6, a.height() // 2))  # the dot
    assert picked == ["a"] and a.isChecked() and not b.isChecked()
    assert x.isChecked()  # the label ended the first group


def test_slider_moves_set_the_variable_and_run_the_action_each_time(gui, qtbot):
    m = Model()
    h.xpanel("Slide")
    h.xslider((m, "level"), 0, 10, lambda: m.calls.append(m.level))
    h.xslider((m, "level"), lambda: None, 1)  # default range 0-100, vertical
    h.xpanel()
    s, vertical = panel.last_panel().findChildren(SliderControl)
    assert vertical.orientation() == Qt.Orientation.Vertical
    assert (vertical.low, vertical.high) == (0, 100)
    s.setFocus()
    qtbot.keyClick(s, Qt.Key.Key_Right)
    qtbot.keyClick(s, Qt.Key.Key_PageUp)
    assert m.level == pytest.approx(1.1)  # 0.1 (range/100), then 1 (range/10)
    assert m.calls == pytest.approx([0.1, 1.1])
    assert vertical.value() == 1  # the other slider followed (refresh after action)
    m.level = 5
    h.doNotify()
    assert s.value() == 50


def test_menus_rows_cascades_and_items(gui, qtbot):
    m = Model()
    picked: list[str] = []
    h.xpanel("Menus")
    h.xmenu("File")
    h.xbutton("Open", lambda: picked.append("open"))
    h.xmenu("Recent")
    h.xbutton("one.hoc", lambda: picked.append("one"))
    h.xmenu()
    h.xcheckbox("Flag", (m, "flag"))
    h.xradiobutton("r1", lambda: picked.append("r1"), 1)
    h.xradiobutton("r2", lambda: picked.append("r2"))
    h.xmenu()
    h.xmenu("Edit", 1)  # same menubar row
    h.xmenu()
    h.xmenu("Tools")  # a new row
    h.xmenu()
    h.xpanel()
    bars = panel.last_panel().findChildren(QMenuBar)
    assert [[a.text() for a in bar.actions()] for bar in bars] == [["File", "Edit"], ["Tools"]]
    file_menu = bars[0].actions()[0].menu()
    items = {a.text(): a for a in file_menu.actions()}
    assert list(items) == ["Open", "Recent", "Flag", "r1", "r2"]
    items["Open"].trigger()
    items["Recent"].menu().actions()[0].trigger()
    items["Flag"].trigger()
    items["r2"].trigger()
    assert picked == ["open", "one", "r2"] and m.flag == 1
    assert items["r2"].isChecked() and not items["r1"].isChecked()


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: popup menus
def test_dynamic_menu_is_rebuilt_each_time_it_opens(gui, qtbot):
    names = ["a"]

    def build():
        for n in names:
            h.xbutton(n, lambda: None)

    h.xpanel("Dynamic")
    h.xmenu("Pick", build)
    h.xpanel()
    bar = panel.last_panel().findChildren(QMenuBar)[0]
    p = panel.last_panel()
    p.show()
    qtbot.waitExposed(p)
    menu = bar.actions()[0].menu()
    for expected in (["a"], ["a", "b"]):
        title_pos = bar.actionGeometry(bar.actions()[0]).center()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=title_pos)  # open it
        qtbot.waitUntil(menu.isVisible)
        assert [a.text() for a in menu.actions()] == expected
        menu.close()
        names.append("b")


def test_misuse_is_reported_as_neuron_does_and_the_script_goes_on(gui):
    h.xbutton("orphan", print)
    h.xpanel("First")
    h.xpanel("Second")
    h.xpanel("Menu left open")
    h.xmenu("Open")
    h.xpanel()
    messages = gui.messages()
    assert "No panel is open" in messages[0]
    assert "Didn't close the previous panel" in messages[1]
    assert "A menu is still open" in messages[2]
    assert [r.title for r in gui.registry.records()] == ["Menu left open"]  # still mapped


def test_doevents_and_donotify_return_zero(gui):
    assert h.doEvents() == 0 and h.doNotify() == 0


def test_a_long_panel_becomes_a_scroll_box_unless_told_otherwise(gui):
    def build(n: int, *close_args) -> panel.Panel:
        h.xpanel(f"{n} items")
        for i in range(n):
            h.xlabel(f"row {i}")
        h.xpanel(*close_args)
        return panel.last_panel()

    assert not build(12).scrolls  # NEURON's panel_scroll: more than 12 items
    assert build(13).scrolls
    assert not build(13, 0).scrolls  # xpanel(0): never
    assert build(2, 1).scrolls  # xpanel(1): always
    assert build(13, 30, 40, 0).scrolls is False


def test_xpanel_at_a_screen_position_records_it(gui):
    h.xpanel("Placed")
    h.xlabel("here")
    h.xpanel(300, 200)
    (record,) = gui.registry.records()
    assert record.geometry == (300, 200, -1, -1) and record.kind == "panel"
    h.xpanel("Bad close")
    h.xpanel("three", "args", "wrong")
    assert any("xpanel" in m for m in gui.messages())


def test_slow_slider_runs_its_action_only_when_released(gui, qtbot):
    m = Model()
    h.xpanel("Slow")
    h.xslider((m, "level"), 0, 10, lambda: m.calls.append(m.level), 0, 1)
    h.xpanel()
    s = panel.last_panel().findChildren(SliderControl)[0]
    s.setSliderDown(True)  # a person holding the handle
    s.setSliderPosition(30)
    assert m.calls == []  # nothing while dragging
    s.setSliderDown(False)  # released
    assert m.level == pytest.approx(3) and m.calls == pytest.approx([3])


def test_varlabel_with_a_plain_string_shows_it(gui):
    h.xpanel("Plain")
    h.xvarlabel("just text")
    h.xpanel()
    assert panel.last_panel().findChildren(VarLabel)[0].text() == "just text"


def test_ampersands_in_labels_are_literal_not_keyboard_mnemonics(gui, qtbot):
    """NEURON's "Init & Run" must not turn into "Init _Run" with an Alt+R shortcut."""
    from PySide6.QtGui import QKeySequence

    h.xpanel("Amps")
    h.xbutton("Init & Run", lambda: None)
    h.xcheckbox("A & B", (Model(), "flag"))
    h.xradiobutton("X & Y", lambda: None)
    h.xpanel()
    p = panel.last_panel()
    texts = [
        *(b.text() for b in p.findChildren(ButtonControl)),
        *(c.button.text() for c in p.findChildren(CheckControl)),
        *(r.text() for r in p.findChildren(RadioControl)),
    ]
    assert len(texts) == 3
    for text in texts:
        assert QKeySequence.mnemonic(text).isEmpty(), text
        assert text.replace("&&", "&") in ("Init & Run", "A & B", "X & Y")
