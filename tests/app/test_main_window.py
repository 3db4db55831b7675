"""The Main Menu window as a person meets it."""

from __future__ import annotations

import pytest


@pytest.fixture
def main_window(qtbot):
    from app.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_file_quit_closes_the_window(main_window, qtbot):
    file_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&File")
    quit_action = next(a for a in file_menu.actions() if a.text() == "&Quit")
    quit_action.trigger()
    qtbot.waitUntil(lambda: not main_window.isVisible())


def test_window_opens_as_a_dock(main_window, qtbot):
    from PySide6.QtWidgets import QDockWidget, QLabel

    from layouts.registry import WindowRecord, WindowRegistry

    reg = WindowRegistry()
    reg.set_host(main_window)
    label = QLabel("hello")
    rec = reg.add(WindowRecord(label, "My panel", "panel"))
    docks = main_window.findChildren(QDockWidget)
    assert [d.windowTitle() for d in docks] == ["My panel"]
    assert docks[0].widget() is label
    reg.set_shown(rec, False)
    assert not docks[0].isVisible()
