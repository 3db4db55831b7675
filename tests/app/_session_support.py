"""Shared by the session tests: the Qt GUI installed in h for one test, and paths."""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import _hocstate

import sim
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


def numbered(title: str) -> str:
    """``Graph[3]`` -> ``Graph[N]``: object numbers differ between runs and programs."""
    return re.sub(r"\[\d+\]", "[N]", title)


def fields(panel: Any) -> dict[str, str]:
    """A panel's value fields as the user reads them: prompt (without units) -> text."""
    return {f.prompt.text().split(" (")[0]: f.field.text() for f in panel.value_fields()}


@contextlib.contextmanager
def gui_installed(
    make_soma: bool, modules: tuple[str, ...] = _IMPL_MODULES, stdrun: bool = True
) -> Iterator[Any]:
    """Qt implementations of ``modules`` in h, a fresh HOC interpreter, the standard run
    system (unless ``stdrun`` is False) and, if asked, a soma with hh.  Afterwards the
    windows are closed and h is put back as it was (:func:`sim.snapshot`)."""
    host = registry().host()
    registry().set_host(None)  # top-level windows: their places are the screen's
    impls = {}
    for name in modules:
        impls.update(importlib.import_module(name).implementations())
    try:
        with sim.snapshot():
            object.__setattr__(h, "_interpreter", None)
            h._install_gui(impls)
            if stdrun:
                h.load_file(1, "stdrun.hoc")  # graphList, flush_list...
            soma = None
            if make_soma:
                h("create soma")  # a HOC section: session files name it in HOC expressions
                soma = h.soma
                soma.L = soma.diam = 20
                soma.insert("hh")
            try:
                yield soma
            finally:
                del soma
                _close_windows()
    finally:
        registry().set_host(host)


def _close_windows() -> None:
    """Close every window and drop the graphs' recordings (before h forgets the model)."""
    registry().close_all()
    from widgets.graph import all_graphs

    for g in all_graphs():
        for line in g.live_lines():
            line.detach_recording()
    graph_lists = h._lookup("graphList")
    for lst in graph_lists or ():
        lst.remove_all()


def fresh_hoc() -> contextlib.AbstractContextManager[Any]:
    """A fresh HOC interpreter for the block; h as it was afterwards."""
    return _hocstate.fresh_hoc(h)
