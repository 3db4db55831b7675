"""What a PlotShape's Time Plot and Space Plot tools make: Graphs fed by the run.

- Time Plot: one Graph (on ``graphList[0]``, so the run system records it) with a
  line per clicked location, ``var`` against ``t``.
- Space Plot: a Graph showing a :class:`~sim.rangevarplot.RangeVarPlot` from
  the press point to the release point, redrawn on every flush (it is put on
  ``flush_list``, and the PlotShape flushes it at each screen update too).
"""

from __future__ import annotations

import contextlib
from typing import Any

from sim import h
from sim.rangevarplot import RangeVarPlot

__all__ = ["make_space_plot", "make_time_plot"]


def _hoc_list(name: str, index: int | None = None) -> Any:
    sym = h._lookup(name)
    if sym is None:
        with contextlib.suppress(Exception):
            from widgets import graph_stdrun

            graph_stdrun._ensure_stdrun()
        sym = h._lookup(name)
    if sym is None:
        return None
    obj = getattr(sym, "__hoc_get__", lambda: sym)()
    if index is not None:
        try:
            return obj[index]
        except (IndexError, KeyError, TypeError):
            return None
    return obj


def _tstop() -> float:
    try:
        return float(h.tstop)
    except (AttributeError, LookupError, TypeError, ValueError):
        return 5.0


def make_time_plot(ps: Any, sec: Any, x: float, graph: Any = None) -> Any:
    """Add ``var`` at ``sec(x)`` to the time-plot Graph (made on the first click)."""
    from widgets.graph import Graph

    if graph is None or not graph.view_count():
        graph = Graph()
        graph.size(0, _tstop(), ps._lo, ps._hi)
        graph.save_name("graphList[0].")
        lst = _hoc_list("graphList", 0)
        if lst is not None:
            lst.append(graph)
    n = len(graph.live_lines())
    label = f"{sec.name()}({x:.3g}).{ps._var}"
    ref = getattr(sec(x), "_ref_" + ps._var)
    graph.addvar(label, ref, n + 1, 1)
    return graph


def make_space_plot(ps: Any, a: tuple[Any, float], b: tuple[Any, float]) -> tuple[Any, Any]:
    """A Graph of ``var`` along the path from ``a`` to ``b`` (each (section, x))."""
    from widgets.graph import Graph

    rvp = RangeVarPlot(ps._var, a[0](a[1]), b[0](b[1]))
    graph = Graph()
    graph.addobject(rvp, 1, 1)
    left, right = rvp.left(), rvp.right()
    if right <= left:
        right = left + 1.0
    graph.size(left, right, ps._lo, ps._hi)
    lst = _hoc_list("flush_list")
    if lst is not None:
        lst.append(graph)
    graph.flush()
    return graph, rvp
