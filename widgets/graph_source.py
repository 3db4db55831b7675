"""What a Graph line plots: a reference, a HOC name or expression, or a Python callable.

:func:`make_source` turns ``addvar``/``addexpr`` arguments into a :class:`Source`
with a ``value()`` to sample and, when the value lives in one place (a pointer), a
``pointer`` the run system can record with ``Vector.record`` instead of calling
Python at every step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["Source", "make_source"]

_NAME = re.compile(r"^[A-Za-z_]\w*$")
_RANGE = re.compile(
    r"^(?:(?P<sec>[A-Za-z_][\w.\[\]]*)\.)?(?P<var>[A-Za-z_]\w*)\((?P<x>[-+.\deE]+)\)$"
)


class Source:
    """One plotted quantity: ``value()`` reads it now; ``pointer`` is set when recordable."""

    def __init__(
        self,
        label: str,
        read: Callable[[], float],
        pointer: Any = None,
        expression: str | None = None,
    ) -> None:
        self.label = label
        self._read = read
        self.pointer = pointer
        self.expression = expression

    def value(self) -> float:
        return float(self._read())


def _pointer_reader(ptr: Any) -> Callable[[], float]:
    get = getattr(ptr, "get", None)
    if get is not None:
        return get
    return lambda: ptr[0]


def _is_pointer(obj: Any) -> bool:
    if isinstance(obj, str | bytes) or callable(obj):
        return False
    return hasattr(obj, "__getitem__") and (hasattr(obj, "get") or hasattr(obj, "location"))


def _hoc_interpreter(h: Any) -> Any:
    try:
        return h._hoc()
    except ImportError:
        return None


def _section_named(name: str) -> Any:
    try:
        from sim import section
    except ImportError:
        return None
    for sec in section.all_sections():
        if sec.name() == name:
            return sec
    return None


def _current_section() -> Any:
    try:
        from sim import section
    except ImportError:
        return None
    try:
        return section.current_section()
    except Exception:
        return None


def _fallback_pointer(h: Any, text: str) -> Any:
    """Pointers for the simple names we can resolve without the HOC interpreter."""
    text = text.replace(" ", "")
    if _NAME.match(text):
        return getattr(h, "_ref_" + text)
    m = _RANGE.match(text)
    if m is None:
        return None
    sec = _section_named(m["sec"]) if m["sec"] else _current_section()
    if sec is None:
        return None
    return getattr(sec(float(m["x"])), "_ref_" + m["var"])


def _resolve_text(h: Any, text: str) -> Source:
    interp = _hoc_interpreter(h)
    pointer_of = getattr(interp, "pointer", None)
    if pointer_of is not None:
        try:
            ptr = pointer_of(text)
        except Exception:
            ptr = None
        if ptr is not None:
            return Source(text, _pointer_reader(ptr), ptr, text)
    try:
        ptr = _fallback_pointer(h, text)
    except (AttributeError, LookupError, ValueError, TypeError):
        ptr = None
    if ptr is not None:
        return Source(text, _pointer_reader(ptr), ptr, text)
    evaluate = getattr(interp, "eval_expression", None)
    if evaluate is None:
        raise NameError(f"Graph: cannot plot {text!r}: not a variable name NeuroQt can resolve")
    evaluate(text)  # fails now, with HOC's message, rather than at every step
    return Source(text, lambda: evaluate(text), None, text)


def make_source(h: Any, spec: Any, label: str | None = None) -> Source:
    """A :class:`Source` for an addvar/addexpr argument (pointer, HOC text or callable)."""
    if isinstance(spec, str):
        src = _resolve_text(h, spec)
        if label:
            src.label = label
        return src
    if _is_pointer(spec):
        describe = getattr(spec, "describe", None)
        name = label or (describe() if describe else repr(spec))
        return Source(name, _pointer_reader(spec), spec)
    if callable(spec):
        name = label or getattr(spec, "__name__", "f")
        return Source(name, spec)
    raise TypeError(
        f"Graph: cannot plot {spec!r}: give a reference (seg._ref_v), a hoc name or a callable"
    )
