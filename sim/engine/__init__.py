"""The fixed-step engine: ``h.t``, ``h.dt``, ``h.finitialize``, ``h.fadvance`` and chunked runs.

The model is compiled into flat arrays (:mod:`sim.engine._model`) lazily,
before the first finitialize/fadvance after a structural change; the per-step
work runs compiled by numba (:mod:`sim.engine._kernels`, imported on first
use so ``import sim`` stays fast).  Nothing here knows about threads or Qt:
:func:`advance` runs until a time, a stop request or a wall-clock budget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from sim.engine import _numbacache  # noqa: F401 - first: numba's cache folder for this engine
from sim.engine._run import advance, compiled, fadvance, finitialize, run_until
from sim.engine._state import Recorder, state

__all__ = [
    "Recorder",
    "add_init_hook",
    "add_step_callback",
    "advance",
    "compiled",
    "fadvance",
    "finitialize",
    "register",
    "remove_init_hook",
    "remove_step_callback",
    "reset",
    "run_until",
    "state",
]


def add_init_hook(fn: Callable[[], Any]) -> None:
    """Call ``fn()`` at the end of every finitialize (after the first sample is recorded)."""
    state.init_hooks.append(fn)


def remove_init_hook(fn: Callable[[], Any]) -> None:
    if fn in state.init_hooks:
        state.init_hooks.remove(fn)


def add_step_callback(fn: Callable[[], Any]) -> None:
    """Call ``fn()`` after every step (the compiled loop then returns to Python each step)."""
    state.step_callbacks.append(fn)


def remove_step_callback(fn: Callable[[], Any]) -> None:
    if fn in state.step_callbacks:
        state.step_callbacks.remove(fn)


def reset() -> None:
    """Forget the compiled model, recorders, hooks and callbacks; t = 0 (tests start here)."""
    from sim.engine import _run

    state.comp = None
    state.pre_pool = np.zeros(1)
    state.cj = None
    state.initialized = False
    state.recorders.clear()
    state.init_hooks.clear()
    state.step_callbacks.clear()
    _run._Recording.current = None
    from sim.engine import _events  # issue 4: pending events, NetCon sources, plays

    _events.reset()


class _Time:
    """``h.t``: lives in the engine's pool (slot 0) so recording t costs nothing."""

    def __hoc_get__(self) -> float:
        return state.t

    def __hoc_set__(self, value: Any) -> None:
        state.t = float(value)

    def __hoc_ref__(self) -> Any:
        from sim.section._pointers import StoragePointer

        return StoragePointer(lambda: (state.pool, 0), "t", lambda: True)


def _check_dt(value: float) -> None:
    if not value > 0:
        raise ValueError(f"dt must be > 0 (got {value:g})")
    state.cj = None  # recomputed (with the present secondorder) before the next step


def _finitialize(*args: Any) -> float:
    if len(args) > 1:
        raise TypeError("finitialize takes at most one argument (the initial voltage)")
    v = None
    if args:
        try:
            v = float(args[0])
        except (TypeError, ValueError):
            raise TypeError(f"finitialize(v): v must be a number, got {args[0]!r}") from None
    return finitialize(v)


def register(h: Any) -> None:
    """t, dt, celsius, secondorder, finitialize, fadvance."""
    state.h = h
    h._register("t", _Time())
    h._define_var("dt", 0.025, on_set=_check_dt, units="ms")
    h._define_var("celsius", 6.3, units="degC")
    h._define_var("secondorder", 0.0)
    h._register("finitialize", _finitialize)
    h._register("fadvance", fadvance)
    from sim.engine._handlers import FInitializeHandler

    h._register("FInitializeHandler", FInitializeHandler)
    from sim.engine._cvode import CVode, cvode_active

    if h._lookup("CVode") is None:
        h._register("CVode", CVode)
        h._register("cvode_active", cvode_active)
