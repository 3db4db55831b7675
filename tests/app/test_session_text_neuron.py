"""The session text of boxes and PlotShapes is written as NEURON writes it.

NEURON 9.0.2's own files (resources/sessions/neuron_vbox_shape.ses, and a PlotShape
saved by PWManager.save in /work/refenv) write each panel inside a box as a ``{ }``
block, and a PlotShape as ``new PlotShape(0)``, ``size(l,r,b,t)`` (no spaces),
``variable("v")``, then ``view(...)``: no ``scale()`` line.
"""

from __future__ import annotations

import re

import pytest
from _session_support import SESSIONS, gui_installed

from sim import h


@pytest.fixture
def gui(qt_windows):
    with gui_installed(True) as soma:
        yield soma
    qt_windows.close_all()


def _skeleton(text: str) -> list[str]:
    """The block structure: braces, panel starts/ends and the box's own lines."""
    keep = []
    for line in text.splitlines():
        line = line.strip()
        if line in ("{", "}") or line.startswith(("ocbox_", "objref ocbox_")):
            keep.append(re.sub(r"-?\d+(\.\d+)?", "N", line))
        elif line.startswith("xpanel("):
            keep.append("xpanel(...)" if line != "xpanel()" else "xpanel()")
    return keep


def _neurons_controls_box() -> str:
    text = (SESSIONS / "neuron_vbox_shape.ses").read_text()
    start = text.index("ocbox_ = new HBox()")
    end = text.index("objref ocbox_", start) + len("objref ocbox_")
    return "{\n" + text[start:end] + "\n"


def test_panels_in_a_box_are_written_as_blocks_as_neuron_does(gui):
    box = h.HBox()
    box.intercept(1)
    h.xpanel("Temperature", 0)
    h.xvalue("celsius", "celsius", 1, "", 0, 0)
    h.xpanel()
    h.xpanel("Actions", 0)
    h.xbutton("Init & Run", "run()")
    h.xbutton("Stop", "stoprun=1")
    h.xpanel()
    box.intercept(0)
    box.map("Controls", 40, 60, -1, -1)
    assert _skeleton(box.session_text()) == _skeleton(_neurons_controls_box())


def _plotshape_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.startswith(("save_window_", "{save_window_"))]


def test_a_plotshape_is_written_as_neuron_writes_it(gui, qtbot):
    ps = h.PlotShape()
    lines = _plotshape_lines(ps.session_text())
    assert [ln.split("(")[0] for ln in lines] == [
        "save_window_ = new PlotShape",
        "save_window_.size",
        "save_window_.variable",
        "{save_window_.view",
    ]
    assert re.fullmatch(r"save_window_\.size\(\S+,\S+,\S+,\S+\)", lines[1])  # no spaces
    assert lines[2] == 'save_window_.variable("v")'


def test_a_colour_scale_the_person_set_is_kept(gui):
    ps = h.PlotShape()
    ps.scale(-70, 30)
    lines = _plotshape_lines(ps.session_text())
    assert "save_window_.scale(-70, 30)" in lines
    assert lines.index("save_window_.scale(-70, 30)") < len(lines) - 1  # before view()
