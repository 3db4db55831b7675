"""Build ▸ single compartment, the Inserter and the PointProcessManager, driven by clicks."""

from __future__ import annotations

import gc
import os
import re
import tempfile
from pathlib import Path

import pytest
from _session_support import gui_installed
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton

from app import builders, session
from layouts.registry import registry
from sim import h

# Render checks always grab; the committed PNGs are rewritten only on request.
SHOTS = (
    Path(__file__).resolve().parent / "screenshots"
    if os.environ.get("NEUROQT_WRITE_SCREENSHOTS")
    else Path(tempfile.gettempdir()) / "neuroqt-screenshots"
)
_MODULES = (
    "widgets.panel",
    "layouts.boxes",
    "widgets.graph",
    "widgets.shape",
    "widgets.runcontrol",
    "app.session",
    "app.builders",
)


@pytest.fixture
def gui(qt_windows):
    """Qt implementations and the builders in h, the standard run system, no sections."""
    with gui_installed(False, _MODULES):
        h.celsius = 6.3  # NEURON's default (the reference numbers assume it)
        yield qt_windows


def _checkbox(widget, text: str) -> QCheckBox:
    return next(b for b in widget.findChildren(QCheckBox) if b.text() == text)


def _menu_item(widget, text: str) -> QAction:
    return next(a for a in widget.findChildren(QAction) if a.text() == text)


def _set_field(qtbot, panel, prompt: str, value: str) -> None:
    field = next(f for f in panel.value_fields() if f.prompt.text().startswith(prompt))
    field.field.selectAll()
    qtbot.keyClicks(field.field, value)
    qtbot.keyClick(field.field, Qt.Key.Key_Return)


def _shot(widget, name: str, size=(300, 420)) -> None:
    widget.resize(*size)
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_single_compartment_is_a_100_um2_soma_with_an_inserter(gui, qtbot):
    sc = builders.open_single_compartment()
    assert [r.title for r in registry().records()] == ["SingleCompartment"]
    assert h.soma(0.5).area() == pytest.approx(100.0, rel=1e-12)  # pi * 10 * 10/pi
    box = sc.vbox.widget
    assert [b.text() for b in box.findChildren(QCheckBox)] == ["pas", "hh"]

    qtbot.mouseClick(_checkbox(box, "hh"), Qt.MouseButton.LeftButton)
    assert h.soma.has_membrane("hh")
    h.soma(0.5).gnabar_hh = 0.2
    qtbot.mouseClick(_checkbox(box, "hh"), Qt.MouseButton.LeftButton)
    assert not h.soma.has_membrane("hh")
    assert not _checkbox(box, "hh").isChecked()
    qtbot.mouseClick(_checkbox(box, "hh"), Qt.MouseButton.LeftButton)
    assert h.soma.has_membrane("hh")
    assert h.soma(0.5).gnabar_hh == 0.2  # kept while it was off
    _shot(box, "single_compartment.png", (260, 150))


def test_inserter_picks_a_section_from_its_menu(gui, qtbot):
    h("create soma, dend")
    h("access soma")
    h.dend.insert("pas")
    ins = builders.open_inserter()
    box = ins.v1.widget
    assert not _checkbox(box, "pas").isChecked()
    _menu_item(box, "dend").trigger()
    assert _checkbox(box, "pas").isChecked()
    qtbot.mouseClick(_checkbox(box, "hh"), Qt.MouseButton.LeftButton)
    assert h.dend.has_membrane("hh") and not h.soma.has_membrane("hh")


def _cell_with_dendrite() -> None:
    h("create soma, dend")
    h("connect dend(0), soma(1)")
    h.soma.L = h.soma.diam = 20
    h.dend.L, h.dend.diam, h.dend.nseg = 100, 2, 5
    h("access soma")


