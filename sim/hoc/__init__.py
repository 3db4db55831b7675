"""HOC, NEURON's interpreted language, on NeuroQt's ``h``.

``h("code")`` and ``h.load_file("file.hoc")`` run HOC through
:class:`Interpreter`; what HOC defines lands in ``h._symbols`` and is
visible from Python (and the other way round).  Errors are :class:`HocError`
(a ``RuntimeError``) carrying ``filename``, ``line`` and ``column``.

How the pieces fit: :mod:`~sim.hoc.parser` (lark LALR grammar ``hoc.lark``)
makes a tree, :mod:`~sim.hoc.rewrite` fixes the one ambiguous parse,
:mod:`~sim.hoc.compiler` turns statements (and :mod:`~sim.hoc.compile_expr`
expressions) into closures that :mod:`~sim.hoc.runtime` supports at run time.

For other parts of NeuroQt:

- ``h._hoc().eval_expression(text)``, ``.assign(lvalue, value)`` and
  ``.pointer(lvalue)`` bind GUI fields and graphs to HOC names.
- :func:`register_library` makes ``load_file("name.hoc")`` call Python
  instead of reading a file (the standard run system is registered so).
- A Python function registered in ``h`` may carry ``hoc_raw_args = True``
  (receive strdef/objref cells, for functions that write back),
  ``hoc_ref_args = True`` (receive strdefs as :class:`sim._ref.Pointer`),
  or ``hoc_proc = True`` (HOC echoes nothing when it is typed at top level).
- Sections made by ``create`` carry ``_hoc_created = True``.
"""

from __future__ import annotations

from typing import Any

from sim.hoc.errors import HocError

__all__ = ["HocError", "Interpreter", "register_library"]


def __getattr__(name: str) -> Any:
    # The parser (lark) loads on first use, not when `import sim` registers HOC's built-ins.
    if name in ("Interpreter", "register_library"):
        from sim.hoc import interpreter

        return getattr(interpreter, name)
    raise AttributeError(f"module 'sim.hoc' has no attribute {name!r}")
