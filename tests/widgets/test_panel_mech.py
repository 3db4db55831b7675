"""nrnpointmenu, nrnsecmenu and nrnglobalmechmenu over the built-in mechanisms.

Expected names, order and defaults are NEURON 9.0.2's (MechanismStandard lists,
IClamp/hh defaults)."""

from __future__ import annotations

import pytest
from _panel_support import install, type_into
from PySide6.QtWidgets import QLabel

from sim import h
from widgets import panel

pytestmark = pytest.mark.skipif(
    "Section" not in h._symbols or "IClamp" not in h._symbols, reason="engine not installed yet"
)


@pytest.fixture
def gui(qt_windows, qtbot):
    yield from install(qt_windows, qtbot)


@pytest.fixture
def soma():
    sec = h.Section(name="soma")
    sec.insert("hh")
    yield sec


def _prompts(p) -> list[str]:
    return [f.prompt.text() for f in p.value_fields()]


def test_nrnpointmenu_shows_every_variable_with_units_and_edits_them(gui, qtbot, soma):
    stim = h.IClamp(soma(0.5))
    h.nrnpointmenu(stim)
    p = panel.last_panel()
    assert p.title == "IClamp[0]" or p.title.startswith("IClamp[")
    assert p.findChildren(QLabel)[0].text() == f"{stim.hname()} at soma(0.5)"
    assert _prompts(p) == ["del (ms)", "dur (ms)", "amp (nA)", "i (nA)"]
    type_into(qtbot, p.value_fields()[2].field, "0.3")
    assert stim.amp == 0.3


def test_nrnpointmenu_label_styles(gui, soma):
    stim = h.IClamp(soma(0.5))
    h.nrnpointmenu(stim, -1)
    assert panel.last_panel().findChildren(QLabel) == []
    h.nrnpointmenu(stim, 0)
    assert [w.text() for w in panel.last_panel().findChildren(QLabel)] == [stim.hname()]


def test_nrnsecmenu_parameters_at_a_location(gui, qtbot, soma):
    h.nrnsecmenu(0.5, 1, sec=soma)
    p = panel.last_panel()
    names = [t.split(" (")[0] for t in _prompts(p)]
    assert names[:5] == ["nseg", "L", "Ra", "diam", "cm"]
    # then each mechanism's PARAMETERs in NEURON's order (MechanismStandard(name, 1))
    hh = [n for n in names if n.endswith("_hh")]
    assert hh == ["gnabar_hh", "gkbar_hh", "gl_hh", "el_hh"]
    assert {"ena", "nai", "nao", "ek", "ki", "ko"} <= set(names[5:])
    gnabar = next(f for f in p.value_fields() if f.prompt.text().startswith("gnabar_hh"))
    assert gnabar.field.text() == "0.12"
    type_into(qtbot, gnabar.field, "0.25")
    assert soma(0.5).gnabar_hh == 0.25


def test_nrnsecmenu_states_and_whole_section(gui, qtbot, soma):
    soma.nseg = 3
    h.nrnsecmenu(-1, 3, sec=soma)
    p = panel.last_panel()
    names = [t.split(" (")[0] for t in _prompts(p)]
    assert names == ["v", "m_hh", "h_hh", "n_hh"]
    v = p.value_fields()[0]
    type_into(qtbot, v.field, "-70")
    assert [seg.v for seg in soma] == [-70, -70, -70]  # every segment
    soma(0.1).v = -10
    h.doNotify()
    assert v.field.text() == "not constant"  # along the section, any more


def test_nrnglobalmechmenu_counts_and_shows_globals(gui):
    assert h.nrnglobalmechmenu("hh", 0) == 1  # usetable_hh, as in NEURON 9
    h.nrnglobalmechmenu("hh")
    assert _prompts(panel.last_panel()) == ["usetable_hh"]
    h.nrnglobalmechmenu("no_such_mech")
    assert any("not a mechanism" in m for m in gui.messages())


def test_nrnallsectionmenu_opens_a_sections_parameters(gui, qtbot, soma):
    from _panel_support import click

    from widgets.panel_controls import ButtonControl

    dend = h.Section(name="dend")
    h.nrnallsectionmenu()
    buttons = panel.last_panel().findChildren(ButtonControl)
    assert {"soma", "dend"} <= {b.text() for b in buttons}  # (other tests' sections may live)
    click(qtbot, next(b for b in buttons if b.text() == "dend"))
    opened = panel.last_panel()
    assert opened.title == "dend (Parameters)"
    assert [t.split(" (")[0] for t in _prompts(opened)][:3] == ["nseg", "L", "Ra"]
    del dend
