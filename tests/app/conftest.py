"""Fixtures for the application tests: a Main Menu window hosting the registry's windows."""

from __future__ import annotations

import pytest


@pytest.fixture
def main_window(qtbot, monkeypatch):
    """A shown MainWindow (with fresh in-memory settings) hosting the test's windows."""
    from app import settings as settings_module
    from app.main_window import MainWindow

    monkeypatch.setenv("NEUROQT_NO_SETTINGS", "1")
    monkeypatch.setattr(settings_module, "_settings", None)
    from layouts.registry import registry

    win = MainWindow()
    qtbot.addWidget(win)
    reg = registry()
    reg.set_host(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    reg.close_all()
    reg.set_host(None)


@pytest.fixture
def h_symbols():
    """``h``'s symbol table, restored after the test (for installing implementations)."""
    from sim import h

    saved = dict(h._symbols)
    gui_loaded = h._gui_loaded
    yield h
    h._symbols.clear()
    h._symbols.update(saved)
    object.__setattr__(h, "_gui_loaded", gui_loaded)
