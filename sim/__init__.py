"""NeuroQt's simulation engine: the model, the integrator, ``h`` and HOC.

Nothing in this package imports Qt (a test checks it): headless scripts and
the whole ``sim`` test-suite run without PySide6 installed.

    >>> from sim import h
    >>> soma = h.Section(name="soma")

``sim.snapshot()`` records the state of ``h`` (sections, names, globals, the HOC
interpreter, the engine's recordings and switches) and ``.restore()`` puts it back.
"""

from __future__ import annotations

from sim._namespace import h
from sim._snapshot import Snapshot, snapshot

__all__ = ["Snapshot", "h", "snapshot"]


def _populate() -> None:
    """Register the engine's names in ``h`` (modules register themselves on import)."""
    from sim import _builtins, _gui_stubs

    _builtins.register(h)
    _gui_stubs.install_stubs(h)


_populate()
