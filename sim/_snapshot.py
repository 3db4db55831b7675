"""Take the state of the one ``h`` and put it back: ``sim.snapshot()``.

There is one ``h`` per process, so whatever a piece of code leaves in it (a section,
a HOC proc, ``dt = 0.1``, the Qt GUI installed, variable step switched on, a
recording, an FInitializeHandler) is seen by the next.  A snapshot records what
matters and :meth:`Snapshot.restore` puts it back; as a context manager it
restores on leaving the block::

    with sim.snapshot():
        h("create soma")
        h.dt = 0.1
    # soma is gone, dt is what it was

What is recorded and put back:

- the symbol table (names defined since are dropped, names removed come back)
  and the value of every scalar cell in it (``dt``, ``celsius``, ``tstop``,
  ``v_init``, ``secondorder``, ``usetable_hh``, a HOC ``x``, ``strdef``, ``objref``);
- ``t``; the HOC interpreter (the same object, with the files it had loaded and
  the names it knew); whether the Qt GUI was installed; the run driver;
- the sections: those made since are deleted (a section deleted meanwhile
  cannot come back), the section stack and default section as they were;
- the engine's recordings, finitialize hooks, step callbacks, FInitializeHandlers,
  NetCons, event sources and plays; pending events are dropped; variable step on
  or off with its tolerances;
- object numbering (``Vector[3]``, ``IClamp[0]``, ``Graph[1]``...) continues from
  where it was;
- whether the ``neuron`` compatibility module was installed.

Point processes and NetCons made since die with their last reference (the
sections they sat on are deleted, their names dropped; :meth:`restore` collects
garbage).  Nothing here imports Qt.
"""

from __future__ import annotations

import gc
import itertools
import sys
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Snapshot", "snapshot"]


def _h() -> Any:
    from sim import h

    return h


def _peek(counter: itertools.count) -> int:
    """The next number an ``itertools.count`` gives (the counter is consumed: replace it)."""
    return next(counter)


@dataclass
class _Numbering:
    """Every per-class object counter."""

    names: dict[str, int]
    vector: int
    handlers: int
    netcon: int
    points: dict[type, int]

    @classmethod
    def take(cls) -> _Numbering:
        from sim import _hocname, netcon, vector
        from sim.engine import _handlers
        from sim.mechanisms import _point

        vector_next = _peek(vector._count)
        vector._count = itertools.count(vector_next)
        handlers_next = _peek(_handlers._count)
        _handlers._count = itertools.count(handlers_next)
        return cls(
            names=dict(_hocname._counts),
            vector=vector_next,
            handlers=handlers_next,
            netcon=netcon.NetCon._count,
            points={c: c._count for c in _point._classes.values()},
        )

    def put_back(self) -> None:
        from sim import _hocname, netcon, vector
        from sim.engine import _handlers

        _hocname._counts.clear()
        _hocname._counts.update(self.names)
        vector._count = itertools.count(self.vector)
        _handlers._count = itertools.count(self.handlers)
        netcon.NetCon._count = self.netcon
        for c, n in self.points.items():
            c._count = n


@dataclass
class _Engine:
    """The engine's lists and switches (not the compiled arrays: they are rebuilt)."""

    t: float
    initialized: bool
    recorders: list
    init_hooks: list
    step_callbacks: list
    recording: Any
    handlers: list
    sources: dict
    netcons: dict
    netstims: dict
    plays: list
    cvode_active: bool
    cvode_settings: dict

    @classmethod
    def take(cls) -> _Engine:
        from sim.engine import _cvode, _events, _handlers, _run
        from sim.engine._state import state

        net = _events.net
        return cls(
            t=state.t,
            initialized=state.initialized,
            recorders=list(state.recorders),
            init_hooks=list(state.init_hooks),
            step_callbacks=list(state.step_callbacks),
            recording=_run._Recording.current,
            handlers=list(_handlers._handlers),
            sources=dict(net.sources),
            netcons=dict(net.netcons),
            netstims=dict(net.netstims),
            plays=list(net.plays),
            cvode_active=_cvode._active[0],
            cvode_settings=dict(_cvode._settings),
        )

    def put_back(self) -> None:
        from sim.engine import _cvode, _events, _handlers, _run
        from sim.engine._state import state

        state.recorders[:] = self.recorders
        state.init_hooks[:] = self.init_hooks
        state.step_callbacks[:] = self.step_callbacks
        _run._Recording.current = self.recording
        state.initialized = self.initialized
        state.cj = None  # recomputed from dt and secondorder before the next step
        state.t = self.t
        _handlers._handlers[:] = self.handlers
        net = _events.net
        _replace(net.sources, self.sources)
        _replace(net.netcons, self.netcons)
        _replace(net.netstims, self.netstims)
        net.plays[:] = self.plays
        net.clear()  # pending events belonged to the run that is being forgotten
        net.changed()
        net._cache = None
        _cvode._active[0] = self.cvode_active
        _replace(_cvode._settings, self.cvode_settings)
        cvrun = sys.modules.get("sim.engine._cvrun")  # not imported: no variable-step run yet
        if cvrun is not None:
            cvrun.reset()


