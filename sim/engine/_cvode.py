"""``h.CVode()`` and ``h.cvode_active()``: the variable-step switch and its tolerances.

The integration itself is :mod:`sim.engine._cvrun` (compiled BDF).  ``cvode_active(1)``
also sets stdrun's ``using_cvode_`` (runs then end exactly at tstop); ``CVode().active(1)``
only switches the integrator, as in NEURON.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CVode", "cvode_active", "is_active"]

_settings = {"atol": 1e-3, "rtol": 0.0}


_active = [False]


def is_active() -> bool:
    """True when the variable-step integrator is switched on."""
    return _active[0]


def _switch(on: bool) -> None:
    _active[0] = bool(on)
    from sim.engine._cvrun import reset

    reset()


def cvode_active(*args: Any) -> float:
    """``h.cvode_active([on])``: switches variable step and stdrun's ``using_cvode_``."""
    if args:
        _switch(bool(float(args[0])))
        from sim.engine._state import state

        h = state.h
        if h is not None and h._lookup("using_cvode_") is not None:
            h.using_cvode_ = 1.0 if _active[0] else 0.0
    return float(_active[0])


class CVode:
    """NEURON's CVode object (the integrator switch and its tolerances)."""

    def active(self, *args: Any) -> bool:
        """Switch the integrator only (continuerun keeps its fixed-step ending)."""
        if args:
            _switch(bool(float(args[0])))
        return _active[0]

    def atol(self, *args: Any) -> float:
        return self._tolerance("atol", args)

    def rtol(self, *args: Any) -> float:
        return self._tolerance("rtol", args)

    @staticmethod
    def _tolerance(name: str, args: tuple) -> float:
        if args:
            value = float(args[0])
            if name == "atol" and not value > 0:
                raise ValueError(f"CVode.atol must be > 0, got {value:g}")
            if value < 0:
                raise ValueError(f"CVode.{name} must be >= 0, got {value:g}")
            _settings[name] = value
        return _settings[name]

    def event(self, *args: Any) -> float:
        """``event(t, callable_or_hoc)``: call it at the step boundary nearest t (fixed step)."""
        from sim.engine._events import net

        if len(args) >= 2:
            fn = args[1]
            if not (callable(fn) or isinstance(fn, str)):
                raise TypeError(f"CVode.event: expected a callable or a HOC statement, got {fn!r}")
            net.send(float(args[0]), "call", fn)
        return 0.0

    def use_local_dt(self, *args: Any) -> float:
        if args and float(args[0]):
            raise NotImplementedError("CVode.use_local_dt(1) is not supported by NeuroQt")
        return 0.0

    def hname(self) -> str:
        return "CVode[0]"

    __repr__ = hname
