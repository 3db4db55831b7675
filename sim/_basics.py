"""Built-ins that belong to no engine module: ``h.ref``, ``h.fcurrent``,
``h.frecord_init``, ``h.nernst``, ``h.ghk``; ``h.secondorder`` as NEURON's C int."""

from __future__ import annotations

import math
from typing import Any

from sim._hocname import HocNamed
from sim._namespace import IntVar
from sim._ref import HocRef

__all__ = ["fcurrent", "frecord_init", "ghk", "nernst", "register", "register_after_engine"]

# NEURON 9's physical constants (the 2019 SI values; h.FARADAY and h.R show the same).
_FARADAY = 96485.33212331001  # C/mol
_R = 8.31446261815324  # J/(mol K)

_h: Any = None


def fcurrent() -> float:
    """``h.fcurrent()``: make every current and conductance agree with the present v and
    states (at the present t) without advancing; 1.0 as in NEURON."""
    from sim.engine._run import fcurrent as engine_fcurrent  # the engine loads lazily

    return engine_fcurrent()


def frecord_init() -> float:
    """``h.frecord_init()``: recordings restart from the present values and t (for a
    model's init() that changes states after finitialize)."""
    from sim.engine._run import frecord_init as engine_frecord_init

    return engine_frecord_init()


def _ktf() -> float:
    """RT/F in mV at the present celsius."""
    celsius = _h.celsius if _h is not None else 6.3
    return 1000.0 * _R * (celsius + 273.15) / _FARADAY


def nernst(ci: float, co: float, z: float) -> float:
    """``h.nernst(ci, co, z)``: the equilibrium potential (mV) at the present celsius."""
    ci, co, z = float(ci), float(co), float(z)
    if z == 0 or ci <= 0 or co <= 0:
        raise ValueError(
            f"nernst({ci:g}, {co:g}, {z:g}): concentrations must be > 0 and the valence nonzero"
        )
    return _ktf() / z * math.log(co / ci)


def _efun(x: float) -> float:
    return 1.0 - x / 2.0 if abs(x) < 1e-4 else x / (math.exp(x) - 1.0)


def ghk(v: float, ci: float, co: float, z: float) -> float:
    """``h.ghk(v, ci, co, z)``: the Goldman-Hodgkin-Katz current (mA/cm2 per cm/s of
    permeability) at v (mV) and the present celsius."""
    zeta = float(z) * float(v) / _ktf()
    return 0.001 * float(z) * _FARADAY * (float(ci) * _efun(-zeta) - float(co) * _efun(zeta))


def _secondorder_changed(_value: float) -> None:
    """The integration constant (1/dt or 2/dt) is worked out again before the next step."""
    from sim.engine._state import state

    state.cj = None


def register(h: Any) -> None:
    global _h
    _h = h
    # before the engine registers: its _define_var("secondorder") then keeps this int
    if h._lookup("secondorder") is None:
        h._register("secondorder", IntVar("secondorder", 0, on_set=_secondorder_changed))
    h._register("ref", HocRef)
    h._register("fcurrent", fcurrent)
    h._register("frecord_init", frecord_init)
    h._register("nernst", nernst)
    h._register("ghk", ghk)


def register_after_engine(h: Any) -> None:
    """``CVode`` numbered like every HOC object (``CVode[0]``, ``CVode[1]``...)."""
    base = h._lookup("CVode")
    if base is None or issubclass(base, HocNamed):
        return
    named = type("CVode", (HocNamed, base), {"__doc__": base.__doc__, "__module__": __name__})
    h._register("CVode", named)
