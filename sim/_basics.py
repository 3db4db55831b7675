"""Built-ins that belong to no engine module: ``h.ref``, math constants."""

from __future__ import annotations

from typing import Any

from sim._ref import HocRef

__all__ = ["register"]


def register(h: Any) -> None:
    h._register("ref", HocRef)