def test_point_manager_places_edits_moves_and_keeps_parameters(gui, qtbot):
    _cell_with_dendrite()
    ppm = builders.open_point_manager()
    box = ppm.v1.widget
    box.resize(320, 420)
    qtbot.waitExposed(box)
    _menu_item(box, "IClamp").trigger()
    assert ppm.pp.hname().startswith("IClamp") and ppm._where[0] == "at: soma(0.5)"
    _menu_item(box, "Parameters").trigger()
    params = ppm.d1.children[1][3]
    _set_field(qtbot, params, "amp", "0.3")
    _set_field(qtbot, params, "dur", "2")
    assert (ppm.pp.amp, ppm.pp.dur) == (0.3, 2.0)
    _shot(box, "point_manager_parameters.png")

    _menu_item(box, "Shape").trigger()
    view = ppm.shape._view
    ppm.shape._redraw_whole()
    QApplication.processEvents()
    x, y = ppm.shape.position_of(h.dend, 0.7)
    scene = view.viewbox.mapViewToScene(QPointF(x, y))
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=view.graphics.mapFromScene(scene)
    )
    assert ppm.pp.get_segment().sec.name() == "dend"
    assert ppm.pp.get_loc() == pytest.approx(0.7)
    assert ppm._where[0] == "at: dend(0.7)"
    _shot(box, "point_manager_shape.png")

    _menu_item(box, "ExpSyn").trigger()
    assert ppm.pp.hname().startswith("ExpSyn")
    _menu_item(box, "IClamp").trigger()
    assert (ppm.pp.amp, ppm.pp.dur) == (0.3, 2.0)  # kept across the switch
    _menu_item(box, "none").trigger()
    assert ppm.pp is None and ppm._name[0] == "None"


def test_point_manager_comes_back_from_a_session(gui, qtbot, tmp_path):
    _cell_with_dendrite()
    ppm = builders.open_point_manager()
    ppm.choose("IClamp")
    ppm.pp.amp = 0.25
    ppm.move_to(h.dend, 0.9)
    path = tmp_path / "ppm.ses"
    h.save_session(str(path))
    text = path.read_text()
    assert "dend ocbox_ = new PointProcessManager(0)" in text
    assert 'ms[i].set("amp", 0.25, 0)' in text
    registry().close_all()
    ppm.pp = None
    gc.collect()
    (rec,) = session.load_session(path)
    tool = rec.owner._ref
    assert tool.pp.amp == 0.25 and tool._where[0] == "at: dend(0.9)"


REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "data" / "010_hh_tutorial.txt"


def _neuron_tutorial_trace() -> tuple[list[float], list[tuple[float, float]]]:
    """NEURON 9.0.2's run of the tutorial's HH script (tests/reference): spike times and
    (t, v) at every 10th sample."""
    lines = REFERENCE.read_text().splitlines()
    spikes = [float(x) for x in lines[lines.index("spike times:") + 1].strip("[]").split(",")]
    start = lines.index("trace t v (every 10th sample)") + 1
    trace = [tuple(map(float, ln.split())) for ln in lines[start:] if ln.strip()]
    return spikes, trace


def _new_window(before: set[int]):
    (new,) = [r for r in registry().records() if id(r) not in before]
    return new


def _menu(main_window, text: str) -> QAction:
    main_window.menus.refresh()
    return next(a for a in main_window.menus.visible_actions() if a.text() == text)


