"""Built-ins that belong to no engine module: ``h.ref``, ``h.fcurrent``."""

from __future__ import annotations

from typing import Any

from sim._ref import HocRef

__all__ = ["fcurrent", "register"]


def fcurrent() -> float:
    """``h.fcurrent()``: make every current and conductance agree with the present v and
    states (at the present t) without advancing; 1.0 as in NEURON."""
    from sim.engine._run import fcurrent as engine_fcurrent  # the engine loads lazily

    return engine_fcurrent()


def register(h: Any) -> None:
    h._register("ref", HocRef)
    h._register("fcurrent", fcurrent)
