"""The section language on NEURON's public Python API (and sim.section's stack).

HOC reaches sections only through what any Python script could use:
``h.Section(name=, cell=)``, ``sec(x)``, ``sec.connect``, ``sec.insert``,
``setattr(sec(x), var, value)`` and the current-section stack in
:mod:`sim.section`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sim.hoc.errors import HocError

__all__ = [
    "CORE_RANGE",
    "SECTION_PROPS",
    "as_section",
    "current_section",
    "is_section",
    "is_segment",
    "pop_section",
    "push_section",
    "range_get",
    "range_set",
    "range_set_all",
    "range_taper",
    "section_name",
    "segment_positions",
    "set_access",
]

# Names that always mean a section property or range variable in HOC.
SECTION_PROPS = frozenset({"L", "nseg", "Ra", "rallbranch"})
CORE_RANGE = frozenset({"L", "nseg", "Ra", "rallbranch", "diam", "cm", "v"})


def _section_module() -> Any:
    try:
        import sim.section as module
    except ImportError as exc:  # engine not available
        raise HocError(f"sections are not available: {exc}") from None
    return module


def is_section(obj: Any) -> bool:
    """True for a Section (duck-typed on the public API)."""
    return type(obj).__name__ == "Section" and hasattr(obj, "nseg") and callable(obj)


def is_segment(obj: Any) -> bool:
    return type(obj).__name__ == "Segment" and hasattr(obj, "sec") and hasattr(obj, "x")


def as_section(value: Any) -> Any:
    """A section, or the first of a section array (``access dend`` is dend[0]); else None."""
    if is_section(value):
        return value
    data = getattr(value, "data", None)
    if type(value).__name__ == "SectionArray" and data:
        return data[0]
    return None


def section_name(sec: Any) -> str:
    name = getattr(sec, "name", None)
    return str(name()) if callable(name) else str(sec)


def current_section() -> Any:
    """The section HOC statements act on; a clear error when there is none."""
    module = _section_module()
    try:
        sec = module.current_section()
    except Exception as exc:  # the engine's own message is the useful one
        text = str(exc)
        if "ccess unspecified" not in text:
            text = f"Section access unspecified ({text})"
        raise HocError(text) from None
    if sec is None:
        raise HocError("Section access unspecified")
    return sec


def push_section(sec: Any) -> None:
    _section_module().push_section(sec)


def pop_section() -> None:
    _section_module().pop_section()


def set_access(sec: Any) -> None:
    module = _section_module()
    setter = getattr(module, "set_default_access", None) or getattr(module, "access", None)
    if setter is None:
        raise HocError("access: the engine has no default-section support")
    setter(sec)


def range_get(name: str, x: float | None, sec: Any = None) -> Any:
    """``name(x)`` (or ``name`` at 0.5) on ``sec`` or the current section."""
    if sec is None:
        sec = current_section()
    if name in SECTION_PROPS:
        return getattr(sec, name)
    seg = sec(0.5 if x is None else x)
    try:
        value = getattr(seg, name)
    except AttributeError:
        raise HocError(f"{name} is not a range variable of {section_name(sec)}") from None
    return value() if callable(value) else value  # area(x), ri(x)


def range_set(name: str, x: float, value: Any, sec: Any = None) -> None:
    """``name(x) = value``: one segment."""
    if sec is None:
        sec = current_section()
    if name in SECTION_PROPS:
        setattr(sec, name, value)
        return
    try:
        setattr(sec(x), name, value)
    except AttributeError:
        raise HocError(f"{name} is not a range variable of {section_name(sec)}") from None


def range_set_all(name: str, value: Any, sec: Any = None) -> None:
    """``name = value`` inside a section: every segment (or the section property)."""
    if sec is None:
        sec = current_section()
    if name in SECTION_PROPS:
        setattr(sec, name, value)
        return
    try:
        for seg in sec:
            setattr(seg, name, value)
    except AttributeError:
        raise HocError(f"{name} is not a range variable of {section_name(sec)}") from None


def range_taper(name: str, x0: float, x1: float, y0: float, y1: float, sec: Any = None) -> None:
    """``name(x0:x1) = y0:y1``: linear in x over the segments whose centres lie in range."""
    if sec is None:
        sec = current_section()
    if x1 == x0:
        raise HocError(f"{name}({x0}:{x1}): the range is empty")
    lo, hi = min(x0, x1), max(x0, x1)
    for seg in sec:
        x = seg.x
        if lo <= x <= hi:
            setattr(seg, name, y0 + (y1 - y0) * (x - x0) / (x1 - x0))


def segment_positions(sec: Any, with_ends: bool) -> Iterator[float]:
    """``for (x)``: 0, the segment centres, 1 (``for (x, 0)``: the centres only)."""
    n = int(sec.nseg)
    if with_ends:
        yield 0.0
    for i in range(n):
        yield (i + 0.5) / n
    if with_ends:
        yield 1.0


def _neuron_regex(pattern: str) -> re.Pattern[str]:
    """NEURON's section-name patterns: ``.``, ``*``, ``^``, ``$`` as usual; brackets literal."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(re.escape(c) if c in "[]{}()|" else c)
        i += 1
    try:
        return re.compile("".join(out))
    except re.error:
        return re.compile(re.escape(pattern))


def section_matches(pattern: str, sec: Any) -> bool:
    """``forsec``/``ifsec`` matching: the pattern is searched anywhere in the name."""
    return _neuron_regex(pattern).search(section_name(sec)) is not None
