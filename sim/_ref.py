"""References (NEURON's pointers): ``h._ref_t``, ``seg._ref_v``, ``h.ref(3.0)``.

Every reference subclasses :class:`Pointer` and is used the NEURON way,
``r[0]`` to read and ``r[0] = x`` to write.  Widgets and sessions use the
same two methods, :meth:`Pointer.get` and :meth:`Pointer.set`, and
:meth:`Pointer.describe` for a human-readable name.

The engine adds pointers into its compiled arrays (segment voltages, states,
point-process variables); those also implement :meth:`Pointer.location`, which
the recorder uses to read the value without entering Python per step.
"""

from __future__ import annotations

import numbers
from typing import Any

__all__ = ["HocRef", "Pointer", "VarPointer", "ref_to_symbol"]


class Pointer:
    """Base of every reference; subclasses implement ``get``/``set``."""

    __slots__ = ()

    def get(self) -> Any:
        raise NotImplementedError

    def set(self, value: Any) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        """A name for people: ``"t"``, ``"soma(0.5).v"``..."""
        return type(self).__name__

    def valid(self) -> bool:
        """False once what it points at is gone (a deleted section...)."""
        return True

    def location(self) -> tuple[Any, int] | None:
        """``(array, index)`` for references into engine arrays, else ``None``."""
        return None

    def __getitem__(self, index: int) -> Any:
        if index != 0:
            raise IndexError(f"{self.describe()} is a single value: only [0] is valid")
        return self.get()

    def __setitem__(self, index: int, value: Any) -> None:
        if index != 0:
            raise IndexError(f"{self.describe()} is a single value: only [0] is valid")
        self.set(value)

    def __repr__(self) -> str:
        return f"<pointer to {self.describe()}>"


class VarPointer(Pointer):
    """A pointer to a scalar HOC global (``h._ref_t``, ``h._ref_tstop``)."""

    __slots__ = ("name", "var")

    def __init__(self, name: str, var: Any) -> None:
        self.name = name
        self.var = var

    def get(self) -> float:
        return self.var.__hoc_get__()

    def set(self, value: Any) -> None:
        self.var.__hoc_set__(value)

    def describe(self) -> str:
        return self.name


class HocRef(Pointer):
    """``h.ref(value)``: a boxed number, string or object that HOC can write through.

    As in NEURON, a number is kept as a double (``h.ref(3)[0]`` is ``3.0``) and a number
    ref refuses a string; ``print(r)`` shows ``<hoc ref value 3.000000>``,
    ``<hoc ref str "abc">`` or ``<hoc ref value "Vector[0]">``.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any = 0.0) -> None:
        self.value = _ref_value(value)

    def get(self) -> Any:
        return self.value

    def set(self, value: Any) -> None:
        if _is_number(self.value) and isinstance(value, str):
            raise TypeError(f"must be real number, not str (a ref to {self.value:g})")
        self.value = _ref_value(value)

    def describe(self) -> str:
        return f"ref({self.value!r})"

    def __repr__(self) -> str:
        value = self.value
        if isinstance(value, str):
            return f'<hoc ref str "{value}">'
        if _is_number(value):
            return f"<hoc ref value {value:f}>"
        from sim.hoc.values import hoc_name

        return f'<hoc ref value "{hoc_name(value)}">'


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real)  # bool and numpy's numbers too


def _ref_value(value: Any) -> Any:
    """What a ref keeps: a number as a float (True is 1.0), anything else as it is."""
    return float(value) if _is_number(value) else value


def ref_to_symbol(name: str, sym: Any) -> Pointer:
    """``h._ref_<name>`` for a top-level symbol."""
    make = getattr(sym, "__hoc_ref__", None)
    if make is not None:
        return make()
    if hasattr(sym, "__hoc_get__") and hasattr(sym, "__hoc_set__"):
        return VarPointer(name, sym)
    raise AttributeError(f"'{name}' is not a variable; it has no reference")
