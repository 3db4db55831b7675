"""The one top-level HOC namespace, ``h``.

Every name a NEURON script reaches through ``h`` lives in one symbol table,
``h._symbols``: built-in functions and classes registered by the engine, the
scalar globals (``t``, ``dt``, ``celsius``...), and everything HOC code
defines (procs, funcs, objrefs, strdefs, double arrays, templates).  The HOC
interpreter uses this same table as its top-level scope, so a name defined on
either side is visible from the other.

A symbol that wants to behave like a variable (rather than being returned as
itself) implements the *cell protocol*:

``__hoc_get__()``
    the value ``h.name`` returns;
``__hoc_set__(value)``
    what ``h.name = value`` (and HOC's ``name = value``) does;
``__py_set__(value)`` (optional)
    what ``h.name = value`` does when Python's rules differ from HOC's.

:class:`Var` (a scalar double) is the basic cell; the HOC interpreter adds its
own (strdef, objref...).  Plain objects (functions, classes) are returned as
they are and cannot be assigned over from Python, as in NEURON.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

__all__ = ["HocTopLevel", "IntVar", "Var", "h"]


class Var:
    """A scalar HOC global (a double), optionally validated or watched.

    ``on_set(new_value)`` runs *before* the value is stored and may raise to
    refuse it (``dt <= 0``) or return a replacement value.
    """

    __slots__ = ("name", "on_set", "units", "value")

    def __init__(
        self,
        name: str,
        value: float = 0.0,
        *,
        on_set: Callable[[float], float | None] | None = None,
        units: str | None = None,
    ) -> None:
        self.name = name
        self.value = float(value)
        self.on_set = on_set
        self.units = units

    def __hoc_get__(self) -> float:
        return self.value

    def __hoc_set__(self, value: Any) -> None:
        try:
            new = float(value)
        except (TypeError, ValueError):
            raise TypeError(
                f"{self.name} is a number; cannot assign {type(value).__name__} {value!r}"
            ) from None
        if self.on_set is not None:
            replaced = self.on_set(new)
            if replaced is not None:
                new = float(replaced)
        self.value = new

    def __repr__(self) -> str:
        return f"Var({self.name}={self.value!r})"


class IntVar(Var):
    """A HOC global that NEURON keeps as a C int (``secondorder``).

    Reads give an int.  From Python only an integer may be assigned (``h.secondorder =
    2.0`` is a TypeError, as in NEURON); HOC's assignment truncates toward zero.
    """

    __slots__ = ()

    def __hoc_get__(self) -> int:  # type: ignore[override]
        return int(self.value)

    def __hoc_set__(self, value: Any) -> None:
        super().__hoc_set__(value)
        self.value = float(int(self.value))

    def __py_set__(self, value: Any) -> None:
        if not isinstance(value, numbers.Integral):
            raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
        self.__hoc_set__(value)


class HocTopLevel:
    """``h``: attribute access to the HOC top level; calling it runs HOC.

    Engine modules register their names with :meth:`_register` and
    :meth:`_define_var`; the GUI replaces the headless stand-ins with
    :meth:`_install_gui`; the HOC interpreter is created lazily on the first
    ``h("...")``.
    """

    def __init__(self) -> None:
        object.__setattr__(self, "_symbols", {})
        object.__setattr__(self, "_gui_loaded", False)
        object.__setattr__(self, "_interpreter", None)
        object.__setattr__(self, "_ref_factory", None)

    # -- registration (engine side) -------------------------------------------------
    def _register(self, name: str, obj: Any) -> Any:
        """Make ``obj`` reachable as ``h.<name>`` (and from HOC); returns ``obj``."""
        self._symbols[name] = obj
        return obj

    def _define_var(
        self,
        name: str,
        value: float = 0.0,
        *,
        on_set: Callable[[float], float | None] | None = None,
        units: str | None = None,
    ) -> Var:
        """Define (or return the existing) scalar global ``name``."""
        existing = self._symbols.get(name)
        if isinstance(existing, Var):
            return existing
        var = Var(name, value, on_set=on_set, units=units)
        self._symbols[name] = var
        return var

    def _lookup(self, name: str) -> Any:
        """The raw symbol (a :class:`Var`, a proc object...), or ``None``."""
        return self._symbols.get(name)

    def _install_gui(self, implementations: dict[str, Any]) -> None:
        """Replace the headless GUI stand-ins with real implementations."""
        self._symbols.update(implementations)
        object.__setattr__(self, "_gui_loaded", True)

    # -- Python attribute protocol ----------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if name.startswith("_ref_"):
            target = name[5:]
            sym = self._symbols.get(target)
            if sym is None:
                raise AttributeError(f"'hoc.HocObject' object has no attribute '{name}'")
            from sim._ref import ref_to_symbol

            return ref_to_symbol(target, sym)
        try:
            sym = self._symbols[name]
        except KeyError:
            raise AttributeError(f"'hoc.HocObject' object has no attribute '{name}'") from None
        getter = getattr(sym, "__hoc_get__", None)
        return getter() if getter is not None else sym

    def __setattr__(self, name: str, value: Any) -> None:
        sym = self._symbols.get(name)
        if sym is None:
            raise LookupError(f"'{name}' is not a defined hoc variable name.")
        setter = getattr(sym, "__py_set__", None) or getattr(sym, "__hoc_set__", None)
        if setter is None:
            raise TypeError(f"'{name}' is a hoc {type(sym).__name__}; it cannot be assigned")
        setter(value)

    def __dir__(self) -> list[str]:
        return sorted(self._symbols)

    def __repr__(self) -> str:
        return "<TopLevelHocInterpreter>"

    def hname(self) -> str:
        return "<TopLevelHocInterpreter>"  # NEURON 9.0.2 prints the brackets

    # -- HOC --------------------------------------------------------------------------
    def __call__(self, code: str) -> bool:
        """Run HOC statements; True on success, False (and a message) on error."""
        return self._hoc().execute(code)

    def _hoc(self) -> Any:
        interp = self._interpreter
        if interp is None:
            from sim.hoc import Interpreter

            interp = Interpreter(self)
            object.__setattr__(self, "_interpreter", interp)
        return interp


h = HocTopLevel()
