"""NeuroQt's simulation engine: the model, the integrator, ``h`` and HOC.

Nothing in this package imports Qt (a test checks it): headless scripts and
the whole ``sim`` test-suite run without PySide6 installed.

    >>> from sim import h
    >>> soma = h.Section(name="soma")
"""

from __future__ import annotations

from sim._namespace import h

__all__ = ["h"]


def _populate() -> None:
    """Register the engine's names in ``h`` (modules register themselves on import)."""
    from sim import _builtins, _gui_stubs

    _builtins.register(h)
    _gui_stubs.install_stubs(h)


_populate()
