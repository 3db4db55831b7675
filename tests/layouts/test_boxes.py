"""HBox, VBox and Deck: intercepting windows, nesting, mapping, cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter

from layouts import boxes
from layouts import registry as reg
from sim import h
from widgets import panel
from widgets.binding import set_error_handler


@pytest.fixture
def gui(qt_windows):
    names = list(panel.implementations()) + list(boxes.implementations())
    saved = {name: h._symbols.get(name) for name in names}
    errors: list[BaseException] = []
    old = set_error_handler(lambda _t, v, _tb: errors.append(v))
    h._install_gui({**panel.implementations(), **boxes.implementations()})
    yield qt_windows
    panel.reset()
    reg._interceptors.clear()
    set_error_handler(old)
    h._symbols.update({k: v for k, v in saved.items() if v is not None})


def _panel(title: str) -> panel.Panel:
    h.xpanel(title)
    h.xlabel(title)
    h.xpanel()
    return panel.last_panel()


def _top_left(widget, ancestor):
    return widget.mapTo(ancestor, widget.rect().topLeft())


def test_vbox_stacks_its_children_in_order(gui, qtbot):
    box = h.VBox()
    box.intercept(1)
    a, b = _panel("A"), _panel("B")
    box.intercept(0)
    box.map("Stack")
    qtbot.waitExposed(box.widget)
    assert [r.title for r in gui.records()] == ["Stack"]
    pa, pb = _top_left(a, box.widget), _top_left(b, box.widget)
    assert pa.x() == pb.x() and pa.y() + a.height() <= pb.y()


def test_boxes_nest_to_any_depth(gui, qtbot):
    outer = h.HBox()
    outer.intercept(1)
    left = _panel("left")
    middle = h.VBox()
    middle.intercept(1)
    top = _panel("top")
    inner = h.HBox()
    inner.intercept(1)
    deep1, deep2 = _panel("deep1"), _panel("deep2")
    inner.intercept(0)
    inner.map()
    middle.intercept(0)
    middle.map()
    outer.intercept(0)
    outer.map("Nested")
    qtbot.waitExposed(outer.widget)
    assert [r.owner for r in gui.records()] == [outer]  # one window for the whole tree
    for p in (left, top, deep1, deep2):
        assert p.window() is outer.widget
    assert [c[3] for c in outer.children] == [left, middle]
    assert [c[3] for c in middle.children] == [top, inner]
    assert [c[3] for c in inner.children] == [deep1, deep2]
    assert _top_left(deep1, outer.widget).x() < _top_left(deep2, outer.widget).x()
    assert inner.ismapped() == 1


def test_any_window_kind_can_be_intercepted(gui):
    box = h.HBox()
    box.intercept(1)
    graph_like = QLabel("a graph")
    record = reg.open_window(graph_like, "Graph[0]", kind="graph")
    box.intercept(0)
    assert record is None
    assert box.children[0][:3] == (graph_like, "Graph[0]", "graph")


def test_intercept_returns_to_the_outer_box(gui):
    outer, inner = h.VBox(), h.VBox()
    outer.intercept(1)
    inner.intercept(1)
    inner.intercept(0)
    p = _panel("after inner")
    outer.intercept(0)
    assert outer.children[0][0] is p


def test_map_with_a_position_and_unmap(gui, qtbot):
    box = h.HBox()
    box.intercept(1)
    _panel("x")
    box.intercept(0)
    box.map("Placed", 120, 80, -1, -1)
    (record,) = gui.records()
    assert record.geometry == (120, 80, -1, -1) and record.kind == "box"
    assert box.ismapped() == 1
    box.unmap()
    assert box.ismapped() == 0 and gui.records() == []
    box.map("Again")
    assert box.ismapped() == 1
    box.widget.close()  # the user closes it (no dismiss_action)
    assert box.ismapped() == 0
    box.map()  # a script maps it again: it comes back
    assert box.ismapped() == 1 and len(gui.records()) == 1


def test_dismiss_action_runs_instead_of_closing(gui, qtbot):
    box = h.VBox()
    calls = []
    box.dismiss_action(lambda: (calls.append("asked"), box.unmap()))
    box.map("Closable")
    qtbot.waitExposed(box.widget)
    box.widget.close()  # what the window's close button does
    assert calls == ["asked"] and box.ismapped() == 0


@pytest.mark.parametrize(("button", "expected"), [("OK", 1.0), ("No thanks", 0.0)])
def test_dialog_returns_1_when_accepted_and_0_when_cancelled(gui, qtbot, button, expected):
    box = h.VBox()
    box.intercept(1)
    _panel("in dialog")
    box.intercept(0)

    def press():
        dlg = next(w for w in qtbot_app_windows() if isinstance(w, QDialog))
        choice = next(b for b in dlg.findChild(QDialogButtonBox).buttons() if b.text() == button)
        qtbot.mouseClick(choice, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, press)
    assert box.dialog("Proceed?", "OK", "No thanks") == expected


def qtbot_app_windows():
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_adjuster_puts_the_next_child_behind_a_draggable_splitter(gui):
    box = h.VBox()
    box.intercept(1)
    _panel("fixed")
    box.adjuster(150)
    adjustable = _panel("adjustable")
    box.intercept(0)
    splitters = box.widget.findChildren(QSplitter)
    assert len(splitters) == 1 and splitters[0].indexOf(adjustable) >= 0


def test_vbox_scroll_and_frames(gui):
    box = h.VBox(3, 1)
    from PySide6.QtWidgets import QScrollArea

    assert box.widget.findChildren(QScrollArea)
    with pytest.raises(ValueError, match="frame must be 0, 1, 2 or 3"):
        h.HBox(7)


def test_session_bookkeeping_methods(gui):
    box = h.HBox()
    keep = object()
    assert box.priority() == 1
    box.priority(990)
    assert box.priority() == 990
    box.ref(keep)
    box.save("// saved")
    box.full_request(1)
    assert box._ref is keep and box._save == "// saved" and box._full_request


def test_deck_shows_one_card_at_a_time(gui, qtbot):
    deck = h.Deck()
    deck.intercept(1)
    cards = [_panel(f"card {i}") for i in range(3)]
    deck.intercept(0)
    deck.map("Deck")
    qtbot.waitExposed(deck.widget)
    assert deck.current() == -1  # none until flip_to
    deck.flip_to(1)
    assert [c.isVisible() for c in cards] == [False, True, False]
    deck.flip_to(-1)
    assert not any(c.isVisible() for c in cards)
    deck.flip_to(2)
    deck.move_last(0)  # card 2 becomes card 0 and stays showing
    assert [c[3] for c in deck.children] == [cards[2], cards[0], cards[1]]
    assert deck.current() == 0 and cards[2].isVisible()
    deck.remove(1)
    assert [c[3] for c in deck.children] == [cards[2], cards[1]]
    deck.remove_last()
    assert [c[3] for c in deck.children] == [cards[2]]
    with pytest.raises(IndexError, match="1 cards"):
        deck.flip_to(3)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen floating docks
def test_box_in_the_main_window_docks_and_floats_when_placed(gui, qtbot):
    from PySide6.QtWidgets import QDockWidget, QMainWindow

    from layouts.registry import WindowRecord

    class Host(QMainWindow):
        def __init__(self):
            super().__init__()
            self.docks = {}

        def place(self, record: WindowRecord) -> None:
            dock = QDockWidget(record.title, self)
            dock.setWidget(record.widget)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.setFloating(record.geometry is not None)
            self.docks[id(record)] = dock

        def unplace(self, record):
            self.docks.pop(id(record)).deleteLater()

        def is_shown(self, record):
            return id(record) in self.docks

        def set_shown(self, record, shown):
            pass

    host = Host()
    qtbot.addWidget(host)
    gui.set_host(host)
    try:
        docked, floating = h.HBox(), h.VBox()
        docked.map("docked")
        floating.map("floating", 50, 60, 200, 100)
        d1, d2 = (host.docks[id(r)] for r in gui.records())
        assert not d1.isFloating() and d2.isFloating()
        assert docked.widget.parentWidget() is d1
        asked = []
        docked.dismiss_action(lambda: asked.append(1))
        d1.close()  # the dock's close button
        assert asked == [1]
    finally:
        gui.close_all()
        gui.set_host(None)


def test_enter_in_a_dialog_field_accepts_the_field_not_the_dialog(gui, qtbot):
    class M:
        x = 1.0

    box = h.VBox()
    box.intercept(1)
    h.xpanel("Ask")
    h.xvalue("x", (M, "x"))
    h.xpanel()
    box.intercept(0)
    field = panel.last_panel().value_fields()[0].field
    still_open = []

    def type_then_accept():
        dlg = next(w for w in qtbot_app_windows() if isinstance(w, QDialog))
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, "5")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        still_open.append(dlg.isVisible())
        ok = next(b for b in dlg.findChild(QDialogButtonBox).buttons() if b.text() == "Accept")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, type_then_accept)
    assert box.dialog("Value?") == 1
    assert still_open == [True] and M.x == 5
