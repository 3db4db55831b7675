"""The engine's state: the compiled model, t, the integration constants, recorders, hooks."""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Recorder", "State", "state"]


@dataclass
class Recorder:
    """One ``Vector.record``: continuous (every step) or discrete (Dt or tvec times)."""

    vec: weakref.ref
    ptr: Any
    step: float | None = None  # record(ref, Dt)
    times: Any = None  # record(ref, tvec): the times Vector

    @property
    def discrete(self) -> bool:
        return self.step is not None or self.times is not None


class State:
    """Everything the engine keeps between calls (one instance: :data:`state`)."""

    def __init__(self) -> None:
        self.comp: Any = None
        self.pre_pool = np.zeros(1)  # holds t before anything is compiled
        self.cj: float | None = None
        self.initialized = False
        self.table: np.ndarray = np.zeros((203, 12))  # hh's rate table (_hh.hh_table)
        self.table_key: tuple[float, float] | None = None
        self.recorders: list[Recorder] = []
        self.init_hooks: list[Callable[[], Any]] = []
        self.step_callbacks: list[Callable[[], Any]] = []
        self.h: Any = None

    @property
    def pool(self) -> np.ndarray:
        return self.comp.pool if self.comp is not None else self.pre_pool

    # -- h globals -----------------------------------------------------------------------
    def var(self, name: str) -> float:
        return self.h._lookup(name).value

    @property
    def t(self) -> float:
        return float(self.pool[0])

    @t.setter
    def t(self, value: float) -> None:
        self.pool[0] = value

    def q10(self) -> float:
        return math.pow(3.0, (self.var("celsius") - 6.3) / 10.0)

    def integration_constant(self) -> float:
        """cj: 1/dt (backward Euler) or 2/dt (Crank-Nicolson)."""
        dt = self.var("dt")
        return 2.0 / dt if self.var("secondorder") else 1.0 / dt

    def add_recorder(self, rec: Recorder) -> None:
        vec = rec.vec()
        self.recorders = [r for r in self.recorders if r.vec() is not None and r.vec() is not vec]
        self.recorders.append(rec)

    def remove_recorders(self, vec: Any) -> None:
        self.recorders = [r for r in self.recorders if r.vec() is not None and r.vec() is not vec]

    def live_recorders(self) -> list[Recorder]:
        # A record whose vector is gone, or whose target (a deleted section's
        # segment...) is gone, is dropped for good; NEURON leaves such a
        # vector's samples as they are.
        self.recorders = [r for r in self.recorders if r.vec() is not None and r.ptr.valid()]
        return list(self.recorders)


state = State()