def _opened_by(action: QAction):
    """Trigger a menu item; returns the window it opened."""
    before = {id(r) for r in registry().records()}
    action.trigger()
    return _new_window(before)


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_hh_soma_built_by_clicking_runs_like_neuron(main_window, gui, qtbot):
    """The tutorial's HH example (tests/reference/scripts/010_hh_tutorial.py: a default
    soma, L 100 um, diam 500 um, hh, 50 nA 0.5 ms IClamps at 2, 13, 27 and 40 ms, run to
    49.5 ms), made only with the Main Menu and the windows it opens (as top-level
    windows here), and the trace is NEURON's."""
    single = _opened_by(_menu(main_window, "single compartment")).owner._ref
    qtbot.mouseClick(_checkbox(single.vbox.widget, "hh"), Qt.MouseButton.LeftButton)
    # Geometry: Tools > Distributed Mechanisms > Viewers > Name Values, soma, L and diam
    sections = _opened_by(_menu(main_window, "Name Values")).owner
    soma_button = next(b for b in sections.findChildren(QPushButton) if b.text() == "soma")
    before = {id(r) for r in registry().records()}
    qtbot.mouseClick(soma_button, Qt.MouseButton.LeftButton)
    params = _new_window(before).owner
    _set_field(qtbot, params, "L", "100")
    _set_field(qtbot, params, "diam", "500")
    assert (h.soma.L, h.soma.diam, h.soma.nseg) == (100, 500, 1)
    # Four Point Managers, each an IClamp with the tutorial's values
    for delay in ("2", "13", "27", "40"):
        ppm = _opened_by(_menu(main_window, "Point Manager")).owner._ref
        _menu_item(ppm.v1.widget, "IClamp").trigger()
        clamp_params = ppm.d1.children[1][3]
        for prompt, value in (("del", delay), ("dur", "0.5"), ("amp", "50")):
            _set_field(qtbot, clamp_params, prompt, value)
        assert (ppm.pp.delay, ppm.pp.dur, ppm.pp.amp) == (float(delay), 0.5, 50)
    run_control = _opened_by(_menu(main_window, "&RunControl")).owner
    _set_field(qtbot, run_control, "Tstop", "49.5")
    g = _opened_by(_menu(main_window, "&Voltage axis")).owner  # v(.5) of the soma
    init_run = next(b for b in run_control.findChildren(QPushButton) if b.text() == "Init && Run")
    qtbot.mouseClick(init_run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: h.t >= 49.5 - 1e-9, timeout=30000)
    (line,) = g.live_lines()
    t, v = line.arrays()
    assert len(v) == 1981  # NEURON: 1981 samples
    spikes, trace = _neuron_tutorial_trace()
    for k, (t_ref, v_ref) in enumerate(trace):
        assert t[10 * k] == pytest.approx(t_ref, abs=1e-9)
        assert v[10 * k] == pytest.approx(v_ref, abs=1e-6), t_ref
    crossings = [t[j] for j in range(len(v) - 1) if v[j] <= 0 < v[j + 1]]
    assert crossings == pytest.approx(spikes, abs=1e-9)


def test_neurons_own_point_manager_block_loads(gui):
    """The PointProcessManager block of NEURON's demo singhh.ses, verbatim."""
    h("create soma")
    h("access soma")
    h.soma.insert("hh")
    sessions = Path(__file__).resolve().parents[2] / "resources" / "sessions"
    opened = session.load_session(sessions / "neuron_pointman.ses")
    assert [(r.kind, session.placement(r)[:2]) for r in opened] == [
        ("box", (126, 268)),
        ("graph", (617, 3)),
    ]
    tool = opened[0].owner._ref
    assert tool.pp.hname().startswith("IClamp")
    assert (tool.pp.delay, tool.pp.dur, tool.pp.amp) == (0.5, 0.1, 0.3)
    assert tool._where[0] == "at: soma(0.5)" and tool.d1.current() == 0


def test_single_compartment_comes_back_from_a_session(gui, qtbot, tmp_path):
    sc = builders.open_single_compartment()
    qtbot.mouseClick(_checkbox(sc.vbox.widget, "hh"), Qt.MouseButton.LeftButton)
    path = tmp_path / "single.ses"
    h.save_session(str(path))
    assert "ocbox_ = new SingleCompartment(0)" in path.read_text()
    registry().close_all()
    h.soma.uninsert("hh")
    (rec,) = session.load_session(path)
    assert rec.title == "SingleCompartment"
    tool = rec.owner._ref
    assert h.soma.has_membrane("hh") and h.soma(0.5).area() == pytest.approx(100.0)
    assert _checkbox(tool.vbox.widget, "hh").isChecked()
    assert not _checkbox(tool.vbox.widget, "pas").isChecked()


def test_homogeneous_spec_sets_a_parameter_wherever_the_mechanism_is(gui, qtbot):
    h("create soma, dend[2]")
    h("connect dend[0](0), soma(1)")
    h("connect dend[1](0), soma(1)")
    h.dend[0].nseg = 3
    for sec in (h.soma, h.dend[0]):
        sec.insert("hh")
    h.dend[1].insert("pas")
    spec = h.ShowMechanism()
    box = spec.v1.widget
    box.resize(320, 460)
    qtbot.waitExposed(box)
    _menu_item(box, "hh").trigger()
    assert spec.red_sections() == ["soma", "dend[0]"]
    colors = spec.shape._sec_colors
    assert colors[id(h.soma)] == colors[id(h.dend[0])] == 2 and colors[id(h.dend[1])] == 1
    params = spec.deck.children[spec.mechanisms.index("hh")][3]
    _set_field(qtbot, params, "gnabar_hh", "0.2")
    assert [seg.gnabar_hh for sec in (h.soma, h.dend[0]) for seg in sec] == [0.2] * 4
    assert not h.dend[1].has_membrane("hh")
    _shot(box, "homogeneous_spec.png", (320, 460))


