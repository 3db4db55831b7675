"""The standard run system's graphs: newPlotV/I/S and live plotting during runs.

NEURON's stdrun plots every graph in ``graphList[0..2]`` at each step (at t, t-dt/2
and t+dt/2).  Here a run does not call Python per step: at the end of each
``finitialize`` (an engine init hook) every such Graph starts new lines (Keep Lines
applies) and records its variables with ``Vector.record`` -- the engine's compiled
fast path.  Expressions that are not a single variable are sampled by a per-step
callback.  :func:`screen_update` (called on the GUI thread by the simulation thread's
timer, every ``screen_update_invl``) redraws from those buffers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from sim import h

__all__ = [
    "addplot",
    "flushPlot",
    "flush_all",
    "implementations",
    "initPlot",
    "install_run_hooks",
    "run_graphs",
    "screen_update",
    "tstop_changed_axes",
]

# graphList[i] is plotted at t + _SHIFT[i] * dt (currents at t - dt/2, states at t + dt/2)
_SHIFT = {0: 0.0, 1: -0.5, 2: 0.5, 3: 0.0}
_state: dict[str, Any] = {"step_sources": []}


def _ensure_stdrun() -> None:
    if h._lookup("graphList") is not None:
        return
    with contextlib.suppress(ImportError, AttributeError):
        from sim import stdrun

        stdrun.load_stdrun(h)


def _list_items(lst: Any) -> list[Any]:
    if lst is None:
        return []
    try:
        return list(lst)
    except TypeError:
        return [lst.object(i) for i in range(int(lst.count()))]


def run_graphs() -> list[tuple[int, Any]]:
    """(list index, graph) for every Graph in graphList[0..3]."""
    graph_list = h._lookup("graphList")
    if graph_list is None:
        return []
    graph_list = getattr(graph_list, "__hoc_get__", lambda: graph_list)()
    out = []
    for i in range(4):
        try:
            lst = graph_list[i]
        except (IndexError, TypeError, KeyError):
            continue
        out.extend((i, g) for g in _list_items(lst) if hasattr(g, "live_lines"))
    return out


def _flush_list_graphs() -> list[Any]:
    lst = h._lookup("flush_list")
    lst = getattr(lst, "__hoc_get__", lambda: lst)()
    return [g for g in _list_items(lst) if hasattr(g, "flush")]


# -- recording ---------------------------------------------------------------------
def _new_recording(ptr: Any) -> Any:
    vec = h.Vector()
    vec.record(ptr)
    return vec


def _try_recording(ptr: Any) -> Any:
    """A recording of ``ptr`` by the engine's fast path, or None if it cannot record it."""
    if ptr is None:
        return None
    try:
        return _new_recording(ptr)
    except Exception:
        return None


class _StepSampler:
    """Per-step sampling of an expression (NEURON's addexpr at every step); the x is
    t (shifted by the list's offset) or, for a phase plane, the graph's xexpr."""

    def __init__(self, graph: Any, line: Any, shift: float) -> None:
        self.graph = graph
        self.line = line
        self.shift = shift
        self.failed = False

    def __call__(self, *_: Any) -> None:
        if self.failed:
            return
        try:
            xexpr = self.graph._xexpr
            x = xexpr.value() if xexpr is not None else h.t + self.shift * h.dt
            y = self.line.source.value()
        except Exception:
            self.failed = True  # say it once, keep the run going
            _report()
            return
        self.line.x.append(x)
        self.line.y.append(y)


def _report() -> None:
    from widgets.binding import report_error

    report_error()


def _on_init(*_: Any) -> None:
    """After finitialize: every run graph begins new lines and starts recording.

    May run on the simulation thread: it touches data only, never a widget.  A graph
    whose set-up fails is reported and skipped; the initialization itself goes on.
    """
    from widgets.graph import all_graphs

    engine = _engine()
    for sampler in _state["step_sources"]:
        with contextlib.suppress(Exception):
            engine.remove_step_callback(sampler)
    _state["step_sources"] = []
    graphs = [(i, g) for i, g in run_graphs() if g.view_count()]
    taking_part = {id(g) for _, g in graphs}
    for g in all_graphs():  # graphs no longer in a run list keep their data, not recordings
        if id(g) not in taking_part:
            for line in g.live_lines():
                line.detach_recording()
    if not graphs:
        return
    tvec = _new_recording(h._ref_t)
    for i, g in graphs:
        try:
            _start_graph(engine, i, g, tvec)
        except Exception:
            _report()


