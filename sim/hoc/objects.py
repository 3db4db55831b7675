"""HOC procedures, templates and their instances, and call frames."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from sim.hoc.errors import HocError

__all__ = [
    "BoundMethod",
    "Frame",
    "HocFunction",
    "HocObject",
    "PythonScope",
    "Return",
    "Template",
]


class Return:
    """What a ``return`` statement hands back up through the blocks."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class Frame:
    """One activation: top level, a proc/func call, or a template instantiation."""

    __slots__ = ("args", "func", "iter_body", "iter_frame", "locals", "obj")

    def __init__(
        self,
        obj: HocObject | None = None,
        args: list[Any] | None = None,
        func: HocFunction | None = None,
        local: bool = False,
    ) -> None:
        self.obj = obj
        self.args = args if args is not None else []
        self.func = func
        self.locals: dict[str, Any] | None = {} if local else None
        self.iter_body: Callable[[Frame], Any] | None = None
        self.iter_frame: Frame | None = None


class HocFunction:
    """A ``proc``, ``func``, ``obfunc`` or ``iterator`` defined in HOC.

    Callable from Python: ``h.myproc(1, 2)``; a proc returns 0.0 as in NEURON.
    """

    def __init__(
        self, kind: str, name: str, body: Callable[[Frame], Any], interp: Any, template: Any = None
    ) -> None:
        self.kind = kind
        self.name = name
        self.body = body
        self.interp = interp
        self.template = template

    def __call__(self, *args: Any) -> Any:
        result = self.interp.call_from_python(self, list(args), None)
        return 0.0 if result is None and self.kind == "proc" else result

    def __repr__(self) -> str:
        return f"<hoc {self.kind} {self.name}>"


class BoundMethod:
    """``obj.method`` seen from Python: calls the template's function on ``obj``."""

    __slots__ = ("func", "obj")

    def __init__(self, func: HocFunction, obj: HocObject) -> None:
        self.func = func
        self.obj = obj

    def __call__(self, *args: Any) -> Any:
        result = self.func.interp.call_from_python(self.func, list(args), self.obj)
        return 0.0 if result is None and self.func.kind == "proc" else result

    def __repr__(self) -> str:
        return f"<hoc method {self.obj}.{self.func.name}>"


class Template:
    """``begintemplate Name ... endtemplate Name``: a class of HOC objects.

    ``h.Name(args)`` (or ``new Name(args)`` in HOC) makes an instance; ``Name[i]``
    finds the live instance numbered ``i``.
    """

    def __init__(self, name: str, interp: Any) -> None:
        self.name = name
        self.interp = interp
        self.funcs: dict[str, HocFunction] = {}
        self.publics: set[str] = set()
        self.externals: set[str] = set()
        self.body: Callable[[Frame], Any] | None = None
        # Live instances by index (weak: an object nobody refers to goes away, as in HOC).
        self.instances: weakref.WeakValueDictionary[int, HocObject] = weakref.WeakValueDictionary()
        self.count = 0

    def __call__(self, *args: Any) -> HocObject:
        return self.interp.new_object(self, list(args))

    def __getitem__(self, index: int) -> HocObject:
        inst = self.instances.get(int(index))
        if inst is None:
            raise HocError(f"{self.name}[{int(index)}]: no such object")
        return inst

    def __repr__(self) -> str:
        return f"{self.name}()"  # as NEURON shows a class


class HocObject:
    """An instance of a HOC template; public members are Python attributes."""

    __slots__ = ("__weakref__", "_fields", "_index", "_template")

    def __init__(self, template: Template, index: int) -> None:
        object.__setattr__(self, "_template", template)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_fields", {})

    def hname(self) -> str:
        return f"{self._template.name}[{self._index}]"

    def __str__(self) -> str:
        return self.hname()

    __repr__ = __str__

    def _public(self, name: str) -> None:
        if name not in self._template.publics:
            raise AttributeError(f"'{name}' not a public member of '{self._template.name}'")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self._public(name)
        func = self._template.funcs.get(name)
        if func is not None:
            return BoundMethod(func, self)
        cell = self._fields.get(name)
        if cell is None:
            raise AttributeError(f"'{name}' of {self.hname()} is not defined yet")
        get = getattr(cell, "__hoc_get__", None)
        return get() if get is not None else cell

    def __setattr__(self, name: str, value: Any) -> None:
        self._public(name)
        cell = self._fields.get(name)
        setter = getattr(cell, "__hoc_set__", None)
        if setter is None:
            raise AttributeError(f"'{name}' of {self.hname()} cannot be assigned")
        setter(value)

    def __dir__(self) -> list[str]:
        return sorted(self._template.publics)


class _AttrCell:
    """One attribute of a Python object, seen as a HOC variable."""

    __slots__ = ("name", "obj")

    def __init__(self, obj: Any, name: str) -> None:
        self.obj = obj
        self.name = name

    def __hoc_get__(self) -> Any:
        return getattr(self.obj, self.name)

    def __hoc_set__(self, value: Any) -> None:
        setattr(self.obj, self.name, value)


class _AttrTable:
    """``_fields`` of a Python object pushed with ``object_push``: its attributes."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def get(self, name: str, default: Any = None) -> Any:
        return _AttrCell(self.obj, name) if hasattr(self.obj, name) else default

    def __setitem__(self, name: str, cell: Any) -> None:
        value = getattr(cell, "__hoc_get__", lambda: cell)()
        setattr(self.obj, name, value)


class _PythonClass:
    """What the interpreter asks of a template, answered for a Python object."""

    def __init__(self, obj: Any) -> None:
        self.name = type(obj).__name__
        self.funcs: dict[str, HocFunction] = {}
        self.externals = _Everything()  # top-level names stay visible inside
        self.publics: set[str] = set()


class _Everything:
    def __contains__(self, name: object) -> bool:
        return True


class PythonScope:
    """A Python object as a HOC scope (``object_push(tool)`` in a session file):
    names inside resolve to the object's attributes first."""

    def __init__(self, obj: Any) -> None:
        self._fields = _AttrTable(obj)
        self._template = _PythonClass(obj)
        self._obj = obj

    def hname(self) -> str:
        hname = getattr(self._obj, "hname", None)
        return str(hname()) if callable(hname) else str(self._obj)
