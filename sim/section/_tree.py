"""Connecting and disconnecting sections, deleting them (numerics §1.6)."""

from __future__ import annotations

from typing import Any

from sim.section import _registry

__all__ = ["connect", "delete_section", "detach"]


def connect(child: Any, parent: Any, x: Any = None, child_end: Any = 0.0) -> None:
    """Attach ``child``'s ``child_end`` to ``parent`` at ``x`` (default 1)."""
    from sim.section._section import Section
    from sim.section._segment import Segment

    if isinstance(parent, Segment):
        if x is not None:
            child_end = x
        parent, x = parent.sec, parent.x
    elif not isinstance(parent, Section):
        raise TypeError(
            f"{child.name()}.connect(): parent must be a section or a segment such as soma(1), "
            f"got {parent!r}"
        )
    x = 1.0 if x is None else _position(x, "parent position")
    end = _position(child_end, "child end")
    if end not in (0.0, 1.0):
        raise ValueError(f"{child.name()}.connect(): the child end must be 0 or 1, got {end:g}")
    child._check_alive()
    parent._check_alive()
    node = parent
    while node is not None:
        if node is child:
            raise ValueError(
                f"connecting {child.name()} to {parent.name()} would make a loop "
                "(a section cannot be its own ancestor)"
            )
        node = node._parent
    detach(child)
    child._parent = parent
    d = child.__dict__
    d["_parent_x"] = x
    d["_child_end"] = end
    siblings = parent._children
    pos = next((i for i, s in enumerate(siblings) if s._parent_x >= x), len(siblings))
    siblings.insert(pos, child)
    parent._set_children(siblings)
    _registry.structure_changed()


def detach(child: Any) -> None:
    """``sec.disconnect()``: the section becomes a root (its own v values are kept)."""
    parent = child._parent
    if parent is None:
        return
    parent._set_children([c for c in parent._children if c is not child])
    child._parent = None
    d = child.__dict__
    d["_parent_x"] = 1.0
    d["_child_end"] = 0.0
    _registry.structure_changed()


def delete_section(sec: Any) -> None:
    """Delete ``sec``: its children become roots; references to it raise from now on."""
    if sec._deleted:
        return
    for c in list(sec._children):
        detach(c)
    detach(sec)
    for pp in sec._point_processes():
        pp.__dict__["_sec"] = None
    sec.__dict__["_deleted"] = True
    _registry.unregister_section(sec)


def _position(value: Any, what: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"connect: {what} must be a number, got {value!r}") from None
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"connect: {what} must be in 0..1, got {x:g}")
    return x
