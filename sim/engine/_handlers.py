"""``h.FInitializeHandler([type,] callable_or_hoc)``: code run at fixed points of finitialize.

Types (numerics §3.1): 3 at the very start, 0 after v is set and before the
INITIAL blocks, 1 (the default) after them, 2 after the first sample is
recorded.  A handler lives as long as the object does (held weakly here),
as in NEURON.
"""

from __future__ import annotations

import itertools
import weakref
from typing import Any

__all__ = ["FInitializeHandler", "run_handlers"]

_handlers: list[weakref.ref] = []
_count = itertools.count()


class FInitializeHandler:
    """Run ``fn()`` (or a HOC statement) during every finitialize."""

    def __init__(self, *args: Any) -> None:
        if len(args) == 1:
            kind, action = 1, args[0]
        elif len(args) in (2, 3):
            kind, action = args[0], args[1]
        else:
            raise TypeError("FInitializeHandler([type,] callable or HOC statement)")
        try:
            kind = int(kind)
        except (TypeError, ValueError):
            raise TypeError(f"FInitializeHandler: type must be 0..3, got {kind!r}") from None
        if kind not in (0, 1, 2, 3):
            raise ValueError(f"FInitializeHandler: type must be 0, 1, 2 or 3, got {kind}")
        if not (callable(action) or isinstance(action, str)):
            raise TypeError(
                f"FInitializeHandler: expected a callable or a HOC statement, got {action!r}"
            )
        self.type = kind
        self._action = action
        self._index = next(_count)
        _handlers.append(weakref.ref(self))

    def _run(self) -> None:
        if isinstance(self._action, str):
            from sim import h

            if not h(self._action):
                raise RuntimeError(f"FInitializeHandler: HOC statement failed: {self._action}")
        else:
            self._action()

    def allprint(self) -> float:
        for handler in _live():
            print(f"type={handler.type}: {handler._action!r}")
        return 0.0

    def hname(self) -> str:
        return f"FInitializeHandler[{self._index}]"

    __repr__ = hname


def _live() -> list[FInitializeHandler]:
    _handlers[:] = [r for r in _handlers if r() is not None]
    return [h for h in (r() for r in _handlers) if h is not None]


def run_handlers(kind: int) -> None:
    """Run the handlers of one type, in creation order."""
    for handler in _live():
        if handler.type == kind:
            handler._run()
