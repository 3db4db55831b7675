"""HOC, NEURON's interpreted language, on NeuroQt's ``h``.

``h("code")`` and ``h.load_file("file.hoc")`` run HOC through
:class:`Interpreter`; what HOC defines lands in ``h._symbols`` and is
visible from Python (and the other way round).  Errors are :class:`HocError`
(a ``RuntimeError``) carrying ``filename``, ``line`` and ``column``.
"""

from __future__ import annotations

from sim.hoc.errors import HocError
from sim.hoc.interpreter import Interpreter, register_library

__all__ = ["HocError", "Interpreter", "register_library"]
