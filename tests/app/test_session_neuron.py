"""Session files written by real NEURON 9.0.2 (resources/sessions): NeuroQt loads them
and shows the windows NEURON showed; saved again by NeuroQt, NEURON shows them too."""

from __future__ import annotations

import re

import pytest
from _session_support import (
    NRN_PYTHON,
    SESSIONS,
    SHOTS,
    fields,
    fresh_hoc,
    gui_installed,
    numbered,
)
from PySide6.QtWidgets import QApplication

from app import session
from layouts.registry import registry
from sim import h
from widgets.runcontrol import RunProgress


@pytest.fixture
def gui(qt_windows):
    """Qt implementations in h, the standard run system, and a soma with hh."""
    with gui_installed(True) as soma:
        yield soma
    qt_windows.close_all()


@pytest.fixture
def bare_gui(qt_windows):
    """Qt implementations and the builders in h, the standard run system, no sections."""
    with fresh_hoc(), gui_installed(False):
        yield
    qt_windows.close_all()


# -- session files written by real NEURON 9.0.2 (resources/sessions/README.md) -----------
def _neuron_windows(name: str) -> list[tuple[str, str, int, int, int, int]]:
    """What NEURON showed on loading ``name``.ses: kind, title, left, top, width, height."""
    rows = (SESSIONS / f"{name}.windows").read_text().splitlines()
    out = []
    for row in rows:
        kind, title, *numbers = row.split("\t")
        out.append((kind, title, *map(int, numbers)))
    return out


def _same_title(kind: str, neuron_title: str, ours: str) -> bool:
    """NEURON titles a graph ``Graph[0]  x 0 : 5  y ...`` and a PlotShape's window
    ``Shape  x ...``: the name, then its view's extent, which NeuroQt gives as the region
    its window shows (NEURON's adds a margin), so the names are compared."""
    if kind in ("graph", "shape"):
        return numbered(neuron_title.split("  ")[0]) == numbered(ours.split("  ")[0])
    return neuron_title == ours


def _load_neuron_session(name: str) -> list:
    if (SESSIONS / "neuron_model.hoc").exists() and name != "neuron_tools":
        h.load_file(str(SESSIONS / "neuron_model.hoc"))
    opened = session.load_session(SESSIONS / f"{name}.ses")
    expected = _neuron_windows(name)
    assert len(opened) == len(expected)
    for rec, (kind, title, left, top, _w, _h) in zip(opened, expected, strict=True):
        assert rec.kind == kind, title
        assert _same_title(kind, title, rec.title), (title, rec.title)
        assert session.placement(rec)[:2] == (left, top), title
    return opened


def _view_sizes(name: str) -> list[tuple[float, float]]:
    """The (width, height) of each top-level view() line of the .ses file (points)."""
    text = (SESSIONS / f"{name}.ses").read_text()
    found = re.findall(r"save_window_\.view\([^)]*, ([\d.]+), ([\d.]+)\)\}", text)
    return [(float(w), float(hh)) for w, hh in found]


def test_neurons_runcontrol_graph_session_shows_neurons_windows(gui):
    opened = _load_neuron_session("neuron_runcontrol_graph")
    run_control, stimulus, voltage, phase, family = (r.owner for r in opened)
    assert run_control.findChildren(RunProgress)  # the real RunControl, with its progress row
    h.nrncontrolmenu()  # one made from the menu: the restored one looks just like it
    fresh = registry().records()[-1].owner
    assert [f.prompt.text() for f in run_control.value_fields()] == [
        f.prompt.text() for f in fresh.value_fields()
    ]
    assert run_control.sizeHint() == fresh.sizeHint()  # every row shown, no scroll box
    values = fields(run_control)
    assert (values["Init"], values["Tstop"], values["Continue til"]) == ("-70", "12", "8")
    assert (h.tstop, h.v_init, h.runStopAt) == (12, -70, 8)
    assert fields(stimulus) == {
        "delay": "1",
        "duration": "3",
        "amplitude": "0.8",
        "celsius": "16.3",
    }
    assert (h.stim.dur, h.stim.amp, h.celsius) == (3, 0.8, 16.3)
    assert [(ln.label, ln.color, ln.brush) for ln in voltage.live_lines()] == [
        ("soma.v(0.5)", 2, 1),
        ("dend.v(1)", 3, 2),
    ]
    view = [voltage.size(i) for i in (1, 2, 3, 4)]
    assert view == pytest.approx([0, 12, -90, 50], abs=1e-6)
    assert voltage in list(h.graphList[0]) and family in list(h.graphList[0])
    assert phase in list(h.graphList[3])
    assert phase._xexpr.expression == "soma.v(0.5)"  # the phase plane's x
    assert [ln.label for ln in phase.live_lines()] == ["soma.m_hh(0.5)"]
    assert family._family_label == "celsius" and "celsius" in family.labels()
    assert not family.keep_lines()  # as in NEURON: family("var") turns nothing on
    sizes = [session.placement(r)[2:] for r in opened[2:]]
    for (w, hh), (w_ses, h_ses) in zip(sizes, _view_sizes("neuron_runcontrol_graph"), strict=True):
        assert abs(w - w_ses) < 1 and abs(hh - h_ses) < 1


