"""Test-suite rules that hold for every test.

- Qt runs offscreen (set before anything imports Qt).
- A test that leaves a QThread running or a top-level window open fails.
- Every test leaves ``h`` as it found it (:func:`sim.snapshot`): sections, names,
  globals, the HOC interpreter, the engine's recordings and switches; and a GUI test
  starts with no window host (windows open top-level), whatever ran before.
- The ``sim`` tests need no Qt: nothing here imports PySide6 unless it is installed.
"""

from __future__ import annotations

import os
import sys
import weakref

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NEUROQT_NO_SETTINGS", "1")  # tests never read or write the user's settings

try:
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication
except ImportError:  # the sim tests run without Qt
    QThread = None  # type: ignore[assignment,misc]
    QApplication = None  # type: ignore[assignment,misc]

_started_threads: weakref.WeakSet = weakref.WeakSet()

if QThread is not None:
    _original_start = QThread.start

    def _tracking_start(self, *args, **kwargs):
        _started_threads.add(self)
        return _original_start(self, *args, **kwargs)

    QThread.start = _tracking_start


def _visible_top_levels() -> list:
    app = QApplication.instance() if QApplication is not None else None
    if app is None:
        return []
    return [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()]


@pytest.fixture(autouse=True)
def _same_h():
    """``h`` after the test as before it, whatever the test did (or failed to undo)."""
    import sim

    registry = sys.modules.get("layouts.registry")  # imported only where Qt is used
    host = None
    if registry is not None:
        # A module that opens the app's Main Menu on import (app.gui) makes it the host
        # of every later window; a test that wants a host says so (``main_window``).
        host = registry.registry().host()
        registry.registry().set_host(None)
    with sim.snapshot():
        yield
    if registry is not None:
        registry.registry().set_host(host)


@pytest.fixture(autouse=True)
def _no_dangling_qt(request):
    """Fail a test that leaves a QThread running or a top-level window open."""
    before = {id(w) for w in _visible_top_levels()}
    yield
    if QThread is None or QApplication is None or QApplication.instance() is None:
        return
    running = [t for t in list(_started_threads) if t.isRunning()]
    for t in running:  # give a finishing thread a moment, then judge
        t.wait(2000)
    running = [t for t in running if t.isRunning()]
    windows = [w for w in _visible_top_levels() if id(w) not in before]
    for w in windows:
        w.close()
    problems = []
    if running:
        problems.append(f"{len(running)} QThread(s) still running")
    if windows:
        titles = ", ".join(repr(w.windowTitle() or type(w).__name__) for w in windows)
        problems.append(f"top-level window(s) left open: {titles}")
    if problems:
        pytest.fail("test left Qt state behind: " + "; ".join(problems), pytrace=False)


@pytest.fixture
def qt_windows(qtbot):
    """The window registry; every window a test opened through it is closed afterwards."""
    from layouts.registry import registry

    reg = registry()
    yield reg
    reg.close_all()
