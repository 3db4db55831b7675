"""What a control is bound to, and what it runs.

:class:`Binding` is the one value model behind every panel control (xvalue,
xpvalue, xcheckbox, xstatebutton, xslider, xvarlabel) and the session saver.
It binds, as NEURON does, one of

- a HOC name string (``"tstop"``, ``"soma.v(.5)"``), re-evaluated on every
  read and write;
- a Python ``(obj, "attr")`` pair (getattr/setattr);
- a reference, :class:`sim._ref.Pointer` (``h.ref(3.0)``, ``seg._ref_v``).

:class:`Action` is what a button, a value field or a menu item runs: a
callable, ``(callable, arg)``, ``(callable, (a1, a2...))`` or a HOC statement
string.  :meth:`Action.run` never lets an exception vanish inside a Qt slot:
it goes to the error funnel, :func:`report_error`, whose handler the app sets
with :func:`set_error_handler` (widgets must not import ``app``).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from sim import h
from sim._ref import Pointer, ref_to_symbol

__all__ = [
    "Action",
    "Binding",
    "BindingError",
    "NoValue",
    "PanelError",
    "evaluate",
    "format_value",
    "pointer_binding",
    "report_error",
    "report_message",
    "set_error_handler",
    "set_value_format",
]

ErrorHandler = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class BindingError(Exception):
    """A bound variable cannot be read or written (names what and why)."""


class NoValue(Exception):
    """Raised by a binding target that exists but has no single value to show;
    ``str(exc)`` is the short text the field displays (``"not constant"``)."""


class PanelError(RuntimeError):
    """Misuse of the panel-building calls (NEURON's hoc errors for them)."""


def _print_error(
    etype: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    if isinstance(value, PanelError) or tb is None:
        print(f"NeuroQt: {value}", file=sys.stderr)
    else:
        traceback.print_exception(etype, value, tb, file=sys.stderr)


_error_handler: ErrorHandler = _print_error


def set_error_handler(handler: ErrorHandler | None) -> ErrorHandler:
    """Route errors from controls to ``handler(etype, value, tb)``; returns the old one.

    ``None`` restores the default, which prints to stderr.  The app installs
    its error funnel here (a dialog or message dock with the traceback).
    """
    global _error_handler
    old = _error_handler
    _error_handler = handler if handler is not None else _print_error
    return old


def report_error(exc_info: tuple[Any, Any, Any] | None = None) -> None:
    """Send an exception (default: the one being handled) to the error funnel."""
    etype, value, tb = exc_info if exc_info is not None else sys.exc_info()
    if value is None:
        return
    try:
        _error_handler(etype, value, tb)
    except Exception:  # a broken handler must not take the GUI down
        _print_error(etype, value, tb)
        traceback.print_exc(file=sys.stderr)


def report_message(message: str) -> None:
    """Tell the user about a mistake that has no traceback (bad input, misuse)."""
    err = PanelError(message)
    report_error((PanelError, err, None))


# -- values ------------------------------------------------------------------------------


_value_format = "%.5g"


def set_value_format(fmt: str) -> None:
    """How fields show numbers (``ivoc_style("*xvalue_format", "%.7g")``)."""
    global _value_format
    try:
        fmt % 1.5
    except (TypeError, ValueError):
        raise ValueError(f"{fmt!r} is not a number format such as '%.5g'") from None
    _value_format = fmt


def format_value(value: Any) -> str:
    """A number as NEURON shows it in a field (``%.5g`` unless restyled)."""
    if isinstance(value, str):
        return value
    try:
        return _value_format % float(value)
    except (TypeError, ValueError):
        return str(value)


def _hoc() -> Any | None:
    """The HOC interpreter, or None while it is not written/installed."""
    try:
        return h._hoc()
    except ImportError:
        return None


def evaluate(text: str) -> float:
    """A field's text as a number: a literal or a HOC expression.

    Raises ``ValueError`` naming the text when it is neither.
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("empty field: type a number or an expression")
    try:
        return float(stripped)
    except ValueError:
        pass
    interp = _hoc()
    evaluator = getattr(interp, "eval_expression", None)
    if evaluator is None:
        raise ValueError(f"{stripped!r} is not a number")
    try:
        value = evaluator(stripped)
    except Exception as e:
        raise ValueError(f"{stripped!r} is not a valid expression: {e}") from None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{stripped!r} does not evaluate to a number") from None


def _is_plain_name(text: str) -> bool:
    return text.isidentifier()


class Binding:
    """A readable (and usually writable) variable a control shows.

    ``get()`` returns the value (a float, or a str for string references);
    ``set(v)`` assigns it; ``describe()`` names it for people and sessions;
    ``valid()`` is False when it no longer exists; ``units`` is the units
    string when known.
    """

    __slots__ = ("_attr", "_kind", "_name", "_obj", "_pointer", "units")

    def __init__(self, target: Any) -> None:
        self._obj: Any = None
        self._attr = ""
        self._name = ""
        self._pointer: Pointer | None = None
        self.units: str | None = None
        if isinstance(target, str):
            self._kind = "hoc"
            self._name = target.strip()
            self.units = _units_of_name(self._name)
        elif isinstance(target, tuple) and len(target) == 2 and isinstance(target[1], str):
            self._kind = "attr"
            self._obj, self._attr = target
        elif isinstance(target, Pointer) or _is_pointer_like(target):
            self._kind = "pointer"
            self._pointer = target
            self.units = _units_of_pointer(target)
        else:
            raise BindingError(
                f"cannot bind a control to {type(target).__name__} {target!r}: use a hoc "
                "name string, an (object, 'attribute') pair, or a reference such as "
                "h.ref(0) or seg._ref_v"
            )

    @property
    def kind(self) -> str:
        """``"hoc"``, ``"attr"`` or ``"pointer"``."""
        return self._kind

    def get(self) -> Any:
        if self._kind == "attr":
            return getattr(self._obj, self._attr)
        if self._kind == "pointer":
            return self._pointer[0]  # type: ignore[index]
        return self._get_hoc()

    def set(self, value: Any) -> None:
        if self._kind == "attr":
            setattr(self._obj, self._attr, value)
        elif self._kind == "pointer":
            self._pointer[0] = value  # type: ignore[index]
        else:
            self._set_hoc(value)

    def valid(self) -> bool:
        if self._kind == "pointer":
            check = getattr(self._pointer, "valid", None)
            try:
                return bool(check()) if check is not None else True
            except Exception:
                return False
        try:
            self.get()
        except Exception:
            return False
        return True

    def describe(self) -> str:
        if self._kind == "hoc":
            return self._name
        if self._kind == "attr":
            owner = getattr(self._obj, "__name__", None) or type(self._obj).__name__
            return f"{owner}.{self._attr}"
        describe = getattr(self._pointer, "describe", None)
        return describe() if describe is not None else repr(self._pointer)

    def get_float(self) -> float:
        """The value as a float; ``BindingError`` if it is not a number."""
        value = self.get()
        try:
            return float(value)
        except (TypeError, ValueError):
            raise BindingError(f"{self.describe()} is not a number: {value!r}") from None

    # -- HOC names ------------------------------------------------------------------------
    def _get_hoc(self) -> Any:
        name = self._name
        sym = h._symbols.get(name)
        if sym is not None and hasattr(sym, "__hoc_get__"):
            return sym.__hoc_get__()
        interp = _hoc()
        evaluator = getattr(interp, "eval_expression", None)
        if evaluator is not None:
            return evaluator(name)
        if _is_plain_name(name):
            return getattr(h, name)
        raise BindingError(f"{name!r} cannot be read: the HOC interpreter is not available")

    def _set_hoc(self, value: Any) -> None:
        name = self._name
        sym = h._symbols.get(name)
        if sym is not None and hasattr(sym, "__hoc_set__"):
            sym.__hoc_set__(value)
            return
        interp = _hoc()
        assign = getattr(interp, "assign", None)
        if assign is not None:
            assign(name, value)
            return
        if _is_plain_name(name):
            setattr(h, name, value)
            return
        raise BindingError(f"{name!r} cannot be assigned: the HOC interpreter is not available")

    def __repr__(self) -> str:
        return f"<Binding {self._kind} {self.describe()}>"


def _is_pointer_like(target: Any) -> bool:
    """A foreign reference object that supports ``r[0]`` reads and writes."""
    return (
        hasattr(target, "__getitem__")
        and hasattr(target, "__setitem__")
        and not isinstance(target, (str, bytes, tuple, list, dict))
    )


def _units_of_name(name: str) -> str | None:
    """Units of a HOC name when the namespace knows them (``h.units`` may override)."""
    units_fn = h._symbols.get("units")
    if callable(units_fn) and _is_plain_name(name):
        try:
            found = units_fn(name)
        except Exception:
            found = None
        if isinstance(found, str):
            return found or None
    sym = h._symbols.get(name)
    return getattr(sym, "units", None) or None


def _units_of_pointer(target: Any) -> str | None:
    units = getattr(target, "units", None)
    if callable(units):
        units = units()
    if not units:  # a pointer to a HOC global: its Var knows
        units = getattr(getattr(target, "var", None), "units", None)
    return units or None


def pointer_binding(name: str) -> Binding:
    """Resolve a HOC name's address once (``usepointer``, ``xpvalue("var")``)."""
    sym = h._lookup(name) if name.isidentifier() else None
    if sym is None:
        return _hoc_pointer(name)
    try:
        return Binding(ref_to_symbol(name, sym))
    except AttributeError:
        raise PanelError(f"'{name}' is not a variable; it cannot be shown in a field") from None


def _hoc_pointer(lvalue: str) -> Binding:
    """A pointer to any HOC lvalue (``"vec.x[2]"``) when the interpreter can make one."""
    try:
        make = h._hoc().pointer
    except (ImportError, AttributeError):
        return Binding(lvalue)
    try:
        return Binding(make(lvalue))
    except Exception as e:
        raise PanelError(f"cannot point at {lvalue!r}: {e}") from None


# -- actions -----------------------------------------------------------------------------


class Action:
    """What a control runs: a callable, ``(callable, args)`` or a HOC statement."""

    __slots__ = ("_args", "_func", "_stmt")

    def __init__(self, spec: Any) -> None:
        self._func: Callable[..., Any] | None = None
        self._args: tuple[Any, ...] = ()
        self._stmt: str | None = None
        if spec is None:
            return
        if isinstance(spec, str):
            self._stmt = spec if spec.strip() else None
        elif callable(spec):
            self._func = spec
        elif isinstance(spec, tuple) and len(spec) == 2 and callable(spec[0]):
            self._func = spec[0]
            args = spec[1]
            self._args = tuple(args) if isinstance(args, tuple) else (args,)
        else:
            raise BindingError(
                f"an action must be a callable, (callable, args) or a HOC statement string, "
                f"not {type(spec).__name__} {spec!r}"
            )

    def __bool__(self) -> bool:
        return self._func is not None or self._stmt is not None

    def describe(self) -> str:
        if self._stmt is not None:
            return self._stmt
        if self._func is not None:
            return getattr(self._func, "__qualname__", repr(self._func))
        return ""

    def run(self) -> bool:
        """Run it; an exception goes to the error funnel.  True when it succeeded."""
        try:
            if self._func is not None:
                self._func(*self._args)
            elif self._stmt is not None:
                ok = h(self._stmt)
                if ok is False:
                    return False
        except Exception:
            report_error()
            return False
        return True
