"""Keeping Qt object lifetimes out of Python's cycle collector.

A Python-owned Qt object (a window with no parent, a graphics item removed from its
scene) is deleted in C++ when its wrapper dies.  If the wrapper sits in a reference
cycle, only the cycle collector frees it, in an order it chooses: it can destroy a
graphics item whose child's ``__dict__`` holds a bound method of the view, whose
destruction then clears a scene still holding the half-destroyed item -- a segfault
inside ``gc.collect()`` (seen at the end of a test run and at application exit).

So back-references from Qt objects to their owners are weak:

- :func:`weak_callback` turns a bound method into a callable that does not keep its
  object alive (other callables are returned unchanged -- they must not capture the
  widget that stores them);
- :class:`WeakAttr` is an attribute that refers to its value weakly (an object's window
  record, which the registry keeps alive while the window is open and which refers
  back to the object);
- :func:`delete_if_dropped`, called from a window's ``__del__``, deletes the window's
  whole Qt tree at once, top-down as Qt does, before the collector clears anything
  (finalizers run first): no item is then left to be freed before its view;
- :func:`drop_python_refs` empties a deleted widget's Python attributes, so what it
  still referenced (models, graphs, menus) is freed by reference counting.
"""

from __future__ import annotations

import types
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QThread

__all__ = ["WeakAttr", "delete_if_dropped", "drop_python_refs", "weak_callback"]


class _WeakBoundMethod:
    """Calls ``obj.method(*args)`` while ``obj`` lives; afterwards does nothing."""

    __slots__ = ("__weakref__", "_ref")

    def __init__(self, method: types.MethodType) -> None:
        self._ref = weakref.WeakMethod(method)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        method = self._ref()
        if method is None:
            return None
        return method(*args, **kwargs)

    def alive(self) -> bool:
        return self._ref() is not None

    def __repr__(self) -> str:
        method = self._ref()
        return f"<weak {method!r}>" if method is not None else "<weak method (dead)>"


def weak_callback(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` without a strong reference to its ``self`` (when ``fn`` is a bound method)."""
    if isinstance(fn, types.MethodType):
        return _WeakBoundMethod(fn)
    return fn


class WeakAttr:
    """A class attribute whose value each instance holds weakly (``None`` once it died)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_weak_{name}"

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        ref = obj.__dict__.get(self._slot)
        return ref() if ref is not None else None

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self._slot] = weakref.ref(value) if value is not None else None


def drop_python_refs(obj: Any, keep: tuple[str, ...] = ()) -> None:
    """Forget ``obj``'s Python attributes (after Qt deleted its C++ side).

    A wrapper whose C++ object is gone is an empty shell; clearing its ``__dict__``
    breaks any cycle through it at once instead of leaving it to the cycle collector.
    """
    d = getattr(obj, "__dict__", None)
    if not d:
        return
    for name in [n for n in d if n not in keep]:
        del d[name]


def delete_if_dropped(widget: Any) -> None:
    """From ``widget.__del__``: delete its C++ tree now if Python owned it.

    Only on the GUI thread and only for a Python-owned widget (a window nobody docked
    or parented): a docked widget belongs to its dock, whatever Python drops.  Never
    raises (it runs as a finalizer).
    """
    try:
        if not shiboken6.isValid(widget) or not shiboken6.ownedByPython(widget):
            return
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return
        shiboken6.delete(widget)
    except Exception:  # a finalizer must not raise
        pass
