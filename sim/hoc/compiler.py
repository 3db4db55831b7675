"""Compiling HOC statements into closures ``run(frame) -> signal``.

A statement closure returns ``None`` to go on, or a signal: :data:`BREAK`,
:data:`CONTINUE` or a :class:`~sim.hoc.objects.Return`.  Every statement is
wrapped so that an error raised inside it records the file, line and column.
"""

from __future__ import annotations

import numbers
import sys
from collections.abc import Callable
from typing import Any

from lark import Tree

from sim.hoc import sections as S
from sim.hoc.compile_expr import Ev, ExprCompiler
from sim.hoc.declarations import DeclarationCompiler
from sim.hoc.errors import HocError
from sim.hoc.objects import Frame, Return
from sim.hoc.parser import position
from sim.hoc.rewrite import split_statements
from sim.hoc.values import format_number, hoc_name, to_number

__all__ = ["BREAK", "CONTINUE", "Compiler", "StopExecution"]

Run = Callable[[Frame], Any]
BREAK = object()
# Procedures of NEURON's stdrun.hoc: NeuroQt defines them in Python (returning 0.0 to
# Python callers, as NEURON does), but typed at HOC's top level they echo nothing.
_STDRUN_PROCS = frozenset(
    {
        "run", "stdinit", "init", "continuerun", "steprun", "step", "setdt", "advance",
        "initPlot", "flushPlot", "fastflushPlot", "tstop_changed", "newPlotV", "newPlotI",
        "newPlotS", "newPlot", "addplot", "nrncontrolmenu", "nrnmainmenu", "stdrun_quiet",
    }
)  # fmt: skip
CONTINUE = object()


class StopExecution(Exception):
    """HOC's ``stop`` statement: abandon what is running."""


