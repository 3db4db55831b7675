"""Book-keeping shared by every section: creation order, structure version, the section stack.

NEURON keeps one list of sections (``allsec`` order = creation order), a
"structure changed" flag the engine checks before it runs, and a stack of
*currently accessed* sections (``h.cas()``, HOC's ``soma { ... }``).  They live
here, free of the Section class, so geometry/topology code and the HOC
interpreter can use them without import cycles.
"""

from __future__ import annotations

import itertools
import weakref
from typing import Any

__all__ = [
    "all_sections",
    "current_section",
    "default_access",
    "next_order",
    "pop_section",
    "push_section",
    "register_section",
    "set_default_access",
    "structure_changed",
    "structure_version",
    "unregister_section",
]

_sections: dict[int, weakref.ref] = {}  # order -> weakref(section); dicts keep insertion order
_counter = itertools.count()
_version = [0]
_stack: list[Any] = []
_default: list[Any] = [None]


def next_order() -> int:
    """A new creation serial number."""
    return next(_counter)


def register_section(sec: Any) -> None:
    _sections[sec._order] = weakref.ref(sec)
    structure_changed()


def unregister_section(sec: Any) -> None:
    _sections.pop(sec._order, None)
    structure_changed()


def all_sections() -> list[Any]:
    """Every live (not deleted) section, in creation order."""
    out = []
    for ref in list(_sections.values()):
        sec = ref()
        if sec is not None and not sec._deleted:
            out.append(sec)
    return out


def structure_changed() -> None:
    """Topology, geometry, nseg, 3-D points or mechanisms changed: recompile before running."""
    _version[0] += 1


def structure_version() -> int:
    """Grows by one at every structural change (the GUI compares it between run chunks)."""
    return _version[0]


def push_section(sec: Any) -> None:
    """Make ``sec`` the currently accessed section (NEURON's section stack)."""
    _stack.append(sec)


def pop_section() -> Any:
    """Undo the last :func:`push_section`; returns the section that was on top."""
    if not _stack:
        raise RuntimeError("section stack underflow: pop_section() without a matching push")
    return _stack.pop()


def set_default_access(sec: Any) -> None:
    """HOC's ``access sec``: the section used when the stack is empty."""
    _default[0] = sec


def default_access() -> Any:
    return _default[0]


def current_section() -> Any:
    """``h.cas()``: top of the stack, else the ``access``-ed section, else the first section."""
    while _stack and _stack[-1]._deleted:
        _stack.pop()
    if _stack:
        return _stack[-1]
    sec = _default[0]
    if sec is not None and not sec._deleted:
        return sec
    secs = all_sections()
    if secs:
        return secs[0]
    raise RuntimeError("Section access unspecified: no section exists (create one first)")


def reset() -> None:
    """Forget every section (used by ``delete_all_sections``)."""
    _sections.clear()
    _stack.clear()
    _default[0] = None
    structure_changed()
