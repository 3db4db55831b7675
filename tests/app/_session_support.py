"""Shared by the session tests: the Qt GUI installed in h for one test, and paths."""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from layouts.registry import registry
from sim import h

SESSIONS = Path(__file__).resolve().parents[2] / "resources" / "sessions"
NRN_PYTHON = Path("/work/refenv/bin/python")  # real NEURON 9.0.2, where installed
# Render checks always grab; the committed PNGs are rewritten only on request.
SHOTS = (
    Path(__file__).resolve().parent / "screenshots"
    if os.environ.get("NEUROQT_WRITE_SCREENSHOTS")
    else Path(tempfile.gettempdir()) / "neuroqt-screenshots"
)
_IMPL_MODULES = (
    "widgets.panel",
    "layouts.boxes",
    "widgets.graph",
    "widgets.shape",
    "widgets.runcontrol",
    "app.session",
    "app.builders",
)
_RUN_GLOBALS = ("tstop", "dt", "v_init", "steps_per_ms", "runStopAt", "runStopIn", "celsius")


def numbered(title: str) -> str:
    """``Graph[3]`` -> ``Graph[N]``: object numbers differ between runs and programs."""
    return re.sub(r"\[\d+\]", "[N]", title)


def fields(panel: Any) -> dict[str, str]:
    """A panel's value fields as the user reads them: prompt (without units) -> text."""
    return {f.prompt.text().split(" (")[0]: f.field.text() for f in panel.value_fields()}


@contextlib.contextmanager
def gui_installed(make_soma: bool) -> Iterator[Any]:
    """Qt implementations in h, the standard run system, and (if asked) a soma with hh."""
    from sim import section

    host = registry().host()
    registry().set_host(None)  # top-level windows: their places are the screen's
    saved = dict(h._symbols)
    gui_loaded = h._gui_loaded
    impls = {}
    for name in _IMPL_MODULES:
        impls.update(importlib.import_module(name).implementations())
    h._install_gui(impls)
    h.load_file(1, "stdrun.hoc")  # graphList, flush_list... (a symbol table restored them away)
    before = {n: getattr(h, n) for n in _RUN_GLOBALS if h._lookup(n) is not None}
    soma = None
    if make_soma:
        h("create soma")  # a HOC section: session files name it in HOC expressions
        soma = h.soma
        soma.L = soma.diam = 20
        soma.insert("hh")
    try:
        yield soma
    finally:
        registry().close_all()
        from widgets.graph import all_graphs

        for g in all_graphs():
            for line in g.live_lines():
                line.detach_recording()
        for lst in h.graphList:
            lst.remove_all()
        for name, value in before.items():
            setattr(h, name, value)
        h._symbols.clear()
        h._symbols.update(saved)
        object.__setattr__(h, "_gui_loaded", gui_loaded)
        del soma
        section.delete_all_sections()
        gc.collect()
        registry().set_host(host)


@contextlib.contextmanager
def fresh_hoc() -> Iterator[None]:
    """A fresh HOC interpreter for the block (see tests/app/test_builders.py's fixture)."""
    saved_interpreter = h._interpreter
    object.__setattr__(h, "_interpreter", None)
    try:
        yield
    finally:
        object.__setattr__(h, "_interpreter", saved_interpreter)
