"""Compiling HOC declarations: objref, strdef, double, local, create, proc, templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lark import Tree

from sim._namespace import Var
from sim.hoc import sections as S
from sim.hoc.errors import HocError
from sim.hoc.objects import Frame, HocFunction, Template
from sim.hoc.rewrite import split_statements
from sim.hoc.values import DoubleArray, ObjArray, ObjCell, SectionArray, StrCell, to_number

__all__ = ["DeclarationCompiler"]

Run = Callable[[Frame], Any]

# What each kind of cell is called in messages.
_KIND_NAMES = {
    Var: "a variable",
    StrCell: "a strdef",
    ObjCell: "an objref",
    DoubleArray: "a double array",
    ObjArray: "an objref array",
    SectionArray: "a section array",
    HocFunction: "a function",
    Template: "a template",
}


def _kind_name(cell: Any) -> str:
    if S.is_section(cell):
        return "a section"
    return _KIND_NAMES.get(type(cell), "a built-in")


class DeclarationCompiler:
    """Declaration statements (mixed into :class:`sim.hoc.compiler.Compiler`)."""

    rt: Any
    template: Any

    def _decls(self, node: Tree) -> list[tuple[str, list[Callable[[Frame], Any]]]]:
        out = []
        for decl in node.children:
            name = str(decl.children[0])
            dims = [self.expr(d) for d in decl.children[1:]]  # type: ignore[attr-defined]
            out.append((name, dims))
        return out

    def _table(self, fr: Frame) -> dict[str, Any]:
        return fr.obj._fields if fr.obj is not None else self.rt.symbols

    def _declare(self, fr: Frame, name: str, cell: Any, same: type) -> None:
        table = self._table(fr)
        old = table.get(name)
        if old is not None and not isinstance(old, same) and not _replaceable(old, cell):
            raise HocError(f"{name} already declared as {_kind_name(old)}")
        table[name] = cell
        if table is self.rt.symbols:
            self.rt.user_names.add(name)

    def _s_objref_decl(self, node: Tree) -> Run:
        decls = self._decls(node)

        def run(fr: Frame) -> None:
            for name, dims in decls:
                if dims:
                    sizes = [int(to_number(d(fr), name)) for d in dims]
                    self._declare(fr, name, ObjArray(name, sizes), (ObjArray, ObjCell))
                    continue
                table = self._table(fr)
                old = table.get(name)
                if name == "this" and fr.obj is not None:
                    table[name] = ObjCell(name, fr.obj)  # `objref this`: the object itself
                elif isinstance(old, ObjCell):
                    old.value = None  # re-declaring drops the reference, as in HOC
                else:
                    self._declare(fr, name, ObjCell(name), (ObjArray, ObjCell))

        return run

    def _s_strdef_decl(self, node: Tree) -> Run:
        names = [str(n) for n in node.children]

        def run(fr: Frame) -> None:
            for name in names:
                if not isinstance(self._table(fr).get(name), StrCell):
                    self._declare(fr, name, StrCell(name), StrCell)

        return run

    def _s_double_decl(self, node: Tree) -> Run:
        decls = self._decls(node)

        def run(fr: Frame) -> None:
            for name, dims in decls:
                if not dims:
                    self._declare(fr, name, Var(name), (Var, DoubleArray))
                    continue
                sizes = [int(to_number(d(fr), name)) for d in dims]
                self._declare(fr, name, DoubleArray(name, sizes), (Var, DoubleArray))

        return run

    def _locals(self, node: Tree, initial: Any) -> Run:
        names = [str(n) for n in node.children]

        def run(fr: Frame) -> None:
            if fr.locals is None:
                raise HocError("local declarations are only allowed inside proc, func or iterator")
            for name in names:
                fr.locals[name] = initial

        return run

    def _s_local_decl(self, node: Tree) -> Run:
        return self._locals(node, 0.0)

    def _s_localobj_decl(self, node: Tree) -> Run:
        return self._locals(node, None)

    # -- sections ---------------------------------------------------------------------
    def _s_create_stmt(self, node: Tree) -> Run:
        decls = self._decls(node)
        rt = self.rt

        def run(fr: Frame) -> None:
            make = rt.symbols.get("Section")
            if make is None:
                raise HocError("create: sections are not available (no Section in h)")
            for name, dims in decls:
                table = self._table(fr)
                _delete_sections(rt, table.get(name))
                if not dims:
                    self._declare(fr, name, _new_section(make, name, fr.obj), object)
                    continue
                sizes = [int(to_number(d(fr), name)) for d in dims]
                labels = [name + _subscripts(flat, sizes) for flat in range(_product(sizes))]
                secs = [_new_section(make, label, fr.obj) for label in labels]
                self._declare(fr, name, SectionArray(name, sizes, secs), object)

        return run

    def _s_access_stmt(self, node: Tree) -> Run:
        target = self.expr(node.children[0])  # type: ignore[attr-defined]

        def run(fr: Frame) -> None:
            sec = S.as_section(target(fr))
            if sec is None:
                raise HocError("access: not a section")
            S.set_access(sec)

        return run

    def _s_connect_stmt(self, node: Tree) -> Run:
        child = self.expr(node.children[0])  # type: ignore[attr-defined]
        parent = self.expr(node.children[1])  # type: ignore[attr-defined]

        def run(fr: Frame) -> None:
            csec, cx = _place(child(fr), 0.0, "connect: the child")
            p = parent(fr)
            if isinstance(p, int | float) and not isinstance(p, bool):
                psec, px = S.current_section(), float(p)
            else:
                psec, px = _place(p, 1.0, "connect: the parent")
            csec.connect(psec(px), cx)

        return run

    def _s_insert_stmt(self, node: Tree) -> Run:
        name = str(node.children[0])
        if name == "capacitance":  # every section has it (cm): HOC may insert it again
            return lambda fr: (S.current_section(), None)[1]
        return lambda fr: (S.current_section().insert(name), None)[1]

    def _s_uninsert_stmt(self, node: Tree) -> Run:
        name = str(node.children[0])
        if name == "capacitance":
            return _keep_capacitance
        return lambda fr: (S.current_section().uninsert(name), None)[1]

    # -- templates and functions ------------------------------------------------------
    def _s_public_decl(self, node: Tree) -> Run:
        if self.template is None:
            raise HocError("public is only allowed inside a template")
        self.template.publics.update(str(n) for n in node.children)
        return lambda fr: None

    def _s_external_decl(self, node: Tree) -> Run:
        if self.template is None:
            raise HocError("external is only allowed inside a template")
        self.template.externals.update(str(n) for n in node.children)
        return lambda fr: None

    def _s_func_def(self, node: Tree) -> Run:
        kind, name_tok, body_node = node.children
        kind, name = str(kind), str(name_tok)
        self.level += 1  # type: ignore[attr-defined]
        try:
            body = self.stmt(body_node)  # type: ignore[attr-defined]
        finally:
            self.level -= 1  # type: ignore[attr-defined]
        fn = HocFunction(kind, name, body, self.rt, self.template)
        if self.template is not None:
            self.template.funcs[name] = fn
            return lambda fr: None
        rt = self.rt

        def run(fr: Frame) -> None:
            old = rt.symbols.get(name)
            # A proc may replace a proc (HOC's or stdrun's, which NeuroQt writes in
            # Python), never a variable, object or section (`proc t()`).
            replaceable = old is None or isinstance(old, HocFunction)
            if not replaceable and callable(old) and name not in rt.user_names:
                replaceable = not isinstance(old, type) and not S.is_section(old)
            if not replaceable:
                raise HocError(f"{name} : Redeclaring at top level ({_kind_name(old)})")
            rt.symbols[name] = fn
            rt.user_names.add(name)

        return run

    def _s_template_def(self, node: Tree) -> Run:
        children = [c for c in node.children if c is not None]
        name, end = str(children[0]), str(children[-1])
        if name != end:
            raise HocError(f"begintemplate {name} ended by endtemplate {end}")
        if self.template is not None:
            raise HocError("templates cannot be nested")
        template = Template(name, self.rt)
        self.template = template
        try:
            stmts = [self.stmt(c) for c in split_statements(children[1:-1])]  # type: ignore[attr-defined]
        finally:
            self.template = None

        def body(fr: Frame) -> None:
            for s in stmts:
                s(fr)

        template.body = body
        rt = self.rt

        def run(fr: Frame) -> None:
            if isinstance(rt.symbols.get(name), Template):
                raise HocError(f"{name} : a template cannot be redefined")
            rt.symbols[name] = template
            rt.user_names.add(name)

        return run


def _new_section(make: Any, name: str, cell: Any) -> Any:
    """A section made by HOC's ``create``; marked so ``secname()`` can tell it from
    a Python-made one (NEURON names those ``_pysec.<name>`` in HOC)."""
    sec = make(name=name, cell=cell) if cell is not None else make(name=name)
    try:
        sec._hoc_created = True
    except AttributeError:
        pass
    return sec


def _replaceable(old: Any, new: Any) -> bool:
    """Sections may be re-created; an object that NEURON's libraries hold in an objref
    (``cvode``, ``graphList``, ``flush_list``, made in Python here) may be declared again."""
    if S.is_section(old) or isinstance(old, SectionArray):
        return S.is_section(new) or isinstance(new, SectionArray)
    if isinstance(new, ObjCell | ObjArray):
        variable = hasattr(old, "__hoc_get__")  # t, dt...: variables, not objects
        return not callable(old) and not variable and not isinstance(old, _NOT_OBJECTS)
    return False


# Symbols that are not objects (HOC variables, arrays, strings): never objrefs.
_NOT_OBJECTS = (Var, StrCell, DoubleArray, str, int, float)


def _delete_sections(rt: Any, old: Any) -> None:
    if old is None:
        return
    secs = old.data if isinstance(old, SectionArray) else [old] if S.is_section(old) else []
    delete = rt.symbols.get("delete_section")
    for sec in secs:
        if delete is not None:
            delete(sec=sec)


def _product(sizes: list[int]) -> int:
    n = 1
    for s in sizes:
        if s <= 0:
            raise HocError(f"create: array size must be positive, got {s}")
        n *= s
    return n


def _subscripts(flat: int, sizes: list[int]) -> str:
    parts = []
    for size in reversed(sizes):
        parts.append(flat % size)
        flat //= size
    return "".join(f"[{p}]" for p in reversed(parts))


def _place(value: Any, default_x: float, what: str) -> tuple[Any, float]:
    if S.is_segment(value):
        return value.sec, float(value.x)
    if S.is_section(value):
        return value, default_x
    raise HocError(f"{what} is not a section")


def _keep_capacitance(_fr: Any) -> None:
    raise HocError(
        f"uninsert capacitance: NeuroQt keeps the capacitance of {S.current_section().name()}"
        " (set cm = 0 to remove the capacitive current)"
    )
