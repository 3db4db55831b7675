"""References into section and mechanism storage (``seg._ref_v``, ``seg.hh._ref_m``...).

A reference remembers *how to find* its value (a section, a position, a
mechanism column) rather than an array, so it survives recompiles and nseg
changes, as NEURON's data handles do.  :meth:`location` gives the recorder
the array and index to read in the compiled loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from sim._ref import Pointer

__all__ = ["StoragePointer"]


class StoragePointer(Pointer):
    """A pointer whose target is found by ``locate() -> (array, index)`` on every use."""

    __slots__ = ("_alive", "_describe", "_locate")

    def __init__(
        self,
        locate: Callable[[], tuple[np.ndarray, Any]],
        describe: str,
        alive: Callable[[], bool],
    ) -> None:
        self._locate = locate
        self._describe = describe
        self._alive = alive

    def _where(self) -> tuple[np.ndarray, Any]:
        if not self._alive():
            raise ReferenceError(
                f"{self._describe}: the section or object it pointed to was deleted"
            )
        return self._locate()

    def get(self) -> float:
        arr, i = self._where()
        return float(arr[i])

    def set(self, value: Any) -> None:
        arr, i = self._where()
        try:
            arr[i] = float(value)
        except (TypeError, ValueError):
            raise TypeError(f"{self._describe} is a number; cannot assign {value!r}") from None

    def describe(self) -> str:
        return self._describe

    def valid(self) -> bool:
        return self._alive()

    def location(self) -> tuple[np.ndarray, Any] | None:
        return self._where() if self._alive() else None

    def __repr__(self) -> str:
        try:
            value = self.get()
        except ReferenceError:
            return f"<pointer to {self._describe} (deleted)>"
        return f"<pointer to {self._describe} val={value:g}>"
