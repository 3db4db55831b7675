"""``h.CVode()`` and ``h.cvode_active()``: the variable-step switch (fixed step only, for now).

Variable step (issue 4) is not implemented yet.  Scripts that ask for the
fixed step (``cvode_active(0)``), query the state or set tolerances keep
working; asking for variable step raises a clear error instead of silently
running fixed step.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CVode", "cvode_active"]

_settings = {"atol": 1e-3, "rtol": 0.0}


def _refuse() -> None:
    raise NotImplementedError(
        "variable time step (CVode) is not available in NeuroQt yet; "
        "the run uses the fixed step (set h.dt)"
    )


def cvode_active(*args: Any) -> float:
    """``h.cvode_active([on])``: 0 (fixed step); asking for 1 raises NotImplementedError."""
    if args and float(args[0]):
        _refuse()
    return 0.0


class CVode:
    """NEURON's CVode object (the integrator switch and its tolerances)."""

    def active(self, *args: Any) -> float:
        return cvode_active(*args)

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
            _refuse()
        return 0.0

    def hname(self) -> str:
        return "CVode[0]"

    __repr__ = hname
