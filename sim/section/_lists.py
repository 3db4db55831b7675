"""``h.SectionList``, ``h.SectionRef`` and ``h.List``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sim._hocname import HocNamed
from sim.section._registry import all_sections, current_section

__all__ = ["List", "SectionList", "SectionRef"]


def _sec(sec: Any, where: str) -> Any:
    sec = current_section() if sec is None else sec
    from sim.section._section import Section

    if not isinstance(sec, Section):
        raise TypeError(f"{where}: expected a section, got {sec!r}")
    sec._check_alive()
    return sec


class SectionList(HocNamed):
    """An ordered list of sections (``append``, ``remove``, ``wholetree``...)."""

    def __init__(self, sections: Any = None) -> None:
        self._secs: list[Any] = []
        for s in sections or ():
            self.append(s)

    def append(self, sec: Any = None) -> float:
        self._secs.append(_sec(sec, "SectionList.append"))
        return 1.0

    def remove(self, sec: Any = None) -> float:
        """Remove ``sec`` (or every section of another SectionList); returns how many."""
        if isinstance(sec, SectionList):
            drop = {id(s) for s in sec._secs}
        else:
            drop = {id(_sec(sec, "SectionList.remove"))}
        before = len(self._secs)
        self._secs = [s for s in self._secs if id(s) not in drop]
        return float(before - len(self._secs))

    def _extend(self, secs: list[Any]) -> float:
        self._secs.extend(secs)
        return float(len(secs))

    def wholetree(self, sec: Any = None) -> float:
        return self._extend(_sec(sec, "SectionList.wholetree").wholetree())

    def subtree(self, sec: Any = None) -> float:
        return self._extend(_sec(sec, "SectionList.subtree").subtree())

    def children(self, sec: Any = None) -> float:
        return self._extend(_sec(sec, "SectionList.children").children())

    def allroots(self) -> float:
        return self._extend([s for s in all_sections() if s._parent is None])

    def unique(self) -> float:
        seen: set[int] = set()
        out = []
        for s in self._secs:
            if id(s) not in seen:
                seen.add(id(s))
                out.append(s)
        removed = len(self._secs) - len(out)
        self._secs = out
        return float(removed)

    def contains(self, sec: Any = None) -> float:
        sec = _sec(sec, "SectionList.contains")
        return 1.0 if any(s is sec for s in self._secs) else 0.0

    def printnames(self) -> float:
        for s in self:
            print(s.name())
        return 1.0

    def __iter__(self) -> Iterator[Any]:
        self._secs = [s for s in self._secs if not s._deleted]
        return iter(list(self._secs))

    def __len__(self) -> int:
        return sum(1 for s in self._secs if not s._deleted)


class _Children:
    def __init__(self, sec: Any) -> None:
        self._sec = sec

    def __getitem__(self, i: int) -> Any:
        return self._sec.children()[i]

    def __len__(self) -> int:
        return len(self._sec.children())


class SectionRef(HocNamed):
    """``h.SectionRef(sec=s)``: a handle with parent, children and root."""

    def __init__(self, sec: Any = None) -> None:
        self._sec = _sec(sec, "SectionRef")

    @property
    def sec(self) -> Any:
        self._sec._check_alive()
        return self._sec

    @property
    def parent(self) -> Any:
        p = self.sec._parent
        if p is None:
            raise RuntimeError(f"SectionRef: {self._sec.name()} has no parent")
        return p

    @property
    def trueparent(self) -> Any:
        seg = self.sec.trueparentseg()
        if seg is None:
            raise RuntimeError(f"SectionRef: {self._sec.name()} has no parent")
        return seg.sec

    @property
    def root(self) -> Any:
        s = self.sec
        while s._parent is not None:
            s = s._parent
        return s

    @property
    def child(self) -> _Children:
        return _Children(self.sec)

    def nchild(self) -> int:
        return len(self.sec.children())

    def has_parent(self) -> bool:
        return self.sec._parent is not None

    def has_trueparent(self) -> bool:
        return self.sec.trueparentseg() is not None

    def exists(self) -> bool:
        return not self._sec._deleted

    def is_cas(self) -> bool:
        return current_section() is self._sec


class List(HocNamed):
    """``h.List()`` of objects, or ``h.List('IClamp')``: every live instance of a class."""

    def __init__(self, template: Any = None) -> None:
        self._items: list[Any] = []
        self._template = None
        if template is not None:
            self._template = template if isinstance(template, str) else template.__name__

    def _live(self) -> list[Any]:
        if self._template is None:
            return self._items
        from sim.mechanisms._point import all_point_processes

        return all_point_processes(self._template)

    def count(self) -> float:
        return float(len(self._live()))

    def append(self, obj: Any) -> float:
        self._require_generic("append")
        self._items.append(obj)
        return float(len(self._items))

    def prepend(self, obj: Any) -> float:
        self._require_generic("prepend")
        self._items.insert(0, obj)
        return float(len(self._items))

    def insrt(self, i: int, obj: Any) -> float:
        self._require_generic("insrt")
        self._items.insert(int(i), obj)
        return float(len(self._items))

    def remove(self, i: int) -> float:
        self._require_generic("remove")
        del self._items[int(i)]
        return float(len(self._items))

    def remove_all(self) -> float:
        self._require_generic("remove_all")
        self._items.clear()
        return 0.0

    def index(self, obj: Any) -> float:
        for i, o in enumerate(self._live()):
            if o is obj:
                return float(i)
        return -1.0

    def object(self, i: int) -> Any:
        return self[int(i)]

    o = object

    def _require_generic(self, what: str) -> None:
        if self._template is not None:
            raise RuntimeError(
                f"List('{self._template}') lists live objects; {what} is not allowed"
            )

    def __getitem__(self, i: int) -> Any:
        items = self._live()
        try:
            return items[int(i)]
        except IndexError:
            raise IndexError(f"List index {i} out of range 0..{len(items) - 1}") from None

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._live()))

    def __len__(self) -> int:
        return len(self._live())