def test_shape_name_opens_the_clicked_sections_values(gui, qtbot):
    _cell_with_dendrite()
    h.dend.insert("pas")
    viewer = builders.open_shape_name()
    box = viewer.v1.widget
    box.resize(320, 380)
    qtbot.waitExposed(box)
    _menu_item(box, "States").trigger()
    view = viewer.shape._view
    viewer.shape._redraw_whole()
    QApplication.processEvents()
    x, y = viewer.shape.position_of(h.dend, 0.3)
    scene = view.viewbox.mapViewToScene(QPointF(x, y))
    before = {r.title for r in registry().records()}
    qtbot.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=view.graphics.mapFromScene(scene)
    )
    (new,) = [r for r in registry().records() if r.title not in before]
    name, x, kind = re.fullmatch(r"(\w+)\(([\d.]+)\) \((\w+)\)", new.title).groups()
    assert (name, kind) == ("dend", "States") and float(x) == pytest.approx(0.3, abs=0.01)
    assert [f.prompt.text().split()[0] for f in new.owner.value_fields()] == ["v"]


def test_model_builders_come_first_in_a_session(gui, qtbot):
    h.xpanel("opened first")
    h.xpanel(10, 10)
    sc = builders.open_single_compartment()
    ppm = builders.open_point_manager()
    text = session.session_text()
    order = [
        text.index(s)
        for s in ("new SingleCompartment(0)", "new PointProcessManager(0)", '"opened first"')
    ]
    assert order == sorted(order)
    assert sc and ppm


def test_an_inserter_comes_back_from_a_session(gui, qtbot, tmp_path):
    h("create soma, dend")
    h("access dend")
    ins = builders.open_inserter()
    qtbot.mouseClick(_checkbox(ins.v1.widget, "pas"), Qt.MouseButton.LeftButton)
    h.dend(0.5).g_pas = 0.0004
    path = tmp_path / "ins.ses"
    h.save_session(str(path))
    text = path.read_text()
    # NEURON's own Inserter lines (inserter.hoc's dsave), nothing NeuroQt-only
    assert "dend ocbox_ = new Inserter(0)" in text
    block = text[text.index('mt.select("pas")') :]
    assert block.split("\n")[:5] == [
        'mt.select("pas") i = mt.selected()',
        'ms[i] = new MechanismStandard("pas")',
        'ms[i].set("g_pas", 0.0004, 0)',
        'ms[i].set("e_pas", -70, 0)',
        "mstate[i]= 1",
    ]
    assert "mech_on" not in text
    registry().close_all()
    h.dend.uninsert("pas")
    h("access soma")
    (rec,) = session.load_session(path)
    tool = rec.owner._ref
    assert tool.sec.name() == "dend" and h.dend.has_membrane("pas")
    assert h.dend(0.5).g_pas == 0.0004
    assert _checkbox(tool.v1.widget, "pas").isChecked()


def test_mechanism_standard_of_a_density_mechanism_works_as_neurons(gui):
    """What NEURON 9.0.2 answers for the same calls (checked in /work/refenv): parameter
    names carry the suffix, out() sets the whole accessed section, in() reads its first
    segment."""
    h("create soma")
    h("access soma")
    h.soma.nseg = 3
    h.soma.insert("hh")
    ms = h.MechanismStandard("hh")
    assert (ms.name(0), ms.count()) == ("gnabar_hh", 4)
    ms.set("gnabar_hh", 0.2, 0)
    ms.out()
    assert [seg.gnabar_hh for seg in h.soma] == [0.2, 0.2, 0.2]
    for seg, value in zip(h.soma, (0.01, 0.05, 0.09), strict=True):
        seg.gkbar_hh = value
    ms.in_()
    assert ms.get("gkbar_hh") == 0.01
