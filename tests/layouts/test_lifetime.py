"""layouts.lifetime: back-references that do not keep owners alive, and windows that
delete their Qt tree when Python drops them."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from layouts.lifetime import WeakAttr, delete_if_dropped, weak_callback


class Owner:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def hit(self, n: int) -> str:
        self.calls.append(n)
        return "hit"


def test_weak_callback_calls_through_and_does_not_keep_its_object_alive():
    owner = Owner()
    cb = weak_callback(owner.hit)
    assert cb(3) == "hit" and owner.calls == [3]
    probe = weakref.ref(owner)
    del owner  # no gc.collect(): plain reference counting frees it
    assert probe() is None
    assert cb(4) is None  # a late call does nothing


def test_weak_callback_leaves_plain_functions_alone():
    def f() -> int:
        return 7

    assert weak_callback(f) is f


class Holder:
    target = WeakAttr()


def test_weak_attr_reads_none_once_the_value_died():
    holder, value = Holder(), Owner()
    holder.target = value
    assert holder.target is value
    del value
    assert holder.target is None
    holder.target = None
    assert holder.target is None


class _Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        QVBoxLayout(self).addWidget(QLabel("child", self))
        self.me = self  # a cycle: only the collector can free this wrapper

    def __del__(self) -> None:
        delete_if_dropped(self)


def test_a_dropped_window_in_a_cycle_is_deleted_whole_before_gc_clears_it(qtbot):
    w = _Window()
    label = w.findChild(QLabel)
    del w
    gc.set_debug(gc.DEBUG_SAVEALL)  # keep what the collector found, to look at it
    try:
        gc.collect()
        found = [o for o in gc.garbage if isinstance(o, _Window)]
        assert found, "the window was in a cycle"
        # finalizers run before anything is cleared: by then Qt had deleted the window
        # and its child, top-down, so the collector frees only empty wrappers
        assert not shiboken6.isValid(found[0]) and not shiboken6.isValid(label)
    finally:
        gc.set_debug(0)
        found = []
        gc.garbage.clear()


def test_a_parented_widget_is_left_to_its_parent(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    child = _Window()
    child.setParent(parent)
    child.me = None
    label = child.findChild(QLabel)
    del child
    gc.collect()
    assert shiboken6.isValid(label)  # still shown inside its parent
