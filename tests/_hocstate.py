"""A fresh HOC interpreter on the one ``h`` for a test, and ``h`` as it was afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sim.section import delete_all_sections


@contextmanager
def fresh_hoc(h: Any, delete_sections: bool = False) -> Iterator[Any]:
    """``h`` with a new HOC interpreter; names defined meanwhile (procs, templates,
    variables) are dropped afterwards and the old interpreter comes back.  With
    ``delete_sections`` the sections made meanwhile are deleted too.
    """
    saved = dict(h._symbols)
    saved_interpreter = h._interpreter
    object.__setattr__(h, "_interpreter", None)
    try:
        yield h
    finally:
        if delete_sections:
            delete_all_sections()
        h._symbols.clear()
        h._symbols.update(saved)
        object.__setattr__(h, "_interpreter", saved_interpreter)