def _start_graph(engine: Any, i: int, g: Any, tvec: Any) -> None:
    t0 = float(h.t)
    g.begin()
    shift = _SHIFT[i] * h.dt
    for line in g.live_lines():
        ptr = line.source.pointer
        if ptr is not None and hasattr(ptr, "valid") and not ptr.valid():
            line.begin()  # what it plotted is gone (a deleted section): plot nothing
            continue
        yvec = _try_recording(line.source.pointer) if i != 3 and g._xexpr is None else None
        if yvec is not None:
            line.attach_recording(tvec, yvec, shift, (t0, line.source.value()))
            continue
        sampler = _StepSampler(g, line, _SHIFT[i])
        sampler()  # the initial point
        engine.add_step_callback(sampler)
        _state["step_sources"].append(sampler)


def _engine() -> Any:
    from sim import engine

    return engine


def install_run_hooks() -> bool:
    """Register the init hook with the engine unless it has it (again after an engine
    reset or a ``sim.snapshot()`` restore dropped it); False if the engine has none yet."""
    try:
        engine = _engine()
        if _on_init not in engine.state.init_hooks:
            engine.add_init_hook(_on_init)
    except (ImportError, AttributeError):
        return False
    return True


def screen_update() -> None:
    """Redraw run graphs and flush_list graphs from what has been recorded so far."""
    seen: set[int] = set()
    for g in [g for _, g in run_graphs()] + _flush_list_graphs():
        if id(g) in seen:
            continue
        seen.add(id(g))
        try:
            g.flush()
        except RuntimeError:  # its window was deleted under it: nothing to draw
            continue


def flush_all() -> None:
    screen_update()


def _on_gui_thread() -> bool:
    from PySide6.QtCore import QCoreApplication, QThread

    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def initPlot() -> float:
    """stdrun's initPlot: drop unmapped graphs from graphList, draw the initial points."""
    graph_list = h._lookup("graphList")
    graph_list = getattr(graph_list, "__hoc_get__", lambda: graph_list)()
    for _, g in run_graphs():
        if not g.view_count():
            for lst in graph_list or []:
                i = int(lst.index(g))
                if i >= 0:
                    lst.remove(i)
    if _on_gui_thread():
        screen_update()
    return 0.0


def flushPlot() -> float:
    """stdrun's flushPlot: redraw every run graph and flush_list graph."""
    if _on_gui_thread():
        screen_update()
    return 0.0


# -- newPlot* ------------------------------------------------------------------------
def _new_plot(index: int, y0: float, y1: float, expr: str | None) -> Any:
    from widgets.graph import Graph

    _ensure_stdrun()
    g = Graph(0)
    tstop = float(h.tstop) if h._lookup("tstop") is not None else 5.0
    g.size(0, tstop, y0, y1)
    g.save_name(f"graphList[{index}].")
    graph_list = h._lookup("graphList")
    if graph_list is not None:
        getattr(graph_list, "__hoc_get__", lambda: graph_list)()[index].append(g)
    if expr is not None:
        g.addexpr(expr)
    g._set_range(0, tstop, y0, y1)
    g._map((300, 200, 300, 200), prefix="Graph")  # NEURON titles it "Graph  x ...", no [i]
    install_run_hooks()
    return g


def addplot(g: Any, i: float) -> float:
    """stdrun's addplot: size the graph 0..tstop by -1..1 and append it to graphList[i]."""
    _ensure_stdrun()
    index = int(i)
    if not 0 <= index <= 3:
        raise ValueError(f"addplot(g, {i}): the graph list index must be 0 to 3")
    g.size(0, float(h.tstop), -1, 1)
    graph_list = h._lookup("graphList")
    getattr(graph_list, "__hoc_get__", lambda: graph_list)()[index].append(g)
    return 0.0


def newPlotV() -> Any:
    """A graph of v(.5) of the accessed section on graphList[0]."""
    return _new_plot(0, -80, 40, "v(.5)")


def newPlotI() -> Any:
    return _new_plot(1, -1, 1, None)


def newPlotS() -> Any:
    return _new_plot(2, 0, 1, None)


def tstop_changed_axes() -> None:
    """Set the x axis of every graph in graphList[0..2] to 0..tstop (y kept)."""
    tstop = float(h.tstop)
    for i, g in run_graphs():
        if i <= 2:
            g.size(0, tstop, g.size(3), g.size(4))


def _wrap_tstop_changed() -> Callable[..., Any]:
    original = h._lookup("tstop_changed")
    if getattr(original, "_neuroqt_axes", False):
        return original

    def tstop_changed(*args: Any) -> float:
        if callable(original):
            original(*args)
        tstop_changed_axes()
        return 0.0

    tstop_changed._neuroqt_axes = True  # type: ignore[attr-defined]
    return tstop_changed


def implementations() -> dict[str, Callable[..., Any]]:
    install_run_hooks()
    return {
        "addplot": addplot,
        "newPlotV": newPlotV,
        "newPlotI": newPlotI,
        "newPlotS": newPlotS,
        "tstop_changed": _wrap_tstop_changed(),
        "initPlot": initPlot,
        "flushPlot": flushPlot,
        "fastflushPlot": flushPlot,
    }
