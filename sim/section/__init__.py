"""Sections, segments, the section stack and section lists (``h.Section``, ``h.cas()``...).

The Section data contract (fields shared with :mod:`sim.geometry`,
:mod:`sim.morph3d` and :mod:`sim.topology`) is documented in
:mod:`sim.section._section`; the engine compiles these objects into flat
arrays (:mod:`sim.engine`).
"""

from __future__ import annotations

from typing import Any

from sim.section._lists import List, SectionList, SectionRef
from sim.section._registry import (
    all_sections,
    current_section,
    pop_section,
    push_section,
    set_default_access,
    structure_changed,
    structure_version,
)
from sim.section._section import Section
from sim.section._segment import MechanismView, Segment
from sim.section._tree import delete_section

__all__ = [
    "List",
    "MechanismView",
    "Section",
    "SectionList",
    "SectionRef",
    "Segment",
    "all_sections",
    "current_section",
    "delete_all_sections",
    "delete_section",
    "hoc_secname",
    "pop_section",
    "push_section",
    "register",
    "set_default_access",
    "structure_changed",
    "structure_version",
]


def delete_all_sections() -> None:
    """Delete every section (tests use it to start from an empty model)."""
    from sim.section import _registry

    for sec in all_sections():
        delete_section(sec)
    _registry.reset()


def _sec_arg(sec: Any) -> Any:
    return current_section() if sec is None else sec


def _allsec() -> Any:
    return iter(all_sections())


def _cas() -> Any:
    return current_section()


def hoc_secname(sec: Any) -> str:
    """The name HOC's ``secname()`` gives: NEURON prefixes a named section made
    from Python with ``_pysec.``; HOC-made and unnamed sections keep ``name()``."""
    name = sec.name()
    if getattr(sec, "_hoc_created", False) or name.startswith("__nrnsec_0x"):
        return name
    return f"_pysec.{name}"


def _secname(sec: Any = None) -> str:
    return hoc_secname(_sec_arg(sec))


def _delete_section(sec: Any = None) -> float:
    delete_section(_sec_arg(sec))
    return 0.0


def _push_section(*args: Any, sec: Any = None) -> float:
    if args and isinstance(args[0], str):
        matches = [s for s in all_sections() if s.name() == args[0]]
        if not matches:
            raise NameError(f"push_section: no section named {args[0]!r}")
        push_section(matches[0])
    else:
        push_section(args[0] if args else _sec_arg(sec))
    return 1.0


def _pop_section() -> float:
    pop_section()
    return 1.0


def _issection(pattern: str, sec: Any = None) -> float:
    import re

    return 1.0 if re.fullmatch(pattern, _sec_arg(sec).name()) else 0.0


def register(h: Any) -> None:
    """``h.Section``, ``h.allsec``, ``h.cas``, ``h.secname``, section lists and ``h.List``."""
    h._register("Section", Section)
    h._register("allsec", _allsec)
    h._register("cas", _cas)
    h._register("secname", _secname)
    h._register("delete_section", _delete_section)
    h._register("push_section", _push_section)
    h._register("pop_section", _pop_section)
    h._register("issection", _issection)
    h._register("SectionList", SectionList)
    h._register("SectionRef", SectionRef)
    h._register("List", List)
