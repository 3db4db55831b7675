"""Registers the engine's names in ``h``.

Each engine module exposes ``register(h)``; this is the one place that lists
them, in the order their names should win.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["register"]

# Modules that define h-level names, each with a register(h) function.  A
# module that is not written yet is skipped, so the namespace always imports.
_MODULES = ("sim._basics",)


def register(h: Any) -> None:
    for modname in _MODULES:
        module = importlib.import_module(modname)
        module.register(h)
