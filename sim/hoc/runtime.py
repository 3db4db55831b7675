"""What compiled HOC does at run time: names, members, calls, assignment.

:class:`Runtime` is the interpreter's working half.  Compiled statements
(closures made by :mod:`sim.hoc.compiler`) call these methods with the
current :class:`~sim.hoc.objects.Frame`.  Lookup order for a name:
the frame's locals, then (inside a template instance) the object's fields
and the template's ``external`` names, then the top-level symbol table
``h._symbols``, then, for range variables, the current section.
"""

from __future__ import annotations

import inspect
import numbers
from typing import Any

from sim._namespace import Var
from sim._ref import VarPointer
from sim.hoc import sections as S
from sim.hoc.errors import HocError
from sim.hoc.objects import BoundMethod, Frame, HocFunction, HocObject, Template
from sim.hoc.values import ObjCell, StrCell, hoc_name, to_number

__all__ = ["Runtime"]

# GUI calls whose strdef arguments are bound by reference (as NEURON does).
_STRING_REF_CALLS = frozenset({"xvarlabel"})

# HOC member spellings that Python cannot use as attribute names.
_PY_ALIASES = {"del": "delay"}


def _cell_value(cell: Any) -> Any:
    if type(cell) is Var:
        return cell.value
    get = getattr(cell, "__hoc_get__", None)
    return get() if get is not None else cell


def unwrap(value: Any) -> Any:
    """An argument as Python sees it (a strdef/objref cell becomes its value)."""
    if type(value) is StrCell or type(value) is ObjCell:
        return value.value
    return value


