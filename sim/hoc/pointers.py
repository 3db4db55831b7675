"""HOC's ``&lvalue``: pointers to locals, array elements, members and segments."""

from __future__ import annotations

from typing import Any

from sim._ref import Pointer, VarPointer
from sim.hoc import sections as S
from sim.hoc.errors import HocError
from sim.hoc.objects import Frame, HocObject
from sim.hoc.values import DoubleArray, hoc_name, to_number

__all__ = [
    "ElementPointer",
    "ItemPointer",
    "LocalPointer",
    "attr_pointer",
    "index_pointer",
    "name_pointer",
    "segment_pointer",
]


class LocalPointer(Pointer):
    __slots__ = ("name", "table")

    def __init__(self, table: dict[str, Any], name: str) -> None:
        self.table = table
        self.name = name

    def get(self) -> Any:
        return self.table[self.name]

    def set(self, value: Any) -> None:
        self.table[self.name] = to_number(value, self.name)

    def describe(self) -> str:
        return self.name


class ElementPointer(Pointer):
    __slots__ = ("array", "index")

    def __init__(self, array: DoubleArray, index: int) -> None:
        self.array = array
        self.index = index

    def get(self) -> Any:
        return self.array.data[self.index]

    def set(self, value: Any) -> None:
        self.array.data[self.index] = to_number(value, self.array.name)

    def describe(self) -> str:
        return f"{self.array.name}[{self.index}]"


def name_pointer(rt: Any, fr: Frame, name: str) -> Pointer:
    if fr.locals is not None and name in fr.locals:
        return LocalPointer(fr.locals, name)
    cell = rt.raw_cell(fr, name)
    if cell is None:
        return segment_pointer(name, 0.5, None)
    make = getattr(cell, "__hoc_ref__", None)
    if make is not None:
        return make()
    if hasattr(cell, "__hoc_set__"):
        return VarPointer(name, cell)
    raise HocError(f"&{name}: {name} is not a variable")


class ItemPointer(Pointer):
    """``&vec.x[i]`` and other elements of Python containers."""

    __slots__ = ("container", "index")

    def __init__(self, container: Any, index: int) -> None:
        self.container = container
        self.index = index

    def get(self) -> Any:
        return self.container[self.index]

    def set(self, value: Any) -> None:
        self.container[self.index] = to_number(value)

    def describe(self) -> str:
        return f"{hoc_name(self.container)}[{self.index}]"


def index_pointer(array: Any, i: int) -> Pointer:
    if isinstance(array, DoubleArray):
        return ElementPointer(array, array.flat_index([i]))
    ref = getattr(array, "_ref_x", None)
    if ref is not None:
        try:
            return ref[i]
        except (TypeError, IndexError):
            pass
    if hasattr(array, "__setitem__") and not isinstance(array, HocObject):
        try:
            array[i]
        except (IndexError, KeyError):
            raise HocError(f"&{hoc_name(array)}[{i}]: subscript out of range") from None
        return ItemPointer(array, i)
    raise HocError(f"&{hoc_name(array)}[{i}]: not an array element")


def segment_pointer(name: str, x: float, sec: Any) -> Pointer:
    if sec is None:
        sec = S.current_section()
    if not S.is_section(sec):
        raise HocError(f"&...{name}(x): {hoc_name(sec)} is not a section")
    try:
        return getattr(sec(x), "_ref_" + name)
    except AttributeError:
        raise HocError(f"&{name}({x:g}): no such range variable in {S.section_name(sec)}") from None


def attr_pointer(base: Any, name: str) -> Pointer:
    if isinstance(base, HocObject):
        cell = base._fields.get(name)
        if cell is None or not hasattr(cell, "__hoc_set__"):
            raise HocError(f"&{base.hname()}.{name}: not a variable")
        return VarPointer(f"{base.hname()}.{name}", cell)
    if S.is_section(base):
        return segment_pointer(name, 0.5, base)
    try:
        return getattr(base, "_ref_" + name)
    except AttributeError:
        raise HocError(f"&{hoc_name(base)}.{name}: no reference to that member") from None