class Compiler(DeclarationCompiler, ExprCompiler):
    """Compiles one parsed unit (a file or an ``h("...")`` string)."""

    def __init__(self, rt: Any, filename: str | None, text: str) -> None:
        self.rt = rt
        self.filename = filename
        self.lines = text.splitlines()
        self.level = 0
        self.template: Any = None

    def statements(self, tree: Tree) -> list[Tree]:
        """The top-level statement trees of a parsed unit, to compile one by one."""
        return split_statements(tree.children)

    # -- dispatch and error location --------------------------------------------------
    def stmt(self, node: Tree) -> Run:
        method = getattr(self, "_s_" + node.data, None)
        try:
            inner = method(node) if method is not None else self._s_expr_only(node)
        except HocError as exc:  # found while compiling (`public` outside a template...)
            line, column = position(node)
            if line is not None:
                source = self.lines[line - 1] if 0 < line <= len(self.lines) else None
                exc.locate(self.filename, line, column, source)
            raise
        return self._located(inner, node)

    def body(self, node: Tree) -> Run:
        self.level += 1
        try:
            return self.stmt(node)
        finally:
            self.level -= 1

    def _located(self, inner: Run, node: Tree) -> Run:
        line, column = position(node)
        if line is None:
            return inner  # no tokens of its own (`return`): the enclosing statement locates it
        filename = self.filename
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else None

        def run(fr: Frame) -> Any:
            try:
                return inner(fr)
            except HocError as exc:
                exc.locate(filename, line, column, source)
                raise
            except (StopExecution, KeyboardInterrupt, SystemExit):
                raise
            except RecursionError:
                raise HocError(
                    "call nesting too deep (infinite recursion?)",
                    filename=filename,
                    line=line,
                    column=column,
                    source_line=source,
                ) from None
            except ZeroDivisionError:
                raise HocError(
                    "division by zero",
                    filename=filename,
                    line=line,
                    column=column,
                    source_line=source,
                ) from None
            except Exception as exc:
                raise HocError(
                    f"{type(exc).__name__}: {exc}",
                    filename=filename,
                    line=line,
                    column=column,
                    source_line=source,
                ) from exc

        return run

    def _s_expr_only(self, node: Tree) -> Run:
        ev = self.expr(node)
        return lambda fr: (ev(fr), None)[1]

    # -- simple statements ------------------------------------------------------------
    def _s_expr_stmt(self, node: Tree) -> Run:
        return self._expression_statement(node.children[0])

    def _expression_statement(self, child: Tree) -> Run:
        """An expression run for its effect; at top level a number result is shown."""
        ev = self.expr(child)
        if (
            self.level > 0
            or self.template is not None
            or child.data == "assign"
            or self._calls_a_proc(child)
        ):

            def run(fr: Frame) -> None:
                ev(fr)

            return run

        is_call = child.data in ("call", "new")
        return lambda fr: _show_value(ev(fr), is_call)

    def _calls_a_proc(self, child: Tree) -> bool:
        """A call of something NEURON defines as a HOC proc: nothing is echoed for it."""
        if child.data != "call" or child.children[0].data != "name":
            return False
        name = str(child.children[0].children[0])
        target = self.rt.symbols.get(name)
        return name in _STDRUN_PROCS or bool(getattr(target, "hoc_proc", False))

    def _s_print_stmt(self, node: Tree) -> Run:
        # A string member of an object (obj.name) prints with a space after it, as in NEURON.
        items = [
            (self.expr(item.children[0]), item.children[0].data == "attr") for item in node.children
        ]

        def run(fr: Frame) -> None:
            out = sys.stdout
            for ev, member in items:
                value = ev(fr)
                if isinstance(value, str):
                    out.write(value + " " if member else value)
                elif isinstance(value, numbers.Number):
                    out.write(format_number(float(value)) + " ")
                else:
                    out.write(hoc_name(value) + " ")
            out.write("\n")

        return run

    def _s_return_stmt(self, node: Tree) -> Run:
        if not node.children or node.children[0] is None:
            return lambda fr: Return(None)
        ev = self.expr(node.children[0])
        return lambda fr: Return(ev(fr))

    def _s_break_stmt(self, node: Tree) -> Run:
        return lambda fr: BREAK

    def _s_continue_stmt(self, node: Tree) -> Run:
        return lambda fr: CONTINUE

    def _s_stop_stmt(self, node: Tree) -> Run:
        def run(fr: Frame) -> None:
            raise StopExecution

        return run

    def _s_iterator_stmt(self, node: Tree) -> Run:
        def run(fr: Frame) -> Any:
            if fr.iter_body is None:
                raise HocError("iterator_statement outside an iterator")
            return fr.iter_body(fr.iter_frame)

        return run

    def _s_block(self, node: Tree) -> Run:
        self.level += 1
        try:
            stmts = [self.stmt(c) for c in split_statements(node.children)]
        finally:
            self.level -= 1
        if len(stmts) == 1:
            return stmts[0]

        def run(fr: Frame) -> Any:
            for s in stmts:
                r = s(fr)
                if r is not None:
                    return r
            return None

        return run

    # -- control flow -----------------------------------------------------------------
    def _s_if_stmt(self, node: Tree) -> Run:
        cond_node, then_node, else_node = node.children
        cond = self.expr(cond_node)
        then = self.body(then_node)
        other = self.body(else_node) if else_node is not None else None

        def run(fr: Frame) -> Any:
            if to_number(cond(fr), "if condition"):
                return then(fr)
            if other is not None:
                return other(fr)
            return None

        return run

    def _s_while_stmt(self, node: Tree) -> Run:
        cond = self.expr(node.children[0])
        body = self.body(node.children[1])

        def run(fr: Frame) -> Any:
            while to_number(cond(fr), "while condition"):
                r = body(fr)
                if r is not None and r is not CONTINUE:
                    return None if r is BREAK else r
            return None

        return run

    def _s_cfor_stmt(self, node: Tree) -> Run:
        init_n, cond_n, step_n, body_n = node.children
        init = self._for_part(init_n)
        cond = self.expr(cond_n) if cond_n is not None else None
        step = self._for_part(step_n)
        body = self.body(body_n)

        def run(fr: Frame) -> Any:
            if init is not None:
                init(fr)
            while cond is None or to_number(cond(fr), "for condition"):
                r = body(fr)
                if r is not None and r is not CONTINUE:
                    return None if r is BREAK else r
                if step is not None:
                    step(fr)
            return None

        return run

    def _for_part(self, node: Tree | None) -> Run | None:
        if node is None:
            return None
        return self.body(node) if node.data == "block" else self.expr(node)

    def _s_range_for_stmt(self, node: Tree) -> Run:
        name = str(node.children[0])
        first = self.expr(node.children[1])
        last = self.expr(node.children[2])
        body = self.body(node.children[3])
        rt = self.rt

        def run(fr: Frame) -> Any:
            i = to_number(first(fr), name)
            end = to_number(last(fr), name)
            while i <= end:
                rt.assign_name(fr, name, i)
                r = body(fr)
                if r is not None and r is not CONTINUE:
                    return None if r is BREAK else r
                i = to_number(rt.lookup(fr, name), name) + 1.0
            return None

        return run

    def _s_iter_for_stmt(self, node: Tree) -> Run:
        """``for it(args) stmt``, ``for obj.it(args) stmt``, ``for obj.it stmt``."""
        target, body_node = node.children
        body = self.body(body_node)
        args: list[Ev] = []
        if target.data == "call":
            target, argnode = target.children
            args = self._args(argnode)
        if target.data not in ("name", "attr"):
            raise HocError("for ...: expected an iterator call")
        name = str(target.children[-1])
        base = self.expr(target.children[0]) if target.data == "attr" else None
        rt = self.rt

        def run(fr: Frame) -> Any:
            if base is None:
                fn = rt.lookup(fr, name)
                func, obj = getattr(fn, "func", fn), getattr(fn, "obj", None)
            else:
                obj = base(fr)
                template = getattr(obj, "_template", None)
                func = template.funcs.get(name) if template is not None else None
            if getattr(func, "kind", None) != "iterator":
                raise HocError(f"{name} is not an iterator")
            return rt.run_iterator(func, [a(fr) for a in args], obj, body, fr)

        return run

    def _s_setpointer_stmt(self, node: Tree) -> Run:
        """``setpointer mech.ptr, var``: NeuroQt's mechanisms have no POINTER variables."""

        def run(fr: Frame) -> None:
            raise HocError(
                "setpointer: NeuroQt's built-in mechanisms have no POINTER variables "
                "(mechanisms compiled from .mod files cannot be loaded)"
            )

        return run

    def _s_help_stmt(self, node: Tree) -> Run:
        return lambda fr: None  # NEURON's `help` needs its help system; nothing to do here

    # -- the section language ---------------------------------------------------------
    def _s_sec_stmt(self, node: Tree) -> Run:
        prefix = self.expr(node.children[0])
        body_node = node.children[1]
        if body_node.data in ("assign", "name", "call", "attr", "index"):
            inner = self._s_expr_only(body_node)  # NEURON shows no value here
        else:
            inner = self.body(body_node)
        # (a call before a statement was split off by sim.hoc.rewrite: this is a section)
        return lambda fr: _in_section(_as_section(prefix(fr)), inner, fr)

    def _s_forall_stmt(self, node: Tree) -> Run:
        body = self.body(node.children[0])
        h = self.rt.h

        def run(fr: Frame) -> Any:
            return _each_section(list(h.allsec()), body, fr)

        return run

    def _s_forsec_stmt(self, node: Tree) -> Run:
        which = self.expr(node.children[0])
        body = self.body(node.children[1])
        h = self.rt.h

        def run(fr: Frame) -> Any:
            target = which(fr)
            if isinstance(target, str) or hasattr(target, "__hoc_get__"):
                pattern = target if isinstance(target, str) else target.__hoc_get__()
                secs = [s for s in h.allsec() if S.section_matches(pattern, s)]
            elif target is None:
                raise HocError("forsec: the SectionList is NULLobject")
            else:
                secs = list(target)
            return _each_section(secs, body, fr)

        return run

    def _s_ifsec_stmt(self, node: Tree) -> Run:
        which = self.expr(node.children[0])
        body = self.body(node.children[1])

        def run(fr: Frame) -> Any:
            target = which(fr)
            sec = S.current_section()
            if isinstance(target, str):
                hit = S.section_matches(target, sec)
            else:
                hit = any(s == sec for s in target)
            return body(fr) if hit else None

        return run

    def _s_seg_for_stmt(self, node: Tree) -> Run:
        name = str(node.children[0])
        ends = self.expr(node.children[1]) if node.children[1] is not None else None
        body = self.body(node.children[2])
        rt = self.rt

        def run(fr: Frame) -> Any:
            with_ends = True if ends is None else bool(to_number(ends(fr)))
            for x in list(S.segment_positions(S.current_section(), with_ends)):
                rt.assign_name(fr, name, x)
                r = body(fr)
                if r is not None and r is not CONTINUE:
                    return None if r is BREAK else r
            return None

        return run

    def _s_taper_stmt(self, node: Tree) -> Run:
        callee = node.children[0]
        name = str(callee.children[-1])
        base = self.expr(callee.children[0]) if callee.data == "attr" else None
        if callee.data not in ("name", "attr"):
            raise HocError("name(x0:x1) = y0:y1 needs a range variable name")
        x0, x1, y0, y1 = (self.expr(c) for c in node.children[1:5])

        def run(fr: Frame) -> None:
            sec = _as_section(base(fr)) if base is not None else None
            vals = [to_number(e(fr), name) for e in (x0, x1, y0, y1)]
            S.range_taper(name, *vals, sec=sec)

        return run


def _show_value(value: Any, is_call: bool) -> None:
    """What HOC prints for an expression statement typed at top level."""
    if isinstance(value, bool):
        value = float(value)
    if isinstance(value, numbers.Number):
        sys.stdout.write(f"\t{format_number(float(value))} \n")
    elif isinstance(value, str):
        sys.stdout.write(value + "\n")
    elif value is not None or not is_call:
        sys.stdout.write(f"\t{hoc_name(value)} \n")


def _as_section(value: Any) -> Any:
    sec = S.as_section(value)
    if sec is None:
        raise HocError(f"{hoc_name(value)} is not a section")
    return sec


def _in_section(sec: Any, inner: Run, fr: Frame) -> Any:
    S.push_section(sec)
    try:
        return inner(fr)
    finally:
        S.pop_section()


def _each_section(secs: list[Any], body: Run, fr: Frame) -> Any:
    for sec in secs:
        r = _in_section(sec, body, fr)
        if r is not None and r is not CONTINUE:
            return None if r is BREAK else r
    return None
