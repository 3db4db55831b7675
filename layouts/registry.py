"""The window registry: every window NeuroQt opens, where it is, and who hosts it.

The Window menu and the session saver read :data:`registry`; views open
windows through :func:`open_window`.  The main window registers itself as the
*host* (see :class:`WindowHost`) and docks what it is given; with no host
(tests, a plain Python prompt) windows are ordinary top-level windows.

Boxes that intercept (``HBox.intercept(1)``) push themselves on the intercept
stack: while one is on top, :func:`open_window` hands it the widget instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

__all__ = [
    "Interceptor",
    "WindowHost",
    "WindowRecord",
    "WindowRegistry",
    "open_window",
    "pop_interceptor",
    "push_interceptor",
    "registry",
]


@dataclass(eq=False)
class WindowRecord:
    """One window: its widget, title, kind and requested screen geometry."""

    widget: QWidget
    title: str
    kind: str  # "panel", "graph", "shape", "box", "deck", "tool"
    owner: Any = None  # the h-level object (Graph, HBox...) the session saver asks
    geometry: tuple[int, int, int, int] | None = None  # (left, top, w, h); w/h -1 = natural
    extra: dict[str, Any] = field(default_factory=dict)


class WindowHost(Protocol):
    """What the main window implements to host windows (as docks)."""

    def place(self, record: WindowRecord) -> None: ...
    def unplace(self, record: WindowRecord) -> None: ...
    def is_shown(self, record: WindowRecord) -> bool: ...
    def set_shown(self, record: WindowRecord, shown: bool) -> None: ...


class Interceptor(Protocol):
    """A box or deck that takes windows while it intercepts."""

    def adopt(self, widget: QWidget, title: str, kind: str, owner: Any) -> None: ...


class WindowRegistry(QObject):
    """Knows every open top-level window; emits ``changed`` when the list changes."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._records: list[WindowRecord] = []
        self._host: WindowHost | None = None

    # -- host -----------------------------------------------------------------------
    def set_host(self, host: WindowHost | None) -> None:
        self._host = host
        if host is not None:
            for rec in self._records:
                rec.widget.hide()
                host.place(rec)

    def host(self) -> WindowHost | None:
        return self._host

    # -- windows --------------------------------------------------------------------
    def add(self, record: WindowRecord) -> WindowRecord:
        self._records.append(record)
        if self._host is not None:
            self._host.place(record)
        else:
            w = record.widget
            w.setWindowTitle(record.title)
            if record.geometry is not None:
                left, top, width, height = record.geometry
                w.move(left, top)
                if width > 0 and height > 0:
                    w.resize(width, height)
            w.show()
        self.changed.emit()
        return record

    def remove(self, record: WindowRecord) -> None:
        if record not in self._records:
            return
        self._records.remove(record)
        if self._host is not None:
            self._host.unplace(record)
        else:
            record.widget.hide()
        self.changed.emit()

    def records(self) -> list[WindowRecord]:
        return list(self._records)

    def find(self, widget: QWidget) -> WindowRecord | None:
        return next((r for r in self._records if r.widget is widget), None)

    def is_shown(self, record: WindowRecord) -> bool:
        if self._host is not None:
            return self._host.is_shown(record)
        return record.widget.isVisible()

    def set_shown(self, record: WindowRecord, shown: bool) -> None:
        if self._host is not None:
            self._host.set_shown(record, shown)
        else:
            record.widget.setVisible(shown)
        self.changed.emit()

    def close_all(self) -> None:
        for rec in list(self._records):
            self.remove(rec)
            rec.widget.deleteLater()


_interceptors: list[Interceptor] = []
_registry: WindowRegistry | None = None


def registry() -> WindowRegistry:
    """The process-wide registry (created on first use, after the QApplication)."""
    global _registry
    if _registry is None:
        _registry = WindowRegistry()
    return _registry


def push_interceptor(box: Interceptor) -> None:
    _interceptors.append(box)


def pop_interceptor(box: Interceptor) -> None:
    if box in _interceptors:
        _interceptors.remove(box)


def current_interceptor() -> Interceptor | None:
    return _interceptors[-1] if _interceptors else None


def open_window(
    widget: QWidget,
    title: str,
    *,
    kind: str,
    owner: Any = None,
    geometry: tuple[int, int, int, int] | None = None,
) -> WindowRecord | None:
    """Show a new window, or hand it to the intercepting box.

    Returns the registry record, or ``None`` when a box adopted the widget.
    """
    box = current_interceptor()
    if box is not None:
        box.adopt(widget, title, kind, owner)
        return None
    return registry().add(WindowRecord(widget, title, kind, owner, geometry))
