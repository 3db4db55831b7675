"""A fresh HOC interpreter on the one ``h`` for a test, and ``h`` as it was afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sim


@contextmanager
def fresh_hoc(h: Any) -> Iterator[Any]:
    """``h`` with a new HOC interpreter; afterwards ``h`` is put back as it was
    (:func:`sim.snapshot`): names defined meanwhile (procs, templates, variables) are
    dropped, sections made meanwhile deleted, globals and the old interpreter restored.
    """
    with sim.snapshot():
        object.__setattr__(h, "_interpreter", None)
        yield h
