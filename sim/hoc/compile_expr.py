"""Compiling HOC expressions into Python closures ``ev(frame) -> value``.

Each parse-tree node becomes one closure; a name's scope is found at run
time (see :class:`sim.hoc.runtime.Runtime`), so a procedure sees the
variables that exist when it runs, as in HOC.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

from lark import Token, Tree

from sim._namespace import Var
from sim._ref import Pointer
from sim.hoc import sections as S
from sim.hoc.errors import HocError
from sim.hoc.objects import Frame, HocObject, Template
from sim.hoc.pointers import attr_pointer, index_pointer, name_pointer, segment_pointer
from sim.hoc.values import ObjCell, StrCell, hoc_name, to_number

__all__ = ["ExprCompiler", "unescape"]

Ev = Callable[[Frame], Any]

_ESCAPES = {"\n": "", "n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "0": "\0", "a": "\a"}


def unescape(literal: str) -> str:
    """The text of a HOC string literal (quotes removed, escapes resolved)."""
    body = literal[1:-1]
    if "\\" not in body:
        return body
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _num(v: Any) -> float:
    return v if type(v) is float else to_number(v)


class ExprCompiler:
    """Turns expression trees into closures; mixed into the statement compiler."""

    rt: Any

    def expr(self, node: Any) -> Ev:
        if isinstance(node, Token):
            raise HocError(f"unexpected token {node!s}")
        method = getattr(self, "_e_" + node.data.rstrip("_"), None)
        if method is None:
            raise HocError(f"cannot evaluate a {node.data} here")
        return method(node)

    # -- atoms ------------------------------------------------------------------------
    def _e_number(self, node: Tree) -> Ev:
        value = float(node.children[0])
        return lambda fr: value

    def _e_string(self, node: Tree) -> Ev:
        value = unescape(str(node.children[0]))
        return lambda fr: value

    def _e_name(self, node: Tree) -> Ev:
        name = str(node.children[0])
        rt = self.rt
        if name in S.CORE_RANGE:
            return lambda fr: self._core_range(fr, name)
        symbols = rt.symbols
        lookup = rt.lookup
        token = node.children[0]
        place = (getattr(self, "filename", None), token.line, token.column)
        lines = getattr(self, "lines", [])

        def ev(fr: Frame) -> Any:
            if fr.locals is None and fr.obj is None:
                cell = symbols.get(name)
                if type(cell) is Var:
                    return cell.value
            try:
                return lookup(fr, name)
            except HocError as exc:  # point at the name (costs nothing when all is well)
                filename, line, column = place
                exc.locate(filename, line, column, _source(lines, line))
                raise

        return ev

    def _core_range(self, fr: Frame, name: str) -> Any:
        if fr.locals is not None and name in fr.locals:
            return fr.locals[name]
        cell = self.rt.raw_cell(fr, name)
        if cell is not None:
            return self.rt.lookup(fr, name)
        return S.range_get(name, None)

    def _e_dollar(self, node: Tree) -> Ev:
        kind, index_of = self._dollar_parts(str(node.children[0]))

        def ev(fr: Frame) -> Any:
            arg = _arg(fr, index_of(fr), kind)
            if kind == "&":
                return arg.get() if isinstance(arg, Pointer) else arg[0]
            if kind == "":
                return to_number(arg, "$" + str(index_of(fr)))
            if type(arg) in (StrCell, ObjCell):
                return arg.value
            if kind == "s" and isinstance(arg, Pointer):
                return arg.get()  # h.ref("text") passed from Python
            return arg

        return ev

    def _dollar_parts(self, text: str) -> tuple[str, Callable[[Frame], int]]:
        body = text[1:]
        kind = body[0] if body[0] in "so&" and len(body) > 1 else ""
        ref = body[len(kind) :]
        if ref.isdigit():
            k = int(ref)
            return kind, lambda fr: k
        lookup = self.rt.lookup
        return kind, lambda fr: int(to_number(lookup(fr, ref), ref))

    def _e_new(self, node: Tree) -> Ev:
        name = str(node.children[0])
        args = self._args(node.children[1])
        rt = self.rt

        def ev(fr: Frame) -> Any:
            cls = rt.symbols.get(name)
            argv = [a(fr) for a in args]
            if isinstance(cls, Template):
                return rt.new_object(cls, argv)
            if cls is None:
                raise HocError(f"{name} is not a template or class (it is not defined)")
            if not callable(cls):
                raise HocError(f"{name} is not a template or class")
            return rt.call_value(cls, argv, name)

        return ev

    # -- postfix ----------------------------------------------------------------------
    def _container(self, node: Tree) -> Ev:
        """The value indexed by ``node[...]`` (an array member is taken whole)."""
        if node.data == "attr":
            base = self.expr(node.children[0])
            name = str(node.children[1])
            get_attr = self.rt.get_attr
            return lambda fr: get_attr(base(fr), name, True)
        return self.expr(node)

    def _e_index(self, node: Tree) -> Ev:
        base = self._container(node.children[0])
        index = self.expr(node.children[1])

        def ev(fr: Frame) -> Any:
            b = base(fr)
            i = int(_num(index(fr)))
            try:
                return b[i]
            except (IndexError, KeyError):
                raise HocError(f"{hoc_name(b)}[{i}]: subscript out of range") from None
            except TypeError:
                raise HocError(f"{hoc_name(b)} is not an array") from None

        return ev

    def _e_attr(self, node: Tree) -> Ev:
        base = self.expr(node.children[0])
        name = str(node.children[1])
        get_attr = self.rt.get_attr
        return lambda fr: get_attr(base(fr), name)

    def _e_call(self, node: Tree) -> Ev:
        """A call; its errors point at the called name (the innermost place wins)."""
        callee = node.children[0]
        call = self._call(node)
        where = callee.children[-1] if callee.data in ("name", "attr") else callee
        return self._located(call, where)  # type: ignore[attr-defined]

    def _call(self, node: Tree) -> Ev:
        callee, argnode = node.children
        args = self._args(argnode)
        rt = self.rt
        if callee.data == "name":
            name = str(callee.children[0])
            intrinsic = getattr(self, "_intrinsic_" + name, None)
            if intrinsic is not None:
                return intrinsic(args)
            return lambda fr: rt.call_name(fr, name, [a(fr) for a in args])
        if callee.data == "attr":
            base = self.expr(callee.children[0])
            name = str(callee.children[1])
            return lambda fr: rt.call_method(base(fr), name, [a(fr) for a in args])
        target = self.expr(callee)
        return lambda fr: rt.call_value(target(fr), [a(fr) for a in args], "expression")

    def _args(self, node: Tree | None) -> list[Ev]:
        if node is None:
            return []
        out = []
        for child in node.children:
            if child is None:
                continue
            out.append(self._arg(child))
        return out

    def _arg(self, child: Tree) -> Ev:
        """An argument; a bare strdef/objref name passes its cell (HOC passes by reference)."""
        if child.data == "name":
            name = str(child.children[0])
            plain = self.expr(child)
            raw = self.rt.raw_cell

            def ev(fr: Frame) -> Any:
                if fr.locals is None or name not in fr.locals:
                    cell = raw(fr, name)
                    if type(cell) is StrCell or type(cell) is ObjCell:
                        return cell
                return plain(fr)

            return ev
        if child.data == "dollar" and str(child.children[0])[1:2] in ("s", "o"):
            kind, index_of = self._dollar_parts(str(child.children[0]))
            return lambda fr: _arg(fr, index_of(fr), kind)  # the caller's cell, by reference
        return self.expr(child)

    # -- intrinsics that need the frame -----------------------------------------------
    def _intrinsic_numarg(self, args: list[Ev]) -> Ev:
        return lambda fr: float(len(fr.args))

    def _intrinsic_argtype(self, args: list[Ev]) -> Ev:
        def ev(fr: Frame) -> float:
            i = int(_num(args[0](fr)))
            if i < 1 or i > len(fr.args):
                return -1.0
            a = fr.args[i - 1]
            if isinstance(a, StrCell | str):
                return 2.0
            if isinstance(a, Pointer):
                return 3.0
            if isinstance(a, numbers.Number) and not isinstance(a, bool):
                return 0.0
            return 1.0

        return ev

    # -- operators --------------------------------------------------------------------
    def _e_binary(self, node: Tree) -> Ev:
        """``a op b op c ...`` parsed flat; ordered here by HOC's precedence (all left)."""
        items = node.children
        values = [self.expr(items[0])]
        ops: list[str] = []
        for i in range(1, len(items), 2):
            op = str(items[i])
            while ops and _PRECEDENCE[ops[-1]] >= _PRECEDENCE[op]:
                self._reduce(values, ops)
            ops.append(op)
            values.append(self.expr(items[i + 1]))
        while ops:
            self._reduce(values, ops)
        return values[0]

    def _reduce(self, values: list[Ev], ops: list[str]) -> None:
        right = values.pop()
        left = values.pop()
        op = ops.pop()
        test = _COMPARISONS.get(op)
        if test is not None:
            values.append(self._compare(op, test, left, right))
        else:
            fn = _ARITHMETIC[op]
            values.append(lambda fr: fn(_num(left(fr)), _num(right(fr))))

    def _compare(
        self, op: str, test: Callable[[float, float, float], bool], left: Ev, right: Ev
    ) -> Ev:
        eps_cell = self.rt.symbols.get("float_epsilon")

        def ev(fr: Frame) -> float:
            a, b = left(fr), right(fr)
            if not (isinstance(a, numbers.Number) and isinstance(b, numbers.Number)):
                return _compare_objects(op, a, b)
            eps = eps_cell.value if eps_cell is not None else 1e-11
            return 1.0 if test(float(a), float(b), eps) else 0.0

        return ev

    def _e_pow(self, node: Tree) -> Ev:
        left = self.expr(node.children[0])
        right = self.expr(node.children[-1])
        return lambda fr: _power(_num(left(fr)), _num(right(fr)))

    def _e_neg(self, node: Tree) -> Ev:
        inner = self.expr(node.children[-1])
        return lambda fr: -_num(inner(fr))

    def _e_not(self, node: Tree) -> Ev:
        inner = self.expr(node.children[-1])
        return lambda fr: 0.0 if _num(inner(fr)) else 1.0

    # -- assignment and pointers ------------------------------------------------------
    def _e_assign(self, node: Tree) -> Ev:
        target, op, value_node = node.children
        value = self.expr(value_node)
        store = self.store(target)
        op = str(op)
        if op == "=":
            return lambda fr: store(fr, value(fr))
        load = self.expr(target)
        combine = {"+=": float.__add__, "-=": float.__sub__, "*=": float.__mul__, "/=": _divide}[op]
        return lambda fr: store(fr, combine(_num(load(fr)), _num(value(fr))))

    def store(self, target: Tree) -> Callable[[Frame, Any], Any]:
        """A closure ``(frame, value) -> value`` that assigns to an lvalue."""
        rt = self.rt
        kind = target.data
        if kind == "name":
            name = str(target.children[0])
            return lambda fr, v: rt.assign_name(fr, name, v)
        if kind == "attr":
            base = self.expr(target.children[0])
            name = str(target.children[1])
            return lambda fr, v: rt.set_attr(base(fr), name, v)
        if kind == "index":
            return self._store_index(target)
        if kind == "call":
            return self._store_range(target)
        if kind == "dollar":
            return self._store_dollar(target)
        raise HocError(f"cannot assign to a {kind}")

    def _store_index(self, target: Tree) -> Callable[[Frame, Any], Any]:
        base = self._container(target.children[0])
        index = self.expr(target.children[1])

        def store(fr: Frame, v: Any) -> Any:
            b = base(fr)
            i = int(_num(index(fr)))
            try:
                b[i] = v
            except (IndexError, KeyError):
                raise HocError(f"{hoc_name(b)}[{i}]: subscript out of range") from None
            except TypeError:
                raise HocError(f"{hoc_name(b)} is not an array") from None
            return v

        return store

    def _store_range(self, target: Tree) -> Callable[[Frame, Any], Any]:
        callee, argnode = target.children
        args = self._args(argnode)
        if len(args) != 1 or callee.data not in ("name", "attr"):
            raise HocError("only a range variable, name(x), can be assigned with (x)")
        where = args[0]
        name = str(callee.children[-1])
        if callee.data == "name":
            return lambda fr, v: _range_store(name, where(fr), v, None)
        base = self.expr(callee.children[0])
        return lambda fr, v: _range_store(name, where(fr), v, base(fr))

    def _store_dollar(self, target: Tree) -> Callable[[Frame, Any], Any]:
        kind, index_of = self._dollar_parts(str(target.children[0]))

        def store(fr: Frame, v: Any) -> Any:
            i = index_of(fr)
            arg = _arg(fr, i, kind)
            if kind == "&":
                arg.set(v) if isinstance(arg, Pointer) else arg.__setitem__(0, v)
            elif type(arg) in (StrCell, ObjCell):
                arg.__hoc_set__(v)
            elif kind == "s" and isinstance(arg, Pointer):
                arg.set(v)
            else:
                fr.args[i - 1] = to_number(v) if kind == "" else v
            return v

        return store

    def _e_pointer(self, node: Tree) -> Ev:
        return self.pointer(node.children[0])

    def pointer(self, target: Tree) -> Ev:
        """``&lvalue``: a closure making a :class:`sim._ref.Pointer`."""
        rt = self.rt
        kind = target.data
        if kind == "name":
            name = str(target.children[0])
            return lambda fr: name_pointer(rt, fr, name)
        if kind == "index":
            base = self._container(target.children[0])
            index = self.expr(target.children[1])
            return lambda fr: index_pointer(base(fr), int(_num(index(fr))))
        if kind == "call":
            callee, argnode = target.children
            args = self._args(argnode)
            name = str(callee.children[-1])
            base = self.expr(callee.children[0]) if callee.data == "attr" else None
            return lambda fr: segment_pointer(
                name, _num(args[0](fr)) if args else 0.5, base(fr) if base else None
            )
        if kind == "attr":
            base = self.expr(target.children[0])
            name = str(target.children[1])
            return lambda fr: attr_pointer(base(fr), name)
        if kind == "dollar":
            _kind, index_of = self._dollar_parts(str(target.children[0]))
            return lambda fr: _arg(fr, index_of(fr), "&")
        raise HocError(f"cannot take the address (&) of a {kind}")