def _replace(target: dict, saved: dict) -> None:
    target.clear()
    target.update(saved)


@dataclass
class _Sections:
    """Which sections live, and the section stack."""

    alive: set[int]
    stack: list
    default: Any

    @classmethod
    def take(cls) -> _Sections:
        from sim.section import _registry

        return cls(
            alive={s._order for s in _registry.all_sections()},
            stack=list(_registry._stack),
            default=_registry._default[0],
        )

    def put_back(self) -> bool:
        """Delete the sections made since; True if any was."""
        from sim.section import _registry, delete_section

        made = [s for s in _registry.all_sections() if s._order not in self.alive]
        for sec in reversed(made):
            delete_section(sec)
        _registry._stack[:] = self.stack
        _registry._default[0] = self.default
        return bool(made)


@dataclass
class _Hoc:
    """The HOC interpreter object and what it remembers."""

    interpreter: Any
    loaded: set[str] = field(default_factory=set)
    user_names: set[str] = field(default_factory=set)

    @classmethod
    def take(cls, h: Any) -> _Hoc:
        interp = h._interpreter
        if interp is None:
            return cls(None)
        return cls(interp, set(interp.loaded), set(interp.user_names))

    def put_back(self, h: Any) -> None:
        interp = self.interpreter
        object.__setattr__(h, "_interpreter", interp)
        if interp is None:
            return
        _replace_set(interp.loaded, self.loaded)
        _replace_set(interp.user_names, self.user_names)
        interp.object_stack.clear()
        interp.top.obj = None


def _replace_set(target: set, saved: set) -> None:
    target.clear()
    target.update(saved)


def _cells(symbols: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """name -> (cell, value) for every scalar cell (Var, strdef, objref) in ``symbols``."""
    out = {}
    for name, sym in symbols.items():
        if hasattr(sym, "__hoc_set__") and hasattr(sym, "value"):
            try:
                out[name] = (sym, sym.value)
            except AttributeError:  # a slot never set
                continue
    return out


@dataclass
class Snapshot:
    """The state of ``h`` at one moment; :meth:`restore` puts it back (any number of times)."""

    symbols: dict[str, Any]
    cells: dict[str, tuple[Any, Any]]
    gui_loaded: bool
    ref_factory: Any
    run_driver: Any
    compat_installed: bool
    hoc: _Hoc
    sections: _Sections
    engine: _Engine
    numbering: _Numbering

    def restore(self) -> None:
        """Put ``h`` back as it was when the snapshot was taken."""
        from sim import compat, stdrun

        h = _h()
        stdrun._running.clear()
        deleted = self.sections.put_back()
        h._symbols.clear()
        h._symbols.update(self.symbols)
        for cell, value in self.cells.values():
            cell.value = value  # as stored: no validation, no side effects
        object.__setattr__(h, "_gui_loaded", self.gui_loaded)
        object.__setattr__(h, "_ref_factory", self.ref_factory)
        self.hoc.put_back(h)
        stdrun._driver[0] = self.run_driver
        if compat.installed() and not self.compat_installed:
            compat.uninstall()
        elif self.compat_installed and not compat.installed():
            compat.install()
        self.engine.put_back()
        if deleted:
            gc.collect()  # point processes and NetCons on them go with their last reference
        self.numbering.put_back()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.restore()


def snapshot() -> Snapshot:
    """The state of ``h`` now (see the module docstring for what that covers)."""
    from sim import compat, stdrun

    h = _h()
    return Snapshot(
        symbols=dict(h._symbols),
        cells=_cells(h._symbols),
        gui_loaded=h._gui_loaded,
        ref_factory=h._ref_factory,
        run_driver=stdrun._driver[0],
        compat_installed=compat.installed(),
        hoc=_Hoc.take(h),
        sections=_Sections.take(),
        engine=_Engine.take(),
        numbering=_Numbering.take(),
    )
