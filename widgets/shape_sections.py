"""What the shape views ask of the engine, in one place.

Sections, their 3-D layout (``define_shape``), whether the structure changed,
the current-section stack, and where a point process sits.  Reading a range
variable at every segment is :mod:`widgets.shape_values`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

import numpy as np

__all__ = [
    "all_sections",
    "define_shape",
    "pop_section",
    "push_section",
    "segment_location",
    "structure_key",
]


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


def all_sections() -> list[Any]:
    """Every live section in creation order."""
    section = _module("sim.section")
    if section is None or not hasattr(section, "all_sections"):
        return []
    return [s for s in section.all_sections() if not getattr(s, "_deleted", False)]


def sections_of(seclist: Iterable[Any] | None) -> list[Any]:
    """The sections of a SectionList (or any iterable of sections); all when None."""
    if seclist is None:
        return all_sections()
    return [s for s in seclist if not getattr(s, "_deleted", False)]


def define_shape() -> None:
    """Give 3-D points to sections that have none (NEURON's default layout)."""
    morph3d = _module("sim.morph3d")
    if morph3d is not None and hasattr(morph3d, "define_shape"):
        morph3d.define_shape()


def structure_key(sections: list[Any]) -> Any:
    """Changes whenever what is drawn must be rebuilt (topology, nseg, 3-D points)."""
    section = _module("sim.section")
    version = getattr(section, "structure_version", None) if section is not None else None
    base = version() if callable(version) else None
    return (
        base,
        tuple(id(s) for s in sections),
        tuple((getattr(s, "_nseg", 1), len(getattr(s, "_pt3d", ())), _pt_sig(s)) for s in sections)
        if base is None
        else len(sections),
    )


def _pt_sig(sec: Any) -> float:
    pts = getattr(sec, "_pt3d", None)
    if pts is None or len(pts) == 0:
        return 0.0
    return float(np.asarray(pts, dtype=np.float64).sum())


def push_section(sec: Any) -> None:
    section = _module("sim.section")
    if section is not None and hasattr(section, "push_section"):
        section.push_section(sec)
    elif hasattr(sec, "push"):
        sec.push()


def pop_section() -> None:
    section = _module("sim.section")
    if section is not None and hasattr(section, "pop_section"):
        section.pop_section()


def segment_location(obj: Any) -> tuple[Any, float] | None:
    """(section, x) of a point process or segment, or None if it has no location."""
    getter = getattr(obj, "get_segment", None)
    seg = getter() if callable(getter) else obj
    sec = getattr(seg, "sec", None)
    x = getattr(seg, "x", None)
    if sec is None or x is None:
        return None
    return sec, float(x)
