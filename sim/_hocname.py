"""How NEURON names its objects: ``List[0]``, ``SectionRef[3]``, ``Graph[1]``.

Each class numbers its instances in the order they are made (HOC's object
index): numbers are not reused while any instance of the class lives, and
counting starts again from 0 once none is left, as in NEURON
(``a = List()`` is ``List[0]``; with ``a`` alive the next is ``List[1]``; after
both are gone, ``List[0]`` again).  ``print(obj)``, ``repr(obj)``,
``obj.hname()`` and HOC's ``print obj`` all show ``Name[index]``; ``Name[index]``
(``h.PWManager[0]``, HOC's ``PWManager[0]``) is the live instance of that number.

A class takes part by deriving from :class:`HocNamed`; the number is given in
``__new__``, so the class's own ``__init__`` needs no change.
"""

from __future__ import annotations

import numbers
import weakref
from typing import Any, ClassVar

__all__ = ["HocNamed", "next_index", "reset_counts"]

_counts: dict[str, int] = {}
_live: dict[str, weakref.WeakSet[Any]] = {}


def next_index(name: str, obj: Any = None) -> int:
    """The index of the next ``name`` object; ``obj`` (weakly held) counts as alive."""
    live = _live.setdefault(name, weakref.WeakSet())
    index = _counts.get(name, 0) if len(live) else 0
    _counts[name] = index + 1
    if obj is not None:
        live.add(obj)
    return index


def reset_counts(*names: str) -> None:
    """Number from 0 again (tests that start from a fresh process's state); all if none named."""
    if not names:
        _counts.clear()
    for name in names:
        _counts.pop(name, None)


class HocNamed:
    """Mixin: ``hname()``, ``str()`` and ``repr()`` give NEURON's ``Name[index]``.

    ``hoc_class_name`` is the HOC class name (the Python class name by default).
    """

    hoc_class_name: ClassVar[str | None] = None

    def __new__(cls, *_args: Any, **_kwargs: Any) -> Any:
        self = super().__new__(cls)
        name = cls.hoc_class_name or cls.__name__
        object.__setattr__(self, "_hoc_index", next_index(name, self))
        return self

    def __class_getitem__(cls, index: Any) -> Any:
        """``Name[i]``: the live instance numbered ``i`` (IndexError if there is none)."""
        if not isinstance(index, numbers.Integral):
            raise TypeError(f"sequence index must be integer, not '{type(index).__name__}'")
        name = cls.hoc_class_name or cls.__name__
        for obj in list(_live.get(name, ())):
            if object.__getattribute__(obj, "_hoc_index") == index:
                return obj
        raise IndexError(f"{name}[{index}] instance does not exist")

    def hname(self) -> str:
        name = type(self).hoc_class_name or type(self).__name__
        return f"{name}[{object.__getattribute__(self, '_hoc_index')}]"

    def __repr__(self) -> str:
        return self.hname()

    def __str__(self) -> str:
        return self.hname()