class Runtime:
    """Run-time operations on HOC values; see the module docstring."""

    def __init__(self, h: Any) -> None:
        self.h = h
        self.symbols: dict[str, Any] = h._symbols
        self.user_names: set[str] = set()
        self.depth = 0

    # -- names ------------------------------------------------------------------------
    def _scope_cell(self, fr: Frame, name: str) -> tuple[Any, dict[str, Any] | None]:
        """The cell for ``name`` and the table it lives in (None: not found)."""
        obj = fr.obj
        if obj is not None:
            cell = obj._fields.get(name)
            if cell is not None:
                return cell, obj._fields
            if name not in obj._template.externals and name in self.user_names:
                return None, obj._fields
        return self.symbols.get(name), self.symbols

    def lookup(self, fr: Frame, name: str) -> Any:
        loc = fr.locals
        if loc is not None and name in loc:
            return loc[name]
        obj = fr.obj
        if obj is not None:
            method = obj._template.funcs.get(name)
            if method is not None:
                return BoundMethod(method, obj)
        cell, _table = self._scope_cell(fr, name)
        if cell is not None:
            return _cell_value(cell)
        return self.missing_name(name)

    def missing_name(self, name: str) -> Any:
        value = self._range_value(name)
        if value is None:
            raise HocError(f"undefined variable {name}")
        return value

    def _range_value(self, name: str) -> Any:
        """A range variable of the current section at 0.5, or None."""
        if name in ("x", "sec"):
            return None
        try:
            sec = S.current_section()
        except HocError:
            if name in S.CORE_RANGE:
                raise
            return None
        try:
            value = S.range_get(name, None, sec)
        except HocError:
            return None
        return value if isinstance(value, numbers.Number) else None

    def raw_cell(self, fr: Frame, name: str) -> Any:
        """The cell itself (for ``&x`` and strdef/objref arguments), or None."""
        return self._scope_cell(fr, name)[0]

    def assign_name(self, fr: Frame, name: str, value: Any) -> Any:
        loc = fr.locals
        if loc is not None and name in loc:
            loc[name] = self._local_value(name, loc[name], value)
            return value
        cell, table = self._scope_cell(fr, name)
        if cell is not None:
            if type(cell) is Var and cell.on_set is None:
                cell.value = to_number(value, name)
                return value
            setter = getattr(cell, "__hoc_set__", None)
            if setter is None:
                raise HocError(f"{name} is a {_kind(cell)}; it cannot be assigned")
            setter(value)
            return value
        if name in S.CORE_RANGE or self._range_value(name) is not None:
            S.range_set_all(name, to_number(value, name))
            return value
        if not isinstance(value, numbers.Number):
            raise HocError(f"{name} is not declared; declare it with objref or strdef first")
        if fr.obj is not None and name not in fr.obj._template.externals:
            table = fr.obj._fields  # a new name inside a template is a member
        assert table is not None
        table[name] = Var(name, float(value))
        if table is self.symbols:
            self.user_names.add(name)
        return value

    @staticmethod
    def _local_value(name: str, old: Any, value: Any) -> Any:
        if isinstance(old, float):
            return to_number(value, name)
        if isinstance(value, numbers.Number) and not isinstance(old, float):
            if value != 0:
                raise HocError(f"{name} is a localobj; cannot assign the number {value}")
            return None
        return value

    # -- members ----------------------------------------------------------------------
    def get_attr(self, base: Any, name: str, raw: bool = False) -> Any:
        """``base.name``; ``raw`` keeps an array member whole (for ``nc.weight[1]``)."""
        if isinstance(base, HocObject):
            if name not in base._template.publics:
                raise HocError(f"'{name}' not a public member of '{base._template.name}'")
            method = base._template.funcs.get(name)
            if method is not None:
                return self.call_function(method, [], base)
            cell = base._fields.get(name)
            if cell is None:
                raise HocError(f"{base.hname()}.{name} is not defined")
            return _cell_value(cell)
        if base is None:
            raise HocError(f"NULLobject has no member {name}")
        if S.is_section(base):
            return self._section_attr(base, name)
        try:
            value = getattr(base, name)
        except AttributeError:
            alias = _PY_ALIASES.get(name)
            if alias is not None and hasattr(base, alias):
                return getattr(base, alias)
            raise HocError(f"{name} is not a member of {hoc_name(base)}") from None
        if name == "weight" and not raw and _is_array(value):
            return value[0]  # HOC reads NetCon.weight (an array) as its first element
        if not raw and (inspect.ismethod(value) or inspect.isbuiltin(value)):
            return value()  # `v.c` in HOC calls the method with no arguments
        return value

    def _section_attr(self, sec: Any, name: str) -> Any:
        if name in S.SECTION_PROPS:
            return getattr(sec, name)
        if name not in S.CORE_RANGE and hasattr(type(sec), name):
            return getattr(sec, name)
        return S.range_get(name, None, sec)

    def set_attr(self, base: Any, name: str, value: Any) -> Any:
        if isinstance(base, HocObject):
            if name not in base._template.publics:
                raise HocError(f"'{name}' not a public member of '{base._template.name}'")
            cell = base._fields.get(name)
            if cell is None:
                cell = base._fields[name] = Var(name)
            setter = getattr(cell, "__hoc_set__", None)
            if setter is None:
                raise HocError(f"{base.hname()}.{name} cannot be assigned")
            setter(value)
            return value
        if base is None:
            raise HocError(f"NULLobject has no member {name}")
        if S.is_section(base):
            S.range_set_all(name, to_number(value, name), base)
            return value
        if name in _PY_ALIASES and not hasattr(base, name) and hasattr(base, _PY_ALIASES[name]):
            name = _PY_ALIASES[name]
        current = getattr(base, name, None)
        if isinstance(value, numbers.Number) and _is_array(current):
            current[0] = value  # HOC: `nc.weight = w` sets element 0
            return value
        try:
            setattr(base, name, value)
        except AttributeError as exc:
            raise HocError(f"cannot set {name} of {hoc_name(base)}: {exc}") from None
        return value

    # -- calls ------------------------------------------------------------------------
    def call_name(self, fr: Frame, name: str, args: list[Any]) -> Any:
        obj = fr.obj
        if obj is not None:
            method = obj._template.funcs.get(name)
            if method is not None:
                return self.call_function(method, args, obj)
        cell, _ = self._scope_cell(fr, name)
        if cell is None:
            if fr.locals is not None and name in fr.locals:
                return self.call_value(fr.locals[name], args, name)
            return self._range_call(name, args)
        if isinstance(cell, HocFunction):
            return self.call_function(cell, args, None)
        return self.call_value(_cell_value(cell), args, name)

    def _range_call(self, name: str, args: list[Any]) -> Any:
        if len(args) != 1:
            raise HocError(f"{name} undefined function")
        try:
            sec = S.current_section()
        except HocError:
            if name in S.CORE_RANGE:
                raise  # v(.5) with no section: say that
            raise HocError(f"{name} undefined function") from None
        return S.range_get(name, to_number(args[0], name), sec)

    def call_value(self, target: Any, args: list[Any], what: str) -> Any:
        if isinstance(target, HocFunction):
            return self.call_function(target, args, None)
        if isinstance(target, BoundMethod):
            return self.call_function(target.func, args, target.obj)
        if isinstance(target, Template):
            raise HocError(f"{what} is a template: create objects with new {what}(...)")
        if not callable(target):
            raise HocError(f"{what} is not a function")
        owner = getattr(target, "__self__", None)  # a method of a class that asks for cells
        if getattr(target, "hoc_raw_args", False) or getattr(owner, "hoc_raw_args", False):
            return target(*args)
        if what in _STRING_REF_CALLS or getattr(target, "hoc_ref_args", False):
            # xvarlabel(strdef) shows the string live: pass a reference, not the text
            args = [VarPointer(a.name, a) if type(a) is StrCell else a for a in args]
        return target(*[unwrap(a) for a in args])

    def call_method(self, base: Any, name: str, args: list[Any]) -> Any:
        if isinstance(base, HocObject):
            if name not in base._template.publics:
                raise HocError(f"'{name}' not a public member of '{base._template.name}'")
            method = base._template.funcs.get(name)
            if method is None:
                raise HocError(f"{base.hname()}.{name} is not a function")
            result = self.call_function(method, args, base)
            return 0.0 if result is None and method.kind == "proc" else result
        if S.is_section(base) and _is_range_call(base, name):
            if len(args) != 1:
                raise HocError(f"{S.section_name(base)}.{name}: expected one position argument")
            return S.range_get(name, to_number(args[0], name), base)
        method = self.get_attr(base, name, raw=True)
        if len(args) == 1 and not callable(method) and hasattr(method, "__getitem__"):
            return unwrap(method[int(to_number(args[0], name))])  # vec.x(i) is vec.x[i]
        return self.call_value(method, args, f"{hoc_name(base)}.{name}")

    def call_function(self, fn: HocFunction, args: list[Any], obj: HocObject | None) -> Any:
        """Run a HOC proc/func; its errors record this call in their chain."""
        if self.depth > 1000:
            raise HocError(f"{fn.name}: call nesting too deep (infinite recursion?)")
        fr = Frame(obj=obj, args=args, func=fn, local=True)
        self.depth += 1
        try:
            result = fn.body(fr)
        except HocError as exc:
            exc.chain.append(_call_text(fn, obj, args))
            raise
        finally:
            self.depth -= 1
        value = getattr(result, "value", None)
        if fn.kind == "func":
            if value is None:
                raise HocError(f"{fn.name} (func) returns no value")
            return to_number(value, f"return value of {fn.name}")
        if fn.kind == "obfunc":
            return unwrap(value)
        return None

    def new_object(self, template: Template, args: list[Any]) -> HocObject:
        if not template.instances:
            template.count = 0  # numbering starts again when no instance is left (NEURON)
        inst = HocObject(template, template.count)
        template.count += 1
        template.instances[inst._index] = inst
        if template.body is not None:
            fr = Frame(obj=inst)
            template.body(fr)
        init = template.funcs.get("init")
        if init is not None:
            self.call_function(init, args, inst)
        return inst


def _is_array(value: Any) -> bool:
    """A Python container of numbers reached as an object member (NetCon.weight)."""
    if value is None or isinstance(value, str | numbers.Number | HocObject):
        return False
    return hasattr(value, "__setitem__") and hasattr(value, "__len__") and not callable(value)


def _is_range_call(sec: Any, name: str) -> bool:
    """``sec.name(x)``: a range variable (not a Section method such as ``connect``)."""
    if name in S.CORE_RANGE:
        return True
    attr = getattr(type(sec), name, None)
    return attr is None or isinstance(attr, property)


def _kind(cell: Any) -> str:
    if isinstance(cell, HocFunction):
        return cell.kind
    if isinstance(cell, Template):
        return "template"
    return type(cell).__name__


def _call_text(fn: HocFunction, obj: HocObject | None, args: list[Any]) -> str:
    shown = []
    for a in args:
        a = unwrap(a)
        if isinstance(a, str):
            shown.append(f'"{a}"')
        elif isinstance(a, numbers.Number):
            shown.append(f"{float(a):g}")
        else:
            shown.append(hoc_name(a))
    prefix = f"{obj.hname()}." if obj is not None else ""
    return f"{prefix}{fn.name}({', '.join(shown)})"
