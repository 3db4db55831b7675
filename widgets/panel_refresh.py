"""Which panels are alive, and refreshing their controls (NEURON's ``doNotify``).

Every control that shows a variable implements ``refresh()``: it re-reads its
binding and redraws only if the text changed, and never overwrites a field
that is being edited.  :func:`refresh_all` refreshes every live panel; it is
what ``h.doNotify()`` does, what runs after an action, and what a run calls at
each screen update.  ``xvalue(..., 2)`` fields are also refreshed by a
light timer (NEURON: every 10th pass of the event loop).
"""

from __future__ import annotations

import atexit
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

__all__ = [
    "Refreshable",
    "forget_keep_updated",
    "keep_updated",
    "live_panels",
    "prepare_notifier",
    "refresh_all",
    "refresh_keep_updated",
    "register_panel",
]

KEEP_UPDATED_INTERVAL_MS = 100


class Refreshable(Protocol):
    def refresh(self) -> None: ...


_panels: dict[int, Any] = {}
_keep_updated: dict[int, Any] = {}
_timer: QTimer | None = None


def register_panel(panel: QObject) -> None:
    """Track ``panel`` (anything with ``refresh_controls()``) until it is destroyed."""
    prepare_notifier()
    _panels[id(panel)] = panel
    panel.destroyed.connect(partial(_forget_panel, id(panel)))


def _forget_panel(key: int, *_args: Any) -> None:
    _panels.pop(key, None)


def live_panels() -> list[Any]:
    return list(_panels.values())


class _GuiThreadNotifier(QObject):
    """Carries a refresh request from another thread to the GUI thread (queued)."""

    requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.requested.connect(self.run, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def run(self) -> None:
        refresh_all()


_notifier: _GuiThreadNotifier | None = None


def prepare_notifier() -> None:
    """Create the cross-thread notifier (call once on the GUI thread)."""
    global _notifier
    if _notifier is None:
        _notifier = _GuiThreadNotifier()


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() is app.thread()


def refresh_all() -> None:
    """Re-read every bound control of every live panel (fields being edited are kept).

    Called from another thread (a script thread calling ``h.doNotify()``), it
    asks the GUI thread to do it instead: widgets are only touched there.
    """
    if not _on_gui_thread():
        if _notifier is not None:
            _notifier.requested.emit()
        return
    for panel in list(_panels.values()):
        try:
            panel.refresh_controls()
        except RuntimeError:  # its C++ side is already gone
            _panels.pop(id(panel), None)


def keep_updated(control: QObject) -> None:
    """Refresh ``control`` periodically (``xvalue(..., 2)``) while it lives."""
    global _timer
    _keep_updated[id(control)] = control
    control.destroyed.connect(partial(forget_keep_updated, id(control)))
    if _timer is None:
        _timer = QTimer()
        _timer.setInterval(KEEP_UPDATED_INTERVAL_MS)
        _timer.timeout.connect(refresh_keep_updated)
    if not _timer.isActive():
        _timer.start()


def forget_keep_updated(key: int, *_args: Any) -> None:
    _keep_updated.pop(key, None)
    if not _keep_updated and _timer is not None:
        _timer.stop()


def refresh_keep_updated() -> None:
    for control in list(_keep_updated.values()):
        try:
            control.refresh()
        except RuntimeError:
            _keep_updated.pop(id(control), None)


def _release_at_exit() -> None:
    """Drop module-held Qt objects before the interpreter tears Qt down."""
    global _timer, _notifier
    if _timer is not None:
        _timer.stop()
    _timer = None
    _notifier = None
    _panels.clear()
    _keep_updated.clear()


atexit.register(_release_at_exit)