def test_neurons_box_and_shape_session_shows_neurons_windows(gui):
    opened = _load_neuron_session("neuron_vbox_shape")
    controls, voltage_box, shape = (r.owner for r in opened)
    assert [(c[1], c[2]) for c in controls.children] == [
        ("Temperature", "panel"),
        ("Actions", "panel"),
    ]
    assert [c[2] for c in voltage_box.children] == ["graph", "panel"]
    graph, stop_time = (c[3] for c in voltage_box.children)
    assert [ln.label for ln in graph.live_lines()] == ["soma.v(0.5)"]
    assert fields(controls.children[0][3]) == {"celsius": "22"}
    assert fields(stop_time) == {"Tstop": "7"}
    assert shape._var == "v"
    view = [shape.size(i) for i in (1, 2, 3, 4)]
    # aspect ratio 1 on a 360x200 pixel view (NEURON's is 200.32 high): within a pixel
    assert view == pytest.approx([-60, 260, -89.0311, 89.0311], abs=0.3)
    w, hh = session.placement(opened[2])[2:]
    assert (w, hh) == (360, 200)  # view(..., 360, 200.32): NEURON's size in points
    w, hh = session.placement(opened[1])[2:]
    assert abs(w - 319.68) < 1 and abs(hh - 300.48) < 1  # map("Voltage box", ..., w, h)


def test_neurons_tools_session_rebuilds_the_hh_soma(bare_gui):
    opened = _load_neuron_session("neuron_tools")
    single, manager, inserter, run_control, graph = (r.owner for r in opened)
    assert h.soma(0.5).area() == pytest.approx(100.0)
    assert h.soma.has_membrane("hh") and h.soma.has_membrane("pas")
    assert h.soma(0.5).g_pas == 0.0002
    assert single._ref.inserter.checkbox_states()["hh"]
    pp = manager._ref.pp
    assert pp.hname().startswith("IClamp") and (pp.delay, pp.dur, pp.amp) == (2, 0.5, 50)
    states = inserter._ref.checkbox_states()
    assert states["pas"] and states["hh"]
    assert run_control.findChildren(RunProgress) and fields(run_control)["Tstop"] == "20"
    assert [ln.label for ln in graph.live_lines()] == ["v(.5)"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, window in (
        ("session_runcontrol.png", run_control),
        ("session_inserter.png", inserter.widget),
        ("session_single_compartment.png", single.widget),
    ):
        QApplication.processEvents()
        window.grab().save(str(SHOTS / name))


def _x_tools() -> bool:
    import shutil

    return NRN_PYTHON.exists() and all(shutil.which(t) for t in ("xvfb-run", "twm", "xwininfo"))


@pytest.mark.skipif(not _x_tools(), reason="needs real NEURON, xvfb-run, twm and xwininfo")
@pytest.mark.parametrize("name", ["neuron_runcontrol_graph", "neuron_vbox_shape", "neuron_tools"])
def test_neurons_session_saved_again_by_neuroqt_shows_the_same_windows_in_neuron(
    qt_windows, tmp_path, name
):
    """NEURON's file, loaded and saved again by NeuroQt, then loaded by real NEURON (on a
    virtual X server): NEURON shows the same windows, titled and placed the same."""
    import importlib.util

    with fresh_hoc(), gui_installed(False):
        _load_neuron_session(name)
        session.save_session(tmp_path / "again.ses")
    spec = importlib.util.spec_from_file_location(
        "make_sessions", SESSIONS / "make_neuron_sessions.py"
    )
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    out = tmp_path / "again.windows"
    args = ["--show", name, "--ses", str(tmp_path / "again.ses"), "--out", str(out)]
    maker.in_x(str(NRN_PYTHON), args)

    def shown(rows: list[str]) -> list[tuple[str, ...]]:
        cells = [row.split("\t") for row in rows if row]
        return [(k, t.split("  ")[0], left, top) for k, t, left, top, *_ in cells]

    expected = (SESSIONS / f"{name}.windows").read_text().splitlines()
    assert shown(out.read_text().splitlines()) == shown(expected)
