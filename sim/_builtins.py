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
_MODULES = (
    "sim._basics",
    "sim.section",
    "sim.mechanisms",
    "sim.vector",
    "sim.engine",
    "sim.stdrun",
    "sim.morph3d",
    "sim.topology",
    "sim.netcon",
    "sim.rangevarplot",
    "sim.hoc.builtins",
)


def register(h: Any) -> None:
    for modname in _MODULES:
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name is not None and modname.startswith(exc.name):
                continue  # that module (or its package) is not written yet
            raise
        module.register(h)
    from sim import _basics

    _basics.register_after_engine(h)  # wraps a class the engine registered
