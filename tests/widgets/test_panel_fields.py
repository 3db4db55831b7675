"""Value fields (xvalue, xpvalue, xfixedvalue) as a person uses them."""

from __future__ import annotations

import pytest
from _panel_support import click, hoc_expressions_available, install, type_into
from PySide6.QtCore import QPoint, Qt

from sim import h
from widgets import panel


@pytest.fixture
def gui(qt_windows, qtbot):
    yield from install(qt_windows, qtbot)


class Model:
    def __init__(self) -> None:
        self.x = 7.18
        self.calls: list[object] = []


def _one_field(build) -> object:
    h.xpanel("Fields")
    build()
    h.xpanel()
    return panel.last_panel().value_fields()[-1]


def test_pair_binding_typing_enter_assigns_then_runs_the_action(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x"), 0, lambda: m.calls.append(m.x)))
    type_into(qtbot, f.field, "2.5")
    assert m.x == 2.5
    assert m.calls == [2.5]  # the action ran after the assignment


def test_action_forms_callable_with_args_tuple_and_single_arg(gui, qtbot):
    m = Model()
    seen: list[tuple] = []
    h.xpanel("Actions")
    h.xvalue("a", (m, "x"), 0, (lambda *a: seen.append(a), (1, 2)))
    h.xvalue("b", (m, "x"), 0, (lambda *a: seen.append(a), "one"))
    h.xpanel()
    a, b = panel.last_panel().value_fields()
    type_into(qtbot, a.field, "1")
    type_into(qtbot, b.field, "2")
    assert seen == [(1, 2), ("one",)]


def test_typing_marks_the_field_edited_and_a_refresh_never_overwrites_it(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x")))
    type_into(qtbot, f.field, "99", enter=False)
    assert f.edited and f.prompt.property("edited") is True
    m.x = 1.0
    h.doNotify()
    assert f.field.text() == "99"  # still what the person typed
    assert m.x == 1.0  # not assigned until Enter
    qtbot.keyClick(f.field, Qt.Key.Key_Escape)  # Esc restores the variable's value
    assert f.field.text() == "1" and not f.edited
    assert f.prompt.property("edited") is False


def test_clicking_the_prompt_accepts_the_typed_text(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x"), 0, lambda: m.calls.append("ran"), 1))
    assert f.prompt.property("canrun") is True  # drawn as "this runs something"
    type_into(qtbot, f.field, "42", enter=False)
    click(qtbot, f.prompt)
    assert m.x == 42 and m.calls == ["ran"] and not f.edited


def test_bad_text_is_refused_with_a_message_and_the_old_value_stays(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("Choose", (m, "x"), 0, lambda: m.calls.append(1)))
    type_into(qtbot, f.field, "seven")
    assert m.x == 7.18 and m.calls == []
    assert f.field.text() == "7.18"
    assert len(gui.errors) == 1 and "seven" in str(gui.errors[0])


@pytest.mark.skipif(not hoc_expressions_available(), reason="HOC interpreter not installed yet")
def test_a_hoc_expression_is_evaluated(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x")))
    type_into(qtbot, f.field, "2*3+1")
    assert m.x == 7


def test_numbers_show_as_percent_5g_and_refresh_on_donotify(gui):
    m = Model()
    m.x = 1 / 3
    f = _one_field(lambda: h.xvalue("x", (m, "x")))
    assert f.field.text() == "0.33333"
    m.x = 123456789.0
    h.doNotify()
    assert f.field.text() == "1.2346e+08"


def test_fields_refresh_after_another_controls_action(gui, qtbot):
    m = Model()
    h.xpanel("Two")
    h.xvalue("x", (m, "x"))
    h.xbutton("double", lambda: setattr(m, "x", m.x * 2))
    h.xpanel()
    p = panel.last_panel()
    click(qtbot, p.items[1])
    assert p.value_fields()[0].field.text() == "14.36"


def test_hoc_name_binding_shows_units_in_the_prompt(gui, qtbot):
    h._define_var("h5_gbar", 0.12, units="S/cm2")
    f = _one_field(lambda: h.xvalue("h5_gbar"))
    assert f.prompt.text() == "h5_gbar (S/cm2)"
    assert f.field.text() == "0.12"
    type_into(qtbot, f.field, "0.5")
    assert h.h5_gbar == 0.5


def test_reference_binding_writes_through_the_reference(gui, qtbot):
    r = h.ref(2.5)
    f = _one_field(lambda: h.xvalue("r", r))
    assert f.field.text() == "2.5"
    type_into(qtbot, f.field, "-4")
    assert r[0] == -4


def test_keep_updated_field_follows_its_variable_without_notify(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("watch", (m, "x"), 2))
    m.x = 3.0
    qtbot.waitUntil(lambda: f.field.text() == "3", timeout=2000)


def test_default_checkbox_toggles_between_default_and_last_value(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x"), 1, lambda: m.calls.append(m.x)))
    assert f.default_box is not None and not f.default_box.isChecked()
    type_into(qtbot, f.field, "5")
    assert f.default_box.isChecked()  # differs from the default 7.18
    click(qtbot, f.default_box)
    assert m.x == 7.18 and not f.default_box.isChecked()
    click(qtbot, f.default_box)
    assert m.x == 5 and f.default_box.isChecked()
    assert m.calls == [5, 7.18, 5]


def test_stepper_adds_the_last_digit_and_runs_the_action_on_release(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x"), 1, lambda: m.calls.append(m.x)))
    click(qtbot, f.stepper.up)
    assert m.x == pytest.approx(7.19)
    click(qtbot, f.stepper.down)
    click(qtbot, f.stepper.down)
    assert m.x == pytest.approx(7.17)
    assert m.calls == pytest.approx([7.19, 7.18, 7.17])
    f.set_step("mul", 10)  # the stepper's right-click menu: "*10"
    click(qtbot, f.stepper.up)
    assert m.x == pytest.approx(71.7)


def test_usepointer_resolves_the_name_once(gui, qtbot):
    h._define_var("h5_ptr", 1.0)
    f = _one_field(lambda: h.xvalue("p", "h5_ptr", 0, None, 0, 1))
    assert f.binding.kind == "pointer"
    type_into(qtbot, f.field, "9")
    assert h.h5_ptr == 9


def test_xpvalue_forms(gui, qtbot):
    h._define_var("h5_pv", 3.0, units="ms")
    h.xpanel("P")
    h.xpvalue("h5_pv")
    h.xpvalue("via ref", h._ref_h5_pv, 1)
    h.xpvalue("py action", h._ref_h5_pv, 0, print)  # refused: must be a HOC string
    h.xpanel()
    first, second = panel.last_panel().value_fields()
    assert first.prompt.text() == "h5_pv (ms)"
    type_into(qtbot, second.field, "8")
    assert h.h5_pv == 8
    assert first.field.text() == "8"
    assert any("HOC statement" in m for m in gui.messages())


def test_xfixedvalue_is_an_editable_field_with_no_action(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xfixedvalue("fixed", (m, "x")))
    type_into(qtbot, f.field, "1.5")
    assert m.x == 1.5


def test_a_field_bound_to_a_missing_name_says_so(gui):
    f = _one_field(lambda: h.xvalue("nope", "h5_does_not_exist"))
    assert f.field.text() == "Doesn't exist"


def test_binding_an_unusable_object_is_reported(gui):
    h.xpanel("Bad")
    h.xvalue("bad", 3.0)
    h.xpanel()
    assert any("cannot bind" in m for m in gui.messages())


def test_ivoc_style_changes_the_number_format_of_every_field(gui):
    m = Model()
    m.x = 1 / 3
    f = _one_field(lambda: h.xvalue("x", (m, "x")))
    try:
        h.ivoc_style("*xvalue_format", "%.7g")
        assert f.field.text() == "0.3333333"
    finally:
        h.ivoc_style("*xvalue_format", "%.5g")
    assert f.field.text() == "0.33333"


def test_value_field_editor_default_makes_the_current_value_the_default(gui, qtbot):
    m = Model()
    h.xpanel("VFE")
    editor = h.ValueFieldEditor("x", (m, "x"), 1)
    h.xpanel()
    f = panel.last_panel().value_fields()[0]
    type_into(qtbot, f.field, "3")
    assert f.default_box.isChecked()
    editor.default()
    assert not f.default_box.isChecked()  # 3 is the default now


def test_donotify_from_another_thread_refreshes_on_the_gui_thread(gui, qtbot):
    import threading

    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x")))
    m.x = 2.0
    worker = threading.Thread(target=h.doNotify)
    worker.start()
    worker.join()
    assert f.field.text() == "7.18"  # not touched from the worker thread
    qtbot.waitUntil(lambda: f.field.text() == "2", timeout=2000)


def test_ctrl_g_restores_and_keeps_focus(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x")))
    p = panel.last_panel()
    p.show()
    p.activateWindow()
    qtbot.waitActive(p)
    f.field.setFocus()
    qtbot.waitUntil(f.field.hasFocus)
    type_into(qtbot, f.field, "123", enter=False)
    qtbot.keyClick(f.field, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert f.field.text() == "7.18" and not f.edited and f.field.hasFocus()


def test_dragging_a_digit_with_the_middle_button_steps_that_digit(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x"), 0, lambda: m.calls.append(m.x)))
    p = panel.last_panel()
    p.show()
    qtbot.waitExposed(p)
    edit = f.field
    edit.setCursorPosition(2)  # just before the "1" of "7.18": the tenths
    cursor = edit.cursorRect().center()
    start = QPoint(cursor.x() + 2, cursor.y())
    qtbot.mousePress(edit, Qt.MouseButton.MiddleButton, pos=start)
    qtbot.mouseMove(edit, QPoint(start.x(), start.y() - 13))  # two steps up
    qtbot.mouseRelease(edit, Qt.MouseButton.MiddleButton, pos=QPoint(start.x(), start.y() - 13))
    assert m.x == pytest.approx(7.38)
    assert m.calls == pytest.approx([7.38])  # the action ran once, on release


@pytest.mark.parametrize(
    ("text", "index", "place"),
    [
        ("7.18", 0, 1.0),
        ("7.18", 2, 0.1),
        ("7.18", 3, 0.01),
        ("-65", 1, 10.0),
        ("1.2346e+08", 0, 1e8),
        ("1.2346e+08", 2, 1e7),
        ("7.18", 1, None),
    ],
)
def test_digit_place(text, index, place):
    from widgets.panel_field import digit_place

    assert digit_place(text, index) == (pytest.approx(place) if place else None)


def _popup_action(qtbot, text: str):
    from PySide6.QtWidgets import QApplication, QMenu

    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    action = next(a for a in menu.actions() if a.text().startswith(text))
    return menu, action


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen popup menus
def test_right_click_menus_set_the_step_and_replace_the_default(gui, qtbot):
    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x"), 1))
    p = panel.last_panel()
    p.show()
    qtbot.waitExposed(p)
    f.stepper.customContextMenuRequested.emit(QPoint(2, 2))  # right-click the stepper
    menu, times_ten = _popup_action(qtbot, "*10")
    times_ten.trigger()
    menu.close()
    click(qtbot, f.stepper.up)
    assert m.x == pytest.approx(71.8)
    f.default_box.customContextMenuRequested.emit(QPoint(2, 2))  # right-click the box
    menu, replace = _popup_action(qtbot, "Permanently replace default value 7.18 with 71.8")
    replace.trigger()
    menu.close()
    assert not f.default_box.isChecked()  # 71.8 is the default now


def test_holding_the_stepper_repeats_and_the_step_grows_tenfold_after_20(gui, qtbot):
    class Recorded:
        def __init__(self) -> None:
            self.history = [7.18]
            self.calls = 0

        @property
        def x(self) -> float:
            return self.history[-1]

        @x.setter
        def x(self, v: float) -> None:
            self.history.append(v)

    m = Recorded()
    f = _one_field(lambda: h.xvalue("x", (m, "x"), 1, lambda: setattr(m, "calls", m.calls + 1)))
    p = panel.last_panel()
    p.show()
    qtbot.waitExposed(p)
    qtbot.mousePress(f.stepper.up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(m.history) > 24, timeout=10000)
    qtbot.mouseRelease(f.stepper.up, Qt.MouseButton.LeftButton)
    steps = [b - a for a, b in zip(m.history, m.history[1:])]
    assert steps[:20] == pytest.approx([0.01] * 20)
    assert steps[20:24] == pytest.approx([0.1] * 4)
    assert m.calls == 1  # the action ran once, when the button was let go


def test_esc_and_ctrl_g_reach_the_field_before_window_shortcuts(gui, qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    m = Model()
    f = _one_field(lambda: h.xvalue("x", (m, "x")))
    p = panel.last_panel()
    fired = []
    for keys in ("Ctrl+G", "Esc"):  # like the Main Menu's Graph menu, which uses Ctrl+G
        act = QAction(keys, p)
        act.setShortcut(QKeySequence(keys))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda _=False, k=keys: fired.append(k))
        p.addAction(act)
    p.show()
    p.activateWindow()
    qtbot.waitActive(p)
    f.field.setFocus()
    qtbot.waitUntil(f.field.hasFocus)
    type_into(qtbot, f.field, "123", enter=False)
    qtbot.keyClick(f.field, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert f.field.text() == "7.18" and fired == []
    type_into(qtbot, f.field, "456", enter=False)
    qtbot.keyClick(f.field, Qt.Key.Key_Escape)
    assert f.field.text() == "7.18" and fired == []
