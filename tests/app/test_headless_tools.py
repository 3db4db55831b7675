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
