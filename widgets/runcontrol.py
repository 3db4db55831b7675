"""RunControl (``h.nrncontrolmenu()``): NEURON's run panel, built from the panel controls.

Rows, in NEURON's order: Init (mV), Init & Run, Stop, Continue til (ms), Continue for
(ms), Single Step, t (ms), Tstop (ms), dt (ms), Points plotted/ms, Scrn update invl (s),
Real Time (s) -- each with NEURON's action -- and then a progress bar with an estimate of
the time left on long runs (updated by the simulation thread at each screen update).
The panel is an ordinary ``xpanel`` (so it docks, boxes adopt it and sessions see it).

A session file writes RunControl as NEURON does, as a plain ``xpanel("RunControl", 0)``
with its rows; :func:`xpanel` (h's ``xpanel`` once this module is installed) recognises
that panel and makes it the real one again: the run globals get their units before the
rows are made, and the progress row is added before the panel closes.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from sim import h
from widgets import panel

__all__ = [
    "RunProgress",
    "implementations",
    "is_runcontrol",
    "nrncontrolmenu",
    "update_progress",
    "xpanel",
]

_progress_rows: weakref.WeakSet[RunProgress] = weakref.WeakSet()


class RunProgress(QWidget):
    """A progress bar and the estimated time left, shown while a run is going."""

    def __init__(self) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.left = QLabel("")
        self.left.setMinimumWidth(70)
        lay.addWidget(self.bar, 1)
        lay.addWidget(self.left)
        self.bar.setValue(0)
        _progress_rows.add(self)

    def show_progress(self, fraction: float, elapsed: float, running: bool) -> None:
        fraction = min(1.0, max(0.0, fraction))
        self.bar.setValue(int(1000 * fraction))
        if running and elapsed > 1.0 and fraction > 0.01:
            remaining = elapsed * (1 - fraction) / fraction
            self.left.setText(f"{_format_seconds(remaining)} left")
        elif running:
            self.left.setText("running")
        else:
            self.left.setText("")


def _format_seconds(s: float) -> str:
    if s < 60:
        return f"{s:.0f} s"
    if s < 3600:
        return f"{int(s // 60)} min {int(s % 60):02d} s"
    return f"{int(s // 3600)} h {int(s % 3600 // 60):02d} min"


def update_progress(fraction: float, elapsed: float, running: bool) -> None:
    """Show run progress in every RunControl (called by the simulation thread)."""
    for row in list(_progress_rows):
        try:
            row.show_progress(fraction, elapsed, running)
        except RuntimeError:  # its C++ side is gone
            _progress_rows.discard(row)


def _call(name: str, *args: Any) -> Any:
    func = getattr(h, name, None)
    if func is None:
        raise NameError(f"RunControl: {name}() is not defined (load the standard run system)")
    return func(*args)


_UNITS = {
    "v_init": "mV",
    "runStopAt": "ms",
    "runStopIn": "ms",
    "t": "ms",
    "tstop": "ms",
    "dt": "ms",
    "screen_update_invl": "s",
    "realtime": "s",
}


def _define_run_vars() -> None:
    """runStopAt/runStopIn/realtime exist in NEURON's stdrun; make sure they do here,
    and that the run globals carry NEURON's units (the prompts show them)."""
    with_default = {"runStopAt": h.tstop, "runStopIn": 1.0, "realtime": 0.0}
    for name, value in with_default.items():
        if h._lookup(name) is None:
            h._define_var(name, value, units=_UNITS[name])
    for name, units in _UNITS.items():
        var = h._lookup(name)
        if var is not None and not getattr(var, "units", None):
            with contextlib.suppress(AttributeError):
                var.units = units


def _ensure_stdrun() -> None:
    if h._lookup("tstop") is None:
        from sim import stdrun

        stdrun.load_stdrun(h)


def _continue_til() -> None:
    _call("continuerun", h.runStopAt)
    h.stoprun = 1


def _continue_for() -> None:
    _call("continuerun", h.t + h.runStopIn)
    h.stoprun = 1


def _tstop_changed() -> None:
    from widgets import graph_stdrun

    func = h._lookup("tstop_changed")
    if func is not None:
        func()
    if not getattr(func, "_neuroqt_axes", False):
        graph_stdrun.tstop_changed_axes()


def _stop() -> None:
    h.stoprun = 1


def _rows() -> list[tuple[str, str, Any, Callable[[], Any] | None, int]]:
    """(prompt, variable, deflt, action, canrun) for each value row; buttons have no var."""
    return [
        ("Init", "v_init", 1, lambda: _call("stdinit"), 1),
        ("Init & Run", "", 0, lambda: _call("run"), 0),
        ("Stop", "", 0, _stop, 0),
        ("Continue til", "runStopAt", 1, _continue_til, 1),
        ("Continue for", "runStopIn", 1, _continue_for, 1),
        ("Single Step", "", 0, lambda: _call("steprun"), 0),
        ("t", "t", 2, None, 0),
        ("Tstop", "tstop", 1, _tstop_changed, 0),
        ("dt", "dt", 1, lambda: _call("setdt"), 0),
        ("Points plotted/ms", "steps_per_ms", 1, lambda: _call("setdt"), 0),
        ("Scrn update invl", "screen_update_invl", 1, None, 0),
        ("Real Time", "realtime", 0, None, 0),
    ]


def nrncontrolmenu() -> float:
    """Open NEURON's RunControl panel."""
    _ensure_stdrun()
    _define_run_vars()
    panel.xpanel("RunControl")
    for prompt, var, deflt, action, canrun in _rows():
        if not var:
            panel.xbutton(prompt, action)
        elif deflt == 2:
            panel.xvalue(prompt, var, 2)
        else:
            panel.xvalue(prompt, var, deflt, action, canrun)
    building = panel.current_panel()
    if building is not None:
        building.add_item(RunProgress())
    panel.xpanel(0)  # never a scroll box: NEURON's RunControl shows every row
    return 0.0


def _is_neurons_rows(p: Any) -> bool:
    """A panel built with RunControl's rows (NEURON's first row is Init / v_init)."""
    if p is None or getattr(p, "title", None) != "RunControl":
        return False
    calls = getattr(p, "calls", [])
    return bool(calls) and calls[0][0] == "xvalue" and tuple(calls[0][1][:2]) == ("Init", "v_init")


def is_runcontrol(p: Any) -> bool:
    """True for a RunControl panel (made here, or NEURON's rows from a session file)."""
    return _is_neurons_rows(p) and bool(p.findChildren(RunProgress))


def xpanel(*args: Any) -> Any:
    """h's ``xpanel``: :func:`widgets.panel.xpanel`, and NEURON's RunControl rows from a
    session file become the real RunControl (units in the prompts, a progress row)."""
    if args and args[0] == "RunControl":
        _ensure_stdrun()
        _define_run_vars()
    elif not args or not isinstance(args[0], str):  # closing the panel
        building = panel.current_panel()
        if _is_neurons_rows(building) and not building.findChildren(RunProgress):
            building.add_item(RunProgress())
            if len(args) in (0, 2):  # never a scroll box, as nrncontrolmenu makes it
                args = (*args, 0)
    return panel.xpanel(*args)


def implementations() -> dict[str, Any]:
    return {"nrncontrolmenu": nrncontrolmenu, "xpanel": xpanel}
