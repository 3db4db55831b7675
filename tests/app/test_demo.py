"""The bundled tutorial examples run unchanged, headless and with the GUI, as NEURON runs them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"

# What each example prints under NEURON 9.0.2 (`python example.py` in /work/refenv).
NEURON_STDOUT = {
    "hh_live.py": "samples: 1981\npeak v (mV): 39.95586699041034\n",
    "spike_times.py": (
        "spike times:\n[3.1750000000000114, 28.149999999998936, 41.6250000000009]\n"
        "ISIs:\n[24.974999999998925, 13.475000000001966]\n"
    ),
    "morphology.py": (
        "\n|-|       soma(0-1)\n   `|       proxApical(0-1)\n     `|       apic1(0-1)\n"
        "     `|       apic2(0-1)\n `|       proxBasal(0-1)\n   `|       distBasal1(0-1)\n"
        "   `|       distBasal2(0-1)\n\n"
    ),
    "plotshape.py": "\n|-|       main(0-1)\n   `|       dend1(0-1)\n   `|       dend2(0-1)\n\n",
    "myneuron.py": "\n|-|       soma(0-1)\n   `|       apic(0-1)\n `|       basal(0-1)\n\n",
    "panel_hello.py": "",
    "panel_button.py": "",
    "panel_classes.py": "",
    "panel_hbox.py": "",
    "main.py": "",
}

NEEDS_STDRUN = pytest.mark.xfail(
    strict=True, reason="not yet: the standard run system (h.continuerun, h.graphList)"
)


def _example(name: str):
    marks: list = []
    return pytest.param(name, marks=marks, id=name)


EXAMPLES = [_example(n) for n in NEURON_STDOUT]


def _numbers_close(actual: str, expected: str) -> bool:
    """Equal text, except numbers (and lists of numbers) equal to 1e-9."""
    a_lines, e_lines = actual.splitlines(), expected.splitlines()
    if len(a_lines) != len(e_lines):
        return False
    for a, e in zip(a_lines, e_lines):
        if a == e:
            continue
        a_head, _, a_val = a.rpartition(" ") if not a.startswith("[") else ("", "", a)
        e_head, _, e_val = e.rpartition(" ") if not e.startswith("[") else ("", "", e)
        try:
            av, ev = ast.literal_eval(a_val), ast.literal_eval(e_val)
        except (SyntaxError, ValueError):
            return False
        if a_head != e_head or pytest.approx(ev, abs=1e-9) != av:
            return False
    return True


def test_every_example_file_is_listed_here():
    files = {p.name for p in DEMO.glob("*.py") if not p.name.startswith("_")}
    assert files == set(NEURON_STDOUT)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs_headless_with_neurons_output(name, neuroqt):
    out = neuroqt("-nogui", str(DEMO / name))
    assert out.returncode == 0, out.stderr
    assert _numbers_close(out.stdout, NEURON_STDOUT[name]), out.stdout


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs_with_the_gui_without_errors(name, neuroqt):
    out = neuroqt(str(DEMO / name), env_extra={"NEUROQT_EXIT_AFTER_FILES": "1"})
    assert out.returncode == 0, out.stderr
    assert _numbers_close(out.stdout, NEURON_STDOUT[name]), out.stdout


def test_spike_time_example_prints_neurons_repr():
    expected = "[3.1750000000000114, 28.149999999998936, 41.6250000000009]"
    assert expected in NEURON_STDOUT["spike_times.py"]


def test_demo_option_opens_the_hh_demo(neuroqt):
    out = neuroqt("--demo", env_extra={"NEUROQT_EXIT_AFTER_FILES": "1"})
    assert out.returncode == 0, out.stderr
