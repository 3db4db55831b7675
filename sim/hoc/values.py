"""What HOC names hold: strdefs, objrefs, double and object arrays, section arrays.

Each *cell* lives in a symbol table (``h._symbols`` at top level, an
object's field table inside a template instance).  Cells that behave like
variables implement ``__hoc_get__``/``__hoc_set__``, so ``h.s`` returns the
string of ``strdef s`` and ``h.g = obj`` stores into ``objref g``.
Numbers are :class:`sim._namespace.Var` cells, shared with the engine.
"""

from __future__ import annotations

import math
from typing import Any

from sim.hoc.errors import HocError

__all__ = [
    "DoubleArray",
    "ObjArray",
    "ObjCell",
    "SectionArray",
    "StrCell",
    "format_number",
    "hoc_name",
    "to_number",
]


def format_number(value: float) -> str:
    """A number the way HOC's ``print`` writes it (``%.8g``)."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.8g}"


def hoc_name(obj: Any) -> str:
    """How HOC names an object: ``Vector[0]``, ``C[1]``, ``NULLobject``."""
    if obj is None:
        return "NULLobject"
    hname = getattr(obj, "hname", None)
    if callable(hname):
        try:
            return str(hname())
        except TypeError:
            pass
    return str(obj)


def to_number(value: Any, what: str = "value") -> float:
    """A HOC double from a Python value; a clear error otherwise."""
    if isinstance(value, float):
        return value
    if isinstance(value, (int, bool)):
        return float(value)
    get = getattr(value, "__hoc_get__", None)
    if get is not None:
        return to_number(get(), what)
    if isinstance(value, str):
        raise HocError(f"{what}: expected a number, got the string {value!r}")
    if value is None:
        raise HocError(f"{what}: expected a number, got NULLobject")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise HocError(f"{what}: expected a number, got {hoc_name(value)}") from None


def _index(i: Any, size: int, name: str) -> int:
    k = int(to_number(i, f"index of {name}"))
    if k < 0 or k >= size:
        raise HocError(f"{name}[{k}]: subscript out of range (size {size})")
    return k


class StrCell:
    """``strdef s``: a string variable."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: str = "") -> None:
        self.name = name
        self.value = value

    def __hoc_get__(self) -> str:
        return self.value

    def __hoc_set__(self, value: Any) -> None:
        if isinstance(value, StrCell):
            value = value.value
        if not isinstance(value, str):
            raise HocError(f"{self.name} is a strdef; cannot assign {hoc_name(value)}")
        self.value = value

    def __repr__(self) -> str:
        return f"StrCell({self.name}={self.value!r})"


class ObjCell:
    """``objref g``: a reference to any object (``None`` is NULLobject)."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: Any = None) -> None:
        self.name = name
        self.value = value

    def __hoc_get__(self) -> Any:
        return self.value

    def __hoc_set__(self, value: Any) -> None:
        if isinstance(value, (float, int)) and not isinstance(value, bool):
            if value != 0:
                raise HocError(f"{self.name} is an objref; cannot assign the number {value}")
            value = None
        if isinstance(value, str):
            raise HocError(f"{self.name} is an objref; cannot assign a string")
        self.value = value

    def __repr__(self) -> str:
        return f"ObjCell({self.name}={hoc_name(self.value)})"


class _Array:
    """Shared indexing for HOC arrays (one or more dimensions, flat storage)."""

    kind = "array"

    def __init__(self, name: str, dims: list[int], fill: Any) -> None:
        for d in dims:
            if d <= 0:
                raise HocError(f"{name}: array dimension must be positive, got {d}")
        self.name = name
        self.dims = dims
        self.data = [fill] * math.prod(dims)

    def flat_index(self, indices: list[Any]) -> int:
        if len(indices) != len(self.dims):
            raise HocError(
                f"{self.name} has {len(self.dims)} dimension(s); {len(indices)} subscript(s) given"
            )
        flat = 0
        for i, size in zip(indices, self.dims, strict=True):
            flat = flat * size + _index(i, size, self.name)
        return flat

    def get(self, indices: list[Any]) -> Any:
        return self.data[self.flat_index(indices)]

    def set(self, indices: list[Any], value: Any) -> None:
        self.data[self.flat_index(indices)] = value

    # Python side: h.a[1], h.a[1] = 2, len(h.a)
    def __getitem__(self, i: int) -> Any:
        if len(self.dims) == 1:
            return self.get([i])
        return _SubArray(self, [i])

    def __setitem__(self, i: int, value: Any) -> None:
        self.set([i], self._convert(value))

    def __len__(self) -> int:
        return self.dims[0]

    def _convert(self, value: Any) -> Any:
        return value

    def __repr__(self) -> str:
        return f"<hoc {self.kind} {self.name}{''.join(f'[{d}]' for d in self.dims)}>"


class _SubArray:
    """``h.a[i]`` of a multi-dimensional array (index again for the element)."""

    def __init__(self, array: _Array, prefix: list[Any]) -> None:
        self.array = array
        self.prefix = prefix

    def __getitem__(self, i: int) -> Any:
        idx = [*self.prefix, i]
        if len(idx) == len(self.array.dims):
            return self.array.get(idx)
        return _SubArray(self.array, idx)

    def __setitem__(self, i: int, value: Any) -> None:
        self.array.set([*self.prefix, i], self.array._convert(value))


class DoubleArray(_Array):
    """``double a[3]``."""

    kind = "double array"

    def __init__(self, name: str, dims: list[int]) -> None:
        super().__init__(name, dims, 0.0)

    def _convert(self, value: Any) -> float:
        return to_number(value, self.name)


class ObjArray(_Array):
    """``objref g[3]``."""

    kind = "objref array"

    def __init__(self, name: str, dims: list[int]) -> None:
        super().__init__(name, dims, None)


class SectionArray(_Array):
    """``create dend[3]``: the sections, indexable from HOC and Python."""

    kind = "section array"

    def __init__(self, name: str, dims: list[int], sections: list[Any]) -> None:
        super().__init__(name, dims, None)
        self.data = sections

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.data)

    def _convert(self, value: Any) -> Any:
        raise HocError(f"{self.name} is a section array; its elements cannot be assigned")
