"""NEURON's ``StringFunctions`` class (``sf = new StringFunctions()``)."""

from __future__ import annotations

import re
from typing import Any

from sim._hocname import HocNamed
from sim.hoc.errors import HocError
from sim.hoc.runtime import unwrap
from sim.hoc.values import StrCell, hoc_name

__all__ = ["StringFunctions"]


def _text(value: Any, what: str) -> str:
    value = unwrap(value)
    if hasattr(value, "get") and not isinstance(value, str):
        value = value.get()  # h.ref("text") from Python
    if not isinstance(value, str):
        raise HocError(f"StringFunctions.{what}: expected a string, got {hoc_name(value)}")
    return value


def _store(target: Any, text: str, what: str) -> None:
    if isinstance(target, StrCell):
        target.value = text
    elif hasattr(target, "set"):
        target.set(text)
    else:
        raise HocError(f"StringFunctions.{what}: the result argument must be a strdef")


def _search(pattern: str, text: str, what: str) -> re.Match[str] | None:
    try:
        return re.search(pattern, text)
    except re.error as exc:
        raise HocError(f"StringFunctions.{what}: bad pattern {pattern!r} ({exc})") from None


class StringFunctions(HocNamed):
    """String helpers on strdefs; methods that change a strdef get it by reference."""

    hoc_raw_args = True  # every method may receive strdef cells

    def __init__(self, *_args: Any) -> None:
        pass

    def len(self, s: Any) -> float:
        return float(len(_text(s, "len")))

    def substr(self, s: Any, part: Any) -> float:
        return float(_text(s, "substr").find(_text(part, "substr")))

    def head(self, s: Any, pattern: Any, result: Any) -> float:
        text = _text(s, "head")
        match = _search(_text(pattern, "head"), text, "head")
        _store(result, text[: match.start()] if match else "", "head")
        return float(match.start()) if match else -1.0

    def tail(self, s: Any, pattern: Any, result: Any) -> float:
        text = _text(s, "tail")
        match = _search(_text(pattern, "tail"), text, "tail")
        _store(result, text[match.end() :] if match else "", "tail")
        return float(match.end()) if match else -1.0

    def right(self, s: Any, n: Any) -> float:
        _store(s, _text(s, "right")[int(unwrap(n)) :], "right")
        return 1.0

    def left(self, s: Any, n: Any) -> float:
        _store(s, _text(s, "left")[: int(unwrap(n))], "left")
        return 1.0

    def is_name(self, s: Any) -> float:
        from sim import h

        return float(_text(s, "is_name") in h._symbols)

    def rtrim(self, s: Any, out: Any = None, chars: Any = None) -> float:
        strip = _text(chars, "rtrim") if chars is not None else None
        _store(out if out is not None else s, _text(s, "rtrim").rstrip(strip), "rtrim")
        return 1.0

    def ltrim(self, s: Any, out: Any = None, chars: Any = None) -> float:
        strip = _text(chars, "ltrim") if chars is not None else None
        _store(out if out is not None else s, _text(s, "ltrim").lstrip(strip), "ltrim")
        return 1.0