# HOC's binary operators: precedence (higher binds tighter) and meaning.
_PRECEDENCE = {
    "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4,
    "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
}  # fmt: skip
_COMPARISONS: dict[str, Callable[[float, float, float], bool]] = {
    "==": lambda a, b, e: abs(a - b) <= e,
    "!=": lambda a, b, e: abs(a - b) > e,
    "<": lambda a, b, e: a < b - e,
    "<=": lambda a, b, e: a <= b + e,
    ">": lambda a, b, e: a > b + e,
    ">=": lambda a, b, e: a >= b - e,
}
_ARITHMETIC: dict[str, Callable[[float, float], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: _divide(a, b),
    "%": lambda a, b: _modulo(a, b),
    # HOC evaluates both operands of && and || (no short-circuit).
    "&&": lambda a, b: 1.0 if a and b else 0.0,
    "||": lambda a, b: 1.0 if a or b else 0.0,
}


def _source(lines: list[str], line: int | None) -> str | None:
    return lines[line - 1] if line is not None and 0 < line <= len(lines) else None


def _arg(fr: Frame, i: int, kind: str) -> Any:
    if i < 1 or i > len(fr.args):
        who = fr.func.name if fr.func is not None else "top level"
        raise HocError(f"{who} not enough arguments: ${kind}{i} used, {len(fr.args)} given")
    return fr.args[i - 1]


def _divide(a: float, b: float) -> float:
    if b == 0:
        raise HocError("division by zero")
    return a / b


def _modulo(a: float, b: float) -> float:
    if b <= 0:
        raise HocError(f"a%b, b<=0 ({a:g} % {b:g})")
    return a - b * math.floor(a / b)


def _power(a: float, b: float) -> float:
    try:
        return math.pow(a, b)
    except (ValueError, OverflowError):
        raise HocError(f"{a:g}^{b:g} is out of range") from None


def _compare_objects(op: str, a: Any, b: Any) -> float:
    if op == "==":
        return 1.0 if (a is b or (isinstance(a, str) and a == b) or _same(a, b)) else 0.0
    if op == "!=":
        return 0.0 if (a is b or (isinstance(a, str) and a == b) or _same(a, b)) else 1.0
    raise HocError(f"cannot order {hoc_name(a)} and {hoc_name(b)}")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, HocObject) or isinstance(b, HocObject) or a is None or b is None:
        return a is b
    try:
        return bool(a == b)
    except Exception:
        return False


def _range_store(name: str, x: Any, value: Any, base: Any) -> Any:
    if base is not None and not S.is_section(base):
        array = getattr(base, name, None)
        if array is not None and not callable(array) and hasattr(array, "__setitem__"):
            array[int(_num(x))] = value  # vec.x(i) = v is vec.x[i] = v, as in NEURON
            return value
        raise HocError(f"{hoc_name(base)}.{name}(x): {hoc_name(base)} is not a section")
    S.range_set(name, _num(x), _num(value), base)
    return value
