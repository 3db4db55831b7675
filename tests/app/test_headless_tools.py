"""A session file that builds its model with NEURON's GUI tools loads with no GUI.

Real NEURON 9.0.2 loads resources/sessions/neuron_tools.ses with -nogui and builds:
soma (L 3.183098861837907, diam 10, nseg 1, area 100 um2) with pas and hh, and
IClamp[0] at soma(0.5) with del 2, dur 0.5, amp 50; after finitialize(-65) and
continuerun(5), soma(0.5).v is -76.12272925339694 (run in /work/refenv).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS_SES = ROOT / "resources" / "sessions" / "neuron_tools.ses"

# What NEURON 9.0.2 builds from neuron_tools.ses headless (see the module docstring).
NEURON_MODEL = {
    "sections": ["soma"],
    "L": 3.183098861837907,
    "diam": 10.0,
    "nseg": 1,
    "area": 100.0,
    "mechs": ["hh", "pas"],
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3},
    "pas": {"g": 0.0002, "e": -70.0},
    "iclamps": [["soma(0.5)", 2.0, 0.5, 50.0]],
    "v_at_5ms": -76.12272925339694,
}

DESCRIBE = """
import json
from neuron import h
secs = list(h.allsec())
soma = secs[0]
d = soma.psection()["density_mechs"]
out = {
    "sections": [s.name() for s in secs],
    "L": soma.L, "diam": soma.diam, "nseg": soma.nseg, "area": soma(0.5).area(),
    "mechs": sorted(d),
    "hh": {k: d["hh"][k][0] for k in ("gnabar", "gkbar", "gl", "el")},
    "pas": {k: d["pas"][k][0] for k in ("g", "e")},
    "iclamps": [[str(c.get_segment()), c.delay, c.dur, c.amp] for c in h.List("IClamp")],
}
h.finitialize(-65)
h.continuerun(5)
out["v_at_5ms"] = soma(0.5).v
print("MODEL", json.dumps(out))
"""


def _model(stdout: str) -> dict:
    lines = [ln for ln in stdout.splitlines() if ln.startswith("MODEL ")]
    assert lines, f"no model printed; stdout was:\n{stdout}"
    return json.loads(lines[-1][len("MODEL ") :])


def _check(model: dict) -> None:
    expected = dict(NEURON_MODEL)
    v = model.pop("v_at_5ms")
    assert v == pytest.approx(expected.pop("v_at_5ms"), abs=1e-9)
    for key in ("L", "area"):
        assert model.pop(key) == pytest.approx(expected.pop(key), rel=1e-12)
    assert model == expected


def test_nogui_loads_a_session_made_with_the_tools_and_builds_neurons_model(neuroqt):
    out = neuroqt("-nogui", str(TOOLS_SES), "-c", DESCRIBE)
    assert out.returncode == 0, out.stderr
    assert "Couldn't find" not in out.stderr
    assert "not a template" not in out.stderr
    _check(_model(out.stdout))


def test_python_m_sim_loads_the_tools_session_from_a_script(tmp_path):
    script = tmp_path / "load_tools.py"
    script.write_text(
        f"from neuron import h\nh.load_file('nrngui.hoc')\nh.load_file({str(TOOLS_SES)!r})\n"
        + DESCRIBE
    )
    out = subprocess.run(
        [sys.executable, "-m", "sim", str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip() == ""
    _check(_model(out.stdout))


def test_python_m_sim_runs_the_session_file_itself():
    out = subprocess.run(
        [sys.executable, "-m", "sim", str(TOOLS_SES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip() == ""


# A Cell Builder block as NeuroQt's Cell Builder saves it (CellBuilder.session_text):
# soma L = diam = 20 with hh; dend[0..1] L 400, diam 1 with pas; Ra 100, cm 1; nseg by
# d_lambda 0.1.  Real NEURON 9.0.2 on the same cell written by hand (see
# tests/app/test_builders_cell.py): nseg 1 / 15 / 15, each section's area 1256.637061 um2.
CELL_BUILDER_SESSION = """\
{load_file("nrngui.hoc")}
objectvar save_window_, rvp_
objectvar scene_vector_[2]
objectvar ocbox_, ocbox_list_, scene_, scene_list_
{ocbox_list_ = new List()  scene_list_ = new List()}
//Begin CellBuild[0]
{
load_file("celbild.hoc")
}
{
ocbox_ = new CellBuild(1)
}
{object_push(ocbox_)}
{
spec_section("dend", "soma")
spec_section("dend", "soma")
spec_subset("dendrites", "dend[0] dend[1]")
spec_geom("soma", 20, 20, -1, -1, -1)
spec_geom("dendrites", 400, 1, -1, -1, -1)
spec_geom("all", -1, -1, -1, 0.1, -1)
spec_biophys("all", 100, 1, "")
spec_biophys("soma", -1, -1, "hh")
spec_biophys("dendrites", -1, -1, "pas:g=0.0002,e=-70")
classname_set("Pyramid")
continuous_set(1)
}
{object_pop() doNotify()}
{
ocbox_.map("CellBuild[0]", 40, 40, 560, 380)
}
objref ocbox_
//End CellBuild[0]
objectvar scene_vector_[1]
{doNotify()}
"""

DESCRIBE_CELL = """
import json
from neuron import h
out = {s.name(): [s.nseg, round(sum(seg.area() for seg in s), 6),
                  sorted(s.psection()["density_mechs"])] for s in h.allsec()}
print("MODEL", json.dumps(out))
"""


def test_nogui_loads_a_cell_builder_session_and_makes_the_cell(neuroqt, tmp_path):
    ses = tmp_path / "cell.ses"
    ses.write_text(CELL_BUILDER_SESSION)
    out = neuroqt("-nogui", str(ses), "-c", DESCRIBE_CELL)
    assert out.returncode == 0, out.stderr
    assert _model(out.stdout) == {
        "soma": [1, 1256.637061, ["hh"]],
        "dend[0]": [15, 1256.637061, ["pas"]],
        "dend[1]": [15, 1256.637061, ["pas"]],
    }
